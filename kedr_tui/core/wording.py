"""Every Russian word the core says, in one place, by subject.

Read top to bottom, this is the whole wording of the core: findings of the checks, refusals
of numbers and dates, the loader's schema and TOML messages, file and folder trouble, the
lock, the journal, the review and the diff. Call sites pass values (names already shortened,
numbers already formatted); sentences are built here, never glued from pieces elsewhere.
The field catalogue (``core/fields.py``) keeps each field's labels in its one entry.
"""
from __future__ import annotations

import errno


def plural(n: int, one: str, few: str, many: str) -> str:
    """The number with its noun: «1 правка», «2 правки», «5 правок» (11–14 take the many form)."""
    tail = n % 100
    if 11 <= tail <= 14:
        word = many
    else:
        word = {1: one, 2: few, 3: few, 4: few}.get(n % 10, many)
    return f"{n} {word}"


# -------------------------------------- typed numbers and dates (the editor, the loader, the CLI)
# «в марте 2021 года»: the month in the prepositional case.
MONTHS_IN = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
             "сентябре", "октябре", "ноябре", "декабре")


def no_such_day(shown, month, year, last):
    return (f"«{shown}»: такого дня нет — в {MONTHS_IN[month - 1]} {year} года "
            f"{plural(last, 'день', 'дня', 'дней')}")


NUMBER_EMPTY = "пустое значение, ожидается число"


def number_bad_spaces(shown):
    return (f"«{shown}»: пробел допустим только между группами по три цифры "
            "(пример: 1 129,01)")


def not_a_number_example(shown):
    return f"«{shown}» — не число (пример: 1 129,01)"


def not_a_number(shown):
    return f"«{shown}» — не число"


def huge_number_about(sign, digits):
    return f"{sign}число примерно из {digits} цифр"


def huge_number(sign, digits):
    return f"{sign}число из {digits} цифр"


def not_an_integer(text):
    return f"«{text}» — не целое число"


def not_an_integer_example(text):
    return f"«{text}» — не число (пример: 2)"


def not_a_date(shown):
    return f"«{shown}» — не дата (ДД.ММ.ГГГГ)"


def no_such_month(shown, month):
    return f"«{shown}»: месяца {month} нет (месяц от 1 до 12)"


def no_such_year(shown, year):
    return f"«{shown}»: года {year} нет"


NUMBER_NOT_FINITE = "ожидается конечное число"
NUMBER_TOO_LARGE = "число слишком велико (не больше 15 цифр до запятой)"


def too_many_places(places):
    return f"слишком много знаков после запятой (не больше {places})"


# ---------------------------------------------------------- the editor: hints and typed values
# What the editor says under the input line, by editor kind (core/fields.py's kinds).
EDITOR_HINTS = {
    "number": "число: 1 129,01 · 1129.01 · −5",
    "integer": "целое число",
    "date": "дата: ДД.ММ.ГГГГ",
    "text": "текст в одну строку",
}
OPTIONAL_HINT = "; пусто — значения нет"
# Typed into «лучше, когда» (the catalogue also takes higher / lower).
HIGHER_WORDS = ("больше", "выше")
LOWER_WORDS = ("меньше", "ниже")
BETTER_EXPECTED = "ожидается «больше» (higher) или «меньше» (lower)"
ONE_LINE_EXPECTED = "здесь нужна одна строка"
# A value inside a sentence: «больше» / «меньше», and an empty text.
BETTER_SHORT = {"higher": "больше", "lower": "меньше"}
EMPTY_TEXT = "пусто"


def no_such_task(value, low, high):
    """``low`` is 0 where the programme's goal counts as task 0 (indicators)."""
    goal = " (0 — цель программы)" if low == 0 else ""
    return f"нет задачи {value}: задачи с {low} по {high}{goal}"


# ----------------------------- formulas («Расчет значения показателя»): why one can't be computed
FORMULA_TRAILING = "лишние символы в выражении"
FORMULA_DIVISION_BY_ZERO = "деление на ноль"
FORMULA_TOO_DEEP = "слишком глубокая вложенность скобок"
FORMULA_CUT_SHORT = "выражение оборвано"
FORMULA_PAREN_OPEN = "не закрыта скобка"


def formula_unexpected(symbol):
    return f"неожиданный символ «{symbol}»"


FORMULA_FOREIGN = "в выражении есть посторонние символы"
FORMULA_NUMBER_RANGE = "число вне допустимого диапазона"
FORMULA_RESULT_RANGE = "результат вне допустимого диапазона"


# ------------------------------------------------------------- the loader: TOML syntax (E-SYNTAX)
# tomllib's messages, every one of them (Python 3.11), in the officer's language.
# {key}: the key tomllib names, as «indicators.fact»; {raw}: its words as they are.
TOMLLIB = (
    (r"Cannot declare (.+) twice", "ключ или таблица «{key}» объявлены дважды"),
    (r"Cannot mutate immutable namespace (.+)",
     "таблицу «{key}» нельзя дополнять (она задана целиком выше)"),
    (r"Cannot overwrite a value", "значение нельзя задать повторно"),
    (r"Cannot redefine namespace (.+)", "таблица «{key}» уже задана"),
    (r"Duplicate inline table key (.+)", "ключ «{key}» повторяется во встроенной таблице"),
    (r"Escaped character is not a Unicode scalar value",
     "экранированный символ не является символом Юникода"),
    (r"Expected '=' after a key in a key/value pair", "после ключа нужен знак «=»"),
    (r"Expected '\]' at the end of a table declaration",
     "заголовок таблицы должен кончаться на «]»"),
    (r"Expected '\]\]' at the end of an array declaration",
     "заголовок массива таблиц должен кончаться на «]]»"),
    (r"Expected newline or end of document after a statement",
     "после значения на строке ничего не должно быть (кроме комментария)"),
    (r"Expected (.+)", "ожидается {raw}"),
    (r"Found invalid character (.+)", "недопустимый символ {raw}"),
    (r"Illegal character (.+)", "недопустимый символ {raw}"),
    (r"Invalid date or datetime", "неверная дата или время"),
    (r"Invalid hex value", "неверное шестнадцатеричное значение"),
    (r"Invalid initial character for a key part", "ключ начинается с недопустимого символа"),
    (r"Invalid statement", "непонятная строка: ожидается ключ = значение или [таблица]"),
    (r"Invalid value", "неверное значение"),
    (r"Unclosed array", "массив не закрыт «]»"),
    (r"Unclosed inline table", "встроенная таблица не закрыта «}}»"),
    (r"Unescaped '\\' in a string", "обратная косая черта «\\» в строке без пары"),
    (r"Unterminated string", "строка не закрыта кавычкой"),
)


def toml_syntax(reason):
    return f"синтаксическая ошибка TOML: {reason}"


def toml_number_hint(key, value):
    return f"число в файле пишется так: {key} = {value} (дробная часть через точку, без пробелов)"


def toml_text_hint(key, value):
    return f'текст в файле пишется в кавычках: {key} = "{value}"'


def toml_date_hint(key, value):
    return f"дата в файле пишется так: {key} = {value}"


def toml_too_deep(limit):
    return ("синтаксическая ошибка TOML: слишком глубокая "
            f"вложенность массивов или таблиц (больше {limit})")


TOML_INTEGER_TOO_LONG = ("синтаксическая ошибка TOML: целое число "
                         "слишком длинное (больше 4300 цифр)")


# --------------------------------------------------------- the loader: keys and values (E-SCHEMA)
# What a value in the file must be, by the kind of its field (core/schema.py's STR, INT, ...).
KIND_NAMES = {
    "str": "строка в кавычках", "int": "целое число", "num": "число",
    "date": "дата TOML вида 2021-03-24 (без кавычек)", "better": "«higher» или «lower»",
}
# What a value in the file is, by its Python type's name.
TYPE_NAMES = {"str": "строка", "int": "целое число", "Decimal": "дробное число",
              "bool": "логическое значение", "list": "массив", "dict": "таблица", "date": "дата",
              "datetime": "дата и время", "time": "время"}


def wrong_kind(key, kind, what, type_name=None):
    """``what``: the value as found; ``type_name``: its type, when ``what`` is the value itself."""
    tail = f" ({type_name})" if type_name is not None else ""
    return f"«{key}»: ожидается {KIND_NAMES[kind]}, а не {what}{tail}"


def _maybe(close):
    return f" (может быть, «{close}»?)" if close else ""


def _key(key):
    """A key from the file as a message names it: a key of thousands of letters is clipped."""
    return key if len(key) <= KEY_WIDTH else key[:KEY_WIDTH - 1] + "…"


KEY_WIDTH = 60


def unknown_key(key, section, close=None):
    """``close``: the known key it may be a typo of."""
    return f"неизвестный ключ «{_key(key)}» в [{_key(section)}]{_maybe(close)}"


def unknown_top_key(key, close=None):
    return f"неизвестный ключ верхнего уровня «{_key(key)}»{_maybe(close)}"


def number_out_of_range(key, value):
    return f"«{key}»: номер вне допустимого диапазона: {value}"


def table_expected(section, type_name):
    return f"«{section}»: ожидается таблица, а не {type_name}"


def missing_key_in(key, section):
    return f"нет обязательного ключа «{key}» в [{section}]"


def missing_top_key(key):
    return f"нет обязательного ключа «{key}»"


def format_unsupported(what, expected):
    return f"формат файла {what} не поддерживается (ожидается format = {expected})"


def year_not_a_year(value):
    return f"«year»: ожидается год числом (например 2021), а не «{value}»"


def array_of_tables_expected(section, type_name):
    return (f"«{section}»: ожидается массив таблиц [[{section}]], а не "
            f"{type_name}")


# -------------------------------- checks: errors and warnings (E-YEAR, E-CODE, E-REF, E-DUP, W-*)


def year_differs(year, file_year):
    return (f"год в файле {year} не совпадает с именем файла "
            f"({file_year})")


def code_malformed(code):
    return f"код «{code}» не в форме МП.Пп.ОМ.М (например 04.0.02.1)"


def code_leading_zero(code, canonical):
    return (f"код «{code}» записан не так: номер мероприятия без нуля "
            f"впереди, «{canonical}»")


def code_repeats_as(code, other):
    return f"код «{code}» повторяет «{other}»"


def code_of_other_program(code, program):
    return f"код «{code}» не относится к программе «{program}»"


def program_code_empty():
    return "код программы не задан: коды мероприятий не с чем сверить"


def code_of_program_listed(code):
    return f"код программы «{code}» не указывается среди мероприятий"


def code_repeated(code):
    return f"код «{code}» повторяется"


def parent_missing(code, parent):
    return f"у мероприятия «{code}» нет родителя «{parent}»"


def main_activity_needs_task(code):
    return f"основному мероприятию «{code}» нужен ключ «task» (номер задачи)"


def activity_unknown_task(code, task, tasks):
    return (f"мероприятие «{code}» ссылается на задачу {task}, а задач "
            f"{tasks}")


def indicator_unknown_task(name, task, tasks):
    return (f"показатель «{name}» ссылается на задачу {task}, а задач "
            f"{tasks}")


def expense_unknown_activity(code):
    return f"расход на неизвестное мероприятие «{code}»"


def executor_repeated(executor, code):
    return f"исполнитель «{executor}» повторяется в мероприятии «{code}»"


def indicator_repeated(name, task, position):
    where = f"в задаче {task}" if task else "среди показателей цели"
    return f"показатель «{name}» повторяется {where} (как № {position} в файле)"


def amendment_repeated(act, number, date):
    return f"изменение «{act}» № {number} от {date} повторяется"


def no_fact_no_justification(name):
    return f"{name}: нет факта и нет обоснования"


def indicator_unjustified(name, fact, plan):
    return (f"{name}: факт {fact} хуже плана {plan}, "
            "нет обоснования отклонения")


def formula_not_computed(name, expression, error):
    return f"{name}: расчёт «{expression}» не вычисляется: {error}"


def formula_mismatch(name, expression, value, fact):
    return (f"{name}: расчёт «{expression}» = {value}, "
            f"а факт {fact}")


def previous_syntax(line):
    return f"синтаксическая ошибка TOML в строке {line}" if line else "синтаксическая ошибка TOML"


def previous_unreadable(last_year, name, problem):
    return (f"отчёт за {last_year} год ({name}) не прочитан: {problem}; значения за прошлый "
            "год не сверены")


def prev_differs(name, prev, last_year, last):
    return (f"{name}: значение за прошлый год {prev} не совпадает "
            f"с фактом в отчёте за {last_year} год ({last})")


def cash_below_plan(where, cash, plan_year):
    return (f"{where}: кассовое исполнение {cash} ниже плана "
            f"{plan_year}, нет обоснования")


def cash_above_period_plan(where, cash, plan_period):
    return (f"{where}: кассовое исполнение {cash} выше плана на "
            f"период {plan_period}")


def period_plan_above_year_plan(where, plan_period, plan_year):
    return (f"{where}: план на период {plan_period} выше плана "
            f"на год {plan_year}")


def placeholder_row(text):
    return f"«{text}»: строка добавлена, но не заполнена"


def empty_activity(code):
    return (f"мероприятие «{code}» без вложенных мероприятий и без "
            "исполнителей")


def row_on_a_parent(code, executor):
    return (f"«{code}», {executor}: у мероприятия «{code}» есть вложенные мероприятия — строку "
            "исполнителя нужно перенести в одно из них (в форме 2 она видна только в итогах)")


# ------------------------------------------ checks: plausibility (W-NEGATIVE, W-RANGE, W-OUTLIER)
# The first words of an indicator's name that make it a share within 0–100 (matched in lower case).
SHARE_WORDS = ("доля", "процент", "уровень")
# A value named inside a finding's sentence, by its key in the format.
VALUE_NOUNS = {"plan": "план", "fact": "факт", "plan_year": "план на год",
               "plan_period": "план на период", "cash": "кассовое исполнение"}


def negative_indicator_value(name, key, value, left_out):
    tail = " — показатель не учитывается в оценке эффективности" if left_out else ""
    return f"{name}: {VALUE_NOUNS[key]} {value} меньше нуля{tail}"


def negative_expense_value(code, executor, key, value):
    return f"«{code}», {executor}: {VALUE_NOUNS[key]} {value} меньше нуля"


def share_out_of_range(name, key, value):
    return f"{name}: {VALUE_NOUNS[key]} {value} % вне 0–100 %"


def outlier(name, fact, way, plan, prev):
    """``way`` is ``"larger"`` or ``"smaller"`` (``checks.outlier``)."""
    way = "больше" if way == "larger" else "меньше"
    return (f"{name}: факт {fact} более чем в 10 раз {way} и плана {plan}, и прошлого года {prev} "
            "— возможно, опечатка")


# --------------------------------- the evaluation (оценка эффективности) and the groups of Form 1
RATING_HIGH = "высокая"
RATING_MEDIUM = "средняя"
RATING_SATISFACTORY = "удовлетворительная"
RATING_LOW = "неудовлетворительная"
RATING_NONE = "не определена"
# The evaluation in words, and its formulas as the app and the PDF show them.
EVALUATION = "Оценка эффективности"
EIS_FORMULA = "СРм / ССуз"
ER_FORMULA = "СР × Эис"


def goal_indicators(title):
    return f"Показатели цели «{title}»" if title.strip() else "Показатели цели"


def task_indicators_no_task(task):
    return f"Показатели задачи {task} (такой задачи нет)"


def task_indicators(task, title):
    return f"Показатели задачи {task} «{title}»" if title.strip() else f"Показатели задачи {task}"


LEFT_OUT_NEGATIVE = "план или факт меньше нуля"
LEFT_OUT_NO_FACT = "нет факта"
LEFT_OUT_PLAN_ZERO = "план 0"


# --------------------------- rows and sections in words (marks, the diff, recovery, the protocol)
ROW_REPORT = "Отчёт в целом"
ROW_TABLES = {"program": "Программа", "signature": "Подпись"}
SECTIONS = {
    "report": "Отчёт", "program": "Программа", "signature": "Подпись", "narrative": "Доклад",
    "tasks": "Задачи", "indicators": "Показатели", "activities": "Мероприятия",
    "expenses": "Расходы", "amendments": "Изменения",
}
# The kinds of node of the expense tree (Form 2).
NODE_KINDS = {"program": "Программа", "subprogram": "Подпрограмма", "main": "Основное мероприятие",
              "activity": "Мероприятие"}
# The text the app puts into a row it adds (a repeated one gets a number: «… 2»); still there
# means the row was never filled in (W-PLACEHOLDER).
def first_report(year, program_title, task_title):
    """The text of a programme's first report (``kedr-tui new`` with no report before it)."""
    return f'''# Отчет о реализации муниципальной программы за {year} год
format = 1
year = {year}

[program]
code = "01"
title = "{program_title}"
municipality = ""
goal = ""

[signature]
position = ""
name = ""
executor = ""

[[tasks]]
title = "{task_title}"

[narrative]
intro = ""
outro = ""
'''


PROGRAM_PLACEHOLDER = "Наименование муниципальной программы"


PLACEHOLDER_TEXTS = {
    "tasks": ("Новая задача",),
    "indicators": ("Новый показатель",),
    "activities": ("Новое мероприятие", "Новое основное мероприятие", "Новая подпрограмма"),
    "expenses": ("Новый исполнитель",),
}


def row_task(number):
    return f"Задача {number}"


def row_indicator(task, name):
    group = "цели" if task == 0 else f"задачи {task}"
    return f"Показатель {group} «{name}»"


def row_activity(code):
    """An activity named by its code, as what it is: МП.Пп.ОМ.М with М = 0 is a main
    activity, with ОМ = 0 too a subprogram."""
    parts = code.split(".")
    if len(parts) == 4 and all(p.isdigit() for p in parts) and not int(parts[3]):
        if int(parts[2]):
            return f"Основное мероприятие {code}"
        if int(parts[1]):
            return f"Подпрограмма {code}"
    return f"Мероприятие {code}"


def row_expense(code, executor):
    return f"Расход {code}, {executor}"


def row_amendment(act, date, number):
    """``date``: already ДД.ММ.ГГГГ, or None."""
    number = f" № {number}" if number else ""
    return f"{act} от {date or 'без даты'}{number}"


def row_narrative(part, name):
    """``part``: ``intro``, ``outro`` or an indicator's ``comment`` (``name``: the indicator)."""
    if part == "intro":
        return "Доклад: вступление"
    if part == "outro":
        return "Доклад: заключение"
    return f"Доклад: текст о показателе «{name}»"


def row_id_invalid(reason):
    return f"строка указана неверно: {reason}"


# --------------------------------------------------------- values and figures in words (the diff)
BETTER_WORDS = {"higher": "больше — лучше", "lower": "меньше — лучше"}
EMPTY_VALUE = "(пусто)"
FIGURE_LABELS = {
    "abs_deviation": "абсолютное отклонение", "rel_deviation": "относительное отклонение, %",
    "growth": "темп роста, %", "achievement": "степень достижения (СДП)", "plan_year": "план на год",
    "plan_period": "план на период", "cash": "исполнено", "pct_year": "% к плану на год",
    "pct_period": "% к плану на период", "sr": "СР (степень достижения показателей)",
    "ss": "ССуз (соответствие расходов)", "srm": "СРм (доля мероприятий)",
    "eis": "Эис (эффективность расходов)", "er": "ЭР (эффективность реализации)",
    "rating": "оценка",
}


# ------------------------------------------------ edits and domain operations: refusals and names
def cannot_move(what, first):
    """``what``: ``"indicator"``, ``"task"``, ``"row"`` or ``"executor"``; ``first``: it is at the top."""
    if what == "task":
        return f"задача уже {'первая' if first else 'последняя'}"
    if what == "indicator":
        return (f"показатель уже {'первый' if first else 'последний'}; в другую задачу его "
                "переносит правка № (задачи)")
    edge = "первая" if first else "последняя"
    return f"строка уже {edge} в мероприятии" if what == "executor" else f"строка уже {edge}"


def task_in_use(number, indicators, activities):
    return (f"задачу {number} нельзя удалить: к ней относятся "
            f"{plural(indicators, 'показатель', 'показателя', 'показателей')} и "
            f"{plural(activities, 'мероприятие', 'мероприятия', 'мероприятий')}")


# ----------------------------------------- edits and the journal's entries: what can't be applied


def no_row_in(number, section):
    return f"нет строки {number} в «{section}»"


def cannot_insert_row(number):
    return f"нельзя вставить строку {number}"


def no_row(number):
    return f"нет строки {number}"


CANNOT_MOVE_ROW = "строку некуда перемещать"
VALUE_NOT_NUMBER_OR_DATE = "значение не число и не дата"


def bad_report_field(field):
    return f"недопустимое поле отчёта «{field}»"


def unknown_field_in(field, section):
    return f"неизвестное поле «{field}» в «{section}»"


def bad_field_value(field):
    return f"недопустимое значение поля «{field}»"


BAD_ROW_NUMBER = "недопустимый номер строки"
UNKNOWN_SECTION = "неизвестный раздел отчёта"
JOURNAL_ROW_MALFORMED = "строка журнала не того вида"
JOURNAL_ENTRY_MALFORMED = "запись журнала не того вида"
UNKNOWN_FIELD = "неизвестное поле"


def unknown_journal_op(op):
    return f"неизвестная операция журнала «{op}»"


# domain operations (core/operations.py): refusals, and the names of their edits for undo
def cannot_add_rows(section):
    return f"в «{section}» нельзя добавлять строки"


EDIT_ADD_TASK = "добавление задачи"


def edit_delete_task(number):
    return f"удаление задачи {number}"


CANNOT_MOVE_TASK = "задачу некуда перемещать"
EDIT_MOVE_TASK = "перемещение задачи"
EXECUTOR_ON_PARENT = ("у мероприятия есть вложенные: исполнителей добавляют во вложенные "
                      "мероприятия (итоги считаются сами)")


NO_FREE_MAIN_CODES = "свободных кодов основных мероприятий нет"
NO_FREE_SUBPROGRAM_CODES = "свободных кодов подпрограмм нет (Пп — одна цифра, до 9)"
ADD_TASK_FIRST = "сначала добавьте задачу: основное мероприятие относится к задаче"
NO_FREE_CODES = "свободных кодов мероприятий нет"
DELETE_CHILDREN_FIRST = "у мероприятия есть вложенные: сначала удалите их"


def edit_delete_activity(code):
    return f"удаление мероприятия {code}"


CODE_FORM = "код — МП.Пп.ОМ.М, например 04.0.02.1"


def code_outside_program(program):
    return f"код должен начинаться с кода программы «{program}»"


CODE_IS_PROGRAM = "это код самой программы"


def code_taken(code):
    return f"код «{code}» уже занят"


def no_parent_activity(parent):
    return f"нет родительского мероприятия «{parent}»"


MAIN_NEEDS_TASK = "основному мероприятию нужна задача: сначала укажите задачу"
CODE_OF_PARENT_FIXED = ("у мероприятия есть вложенные мероприятия: код меняется только у "
                        "мероприятия без вложенных")


def edit_code(old, new):
    return f"код {old} → {new}"


def edit_program_code(old, new):
    return f"код программы {old} → {new}"


# -------------------------------------------- the journal's edits described (the recovery dialog)
def _titled(text, title):
    return f"{text} {title}" if title else text


def row_at(section, number, title=""):
    return _titled(f"{section}, стр. {number}", title)


def row_added(section, number, title=""):
    return _titled(f"{section}: добавлена стр. {number}", title)


def row_deleted(section, number, title=""):
    return _titled(f"{section}: удалена стр. {number}", title)


def journal_entry_fails(number, reason):
    return f"запись {number} журнала не применяется: {reason}"


def row_moved(where, place):
    return f"{where}: перемещена на место {place}"


JOURNAL_NOTHING_TO_APPLY = "отчёт не читается, правки журнала не к чему применить"


def journal_damaged(reason):
    return f"журнал повреждён: {reason}"


# --------------------------------------------- reading a file (a report, a journal, a style file)
FILE_NOT_FOUND = "файл не найден"
IS_A_FOLDER = "это папка, а не файл"
SPECIAL_FILE_KINDS = {"fifo": "канал FIFO", "device": "устройство", "socket": "сокет",
                      "other": "особый файл"}


READ_REASONS = {
    errno.EACCES: "нет прав на чтение",
    errno.EPERM: "нет прав на чтение",
    errno.EISDIR: IS_A_FOLDER,
    errno.ENOTDIR: "путь проходит через файл, а не папку",
    errno.ELOOP: "слишком много символических ссылок (ссылка на саму себя?)",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.EIO: "ошибка ввода-вывода диска",
    errno.ENXIO: "устройство недоступно",
    errno.EAGAIN: "файл занят (нет данных для чтения)",
}
NOT_UTF8 = "файл не в кодировке UTF-8"


def unreadable(what, reason):
    """``what`` names the file («журнал», «файл оформления»); none for a report."""
    return f"{what}: {reason}" if what else reason


def read_failed(code):
    """Why a file could not be opened or read (``code``: the errno), never the English strerror."""
    if code in READ_REASONS:
        return READ_REASONS[code]
    return f"не читается (ошибка {code})" if code else "не читается"


def not_regular(kind):
    return f"не обычный файл ({SPECIAL_FILE_KINDS[kind]}), такие не читаются"


def size_text(size):
    return f"{size / 1048576:.0f} МБ" if size >= 1048576 else f"{max(1, size // 1024)} КБ"


def too_large(limit, size=None):
    """``size``: the file's, when known before reading."""
    if size is None:
        return f"слишком велик (допускается до {size_text(limit)})"
    return f"слишком велик ({size_text(size)}; допускается до {size_text(limit)})"


# Files named in a message about them.
JOURNAL_FILE = "журнал"
REVIEW_FILE = "файл рассмотрения"


# ----------------------------------------------------- the file changed on disk since it was read
def changed_when_by(stamp, owner):
    return f" (в {stamp}, владелец файла {owner})"


def file_changed(when_by=""):
    """``when_by``: ``changed_when_by(...)``, or empty when unknown."""
    return f"файл изменён на диске после открытия{when_by}: перечитайте его или сохраните правки под другим именем"


# ----------------------------------------------------- writing into a folder: an OSError's reason
WRITE_REASONS = {
    errno.EACCES: "нет прав на запись в папку «{folder}»",
    errno.EPERM: "нет прав на запись в папку «{folder}»",
    errno.EROFS: "папка «{folder}» на файловой системе только для чтения",
    errno.ENOSPC: "на диске нет места",
    errno.EDQUOT: "превышена дисковая квота",
    errno.EIO: "ошибка ввода-вывода диска",
    errno.ENOENT: "папка «{folder}» не существует",
    errno.ENOTDIR: "«{folder}» — не папка",
    errno.EEXIST: "«{folder}» — файл, а не папка",
    errno.EISDIR: "на этом месте папка (в «{folder}»)",
    errno.ELOOP: "на этом месте символическая ссылка",
    errno.EMLINK: "слишком много ссылок на файл",
    errno.ETXTBSY: "файл занят",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
}


def write_failed(code, folder):
    """Why a write into ``folder`` failed (``code``: the OSError's errno), never Python's strerror."""
    if code in WRITE_REASONS:
        return WRITE_REASONS[code].format(folder=folder)
    if code:
        return f"ошибка записи в папку «{folder}» (код {code})"
    return f"ошибка записи в папку «{folder}»"


# ----------------------------------------------------------------------------------------- saving


def save_failed(reason):
    return f"не удалось сохранить: {reason}; файл на диске не изменён"


FILE_DELETED_SAVE_AS = ("файл удалён или переименован после открытия: "
                        "сохраните правки под другим именем")


def cannot_verify(reason):
    return (f"не удалось сверить файл перед записью: "
            f"{reason}")


# --------------------------------------------- a session on a report: read-only, saving, recovery
READ_ONLY = "отчёт открыт только для просмотра"
READ_ONLY_ERRORS = "в отчёте есть ошибки — открыт только для просмотра"
READ_ONLY_PROTECTED = "файл защищён от записи — открыт только для просмотра"
READ_ONLY_JOURNAL_KEPT = "открыт только для просмотра; несохранённые правки остались в журнале"
REPORT_UNREADABLE = "отчёт не читается"
JOURNAL_FIRST = "сначала восстановите или отбросьте несохранённые правки из журнала"


def read_only_no_folder_rights(folder):
    return f"нет прав на запись в папку «{folder}» — открыт только для просмотра"


def save_only_as(why_read_only):
    return f"{why_read_only}; сохранить можно только под другим именем"


def edits_kept(message, journaled):
    """A failed save's message, and where the edits still are."""
    return f"{message}; правки остаются в программе" + (" и в журнале" if journaled else "")


def edit_not_journaled(reason):
    return f"правка не записана в журнал ({reason}) и не сделана"


NOTHING_TO_SAVE = "отчёт не читается, сохранять нечего"
FILE_EXISTS_CHOOSE_OTHER = "такой файл уже есть; выберите другое имя"
NO_JOURNAL_TO_RECOVER = "нет журнала правок для восстановления"


def not_recovered(reason):
    return f"правки не восстановлены: {reason}"


def journal_not_writable(reason):
    return f"журнал правок не открывается для записи: {reason}"


# ----------------------------------------------------------------- the lock: who edits the report
TIME_UNKNOWN = "неизвестного времени"
LOCK_HELD_UNKNOWN = "файл редактирует другой сеанс kedr-tui — открыт только для просмотра"
LOCK_HELD_HERE = "файл уже открыт для правки в этой же программе — открыт только для просмотра"


def owner_since(user, host, pid, since):
    """Who holds a lock or wrote a journal: «ivanova@server (pid 4242) с 14:05»."""
    return f"{user}@{host} (pid {pid}) с {since}"


def lock_held(owner):
    """``owner``: ``owner_since(...)``."""
    return f"файл редактирует {owner} — открыт только для просмотра"


def lock_file_denied(name):
    return f"нет доступа к файлу блокировки «{name}» (нужна запись для группы) — открыт только для просмотра"


def lock_failed(reason):
    return f"не удалось заблокировать файл для правки: {reason} — открыт только для просмотра"


# ------------------------------------------------------------------- the journal of unsaved edits
AUTHOR_UNKNOWN = "автор неизвестен"


def journal_owner(user, host, pid, since):
    return f"{user}@{host} (pid {pid}), начат в {since}"


def journal_summary(name, changes, entries, who):
    """What a journal holds: ``changes`` it would make, or (when it can't apply) its ``entries``."""
    if changes is not None:
        count = plural(changes, "изменение", "изменения", "изменений")
    else:
        count = plural(entries, "запись", "записи", "записей")
    return f"журнал правок «{name}»: {count}, {who}"


def journal_of_other_version(since):
    return (f"журнал начат {since} для другой версии файла: файл изменён после этого "
            "(сохранён, перечитан из git или правлен вручную), правки не применяются")


def journal_distrusted(why):
    return f"журналу нельзя верить: {why}; правки не применяются"


def journal_unreadable_beside(report, name, reason=None):
    """``check``'s note on a journal beside the report that can't be read."""
    why = f" ({reason})" if reason else ""
    return (f"{report}: рядом лежит журнал правок «{name}», он не читается{why} — "
            "откройте отчёт в kedr-tui, чтобы разобраться с ним")


def journal_beside(report, edits, who, other_version):
    """``check``'s note on unsaved edits beside the report (``who``: ``owner_since(...)``)."""
    count = plural(edits, "правка", "правки", "правок")
    if other_version:
        return (f"{report}: есть несохранённый журнал правок ({count}, {who}), но он относится к "
                "другой версии файла; проверяется файл на диске")
    return (f"{report}: есть несохранённый журнал правок ({count}, {who}); проверяется файл на диске "
            "без них — откройте отчёт в kedr-tui, чтобы восстановить или отбросить правки")


JOURNAL_NO_HEADER = "нет заголовка журнала"


def journal_version_unknown(version):
    return f"неизвестная версия журнала {version!r}"


def journal_entry_damaged(number):
    return f"запись {number} повреждена"


# -------------- a journal or review file that could speak for the report: why it can't be trusted
COMPANION_FOREIGN_WRITER = "его записал пользователь, у которого нет права на запись в отчёт"
COMPANION_GROUP_WRITABLE = "он доступен группе на запись, а сам отчёт — нет"
COMPANION_WORLD_WRITABLE = "он доступен на запись всем"


# ----------------------------------------------------------- a version to compare (a file or git)
def version_unusable(code, message, more):
    """The first error of the version, and how many more there are."""
    tail = f" (и ещё ошибок: {more})" if more > 0 else ""
    return f"{code} {message}{tail}; сравнение невозможно"


# ----------------------------------------- the review: its vocabulary (values in the review file)
# These are written into reports/<year>.review.toml and read back: rewording one is a format change.
REVIEW_STATUSES = ("черновик", "на рассмотрении", "на доработке", "принят")
MARK_STATUSES = ("вопрос", "на доработку", "принято")
DECISIONS = ("принять", "вернуть на доработку")
PROGRAM_DECISIONS = ("продолжить", "изменить", "сократить финансирование", "прекратить")
RATINGS = (RATING_HIGH, RATING_MEDIUM, RATING_SATISFACTORY, RATING_LOW)


# ------------------------------------------------------- the review: marks and what changed since
YES, NO = "да", "нет"
MARK_ORPHANED = "строки больше нет в отчёте"
MARK_CHANGED = "изменено после замечания"
# A field inside «изменено после замечания: факт 91,2 → 95».
SEEN_FIELD_NAMES = {
    "title": "наименование", "unit": "ед. изм.", "prev": "прошлый год",
    "prev_note": "примечание к прошлому году", "plan": "план", "fact": "факт",
    "fact_note": "примечание к факту", "better": "лучше, когда", "justification": "обоснование",
    "formula": "расчёт", "task": "задача", "plan_year": "план на год",
    "plan_period": "план на период", "cash": "кассовое исполнение", "summary": "содержание",
    "code": "код", "municipality": "муниципальное образование", "goal": "цель",
    "position": "должность", "name": "ФИО", "executor": "исполнитель", "intro": "вступление",
    "outro": "заключение", "comment": "текст доклада",
}


def open_mark(status, row, comment="", state=""):
    """A mark still open (check --review, the protocol): its row, comment and state."""
    text = f"замечание «{status}»: {row}"
    if comment:
        text += f" — {comment}"
    if state:
        text += f" ({state})"
    return text


def open_assignment(late, due, responsible, text, row=""):
    """``due``: ДД.ММ.ГГГГ or None; ``row``: the row it is on, empty for the whole report."""
    who = f", ответственный {responsible}" if responsible else ""
    out = f"поручение {'просрочено' if late else 'не выполнено'} (срок {due or 'без срока'}{who}): {text}"
    return out + (f" — {row}" if row else "")


def seen_field_not_kept(key, allowed=""):
    """``allowed``: the fields that are kept, already quoted; empty when none."""
    return f"«seen»: поле «{key}» не запоминается для такой строки" + (f" (допустимы: {allowed})" if allowed else "")


# ----------------------------------------------------------- the review file: what is wrong in it


def rating_differs(rating, computed):
    return (f"принятая оценка «{rating}» отличается от рассчитанной "
            f"«{computed}», а причина (rating_reason) не указана")


def review_table_expected(where, type_name):
    return f"{where}: ожидается таблица, а не {type_name}"


def review_unknown_key(key, where, allowed):
    return f"неизвестный ключ «{_key(key)}» в {where} (допустимы: {allowed})"


def review_string_expected(key, type_name):
    return f"«{key}»: ожидается строка в кавычках, а не {type_name}"


def not_in_list(key, value, allowed):
    return f"«{key}»: «{value}» — не из списка {allowed}"


def review_date_expected(key, type_name):
    return (f"«{key}»: ожидается дата TOML вида 2022-06-01 (без кавычек), "
            f"а не {type_name}")


PARTICIPANTS_EXPECTED = "«participants»: ожидается массив строк, например [\"Иванов И.И.\"]"
ROW_KEY_MISSING = "нет обязательного ключа «row» (какая строка отчёта)"


def row_table_expected(type_name):
    return (f"«row»: ожидается таблица вида {{ section = \"indicator\", task = 1, "
            f"name = \"…\" }}, а не {type_name}")


def row_section_unknown(tag, allowed):
    return f"«row»: section = «{tag}» — не из списка {allowed}"


def row_keys_needed(tag, need):
    return (f"«row»: для section = «{tag}» нужны ключи {need} нужных типов "
            "(номер задачи — целое число, дата — дата TOML)")


def seen_table_expected(type_name):
    return f"«seen»: ожидается таблица значений строки, а не {type_name}"


def seen_value_kind(key, type_name):
    return (f"«seen.{key}»: ожидается число, строка или дата, а не "
            f"{type_name}")


def made_expected(type_name):
    return (f"«made»: ожидается дата и время TOML вида 2022-03-15T10:42:00, "
            f"а не {type_name}")


def done_expected(type_name):
    return f"«done»: ожидается true или false, а не {type_name}"


def review_unknown_top_key(key, allowed):
    return f"неизвестный ключ верхнего уровня «{_key(key)}» (допустимы: {allowed})"


def review_format_unsupported(fmt, expected):
    return f"формат файла рассмотрения {fmt!r} не поддерживается (нужно format = {expected})"


def review_format_missing(expected):
    return f"нет обязательного ключа «format» (format = {expected})"


def review_of_other_report(name, report_name):
    return f"«report»: файл рассмотрения относится к «{name}», а не к «{report_name}»"


def mark_status_unknown(status, allowed):
    return f"статус замечания «{status}» — не из списка {allowed}"


def row_unknown_key(key, tag, allowed):
    """``allowed``: the keys of that section, already quoted; empty when only ``section``."""
    return (f"«row»: неизвестный ключ «{_key(key)}» для section = «{_key(tag)}» "
            f"(допустимы: {allowed or 'только section'})")


# -------------------------------------------------------------------------------- the review file
REVIEW_FILE_HEADER = "Рассмотрение отчёта: пишется программой kedr-tui, см. docs/review.md"
NOT_A_REVIEW_FILE = "это не файл рассмотрения (*.review.toml)"


def kedr_today_not_a_date(value):
    return f"«{value}» — не дата вида 2022-07-01"


def no_folder(folder):
    return f"папки «{folder}» нет"


GIT_MISSING = "не найдена программа git: без неё версии из истории не прочитать"


def git_timeout(seconds):
    return f"git не ответил за {seconds} с"


def git_fails(reason):
    return f"git не запускается: {reason}"


def revision_invalid(rev):
    return f"версия «{rev}» указана неверно"


def not_in_git(folder):
    return f"папка «{folder}» не в репозитории git"


def no_file_in_revision(rev, name):
    return f"в версии «{rev}» нет файла {name}"


def no_revision(rev):
    return f"в репозитории нет версии «{rev}»"


GIT_SILENT = "ошибка без описания"


# -------------------------------------------------------- reviewing: a session on the review file


def marks_count(before, after):
    return f"замечаний: {before} → {after}"


def assignments_count(before, after):
    return f"поручений: {before} → {after}"


MEETING_CHANGED = "изменены сведения о заседании"


def review_status_changed(before, after):
    return f"статус: {before} → {after}"


REVIEW_CHANGED = "изменено рассмотрение"
REVIEW_JOURNAL_NO_TEXT = "запись журнала без текста рассмотрения"
REVIEW_JOURNAL_UNREADABLE = "запись журнала не читается"
ASSIGNMENT_GONE = ("этого поручения больше нет в файле рассмотрения: его изменили в другом "
                   "месте")
REVIEW_READ_ONLY_ERRORS = "в файле рассмотрения есть ошибки — замечания только для просмотра"


def review_no_folder_rights(folder):
    return f"нет прав на запись в папку «{folder}» — замечания не сохранить"


REVIEW_READ_ONLY_PROTECTED = "файл рассмотрения защищён от записи — замечания только для просмотра"
OTHER_SESSION = "другой сеанс kedr-tui"


def review_held(who):
    return f"рассмотрение ведёт {who} — замечания только для просмотра"


REVIEW_READ_ONLY = "рассмотрение только для просмотра"
REVIEW_JOURNAL_FIRST = ("сначала восстановите или отбросьте несохранённые "
                        "замечания из журнала")


def mark_not_journaled(reason):
    return (f"замечание не записано в журнал "
            f"({reason}) и не сделано")


REVIEW_NOTHING_TO_SAVE = "рассмотрения ещё нет, сохранять нечего"
REVIEW_CREATED_ELSEWHERE = ("файл рассмотрения создан другим сеансом "
                            "после открытия: перечитайте его")


NO_REVIEW_JOURNAL = "нет журнала замечаний для восстановления"


def marks_not_recovered(reason):
    return f"замечания не восстановлены: {reason}"


def review_journal_not_writable(reason):
    return (f"журнал замечаний не открывается для записи: "
            f"{reason}")
