"""Every Russian word of the command line (``kedr-tui``, ``check``, ``export``, ``new``,
``diff``, ``protocol``) that is its own: usage, help texts and refusals.  Messages about
reports, files and outputs come from ``core/wording.py`` and ``export/wording.py``, the
same words the app uses; call sites pass values, sentences are built here.
"""
from __future__ import annotations


# -------------------------------------------------------------------------------- usage and help
def export_option(kind):
    """``--pdf``, ``--txt``, ``--json`` of ``export``."""
    what = {"pdf": "PDF", "txt": "простой текст", "json": "JSON (- для stdout)"}[kind]
    return f"{what}; по умолчанию out/<год>.{kind}"


def protocol_option(kind):
    """``--pdf``, ``--txt`` of ``protocol``."""
    what = {"pdf": "PDF", "txt": "простой текст (- для stdout)"}[kind]
    return f"{what}; по умолчанию out/<год>.protocol.{kind}"


def no_terminal(stream):
    """``stream``: ``"input"`` or ``"output"``, the one that is not a terminal."""
    what = "ввод" if stream == "input" else "вывод"
    return (f"стандартный {what} — не терминал, а приложению нужен терминал; без него работают "
            "kedr-tui check и kedr-tui export")


# ---------------------------------------------------------------- messages

PDF_NOT_TO_TERMINAL = ("PDF не выводится в терминал (его байты терминал принял бы за команды): "
                       "укажите файл или перенаправьте вывод, например > отчёт.pdf")


def usage_error(prog, message):
    return f"{prog}: ошибка в аргументах: {message}\n"


DESCRIPTION = ("Отчёт о реализации муниципальной программы: "
    "редактирование, проверка, печать. Команды: check, export, new, diff, "
    "protocol.")


HELP_REPORT = "файл отчёта (по умолчанию — самый новый reports/*.toml)"
HELP_REVIEW_MODE = "только просмотр (для совещаний)"
HELP_SINCE = "отметить, что изменилось с версии git (HEAD~1, метка) или с другого файла"
HELP_CHECK = "проверить отчёты и вывести все замечания"
HELP_STRICT = "предупреждения тоже дают код 1"
HELP_CHECK_REVIEW = "также открытые замечания и поручения рассмотрения; просроченные дают код 1"
HELP_EXPORT = "вывести отчёт в PDF, текст или JSON"
HELP_PROTOCOL = "протокол заседания по рассмотрению отчёта"
HELP_NEW = "создать отчёт на следующий год"
HELP_NEW_FROM = "отчёт прошлого года (по умолчанию reports/<год-1>.toml)"
HELP_DIFF = "что изменилось между двумя версиями или годами отчёта"
DIFF_DESCRIPTION = ("Сравнить OLD и NEW (или REPORT с его версией в git: --rev). "
    "Код выхода: 0 — отличий нет, 1 — есть, 2 — сравнение невозможно.")


HELP_DIFF_FILES = "OLD NEW, или REPORT с --rev"
HELP_DIFF_REV = "сравнить REPORT с его версией REV в git"
HELP_DIFF_JSON = "вывод в JSON для программ"
HELP_COLOR = "цвет: auto — только в терминале и без NO_COLOR"


def year_invalid(text):
    """``new YEAR`` with something that is not a whole number in it."""
    example = "год должен быть числом, например 2022"
    return f"{example}, а не «{text}»" if text.strip() else example


def usage_message(message):
    """argparse's English reason (``parse_args`` errors) in Russian words; what it does not
    know is kept as is.  Patterns of Python 3.11–3.13's argparse."""
    import re

    for pattern, say in _ARGPARSE:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return say(*match.groups())
    return message


ARGUMENT_NAMES = {"YEAR": "год", "year": "год", "reports": "файл отчёта", "REPORT": "файл отчёта",
                  "report": "файл отчёта", "files": "файлы", "FILE": "файлы"}


def _names(text):
    return ", ".join(ARGUMENT_NAMES.get(name.strip(), name.strip()) for name in text.split(","))


_ARGPARSE = (
    (r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)",
     lambda name, value, choices: f"{name}: нет значения «{value}»; можно: "
                                  + ", ".join(c.strip(" '") for c in choices.split(","))),
    (r"argument (\S+): expected one argument", lambda name: f"{name}: нужно значение"),
    (r"argument (\S+): expected at least one argument",
     lambda name: f"{name}: нужно хотя бы одно значение"),
    (r"argument [^:]+: (.*[а-яё].*)", lambda reason: reason),    # our own, already Russian
    (r"the following arguments are required: (.*)", lambda names: f"не указано: {_names(names)}"),
    (r"unrecognized arguments: (.*)", lambda args: f"лишние аргументы: {args}"),
    (r"ambiguous option: (\S+) could match (.*)",
     lambda option, matches: f"{option}: неоднозначно, может быть {matches}"),
)

USAGE = "использование:"


REVIEW_HAS_ERRORS = "в файле рассмотрения есть ошибки"
NOT_REVIEWED = ("отчёт ещё не рассматривался: файла "
    "рассмотрения нет, протокол не из чего составить")


def report_has_errors(name):
    return f"{name}: в отчёте есть ошибки, вывод не сделан"


def draft_pdf(message):
    return f"{message}; PDF помечен как проект"


def year_out_of_range(year):
    return f"kedr-tui new: год {year} вне диапазона 1900–2999 (например, 2022)"


def new_from_wrong_year(source, year, new_year):
    return (f"{source}: это отчёт за {year} год, а новый — за {new_year}: "
            "новый год строится на отчёте за прошлый год")


FILE_EXISTS = "файл уже есть, не перезаписываю"


def new_first_report(folder, year):
    return (f"{folder}: отчётов ещё нет — создан первый отчёт программы за {year} год; "
            "заполните его в kedr-tui")
DIFF_REV_ONE_FILE = "kedr-tui diff: с --rev указывается один файл отчёта: kedr-tui diff REPORT --rev REV"
DIFF_TWO_FILES = ("kedr-tui diff: укажите два файла (kedr-tui diff OLD NEW) или файл и версию "
    "(kedr-tui diff REPORT --rev REV)")


NO_REPORTS = "нет отчётов (*.toml); укажите файл: kedr-tui ФАЙЛ"


def one_output_to_stdout(count):
    return f"на стандартный вывод («-») идёт только один вывод, а указано {_COUNT_WORDS.get(count, count)}"


_COUNT_WORDS = {2: "два", 3: "три"}
