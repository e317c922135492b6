"""Every command of the report screen, once: key, long name, help, footer label.

The screen's bindings, the `?` help and the command palette are all made
from this list, so they cannot disagree (VisiData's rule: every command has a
key, a long name and help text).

Wording: each command's name, help and footer label stay in its one ``Command(...)``
entry here, a justified exception to ``ui/wording.py`` (a command is one entry: key,
label and help together); ``tests/test_wording.py`` allows Cyrillic in this module only
inside those entries, in a ``Binding``'s keys and in the Russian keyboard layout below.
"""

from __future__ import annotations

from msgspec import Struct
from textual.binding import Binding

from kedr_tui.ui import wording as uw


def palette_provider():
    """The command palette's provider, imported when the palette first opens
    (``textual.command`` is not needed to start)."""
    from kedr_tui.ui.palette import ReportCommands

    return ReportCommands


class Command(Struct, frozen=True):
    action: str         # action on the report screen, with parameters: "export('pdf')"
    keys: str           # Textual key names, comma-separated
    name: str           # long name: palette and help
    help: str
    footer: str = ""    # short footer label; "" keeps it out of the footer
    group: str = uw.GROUP_GENERAL
    display: str = ""   # how the key is shown, if not Textual's way
    edits: bool = False  # changes the report: hidden in read-only mode
    review: str = ""    # footer label in review (read-only) mode, where edit keys make room
    review_keys: str = ""   # more keys in review mode only (digits switch tabs there)
    footer_key: str = ""    # the key as the footer shows it, if not ``display``

    @property
    def id(self) -> str:
        return self.action.replace("(", "-").replace(")", "").replace("'", "")


# The help screen's groups (ui/wording.py has their names).
EDIT, MOVE, FILE, FIND, VIEW, REVIEW = (uw.GROUP_EDIT, uw.GROUP_MOVE, uw.GROUP_FILE, uw.GROUP_FIND,
                                        uw.GROUP_VIEW, uw.GROUP_REVIEW)

COMMANDS: tuple[Command, ...] = (
    Command("edit", "enter", "Править ячейку",
            "Изменить значение в текущей ячейке (число, текст, дата, выбор из списка)",
            "Правка", EDIT, "Enter", edits=True),
    Command("jump", "enter", "Перейти к строке замечания",
            "На вкладке «Проверка»: перейти к строке, к которой относится замечание",
            "Перейти", MOVE, "Enter", review="Перейти"),
    Command("review_enter", "enter", "Перейти к строке / изменить сведение",
            "На вкладке «Рассмотрение»: перейти к строке замечания или поручения; изменить "
            "сведение о заседании (номер, дата, председатель, оценка, решения)",
            "Перейти", REVIEW, "Enter", review="Перейти"),
    Command("edit_field", "e", "Править любое поле строки…",
            "Выбрать поле текущей строки (включая скрытые: примечания, текст доклада) и изменить его",
            "", EDIT, edits=True),
    Command("add", "a", "Добавить строку",
            "Добавить строку после текущей: показатель, исполнителя, изменение",
            "Добавить", EDIT, edits=True),
    Command("add_task", "A", "Добавить задачу", "Добавить задачу программы (группу показателей)",
            "", EDIT, "A", edits=True),
    Command("add_activity", "A", "Добавить мероприятие",
            "Добавить мероприятие рядом с текущим (или основное мероприятие под программой)",
            "", EDIT, "A", edits=True),
    Command("add_subprogram", "S", "Добавить подпрограмму",
            "Добавить подпрограмму программы (код МП.Пп.00.0, следующий свободный Пп); "
            "основные мероприятия в ней — A на её строке", "", EDIT, "S", edits=True),
    Command("delete", "d", "Удалить строку",
            "Удалить текущую строку, задачу или мероприятие (с подтверждением)",
            "Удалить", EDIT, edits=True),
    Command("move(-1)", "alt+up,K", "Переместить вверх",
            "Переместить строку выше в её группе (задачу — вместе с её показателями)",
            "", EDIT, "Alt+↑ K", edits=True),
    Command("move(1)", "alt+down,J", "Переместить вниз", "Переместить строку ниже в её группе",
            "", EDIT, "Alt+↓ J", edits=True),
    Command("undo", "ctrl+z", "Отменить", "Отменить последнюю правку (без ограничения глубины)",
            "Отменить", EDIT, "^z", edits=True),
    Command("redo", "ctrl+y", "Повторить", "Повторить отменённую правку", "", EDIT, "^y", edits=True),
    Command("save", "ctrl+s", "Сохранить", "Записать отчёт в его файл (комментарии и порядок "
            "ключей сохраняются)", "Сохранить", FILE, "^s", edits=True),
    Command("export('pdf')", "p", "Вывести PDF", "Записать отчёт в PDF (out/<год>.pdf)", "", FILE,
            review="PDF"),
    Command("export('txt')", "t", "Вывести текст", "Записать отчёт текстом (out/<год>.txt)", "", FILE),
    Command("next_finding", "right_square_bracket", "Следующее замечание",
            "Перейти к следующей строке с замечанием (по всем вкладкам)", "", MOVE, "]",
            review="Замечание"),
    Command("prev_finding", "left_square_bracket", "Предыдущее замечание",
            "Перейти к предыдущей строке с замечанием", "", MOVE, "["),
    Command("search", "slash", "Искать", "Найти текст во всех вкладках", "", FIND, "/",
            review="Поиск"),
    Command("search_next", "n", "Искать дальше", "Следующее совпадение", "", FIND),
    Command("search_prev", "N", "Искать назад", "Предыдущее совпадение", "", FIND, "N"),
    # Tabs: F1–F5 and Alt+1–5, keys no typing collides with; a digit on a cell starts typing a
    # value (the spreadsheet habit), except in review mode, where digits switch tabs too.  The
    # tab bar names each tab's key; the editing footer has no room left at 80 columns.
    Command("tab('indicators')", "f1,alt+1", "Вкладка «Показатели»",
            "Форма 1: показатели цели и задач (в режиме просмотра также 1)", "", VIEW,
            "F1 Alt+1", review="Вкладки", review_keys="1", footer_key="F1–F5"),
    Command("tab('expenses')", "f2,alt+2", "Вкладка «Расходы»",
            "Форма 2: расходы по мероприятиям (в режиме просмотра также 2)", "", VIEW, "F2 Alt+2",
            review_keys="2"),
    Command("tab('amendments')", "f3,alt+3", "Вкладка «Изменения»",
            "Форма 3: изменения программы (в режиме просмотра также 3)", "", VIEW, "F3 Alt+3",
            review_keys="3"),
    Command("tab('narrative')", "f4,alt+4", "Вкладка «Доклад»",
            "Доклад о ходе реализации и подпись (в режиме просмотра также 4)", "", VIEW, "F4 Alt+4",
            review_keys="4"),
    Command("tab('findings')", "f5,alt+5", "Вкладка «Проверка»",
            "Замечания и оценка эффективности (в режиме просмотра также 5)", "", VIEW, "F5 Alt+5",
            review_keys="5"),
    Command("tab('review')", "f6,alt+6", "Вкладка «Рассмотрение»",
            "Заседание, его решения, замечания к строкам и поручения (в режиме просмотра также 6)",
            "", VIEW, "F6 Alt+6", review_keys="6"),
    Command("tab('changes')", "f7,alt+7", "Вкладка «Сравнение»",
            "Что изменилось с версии, с которой идёт сравнение (Enter — к строке; в режиме "
            "просмотра также 7)", "", VIEW, "F7 Alt+7", review_keys="7"),
    Command("mark", "m", "Замечание к строке",
            "Отметить текущую строку: вопрос, на доработку или принято, с комментарием "
            "(автор — ваше имя входа); отчёт не меняется", "Отметить", REVIEW, review="Отметить"),
    Command("assign", "o", "Поручение",
            "Дать поручение по текущей строке (на вкладке «Рассмотрение» — по отчёту в целом): "
            "что сделать, ответственный, срок", "", REVIEW),
    Command("toggle_done", "x", "Поручение выполнено / не выполнено",
            "На вкладке «Рассмотрение»: отметить поручение выполненным или снять отметку", "",
            REVIEW),
    Command("new_meeting", "M", "Новое заседание",
            "Начать новое заседание: сведения о текущем перейдут в историю, замечания и "
            "поручения останутся", "", REVIEW, "M"),
    Command("protocol", "P", "Протокол заседания",
            "Записать протокол заседания (out/<год>.protocol.pdf и .txt) в фоне", "", REVIEW, "P",
            review="Протокол"),
    Command("meeting_view", "v", "Вид для заседания",
            "Все показатели (на «Расходах» — мероприятия) на одном экране: план, факт, "
            "отклонение, рост, отметка; v — обратно", "", REVIEW),
    Command("card", "space,z", "Карточка строки",
            "Текущая строка на весь экран: все поля, расчёт, обоснование, текст доклада, "
            "замечания и отметки", "", REVIEW, "Space z"),
    Command("compare", "", "Сравнить с версией…",
            "Отметить изменённые ячейки знаком Δ и перечислить изменения с версии git (HEAD~1, "
            "метка) или другого файла отчёта", "", VIEW),
    Command("compare_meeting", "D", "Что изменилось с прошлого заседания",
            "Сравнить с версией отчёта в git на день прошлого заседания (из файла рассмотрения): "
            "изменённые ячейки отмечены Δ, изменения — на вкладке «Сравнение»", "", VIEW, "D"),
    Command("compare_off", "", "Выключить сравнение", "Снять отметки Δ и убрать вкладку «Сравнение»",
            "", VIEW),
    Command("toggle_theme", "T", "Светлая / тёмная тема",
            "Переключить светлую тему (читается на проекторе) и тёмную", "", VIEW, "T"),
    Command("choose_theme", "", "Выбрать тему…", "Выбрать любую тему оформления", "", VIEW),
    Command("help", "question_mark", "Все клавиши", "Показать клавиши этого экрана и команды (Ctrl+P)",
            "Клавиши", VIEW, "?", review="Клавиши"),
    Command("quit", "q", "Выход", "Выйти (при несохранённых правках — спросить)", "Выход", FILE,
            review="Выход"),
)


# The same keys on a Russian keyboard layout: an officer typing Russian text
# should not have to switch layouts to press «a» or «q».
RU_LAYOUT = dict(zip("qwertyuiop[]asdfghjkl;'zxcvbnm,./QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?",
                     "йцукенгшщзхъфывапролджэячсмитьбю.ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"))
# The decimal separator from either layout: on ЙЦУКЕН the key right of the «ю» key gives «.»
# (Shift: «,»); on the Latin layout that key gives «/» («?»), and the Latin «,» and «.» keys
# give «б» and «ю» on ЙЦУКЕН.  A number holds none of them: in a number's editor each is its
# comma (widgets/inorder.py), and right after a digit typed on the table, never a command
# (ui/keys.py) — «,» is the help's key on ЙЦУКЕН, «.» the search's.
DECIMAL_CHARS = {ch: "," for ch in (RU_LAYOUT[","], RU_LAYOUT["."], RU_LAYOUT["<"], RU_LAYOUT[">"],
                                    "?", "/")}
SEPARATOR_KEYS = frozenset({"comma", "full_stop", "question_mark", "slash",
                            *(ch for ch in DECIMAL_CHARS if ch.isalpha())})
KEY_CHARS = {"slash": "/", "question_mark": "?", "right_square_bracket": "]",
             "left_square_bracket": "["}


def _with_layout(keys: str) -> str:
    out = []
    for key in keys.split(","):
        out.append(key)
        char = KEY_CHARS.get(key, key)
        if len(char) == 1 and char in RU_LAYOUT:
            alias = RU_LAYOUT[char]
            out.append({",": "comma", ".": "full_stop"}.get(alias, alias))
    return ",".join(dict.fromkeys(out))


def bindings() -> list[Binding]:
    """The screen's bindings.  Which of them the footer shows, and with what label,
    depends on the mode (``footer_label``): it is not fixed in the binding."""
    out = []
    for command in COMMANDS:
        if not command.keys:
            continue
        footer = command.footer or command.review
        keys = ",".join(k for k in (command.keys, command.review_keys) if k)
        out.append(Binding(_with_layout(keys), command.action, footer or command.name,
                           show=bool(footer), key_display=command.footer_key or command.display or None,
                           id=command.id, tooltip=command.help))
    return out


# Keys that start typing a value into the cell under the cursor (editing mode), and the
# character each types.  «−» (U+2212) is the minus the app itself shows: copied from the
# screen or typed with a compose key, it was dropped and «−5» set 5.
TYPING_KEYS = {**{str(d): str(d) for d in range(10)}, "minus": "-", "minus_sign": "\u2212",
               "comma": ","}


_BY_ID = {command.id: command for command in COMMANDS}


def footer_label(binding: Binding, read_only: bool) -> str | None:
    """The footer's label for a key, or None to leave it out: editing sessions show
    the editing keys; read-only ones (review, a colleague editing) make room for
    finding, searching and printing."""
    command = _BY_ID.get(binding.id or "")
    if command is None:
        return None
    return (command.review if read_only else command.footer) or None


def key_text(command: Command) -> str:
    return command.display or command.keys


def eval_params(params: str) -> tuple:
    """``"'pdf')"`` -> ``("pdf",)``: the literal parameters of an action string."""
    params = params.rstrip(")")
    if not params:
        return ()
    import ast

    value = ast.literal_eval(f"({params},)")
    return tuple(value)
