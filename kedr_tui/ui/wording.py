"""Every Russian word the app itself says, in one place, by subject.

Read top to bottom, this is the whole wording of the Textual app: notices after a key,
dialog titles, buttons and hints, the help screen, the review dialogs and the safety
dialogs (a held lock, a changed file, a journal to recover).  The commands' names and
help stay in their one entry each in ``ui/commands.py``; the words the app shares with
the view, ``check`` and the outputs are in ``view/wording.py`` and ``core/wording.py``.
Call sites pass values; sentences are built here.
"""
from __future__ import annotations

from kedr_tui.core import wording as core


# --------------------------------------------------------------------- read-only and refusals
# The same words as the core's reasons («… — открыт только для просмотра»).
READ_ONLY_TITLE = f"{core.READ_ONLY[0].upper()}{core.READ_ONLY[1:]}"
READ_ONLY = f"{READ_ONLY_TITLE}."


def read_only_because(reason):
    return f"Только чтение: {reason}."


def read_only_refuses(command):
    return f"Только чтение: «{command}» недоступно."


def unavailable_on_tab(command, tab):
    return f"«{command}» недоступно на вкладке «{tab}»."


def nothing_to_do(command):
    return f"«{command}»: сейчас нечего делать."


def opened_with_errors(count):
    return f"В отчёте ошибки ({count}): он открыт только для просмотра. Исправьте файл и откройте снова."


SAVED_WITH_ERRORS = "В отчёте есть ошибки: файл откроется только для просмотра, пока их не исправить."


# ------------------------------------------------------------------------ undo, redo, moving on
NOTHING_TO_UNDO = "Нечего отменять."
NOTHING_TO_REDO = "Нечего повторять."


def undone(what, redo=False):
    """«Отменено: факт» / «Повторено: факт» (``what``: the edit in a few words)."""
    return f"{'Повторено' if redo else 'Отменено'}: {what}"


NO_FINDINGS = "Замечаний нет."


def findings_wrapped(forward):
    return f"Замечания пройдены: снова с {'начала' if forward else 'конца'}."


def not_found(query):
    return f"«{query}» не найдено."


def search_wrapped(forward):
    return f"Поиск продолжен с {'начала' if forward else 'конца'}."


# --------------------------------------------------------------------------- saving and outputs
def saved(path):
    return f"Сохранено: {path}"


def exporting(kind):
    return f"Вывод {'PDF' if kind == 'pdf' else 'текста'}…"


def written(path, unsaved=False):
    """An output written; ``unsaved``: made from edits not yet saved to the report file."""
    tail = " — из несохранённых правок (файл отчёта не сохранён)" if unsaved else ""
    return f"Записан файл {path}{tail}"


def not_all_printed(warnings):
    """The first three things left out of an output, and how many more."""
    more = f" (и ещё {len(warnings) - 3})" if len(warnings) > 3 else ""
    return "; ".join(warnings[:3]) + more


def finding_of_file(line):
    return f"Замечание относится к файлу в целом: строка {line}"


def keys_of_tab(tab, read_only=False):
    """The help screen's title."""
    return f"Клавиши — вкладка «{tab}»" + (" (только чтение)" if read_only else "")


# Titles and short notices of the screen and its file keys.
REPORT_WITH_ERRORS = "Отчёт с ошибками"
VIEW_MODE = "режим просмотра"
OUTPUT = "Вывод"
NOT_ALL_PRINTED = "Не всё напечатано"
NO_COMPARISON_TAB = "Вкладки «Сравнение» нет: включите сравнение (Ctrl+P → «Сравнить с версией…»)."
SAVE_RUNNING = "Сохранение уже идёт."
SAVE_STILL_RUNNING = "Сохранение ещё идёт — выйдите, когда оно закончится."
SAVING_RETRY = "Идёт сохранение — повторите правку через мгновение."
NOT_SAVED = "Не сохранено"
OUTPUT_REFUSED_ERRORS = "В отчёте ошибки: вывод невозможен (см. вкладку «Проверка»)."
EXPORT_MISSING = "Экспорт недоступен: модуль вывода не установлен."
OUTPUT_NOT_WRITTEN = "Вывод не записан"
OUTPUT_ERROR = "Ошибка вывода"


# ---------------------------------------------------------------- editing: why a cell can't be edited
DIGIT_HINT = "Цифра вводит значение в ячейку; вкладки — F1–F5 или Alt+1…Alt+5."
TEXT_BY_ENTER = ("Текст правится по Enter; цифра начинает новое значение только в ячейке числа, "
                 "даты или кода.")
SECTION_HEADING = "Это заголовок раздела."
EXECUTOR_TOTAL_COMPUTED = "Итог по исполнителю вычисляется: правьте строки вложенных мероприятий."
TOTALS_FROM_EXECUTORS = "Итоги вычисляются из строк исполнителей (ниже)."
MARK_COLUMN = "Здесь отмечены замечания: подробности — в панели снизу и на вкладке «Проверка»."
VALUE_COMPUTED = "Это значение вычисляется; его нельзя ввести."
ROW_NOT_EDITABLE = "Эта строка не редактируется."
NO_FIELDS = "У этой строки нет полей для правки."
WHICH_FIELD = "Какое поле править?"


# ---------------------------------------------------------------------- comparing with a version
def compared_with(label, count):
    """After «Сравнить с версией…»: how many rows changed (``count``), or none."""
    what = f"изменено строк — {count}; изменённые ячейки отмечены знаком Δ." if count else "отличий нет."
    return f"С версии «{label}»: {what}"


# ------------------------------------------------------------------------------- the help screen
# The keys that move, listed before the commands.
HELP_NAVIGATION = (
    ("↑ ↓ ← →", "по ячейкам"),
    ("PgUp PgDn", "по страницам"),
    ("Home End", "первый / последний столбец"),
    ("g G", "первая / последняя строка"),
    ("Tab", "в панель подробностей и обратно (там ↑↓ листают текст)"),
    ("Ctrl+P", "все команды по названию"),
    ("Esc", "закрыть окно, отменить правку"),
)


# ---------------------------------------------------------------- the app: quitting, the theme, the palette, a lock set free
QUIT = "Выход"
LOCK_FREE = "Файл свободен: можно править."
LIGHT_THEME = "Светлая тема"
DARK_THEME = "Тёмная тема"
PALETTE_PLACEHOLDER = "Команда: начните вводить название…"
QUIT_HINT = "Выход — q или Ctrl+Q."


# ---------------------------------------------------------------- dialogs and screens: buttons, binding names, hints
CLOSE = "Закрыть"
MARK = "Замечание"
CARD_HINT = "↑↓ PgUp PgDn — прокрутка · m — замечание · Esc, Space — закрыть"

# Comparing with a version (Ctrl+P → «Сравнить с версией…», D).
NOT_READ_NOTHING_TO_COMPARE = f"{core.REPORT_UNREADABLE.capitalize()}: сравнивать не с чем."
COMPARISON_IMPOSSIBLE = "Сравнение невозможно"
VERSION_PROMPT = "версия git (HEAD~1, метка) или файл отчёта; Enter — сравнить"
COMPARISON_OFF = "Сравнение выключено."
ROW_DELETED = "Этой строки в отчёте больше нет: она удалена."
NO_PAST_MEETINGS = "Прошлых заседаний в файле рассмотрения нет: сравнить не с чем."


def no_version_on(day):
    return f"В git нет версии отчёта на {day:%d.%m.%Y}: сравнить не с чем."


def meeting_of(day):
    return f"заседание {day:%d.%m.%Y}"


# Dialogs: confirm, quit, the editors, help, the meeting view, search.
YES = "Да"
NO = "Нет"
DELETE = "Удалить"
CANCEL = "Отмена"
YES_NO_HINT = "y — да · n, Esc — нет"
SAVE = "Сохранить"
DONT_SAVE = "Не сохранять"


def unsaved_edits_in(file):
    return f"В «{file}» есть несохранённые правки."


SAVE_AND_QUIT = "Сохранить и выйти"
QUIT_WITHOUT_SAVING = "Выйти без сохранения"
QUIT_HINT_KEYS = "s — сохранить · d — не сохранять · Esc — остаться"
APPLY = "Применить"
MULTILINE_HINT = "Ctrl+S — применить · Ctrl+Home / Ctrl+End — в начало / конец · Esc — отмена"
LINE_HINT = "Enter — применить · Esc — отмена"
CHOICE_HINT = "↑↓ — выбор · Enter — применить · Esc — отмена"
FIELD_CHOICE_HINT = "Enter — править поле · Esc — отмена"
MOVING = "Перемещение"
HELP_HINT = "Esc, ? — закрыть · ↑↓ PgUp PgDn — листать"
NORMAL_VIEW = "Обычный вид"
MARK_IT = "Отметить"
CARD = "Карточка"
GO_TO = "Перейти"
BACK = "Назад"
MEETING_VIEW_HINT = "↑↓ строка · m замечание · Space карточка · Enter перейти · v назад"


def palette_key(key):
    return f"  — клавиша {key}"


SEARCH_PROMPT = "искать во всех вкладках; Enter — найти, Esc — отмена"


# ---------------------------------------------------------------- tabs: «Сравнение» and «Проверка» (the evaluation)


def no_difference_since(label):
    return f"С версией «{label}» отличий нет."


def changes_since(label):
    return f"Изменения с версии «{label}»."


EVALUATION_NOT_COMPUTED = f"Оценка эффективности не вычисляется: {core.REPORT_UNREADABLE}."
EVALUATION_MISSING_VALUES = ("Оценка эффективности не вычисляется: в файле нет значений, из которых "
                             "она считается (ошибки E-SCHEMA).")
EVALUATION_LABEL = "Оценка эффективности: "


def er_value(er):
    return f"   ЭР = {er}\n"


SR_SHORT = "СР  "


def sr_what(counted):
    return f"степень достижения показателей ({counted} учтено)"


SS_SHORT = "ССуз"
SS_WHAT = "кассовые расходы к плану на год"
SRM_SHORT = "СРм "


def srm_what(done, counted):
    return (f"мероприятия с кассой ≥ 95 % плана: {done} из "
            f"{counted}")


EIS_SHORT = "Эис "
EIS_WHAT = core.EIS_FORMULA
ER_SHORT = "ЭР  "
ER_WHAT = core.ER_FORMULA
NOT_COUNTED = "Не учтены: "


# ---------------------------------------------------------------- widgets: key names
UP = "Вверх"
DOWN = "Вниз"
PAGE_UP = "Страница вверх"
PAGE_DOWN = "Страница вниз"
TO_START = "В начало"
TO_END = "В конец"

# The header line: modified, read-only, counts.
MODIFIED = " ● изменён"
READ_ONLY_BADGE = " · только чтение"
#: in place of the count of findings while a big report's checks are still running
CHECKING_BADGE = " · проверяется…"


def errors_badge(count):
    return f" · ошибок {count}"


def warnings_badge(count):
    return f" · замечаний {count}"


TEXT_START = "В начало текста"
TEXT_END = "В конец текста"
RIGHT = "Вправо"
LEFT = "Влево"
FIRST_COLUMN = "Первый столбец"
LAST_COLUMN = "Последний столбец"


# ---------------------------------------------------------------- safety: a held lock, a journal to recover, a file changed on disk
VIEW_ONLY = "Только просмотр"
EDIT_JOURNAL = "Журнал правок"


def cleaned_leftovers(count):
    return f"Удалены остатки прерванного сохранения: {count}"


RECOVERED_SAVE_OR_UNDO = ("Правки восстановлены. Файл не сохранён: сохраните (Ctrl+S) или отмените "
    "правки (Ctrl+Z).")


RECOVERED = "Восстановлено"
JOURNAL_DISCARDED = "Журнал несохранённых правок удалён."
VIEW_ONLY_JOURNAL_KEPT = ("Только просмотр. Правки остались в журнале: при следующем запуске их "
    "можно будет восстановить.")


FAILED = "Не получилось"
NOT_SAVED_KEPT = "Не сохранено: правки остаются в программе и в журнале."
ESC_AGAIN_DROPS = "Текст изменён: Esc ещё раз — отбросить набранное, Ctrl+S — применить."
RELOADED_UNEDITED = ("Файл изменён на диске после открытия; несохранённых правок не было — "
                     "файл перечитан, сохранять нечего.")
RELOADED_FROM_DISK = "Файл перечитан с диска."


def saved_elsewhere(path, name):
    return f"Правки записаны в {path}; файл «{name}» не тронут."


SAVED_AS = "Сохранено под другим именем"


def recovery_hint(recoverable):
    return ("r — восстановить · " if recoverable else "") + "d — отбросить · v, Esc — только просмотр"


def conflict_hint(can_reload):
    return ("r — перечитать · " if can_reload else "") + "a — сохранить под другим именем · Esc — отмена"


# The safety dialogs: recovery, a changed file, a held lock.
RECOVER = "Восстановить"
RECOVER_TIP = "Вернуть несохранённые правки (файл не сохраняется, пока вы не сохраните)"
DISCARD = "Отбросить"
DISCARD_TIP = "Удалить журнал: правки пропадут"
VIEW_ONLY_TIP = "Открыть файл без правок; журнал останется до следующего запуска"
UNSAVED_FOUND = "Найдены несохранённые правки"
JOURNAL_MISMATCH = "Журнал правок не подходит к файлу"
RECOVERY_WOULD_CHANGE = "Если восстановить, изменится:"
YES_DISCARD = "Да, отбросить"
DISCARD_CONFIRM = "Правки из журнала пропадут безвозвратно. Нажмите «Да, отбросить» (d) ещё раз."
RELOAD = "Перечитать"
RELOAD_TIP = "Прочитать файл с диска; ваши несохранённые правки пропадут"
SAVE_AS = "Сохранить как"
SAVE_AS_TIP = "Записать ваши правки в другой файл; файл на диске не трогать"
CANCEL_TIP = "Ничего не делать: правки остаются в программе"
FILE_CHANGED_TITLE = "Файл изменён на диске"
NEW_NAME_TIP = "Имя нового файла; Enter — сохранить"
SAVE_AS_ELLIPSIS = "Сохранить как…"
YES_RELOAD = "Да, перечитать"
RELOAD_CONFIRM = "Ваши несохранённые правки пропадут. Нажмите «Да, перечитать» (r) ещё раз."
NAME_NEEDED = "Укажите имя файла."
UNDERSTOOD = "Понятно"
UNDERSTOOD_TIP = "Смотреть отчёт без правки"
RETRY = "Повторить"
RETRY_TIP = "Проверить, не закрыл ли коллега файл"
LOCK_HINT = "Правка станет возможна, когда коллега закроет файл."
STILL_HELD = "Файл всё ещё редактируют."


# ---------------------------------------------------------------------- the review meeting (m, o, x, M, P, v)
def rating_option(rating, computed):
    return rating + (" (рассчитана)" if computed else "")


def protocol_written(paths, unsaved=False):
    tail = " — из несохранённых правок (файл отчёта не сохранён)" if unsaved else ""
    return f"Записан протокол: {paths}{tail}"


PROTOCOL = "Протокол"


def meeting_view_title(table, status):
    what = "показатели" if table == "indicators" else "расходы по мероприятиям"
    return f"Заседание: {what} · {status}"


def review_not_open(problem):
    return f"Рассмотрение не открыто: {problem}"


def review_journal_found(changes):
    return f"Есть несохранённые изменения рассмотрения ({changes}). Восстановить их?"


MARK_NOT_WRITTEN = "Замечание не записано"


def review_kept_in_journal(message):
    return f"{message}; изменения в журнале рассмотрения"


CANNOT_MARK_ROW = ("Эту строку нельзя отметить: встаньте на строку отчёта (показатель, "
    "расход, изменение, текст доклада).")


def mark_done(status, context):
    return f"Замечание «{status}»: {context}"


def mark_comment_title(status):
    return f"Замечание «{status}»: комментарий"


def author_is(author):
    return f"автор: {author}"


MARK_ON_ROW = "Замечание к строке"
ASSIGNMENT_TEXT_NEEDED = "напишите, что поручено"
ASSIGNMENT_WHAT = "Поручение: что сделать"
ASSIGNMENT_WHO = "Поручение: ответственный"
NAME_OR_POSITION = "ФИО или должность"
ASSIGNMENT_DUE = "Поручение: срок"
DUE_HINT = "дд.мм.гггг; пусто — без срока"


def due_before_meeting(due, meeting):
    return f"срок {due} раньше даты заседания {meeting}: поручение даётся на время после заседания"


def assignment_added(context):
    return f"Поручение добавлено: {context}"


STAND_ON_ASSIGNMENT = "Встаньте на поручение на вкладке «Рассмотрение»."
NOT_CHOSEN = "— не выбрано"


def meeting_field(label):
    return f"Заседание: {label}"


DATE_HINT = "дд.мм.гггг"
COMMA_SEPARATED = "через запятую"
NEW_MEETING_STARTED = "Новое заседание: прежнее — в истории."
NEW_MEETING_QUESTION = ("Начать новое заседание? Сведения о текущем перейдут "
    "в историю, замечания и поручения останутся.")


START = "Начать"
ROW_GONE = "Строки больше нет в отчёте."
ASSIGNMENT_ON_REPORT = "Поручение относится к отчёту в целом."
FOOTER_CHANGE = "Изменить"      # the footer: Enter on a detail of the meeting («Рассмотрение»)
REVIEW_READ_ONLY = "Рассмотрение только для просмотра."
PROTOCOL_REFUSED_ERRORS = "В отчёте ошибки: протокол невозможен (см. вкладку «Проверка»)."
NOT_REVIEWED_YET = "Отчёт ещё не рассматривался: нет ни замечаний, ни сведений о заседании."
WRITING_PROTOCOL = "Пишется протокол…"
PROTOCOL_NOT_WRITTEN = "Протокол не записан"
PROTOCOL_ERROR = "Ошибка протокола"


def row_card_title(tab):
    return f"Карточка строки · {tab} (Esc — закрыть)"


# ------------------------------------------------------------- the help screen's command groups
GROUP_GENERAL = "Общее"
GROUP_EDIT = "Правка"
GROUP_MOVE = "Переходы"
GROUP_FILE = "Файл"
GROUP_FIND = "Поиск"
GROUP_VIEW = "Вид"
GROUP_REVIEW = "Рассмотрение"
