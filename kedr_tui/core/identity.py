"""What a row *is*, independent of where it stands: the typed row identity.

Review marks, the diff, navigation, findings and recovery name rows by these
values (SPEC.md, «Row identity»), never by their position in a list and never
by strings parsed back apart:

- task: its number;  indicator: (task, name), whitespace-normalised, case kept;
- activity: its code;  expense row: (code, executor);
- amendment: (act, date, number);  narrative: ``intro``, ``outro`` or an
  indicator's ``comment``;  the singleton tables ``program`` and ``signature``;
- the report itself, for marks and assignments about the whole report.

Identities are frozen msgspec Structs tagged by ``section``, so they hash,
compare, and turn into plain tables (``to_table``) for the review file and
the JSON outputs and back (``from_table``) with validation.
"""

from __future__ import annotations

import datetime as _dt

import msgspec
from msgspec import Struct

from kedr_tui.core import wording
from kedr_tui.core.numbers import fmt_date
from kedr_tui.core.errors import KedrError
from kedr_tui.core.model import Report


class RowIdError(KedrError, ValueError):
    """A row named wrongly (in the review file, or on the command line)."""


def norm(text: str) -> str:
    """Whitespace-normalised text: runs of spaces and line breaks become one space."""
    return " ".join(text.split())


class _Id(Struct, frozen=True, tag_field="section", forbid_unknown_fields=True):
    pass


class ReportId(_Id, tag="report"):
    """The report as a whole."""


class TableId(_Id, tag="table"):
    """A singleton table: ``program`` or ``signature``."""

    name: str


class TaskId(_Id, tag="task"):
    number: int


class IndicatorId(_Id, tag="indicator"):
    task: int
    name: str


class ActivityId(_Id, tag="activity"):
    code: str


class ExpenseId(_Id, tag="expense"):
    code: str
    executor: str


class AmendmentId(_Id, tag="amendment"):
    act: str
    date: _dt.date | None
    number: str


class NarrativeId(_Id, tag="narrative"):
    """``intro``, ``outro``, or an indicator's paragraph (``part="comment"`` with its indicator)."""

    part: str
    task: int | None = None
    name: str | None = None

    @property
    def indicator(self) -> IndicatorId | None:
        if self.part != "comment" or self.task is None or self.name is None:
            return None
        return IndicatorId(self.task, self.name)


RowId = ReportId | TableId | TaskId | IndicatorId | ActivityId | ExpenseId | AmendmentId | NarrativeId

REPORT = ReportId()
NARRATIVE_PARTS = ("intro", "outro")
TABLES = ("program", "signature")


# ---------------------------------------------------------------- from the model

# The fields of a list row's identity, by section: ``of_row`` makes the identity of them,
# ``duplicates`` compares them as they are (a tuple is made and hashed faster than a Struct).
_FIELDS_OF = {
    "indicators": lambda row: (row.task, norm(row.name)),
    "activities": lambda row: (row.code.strip(),),
    "expenses": lambda row: (row.code.strip(), norm(row.executor)),
    "amendments": lambda row: (norm(row.act), row.date, norm(row.number)),
}


def of_row(section: str, index: int | None, row) -> RowId:
    """The identity of ``row``, standing at ``index`` of the model's ``section``."""
    if section == "tasks":
        return TaskId(index + 1)
    fields = _FIELDS_OF.get(section)
    if fields is not None:
        return _LIST_SECTIONS[section](*fields(row))
    if section in TABLES:
        return TableId(section)
    if section == "report":
        return REPORT
    raise ValueError(f"no identity for section {section!r}")


def of(report: Report, section: str, index: int | None = None, field: str | None = None) -> RowId:
    """The identity of the row at (section, index); ``field`` picks a narrative part.

    An indicator's ``comment`` and the narrative's ``intro``/``outro`` are rows of
    the Доклад in their own right, so (indicators, i, "comment") names the paragraph.
    """
    if section == "narrative":
        return NarrativeId(field if field in NARRATIVE_PARTS else "intro")
    if section == "indicators" and field == "comment":
        ind = of_row(section, index, report.indicators[index])
        return NarrativeId("comment", ind.task, ind.name)
    if section in ("program", "signature", "report"):
        return of_row(section, None, None)
    return of_row(section, index, getattr(report, section)[index])


def section_of(rid: RowId) -> str:
    """The model's section that holds the row named by ``rid``."""
    return _SECTIONS[type(rid)] if not isinstance(rid, TableId) else rid.name


_SECTIONS = {TaskId: "tasks", IndicatorId: "indicators", ActivityId: "activities",
             ExpenseId: "expenses", AmendmentId: "amendments", NarrativeId: "narrative",
             ReportId: "report"}
_LIST_SECTIONS = {"tasks": TaskId, "indicators": IndicatorId, "activities": ActivityId,
                  "expenses": ExpenseId, "amendments": AmendmentId}


def index(report: Report) -> dict[RowId, tuple[str, int | None]]:
    """Every row's identity -> (section, index); the first row wins where two share one."""
    out: dict[RowId, tuple[str, int | None]] = {REPORT: ("report", None)}
    for name in TABLES:
        out[TableId(name)] = (name, None)
    for part in NARRATIVE_PARTS:
        out[NarrativeId(part)] = ("narrative", None)
    for section in _LIST_SECTIONS:
        for i, row in enumerate(getattr(report, section)):
            out.setdefault(of_row(section, i, row), (section, i))
    for i, ind in enumerate(report.indicators):
        rid = of_row("indicators", i, ind)
        out.setdefault(NarrativeId("comment", rid.task, rid.name), ("indicators", i))
    return out


def find(report: Report, rid: RowId) -> tuple[str, int | None] | None:
    """(section, index) of the row named by ``rid`` in ``report``, or ``None`` if it is gone."""
    if isinstance(rid, (ReportId, TableId)):
        return section_of(rid), None
    if isinstance(rid, NarrativeId):
        if rid.part in NARRATIVE_PARTS:
            return "narrative", None
        target = rid.indicator
        return find(report, target) if target is not None else None
    section = section_of(rid)
    if isinstance(rid, TaskId):
        return (section, rid.number - 1) if 1 <= rid.number <= len(report.tasks) else None
    for i, row in enumerate(getattr(report, section)):
        if of_row(section, i, row) == rid:
            return section, i
    return None


def duplicates(report: Report, section: str) -> list[tuple[int, int]]:
    """(first, repeat) index pairs of rows of ``section`` that share one identity (a task's is
    its number: tasks never do)."""
    fields = _FIELDS_OF.get(section)
    if fields is None:
        return []
    seen: dict[tuple, int] = {}
    out = []
    for i, row in enumerate(getattr(report, section)):
        first = seen.setdefault(fields(row), i)
        if first != i:
            out.append((first, i))
    return out


# ---------------------------------------------------------------- as plain tables

def to_table(rid: RowId) -> dict:
    """``{"section": "indicator", "task": 1, "name": "…"}``; dates stay dates, ``None`` is left out."""
    data = msgspec.to_builtins(rid, builtin_types=(_dt.date,))
    return {key: value for key, value in data.items() if value is not None}


def from_table(data: object) -> RowId:
    """A plain table back to its identity, or RowIdError (a ValueError) with a Russian reason."""
    try:
        return msgspec.convert(data, RowId, builtin_types=(_dt.date,))
    except msgspec.ValidationError as exc:
        raise RowIdError(wording.row_id_invalid(exc)) from None


# ---------------------------------------------------------------- in words

def describe(rid: RowId) -> str:
    """The row in the forms' words, for marks, the diff and the protocol."""
    if isinstance(rid, ReportId):
        return wording.ROW_REPORT
    if isinstance(rid, TableId):
        return wording.ROW_TABLES.get(rid.name, rid.name)
    if isinstance(rid, TaskId):
        return wording.row_task(rid.number)
    if isinstance(rid, IndicatorId):
        return wording.row_indicator(rid.task, rid.name)
    if isinstance(rid, ActivityId):
        return wording.row_activity(rid.code)
    if isinstance(rid, ExpenseId):
        return wording.row_expense(rid.code, rid.executor)
    if isinstance(rid, AmendmentId):
        return wording.row_amendment(rid.act, fmt_date(rid.date) if rid.date else None,
                                     rid.number)
    return wording.row_narrative(rid.part, rid.name)


# ---------------------------------------------------------------- across two versions

def _group_positions(report: Report) -> list[tuple[int, int]]:
    """Each indicator's place in Form 1: (task, number within its task's group)."""
    counts: dict[int, int] = {}
    out = []
    for ind in report.indicators:
        counts[ind.task] = counts.get(ind.task, 0) + 1
        out.append((ind.task, counts[ind.task]))
    return out


def renames(old: Report, new: Report) -> dict[int, int]:
    """Indicators renamed in place: old index -> new index.

    SPEC «Row identity»: a renamed indicator is a removal and an addition,
    unless its position (task and number within the group) and all its other
    fields are unchanged; then it is the same row with a new ``name``.  Only
    rows whose identity has no counterpart in the other version qualify.
    """
    old_ids = [of_row("indicators", i, row) for i, row in enumerate(old.indicators)]
    new_ids = [of_row("indicators", i, row) for i, row in enumerate(new.indicators)]
    present = set(new_ids)
    gone = {pos: i for i, (pos, name) in enumerate(zip(_group_positions(old), old_ids))
            if name not in present}
    if not gone:
        return {}
    kept = set(old_ids)
    out: dict[int, int] = {}
    for j, (pos, name) in enumerate(zip(_group_positions(new), new_ids)):
        i = gone.get(pos)
        if name in kept or i is None or i in out:
            continue
        a, b = old.indicators[i], new.indicators[j]
        if all(getattr(a, f) == getattr(b, f) for f in a.__struct_fields__ if f not in ("name", "src")):
            out[i] = j
    return out
