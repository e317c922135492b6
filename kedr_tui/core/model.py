"""The report as entered by people: immutable, exact, free of derived figures.

Every row carries ``src``: its index in the file's array when it was loaded
(``None`` for rows added since).  The store uses it to write edits back into
the original document so that comments and layout survive.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from msgspec import Struct
from msgspec.structs import replace

from kedr_tui.core import wording

FORMAT = 1

HIGHER = "higher"
LOWER = "lower"

# The text the app puts into a row it adds: still there means the row was never filled in
# (W-PLACEHOLDER).  Section -> (field, texts); a repeated one gets a number («… 2»).
PLACEHOLDERS = {
    "tasks": ("title", wording.PLACEHOLDER_TEXTS["tasks"]),
    "indicators": ("name", wording.PLACEHOLDER_TEXTS["indicators"]),
    "activities": ("title", wording.PLACEHOLDER_TEXTS["activities"]),
    "expenses": ("executor", wording.PLACEHOLDER_TEXTS["expenses"]),
}


def placeholder(section: str, n: int = 1, which: int = 0) -> str:
    """The text a newly added row of ``section`` gets (``n`` > 1: the n-th of its kind)."""
    text = PLACEHOLDERS[section][1][which]
    return text if n == 1 else f"{text} {n}"


def is_placeholder(section: str, text: str) -> bool:
    if section not in PLACEHOLDERS:
        return False
    words = " ".join(text.split())
    head, _, tail = words.rpartition(" ")
    return any(words == t or (head == t and tail.isdigit()) for t in PLACEHOLDERS[section][1])


class ListRow(Struct, frozen=True, eq=False):
    """A row of one of the report's lists.  Two rows are equal when their data
    are: ``src`` (where the row stood in the file) is not part of it."""

    def _data(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__struct_fields__ if name != "src")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._data() == other._data()

    def __hash__(self) -> int:
        return hash(self._data())


class Program(Struct, frozen=True):
    code: str = ""
    title: str = ""
    municipality: str = ""
    goal: str = ""


class Signature(Struct, frozen=True):
    position: str = ""
    name: str = ""
    executor: str = ""


class Narrative(Struct, frozen=True):
    intro: str = ""
    outro: str = ""


class Task(ListRow):
    title: str = ""
    src: int | None = None


class Indicator(ListRow):
    task: int = 0
    name: str = ""
    unit: str = ""
    prev: Decimal | None = None
    prev_note: str = ""
    plan: Decimal | None = None
    fact: Decimal | None = None
    fact_note: str = ""
    better: str = HIGHER
    justification: str = ""
    formula: str = ""
    comment: str = ""
    src: int | None = None


class Activity(ListRow):
    code: str = ""
    title: str = ""
    task: int | None = None
    src: int | None = None


class Expense(ListRow):
    code: str = ""
    executor: str = ""
    plan_year: Decimal = Decimal(0)
    plan_period: Decimal = Decimal(0)
    cash: Decimal = Decimal(0)
    justification: str = ""
    src: int | None = None


class Amendment(ListRow):
    act: str = ""
    date: _dt.date | None = None
    number: str = ""
    summary: str = ""
    src: int | None = None


class Report(Struct, frozen=True):
    year: int
    program: Program = Program()
    signature: Signature = Signature()
    tasks: tuple[Task, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    activities: tuple[Activity, ...] = ()
    expenses: tuple[Expense, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    narrative: Narrative = Narrative()
    format: int = FORMAT


# Sections of the report: singletons (one table) and lists (arrays of tables).
SINGLETONS: dict[str, type] = {
    "program": Program,
    "signature": Signature,
    "narrative": Narrative,
}
LISTS: dict[str, type] = {
    "tasks": Task,
    "indicators": Indicator,
    "activities": Activity,
    "expenses": Expense,
    "amendments": Amendment,
}


def data_fields(cls: type) -> tuple[str, ...]:
    """The fields a person enters for ``cls`` (everything but ``src``)."""
    return tuple(name for name in cls.__struct_fields__ if name != "src")


def with_row(report: Report, section: str, index: int, row: object) -> Report:
    rows = list(getattr(report, section))
    rows[index] = row
    return replace(report, **{section: tuple(rows)})
