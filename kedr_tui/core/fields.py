"""Every field of the report format, once: what it holds, how it is read, typed and
shown, and what it is called.

One entry per (section, field).  The loader's validation (``schema``), the
editor's parsing (``parse_input`` and ``view.fields``), the journal's
descriptions (``recovery``), the column headers and the detail pane
(``view``) and the JSON keys (``export.json``) all read it: adding a field to
the format is one entry here plus its tests (``tests/core/test_fields.py``
walks this catalogue).

Wording: each field's Russian labels (``label``, ``short``, ``noun``, ``column``) stay in
its one entry here, the one justified exception to ``core/wording.py`` (issue 9 item 1: a
new field is one entry, not an entry plus four label tables); ``tests/test_wording.py``
allows Cyrillic in this module only inside the ``_f(...)`` entries.

Kinds: ``text`` (one line), ``multiline``, ``number`` (exact decimal),
``integer``, ``date`` and ``better`` (``higher`` / ``lower``).  A field that is
not required and holds a number may be left empty: it then has no value.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from msgspec import Struct

from kedr_tui.core import wording
from kedr_tui.core.errors import EditError
from kedr_tui.core.model import HIGHER, LOWER
from kedr_tui.core.numbers import (NumberError, fmt_date, format_decimal, parse_date,
                                   parse_integer, parse_number)

TEXT, MULTILINE, NUMBER, INTEGER, DATE, BETTER = "text", "multiline", "number", "integer", "date", "better"
CHOICE = "choice"

# What the editor says under the input line, by editor kind.
HINTS = wording.EDITOR_HINTS
OPTIONAL_HINT = wording.OPTIONAL_HINT


class Field(Struct, frozen=True):
    section: str            # "report" for the year, else the section of the file
    name: str               # the key in the file, in the model and in the JSON
    kind: str               # text | multiline | number | integer | date | better
    required: bool          # must be in the file; a required text may not be left empty
    label: str              # the long Russian name: the editor's title, a finding's «Поле»
    short: str              # the name beside the value: the detail pane, the «Доклад» rows
    noun: str               # the name inside a sentence: the journal's «… факт 1 → 2»
    column: str | None      # the header of the field's own column in the app, if it has one
    editor: str             # choice | multiline | number | integer | date | text
    json: bool = False      # written as such by ``export --json``

    @property
    def optional_value(self) -> bool:
        """Empty input means "no value" (``None``)."""
        return not self.required and self.kind in (NUMBER, INTEGER)

    @property
    def help(self) -> str:
        text = HINTS.get(self.editor, "")
        if self.optional_value and self.editor == NUMBER:
            text += OPTIONAL_HINT
        return text

    def parse(self, text: str, report=None):
        """Typed text -> the field's value, or EditError with a Russian reason."""
        stripped = text.strip()
        kind = self.kind
        if kind == NUMBER:
            if not stripped and self.optional_value:
                return None
            try:
                return parse_number(stripped)
            except NumberError as exc:
                raise EditError(str(exc)) from None
        if kind == INTEGER:
            if not stripped and self.optional_value:
                return None
            try:
                value = parse_integer(stripped)
            except NumberError as exc:
                raise EditError(str(exc)) from None
            if self.name == "task" and report is not None:
                low = 0 if self.section == "indicators" else 1
                if not low <= value <= len(report.tasks):
                    raise EditError(wording.no_such_task(value, low, len(report.tasks)))
            return value
        if kind == DATE:
            try:
                return parse_date(stripped)
            except NumberError as exc:
                raise EditError(str(exc)) from None
        if kind == BETTER:
            value = _BETTER_WORDS.get(stripped.lower())
            if value is None:
                raise EditError(wording.BETTER_EXPECTED)
            return value
        if kind == MULTILINE:
            return text.strip("\n")
        if "\n" in stripped:
            raise EditError(wording.ONE_LINE_EXPECTED)
        return stripped

    def text(self, value) -> str:
        """A value as the editor shows it for retyping (no grouping spaces, decimal comma)."""
        return editable_text(value)

    def shown(self, value, clip=lambda text: text) -> str:
        """A value inside a sentence: «текст», 1 234,50, 24.03.2021, больше, — for none."""
        if value is None:
            return "—"
        if isinstance(value, Decimal):
            return format_decimal(value)
        if isinstance(value, _dt.date):
            return fmt_date(value)
        if self.kind == BETTER:
            return wording.BETTER_SHORT.get(value, str(value))
        if isinstance(value, str):
            return f"«{clip(value)}»" if value else wording.EMPTY_TEXT
        return str(value)


_BETTER_WORDS = {"higher": HIGHER, "lower": LOWER,
                 **{word: HIGHER for word in wording.HIGHER_WORDS},
                 **{word: LOWER for word in wording.LOWER_WORDS}}


def editable_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",").replace("-", "−")
    if isinstance(value, _dt.date):
        return fmt_date(value)
    return str(value)


def _f(section: str, name: str, kind: str, required: bool, label: str, *, short: str | None = None,
       noun: str, column: str | None = None, choice: bool = False, json: bool = False) -> Field:
    editor = CHOICE if choice or kind == BETTER else kind
    return Field(section, name, kind, required, label, short or label, noun, column, editor, json)


CATALOGUE: tuple[Field, ...] = (
    _f("report", "year", INTEGER, True, "Отчётный год", noun="год"),

    _f("program", "code", TEXT, True, "Код программы (МП)", noun="код", json=True),
    _f("program", "title", TEXT, True, "Наименование программы", noun="наименование", json=True),
    _f("program", "municipality", TEXT, False, "Муниципальное образование",
       noun="муниципальное образование"),
    _f("program", "goal", TEXT, False, "Цель программы", noun="цель"),

    _f("signature", "position", TEXT, False, "Должность подписывающего", short="Должность",
       noun="должность"),
    _f("signature", "name", TEXT, False, "Фамилия и инициалы подписывающего",
       short="Подпись: фамилия, инициалы", noun="ФИО"),
    _f("signature", "executor", TEXT, False, "Исполнитель", noun="исполнитель"),

    _f("narrative", "intro", MULTILINE, False, "Доклад: вступление", short="Вступление",
       noun="вступление"),
    _f("narrative", "outro", MULTILINE, False, "Доклад: заключение", short="Заключение",
       noun="заключение"),

    _f("tasks", "title", TEXT, True, "Наименование задачи", noun="наименование"),

    _f("indicators", "task", INTEGER, True, "Задача, к которой относится показатель", short="Задача",
       noun="задача", choice=True, json=True),
    _f("indicators", "name", TEXT, True, "Наименование показателя", noun="наименование",
       column="Наименование показателя", json=True),
    _f("indicators", "unit", TEXT, False, "Единица измерения", short="Ед. изм.", noun="ед. изм.",
       column="Ед.", json=True),
    _f("indicators", "prev", NUMBER, False, "Факт на начало отчётного периода (за прошлый год)",
       short="Прошлый год", noun="значение за прошлый год", column="Прошл.", json=True),
    _f("indicators", "prev_note", TEXT, False, "Примечание вместо факта прошлого года",
       short="Прошлый год", noun="примечание к прошлому году"),
    _f("indicators", "plan", NUMBER, True, "План на конец отчётного года", short="План", noun="план",
       column="План", json=True),
    _f("indicators", "fact", NUMBER, False, "Факт на конец отчётного периода", short="Факт",
       noun="факт", column="Факт", json=True),
    _f("indicators", "fact_note", TEXT, False, "Примечание вместо факта (не измерялся и т. п.)",
       short="Факт", noun="примечание к факту"),
    _f("indicators", "better", BETTER, False, "Что лучше: больше или меньше", short="Лучше",
       noun="лучше, когда", column="↕"),
    _f("indicators", "justification", TEXT, False, "Обоснование отклонений", short="Обоснование",
       noun="обоснование", column="Обоснование отклонений"),
    _f("indicators", "formula", TEXT, False, "Расчёт значения показателя", short="Расчёт",
       noun="расчёт значения", column="Расчёт значения"),
    _f("indicators", "comment", MULTILINE, False, "Текст о показателе в докладе", short="В докладе",
       noun="комментарий"),

    _f("activities", "code", TEXT, True, "Код мероприятия (МП.Пп.ОМ.М)", short="Код", noun="код"),
    _f("activities", "title", TEXT, True, "Наименование мероприятия", noun="наименование"),
    _f("activities", "task", INTEGER, False, "Задача основного мероприятия", short="Задача",
       noun="задача", choice=True),

    _f("expenses", "code", TEXT, True, "Мероприятие (код)", short="Код", noun="код", choice=True),
    _f("expenses", "executor", TEXT, True, "Ответственный исполнитель, соисполнитель",
       short="Исполнитель", noun="исполнитель"),
    _f("expenses", "plan_year", NUMBER, True, "План на отчётный год, тыс. руб.", short="План на год",
       noun="план на год", column="План год"),
    _f("expenses", "plan_period", NUMBER, True, "План на отчётный период, тыс. руб.",
       short="На период", noun="план на период", column="План пер."),
    _f("expenses", "cash", NUMBER, True, "Кассовое исполнение на конец периода, тыс. руб.",
       short="Касса", noun="кассовое исполнение", column="Касса"),
    _f("expenses", "justification", TEXT, False, "Обоснование отклонений", short="Обоснование",
       noun="обоснование", column="Обоснование отклонений"),

    _f("amendments", "act", TEXT, True, "Вид правового акта", noun="вид акта",
       column="Вид правового акта"),
    _f("amendments", "date", DATE, True, "Дата принятия", noun="дата", column="Дата"),
    _f("amendments", "number", TEXT, False, "Номер", noun="номер", column="Номер"),
    _f("amendments", "summary", TEXT, False, "Суть изменений (краткое изложение)",
       short="Суть изменений", noun="содержание", column="Суть изменений"),
)

FIELDS: dict[tuple[str, str], Field] = {(f.section, f.name): f for f in CATALOGUE}


def field(section: str, name: str) -> Field:
    """The catalogue's entry; KeyError for a field the format does not have."""
    return FIELDS[(section, name)]


def of_section(section: str) -> tuple[Field, ...]:
    """The section's fields in the order of the format (and of the model)."""
    return tuple(f for f in CATALOGUE if f.section == section)


def label(section: str, name: str) -> str:
    entry = FIELDS.get((section, name))
    return entry.label if entry else name


def parse_input(section: str, name: str, text: str, report=None):
    """Typed text -> the value of ``section.name``, or EditError with a Russian reason."""
    return field(section, name).parse(text, report)
