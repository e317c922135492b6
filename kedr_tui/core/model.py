"""The report as entered by people: immutable, exact, free of derived figures.

Every row carries ``src``: its index in the file's array when it was loaded
(``None`` for rows added since).  The store uses it to write edits back into
the original document so that comments and layout survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
import datetime as _dt
from decimal import Decimal

FORMAT = 1

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Program:
    code: str = ""
    title: str = ""
    municipality: str = ""
    goal: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    position: str = ""
    name: str = ""
    executor: str = ""


@dataclass(frozen=True, slots=True)
class Narrative:
    intro: str = ""
    outro: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    title: str = ""
    src: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Indicator:
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
    src: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Activity:
    code: str = ""
    title: str = ""
    task: int | None = None
    src: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Expense:
    code: str = ""
    executor: str = ""
    plan_year: Decimal = Decimal(0)
    plan_period: Decimal = Decimal(0)
    cash: Decimal = Decimal(0)
    justification: str = ""
    src: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Amendment:
    act: str = ""
    date: _dt.date | None = None
    number: str = ""
    summary: str = ""
    src: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Report:
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
    return tuple(f.name for f in fields(cls) if f.name != "src")


def with_row(report: Report, section: str, index: int, row: object) -> Report:
    rows = list(getattr(report, section))
    rows[index] = row
    return replace(report, **{section: tuple(rows)})
