"""Every Russian word the outputs print, in one place, by subject.

Read top to bottom, this is the whole wording of the printed report (the title, the
headings and column titles of Forms 1–3, the evaluation, the «Доклад»), of the review
meeting's protocol and of the diff listing, and the messages about style files and
written outputs.  The words shared with the app and ``check`` (ratings, row names,
findings) are in ``core/wording.py``; call sites pass values, sentences are built here.
"""
from __future__ import annotations

from kedr_tui.core import wording as core


# ------------------------------------ the printed report: Forms 1–3, the evaluation, the «Доклад»
TITLE_REPORT = "ОТЧЕТ"
TITLE_ON_PROGRAM = "О РЕАЛИЗАЦИИ МУНИЦИПАЛЬНОЙ ПРОГРАММЫ"


def for_year(year):
    return f"за {year} год"


# Form 1: the column titles of each page's table head (COL_*) and of the seed's full head (HEAD_*).
COL_NUMBER = "№ пп"
COL_INDICATOR = "Наименование показателя"
COL_UNIT = "Ед. изм."
COL_PREV = "Факт за прошлый год"
COL_PLAN = "План на конец года"
COL_FACT = "Факт на конец периода"
COL_ABS_DEVIATION = "Абсолютное отклонение факта от плана"
COL_REL_DEVIATION = "Относит. отклонение факта от плана, %"
COL_GROWTH = "Темп роста к прошлому году, %"
COL_JUSTIFICATION = "Обоснование отклонений значений показателя"
COL_FORMULA = "Расчет значения показателя"
HEAD_UNIT = "Ед. измерения"
HEAD_VALUE = "Значение показателя"
HEAD_PREV = "факт на начало отчетного периода (за прошлый год)"
HEAD_PLAN = "план на конец отчетного (текущего) года"
HEAD_FACT = "факт на конец отчетного периода"
HEAD_REL_DEVIATION = "Относительное отклонение факта от плана, %"
HEAD_GROWTH = "Темп роста к уровню прошлого года, %"
HEAD_JUSTIFICATION = ("Обоснование отклонений значений целевого показателя (индикатора) "
    "на конец отчетного периода")


HEAD_FORMULA = "Расчет значения показателя на конец отчетного периода"
NO_INDICATORS = "Показатели не заданы"
FORM1_TITLE = ("Форма 1. Отчет о достигнутых значениях показателей цели и задач "
    "муниципальной программы (подпрограмм)")


# Form 2: the code columns (МП.Пп.ОМ.М), the column titles and the full head.
CODE_MP = "МП"
CODE_PP = "Пп"
CODE_OM = "ОМ"
CODE_M = "М"
COL_NODE = "Наименование программы, подпрограммы, основного мероприятия, мероприятия"
COL_EXECUTOR = "Ответственный исполнитель, соисполнитель"
COL_PLAN_YEAR = "План на отчетный год, тыс. руб."
COL_PLAN_PERIOD = "План на отчетный период, тыс. руб."
COL_CASH = "Кассовое исполнение, тыс. руб."
COL_PCT_YEAR = "% к плану на год"
COL_PCT_PERIOD = "% к плану на период"
COL_EXPENSE_JUSTIFICATION = "Обоснование отклонений"
HEAD_CODES = "Коды аналитической программной классификации"
HEAD_NODE = ("Наименование муниципальной программы, подпрограммы, основного мероприятия, "
    "мероприятия")


HEAD_BUDGET = "Расходы бюджета, тыс. рублей"
HEAD_PLAN_YEAR = "план на отчетный год"
HEAD_PLAN_PERIOD = "план на отчетный период"
HEAD_CASH = "кассовое исполнение на конец отчетного периода"
HEAD_CASH_PCT = "Кассовые расходы, %"
HEAD_PCT_YEAR = "к плану на отчетный год"
HEAD_PCT_PERIOD = "к плану на отчетный период"
# Form 2: how a node of the expense tree is named, and its total row.
KIND_PROGRAM = "Муниципальная программа"
KIND_SUBPROGRAM = "Подпрограмма"
KIND_MAIN = "Основное мероприятие"
TOTAL = "Всего"


def task_row(task, title):
    return f"Задача {task}. {title}"


FORM2_TITLE = "Форма 2. Отчет о расходах на реализацию муниципальной программы"
# Form 3.
COL_ACT = "Вид правового акта"
COL_ACT_DATE = "Дата принятия"
COL_ACT_NUMBER = "Номер"
COL_ACT_SUMMARY = "Суть изменений (краткое изложение)"
NO_AMENDMENTS = "Изменения в муниципальную программу в отчетном периоде не вносились"
FORM3_TITLE = ("Форма 3. Сведения о внесенных за отчетный период изменениях "
    "в муниципальную программу")


# The evaluation: its table (measure, symbol, calculation, value) and the СДП table.
COL_MEASURE = "Показатель оценки"
COL_SYMBOL = "Обозначение"
COL_CALCULATION = "Расчет"
COL_VALUE = "Значение"
COL_EVAL_PLAN = "План"
COL_EVAL_FACT = "Факт"
COL_SDP = "СДП"
SR_NAME = "Степень достижения плановых значений показателей"
SR = "СР"


def sr_calculation(counted, total):
    return f"среднее значение СДП; учтено показателей: {counted} из {total}"


SS_NAME = "Степень соответствия запланированному уровню расходов"
SS = "ССуз"


def ss_calculation(cash, plan_year):
    return (f"кассовые расходы / план на отчетный год = {cash} / "
            f"{plan_year}")


SRM_NAME = "Степень реализации мероприятий"
SRM = "СРм"


def srm_calculation(threshold, done, counted):
    return (f"мероприятия с кассовым исполнением не менее {threshold} % "
            f"плана на год: {done} из {counted}")


EIS_NAME = "Эффективность использования средств бюджета"
EIS = "Эис"
EIS_CALCULATION = core.EIS_FORMULA
ER_NAME = "Эффективность реализации муниципальной программы"
ER = "ЭР"
ER_CALCULATION = core.ER_FORMULA
EVALUATION_TITLE = "Оценка эффективности реализации муниципальной программы"


def evaluation_result(rating, er):
    return (f"Эффективность реализации муниципальной программы: {rating} "
            f"(ЭР = {er}).")


ACHIEVEMENT_TITLE = "Степень достижения плановых значений показателей (СДП)"
DOKLAD_TITLE = "Доклад о ходе реализации муниципальной программы"


def doklad_subtitle(title, year):
    return f"{title} за {year} год"


# ------------------------------------------------------------------ the evaluation: the rating scale and why «—»
def rating_scale(steps, low):
    """``steps``: (threshold already formatted, rating) from the highest; ``low``: the rating below."""
    text = "; ".join(f"ЭР ≥ {threshold} — {name}" for threshold, name in steps)
    return f"Шкала оценки: {text}; ЭР < {steps[-1][0]} — {low}."


def left_out_note(dash, negative):
    """Why an indicator shows «—» in the СДП table; ``negative``: one is left out for a value < 0."""
    why = ("нет фактического значения, план равен нулю или план либо факт меньше нуля" if negative
           else "нет фактического значения или план равен нулю")
    return f"«{dash}» — показатель не учитывается в оценке: {why}."


# ----------------------------------------------- the diff listing (kedr-tui diff, the git driver)
GROUP_PROGRAM = "Программа и задачи"
GROUP_INDICATORS = "Форма 1. Показатели"
GROUP_EXPENSES = "Форма 2. Расходы"
GROUP_AMENDMENTS = "Форма 3. Изменения, внесённые в программу"
GROUP_NARRATIVE = "Доклад и подпись"


def cross_year_fact(old_year, new_year):
    return f"факт {old_year} и «факт прошлого года» в {new_year}"


def cross_year_same(pad, what, value):
    return f"{pad}{what} совпадают: {value}"


def fact_equals_prev(old_year, new_year, value):
    return (f"факт {old_year} = «факт прошлого года» {new_year} "
            f"({value})")


TOTALS_CHANGED = "  Итоги («Всего»), которые изменились:"


def cross_year_header(old_year, new_year):
    return (f"Сравнение разных лет: {old_year} → {new_year}. Показатели "
            "сопоставлены по задаче и наименованию; «+» — новое в программе, «−» — "
            "исключённое; изменения в программу и доклад за разные годы не сравниваются.")


EVALUATION = core.EVALUATION


def node_total(node):
    return f"{node}, всего:"


EVALUATION_LINE = "Оценка эффективности:"


NO_DIFFERENCE = ("Отличий в данных нет: изменены только комментарии, порядок ключей или строк "
    "либо запись чисел.")


GIT_DRIVER_USAGE = ("kedr-tui diff --git-external: ожидается 7 или 9 аргументов от git "
    "(путь, старый файл, хеш, режим, новый файл, хеш, режим)")


def line_diff_follows(reason):
    return f"{reason}; ниже — построчное сравнение"


# ---------------------------------------------------------------------------- writing the outputs
UNKNOWN_OUTPUT_KIND = "неизвестный вид вывода (ожидается pdf, text или json)"
WONT_OVERWRITE_REPORT = "не буду записывать вывод поверх файла отчёта (.toml)"
LINK_OUTPUT = ("это символическая ссылка: вывод не пишется через ссылку и не заменяет её — "
               "укажите сам файл, «-» — на стандартный вывод")
NOT_A_REGULAR_OUTPUT = ("это не обычный файл (устройство, канал или сокет): вывод пишется "
                        "только в обычный файл, «-» — на стандартный вывод")


def write_failed(reason):
    return f"не удалось записать: {reason}"


# --------------------------------------------------------- style files (styles/*.toml, styles.py)
STYLE_FILE = "файл оформления"
STYLE_NOT_FOUND = "файл оформления не найден"
STYLE_NOT_UTF8 = "файл оформления не в кодировке UTF-8"
STYLE_TOO_DEEP = "ошибка в файле оформления: слишком глубокая вложенность"


def style_error(reason):
    return f"ошибка в файле оформления: {reason}"


def style_key_missing(key):
    return f"нет ключа «{key}»"


def style_key_wrong_type(key):
    return f"ключ «{key}» имеет неверный тип"


def style_key(key, problem):
    """A bad value of a style file: «ключ «page.width»: значение должно быть больше нуля»."""
    return f"ключ «{key}»: {problem}"


VALUE_POSITIVE = "значение должно быть больше нуля"
ORIENTATION_EXPECTED = "ожидается «landscape» или «portrait»"
TABLE_EXPECTED = "ожидается таблица"
BOOL_EXPECTED = "ожидается true или false"
POSITIVE_NUMBERS = "нужен список положительных чисел"
PAGE_FORMAT_EXPECTED = "ожидается A3, A4, A5, Letter или Legal"
FOOTER_NEEDS_PAGE = "в тексте нужен {page} (и, по желанию, {pages})"


def at_least(minimum):
    return f"значение должно быть не меньше {minimum:g}"


def colour_invalid(value):
    return f"цвет «{value}» не в виде #rrggbb"


def font_missing(family, reason):
    return f"шрифт «{family}» недоступен: {reason}"


def widths_needed(count, whole=False):
    """``whole``: character columns of the text output, not millimetres."""
    return f"нужен список из {count} положительных {'целых ' if whole else ''}чисел"


def unknown_table_format(name):
    return f"неизвестный формат таблицы «{name}»"


def table_too_wide(width, page_width):
    return f"таблица шириной {width} не помещается в page.width = {page_width}"


# ---------------------------------------------------------------------------------------- the PDF
EXECUTOR_LABEL = "Исполнитель:"


def pdf_title(title, year):
    return f"Отчет о реализации муниципальной программы «{title}» за {year} год"


def glyph_missing(char, fragment=""):
    """A character the PDF's font lacks, and the text around it."""
    where = f": «…{fragment}…»" if fragment else ""
    return f"символа «{char}» (U+{ord(char):04X}) нет в шрифте PDF, в PDF он пропущен{where}"


# ------------------------------------------------------------------ the review meeting's protocol
def present(names):
    return f"Присутствовали: {names}"


def accepted_rating(rating, reason=""):
    """The rating the meeting accepted (empty: none yet), and why it differs from the computed one."""
    if not rating:
        return "Оценка эффективности комиссией не принята."
    why = f" Основание: {reason}." if reason else ""
    return f"Принятая оценка эффективности: {rating}.{why}"


NO_DECISION = "решение не принято"


def decision_on_report(decision):
    return f"По отчету: {decision or NO_DECISION}."


def decision_on_program(decision):
    return f"По муниципальной программе: {decision or NO_DECISION}."


def assignment_text(text, done):
    return text + (" (выполнено)" if done else "")


COL_CODE = "Код"
COL_CHECK_RESULT = "Результат проверки"
COL_REPORT_ROW = "Строка отчета"
COL_STATUS = "Статус"
COL_MARK = "Замечание"
COL_ASSIGNMENT = "Поручение"
COL_RESPONSIBLE = "Ответственный"
COL_DUE = "Срок"
BLANK_DATE = "«___» __________ 20__ г."


def protocol_number(number):
    return f"ПРОТОКОЛ № {number}"


PROTOCOL_OF_MEETING = "заседания комиссии по рассмотрению отчета о реализации муниципальной программы"


def program_year(title, year):
    return f"«{title}» за {year} год"


def meeting_date(date):
    return f"Дата заседания: {date}"


def meeting_chair(chair):
    return f"Председатель: {chair}"


def meeting_secretary(secretary):
    return f"Секретарь: {secretary}"


PROTOCOL_EVALUATION = "1. Оценка эффективности реализации программы"


def computed_rating(rating, er, sr, eis):
    return (f"Рассчитанная оценка эффективности: {rating} "
            f"(ЭР = {er}, СР = {sr}, "
            f"Эис = {eis}).")


PROTOCOL_CHECKS = "2. Результаты автоматической проверки отчета"
NO_FINDINGS = "Замечаний проверки нет."
PROTOCOL_MARKS = "3. Замечания к строкам отчета"
NO_MARKS = "Замечаний к строкам отчета нет."
PROTOCOL_DECISIONS = "4. Решения"
PROTOCOL_ASSIGNMENTS = "5. Поручения"
WHOLE_REPORT = "Отчет в целом"
NO_ASSIGNMENTS = "Поручений нет."
CHAIR = "Председатель"
SECRETARY = "Секретарь"
