"""Every Russian word the screen shows, in one place, by subject.

Read top to bottom, this is the whole wording of the view: tab names and column
titles, the detail pane's labels and verdicts, the editor's choices and refusals,
the structure keys' questions and refusals, the comparison tab and the review tab.
Words shared with ``check`` and the outputs (findings, row names, ratings, the review's
vocabulary) are in ``core/wording.py``; call sites pass values, sentences are built here.
"""
from __future__ import annotations

from kedr_tui.core import wording as core
from kedr_tui.core.wording import plural
from kedr_tui.core.numbers import fmt_date


# ------------------------------------------------------------------------------- rows and groups
NO_SUCH_TASK = "(такой задачи нет)"


def group_short(task):
    """A group of Form 1 in a narrow column: «Ц» (the goal), «З2» (task 2)."""
    return "Ц" if task == 0 else f"З{task}"


# ----------------------------------------------------------------- the detail pane: a finding
WHERE = "Где"


def finding_place(place, line=None, column=None):
    """Where a finding is: its row, and the file's line and column when known."""
    return place + (f" — строка {line}, позиция {column} файла" if line else "")


# ------------------------------------------------------------------- the comparison («Сравнение»)
def added_or_removed(added, figures=()):
    """A row added or removed, and the derived figures that moved with it."""
    what = "добавлено" if added else "удалено"
    return "; ".join([what, *figures])


FORM_PROGRAM = "Прогр."
FORM_1 = "Ф1"
FORM_2 = "Ф2"
FORM_3 = "Ф3"
FORM_NARRATIVE = "Доклад"


def prev_differs_short(prev, fact):
    return (f"! факт прошлого года {prev} ≠ "
            f"факт {fact}")


def text_changed(field):
    return f"{field}: текст изменён"


def node_total(node):
    return f"{node}, всего"


EVALUATION_SHORT = "Оценка"
EVALUATION = core.EVALUATION


# ----------------------------------------------------------- the detail pane (the row in full)
SEVERITY_ERROR = "ошибка"
SEVERITY_WARNING = "предупреждение"
NO_ROW = "Нет строки"


def amendment_number(number):
    return f"Изменение № {number}"


NARRATIVE_FIELDS_BELOW = "Строки ниже — поля этого раздела: Enter правит текст, подробности здесь."
SECTION_HEADING = "Заголовок раздела."


def indicator_place(task, number):
    """«Показатель цели, № 1», «Задача 2, № 3»."""
    return (f"Задача {task}" if task else "Показатель цели") + f", № {number}"


def indicator_number(number):
    return f"Показатель {number}"


BETTER_LOWER = "меньше (↓)"
BETTER_HIGHER = "больше (↑)"
NO_FACT = "нет"
DEVIATION = "Отклонение: "
RELATIVE = "   Относительное: "
GROWTH = "   Темп роста: "


def formula_not_computed(error):
    return f"не вычисляется: {error}"


FORMULA_NOTHING_TO_CHECK = "нечего проверять"


def formula_mismatch(expression, value, fact):
    return (f"{expression} = {value} — не совпадает с фактом "
            f"{fact}")


def formula_matches(expression, value):
    return f"{expression} = {value} — совпадает с фактом"


GOAL_LABEL = "Цель программы. "


def task_label(task):
    return f"Задача {task}. "


MAIN_ACTIVITIES = "Основные мероприятия"
INDICATOR_COUNT = "Показателей"
DONE_TO_YEAR_PLAN = "Исполнено к плану на год: "
DONE_TO_PERIOD_PLAN = "   к плану на период: "
EXECUTORS = "Исполнители"
SRM_LABEL = "В СРм"


def srm_verdict(done: bool, share: str) -> str:
    """An activity's place in СРм (activities with cash ≥ 95 % of the year plan)."""
    if done:
        return f"засчитано: исполнено {share} % плана на год (не меньше 95 %)"
    return f"не засчитано: исполнено {share} % плана на год (меньше 95 %)"
NO_SUCH_ACTIVITY = "(нет такого мероприятия)"
EXECUTOR_TOTAL_OF = "Итог исполнителя по вложенным мероприятиям "
TOTALS_COMPUTED = "Итоги вычисляются: правьте строки вложенных мероприятий."
FIELD = "Поле"
ENTER_GOES_TO_ROW = "Enter — перейти к строке"


def amendment_title(number, act):
    return f"Изменение № {number} · {act}"


# ------------------------------------------------------------------------ tabs and column titles
TAB_TITLES = {
    "indicators": "Показатели",
    "expenses": "Расходы",
    "amendments": "Изменения",
    "narrative": "Доклад",
    "findings": "Проверка",
    "review": "Рассмотрение",
    "changes": "Сравнение",
}
COL_ABS = "Откл."
COL_REL = "Откл.%"
COL_GROWTH = "Рост %"
COL_CODE = "Код"
COL_ACTIVITY_EXECUTOR = "Мероприятие / исполнитель"
COL_PCT_YEAR = "% год"
COL_PCT_PERIOD = "% пер."
COL_SECTION = "Раздел"
COL_TEXT = "Текст"
COL_FORM = "Форма"
COL_ROW = "Строка"
COL_WHAT_CHANGED = "Что изменилось"
COL_LINE = "Стр."
COL_MESSAGE = "Сообщение"
COL_WHAT = "Что"
COL_ROW_OR_VALUE = "Строка / значение"
COL_STATUS = "Статус"
COL_COMMENT = "Комментарий"


# -------------------------------- the editor: choices, refusals, an edit in words («Отменено: …»)
CHOICE_HIGHER = "↑ больше — лучше"
CHOICE_LOWER = "↓ меньше — лучше"


def task_choice(number, title):
    return f"Задача {number}. {title}"


def goal_choice(goal):
    return f"Цель программы. {goal}"


CHOICE_NO_TASK = "— без задачи (по основному мероприятию)"


def current_choice(value):
    return f"{value}  (текущее)"


def no_choices(field):
    return f"у поля «{field}» нет списка значений"


FIELD_REQUIRED = "поле не может быть пустым"
PROGRAM_CODE_FORM = "код программы — две цифры, например 04"


def no_activity(code):
    return f"нет мероприятия с кодом «{code}»"


def executor_exists(executor, code):
    return f"исполнитель «{executor}» уже есть в мероприятии {code}"


def indicator_exists(name, task):
    where = "среди показателей цели" if task == 0 else f"в задаче {task}"
    return f"показатель «{name}» уже есть {where}"


def amendment_exists(act, number, date):
    when = fmt_date(date) if date else "—"
    return f"изменение «{act}» № {number} от {when} уже есть"


YEAR_FORM = "год — четыре цифры, например 2021"


def year_from_file_name(file_year):
    return (f"год отчёта задан именем файла ({file_year}); отчёт за другой год "
            f"начинают командой kedr-tui new ГОД")


EDIT_SEVERAL = "несколько изменений"
EDIT_ADD_ROW = "добавление строки"
EDIT_DELETE_ROW = "удаление строки"
EDIT_MOVE_ROW = "перемещение строки"
EDIT_CHANGE = "изменение"


# --------------------------------------------------------- adding, deleting and moving rows (keys)
def delete_activity(code, title, rows=0):
    """The question before deleting an activity with its ``rows`` expense rows."""
    extra = f" и {plural(rows, 'строку', 'строки', 'строк')} расходов" if rows else ""
    return f"Удалить мероприятие {code} «{title}»{extra}?"


CANNOT_ADD_INDICATOR_HERE = "здесь нельзя добавить показатель"
NO_ROWS_ADDED_HERE = "в этой вкладке строки не добавляются"
STAND_ON_ACTIVITY = ("встаньте на мероприятие, чтобы добавить исполнителя, или нажмите A, "
    "чтобы добавить мероприятие")


EXECUTOR_TOTAL_ADD = "это итог по исполнителю: добавляйте исполнителя в само мероприятие"
NOTHING_TO_ADD_HERE = "в этой вкладке нечего добавлять"
CANNOT_DELETE_COMPUTED = "эту строку удалить нельзя: она вычисляется"


def delete_indicator(name):
    return f"Удалить показатель «{name}»?"


def delete_task(number, title):
    return (f"Удалить задачу {number} "
            f"«{title}»?")


def delete_expense(executor, code):
    return f"Удалить строку расходов «{executor}» в мероприятии {code}?"


def delete_amendment(number, act):
    return f"Удалить изменение № {number} «{act}»?"


GOAL_NOT_DELETED = "цель программы не удаляется: её текст можно изменить"
CANNOT_DELETE = "эту строку удалить нельзя"
CANNOT_MOVE = "эту строку не переместить"
ACTIVITY_ORDER_BY_CODE = "порядок мероприятий задаётся их кодами: измените код"


# -------------------------------------------- the «Доклад» tab's headings; where a finding is
ORPHAN_EXPENSES = "Строки расходов вне дерева мероприятий"
HEADING_PROGRAM = "Программа"
HEADING_NARRATIVE = "Доклад о ходе реализации"
HEADING_SIGNATURE = "Подпись"
PLACE_YEAR = "год отчёта"
PLACE_FILE = "файл"


# ------------------------------------------------------------------ the review («Рассмотрение»)
# The meeting's fields, in the order the tab shows them.
MEETING_FIELDS = {
    "number": "Номер", "date": "Дата", "chair": "Председатель", "secretary": "Секретарь",
    "participants": "Участники", "rating": "Принятая оценка", "rating_reason": "Причина оценки",
    "decision": "Решение: отчёт", "program_decision": "Решение: программа",
}
PAST = "Прошлое"


def mark_line(status, who="", comment=""):
    """A mark in the detail pane: status, who and when, comment."""
    by = f" ({who})" if who else ""
    return f"Замечание «{status}»{by}: {comment or NO_COMMENT}"


def assignment_line(responsible, due, text):
    """An open assignment in the detail pane (``due``: ДД.ММ.ГГГГ or None)."""
    return f"Поручение ({responsible or 'без ответственного'}, до {due or 'без срока'}): {text}"


def rating_hint(computed, needs_reason):
    return f"рассчитана: {computed}" + (" — укажите причину другой оценки" if needs_reason else "")


def assignment_status(done, late, due):
    if done:
        return "выполнено"
    return "просрочено" if late else f"до {due or 'без срока'}"


def late_assignment(due, text):
    return f"срок {due or 'без срока'}: {text}"


def past_meeting(number, date):
    return f"заседание № {number or '—'} от {date or 'без даты'}"


def past_outcome(rating, program_decision):
    return f"оценка: {rating or '—'}; программа: {program_decision or '—'}"


MEETING = "Заседание"


def report_status(status):
    return f"статус отчёта: {status}"


def marks_heading(count):
    return f"Замечания ({count})"


MARK = "Замечание"


def assignments_heading(count):
    return f"Поручения ({count})"


ASSIGNMENT = "Поручение"
POSSIBLE_VALUES = "\nВозможно: "
ENTER_TO_CHANGE = "\nEnter — изменить"


def mark_heading(status):
    return f"Замечание «{status}»: "


NO_COMMENT = "без комментария"
MARK_KEYS = "\nEnter — перейти к строке · m — изменить замечание"
ASSIGNMENT_LABEL = "Поручение: "
RESPONSIBLE_LABEL = "\nОтветственный: "
DUE_LABEL = "\nСрок: "
ROW_LABEL = "\nСтрока: "
ASSIGNMENT_KEYS = "\nEnter — перейти к строке · x — выполнено / не выполнено"
REVIEW_KEYS = ("\nm — замечание к строке (на других вкладках) · o — поручение · "
    "P — протокол")


# ------------------------------------------------- the meeting view (v): every row on one screen
MEETING_INDICATOR = "Показатель"
MEETING_PLAN = "План"
MEETING_FACT = "Факт"
MEETING_ACTIVITY = "Мероприятие"
MEETING_PLAN_YEAR = "План год"
MEETING_CASH = "Касса"
