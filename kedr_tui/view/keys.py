"""What names a row of a table on screen: its typed key.  Pure.

A row that shows a record of the report is named by the record's identity
(``core.identity``: IndicatorId, ExpenseId, TaskId, …), so the cursor, the
memo, the Δ marks, findings, search and undo follow the record wherever it
moves, and never by a string or a list position that shifts after a delete.
Rows that are not records get the small typed keys below.  Keys are frozen
msgspec Structs: they hash, compare by type and value, and are never parsed.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from kedr_tui.core import identity
from kedr_tui.core.model import Report


class Heading(Struct, frozen=True):
    """A heading line of a table (``program``, ``narrative``, ``signature``, ``orphans``, …)."""

    name: str


class ProgrammeTotal(Struct, frozen=True):
    """The programme's line of Form 2: totals of every expense row."""


class ExecutorTotal(Struct, frozen=True):
    """One executor's line under an aggregated activity: the sums of its descendants' rows."""

    code: str
    executor: str


class FieldRow(Struct, frozen=True):
    """One field of a singleton record (the programme, the signature, the report's year)
    shown as a row of its own (the «Доклад» tab)."""

    row: Any            # a core RowId: TableId or ReportId
    field: str


class FindingKey(Struct, frozen=True):
    """A row of the «Проверка» tab: the finding's code, the row it is about and its field."""

    code: str
    row: Any            # a core RowId, or None for the file as a whole
    field: str | None


class ReviewKey(Struct, frozen=True):
    """A row of the «Рассмотрение» tab: a detail of the meeting (``meeting``, its field name),
    a mark, an assignment or an earlier meeting (``mark`` / ``assignment`` / ``history``,
    its place in the review file)."""

    kind: str
    which: Any


class ChangeKey(Struct, frozen=True):
    """A row of the «Сравнение» tab: a changed row (``entry``), a total that moved
    (``total``, the node's code) or the evaluation."""

    part: str
    row: Any


class Again(Struct, frozen=True):
    """The ``n``-th row (n ≥ 2) of one table with the same key: a repeated identity,
    which the checks report (E-DUP, E-CODE) and the table still shows."""

    key: Any
    n: int


class After(Struct, frozen=True):
    """Where the cursor goes after an edit that adds, moves or deletes a row: the row that
    stands at ``index`` of ``section`` once the edit is made (its key is known only then)."""

    section: str
    index: int
    field: str | None = None    # "comment": the indicator's paragraph on «Доклад»


PROGRAMME = ProgrammeTotal()
RowKey = Any        # a core RowId or one of the keys above


def unique_each(rows):
    """``unique``, row by row: the rows of an iterable, a repeated key made ``Again(key, n)``."""
    seen: set = set()
    for row in rows:
        key = row.key
        if key in seen:
            n = 2
            while Again(key, n) in seen:
                n += 1
            key = Again(key, n)
            row = row._replace(key=key)
        seen.add(key)
        yield row


def unique(rows: list) -> list:
    """``rows`` with a repeated key made ``Again(key, n)``: a table needs one row per key."""
    return list(unique_each(rows))


# ---------------------------------------------------------------- from the model

_REPEATABLE = ("indicators", "activities", "expenses", "amendments")
_repeats: list = [None, {}]     # [the report, {section: {index: n}}]: for the latest report only


def _repeat_numbers(report: Report, section: str) -> dict[int, int]:
    """index -> n for the rows of ``section`` whose identity an earlier row already has."""
    if _repeats[0] is not report:
        _repeats[0], _repeats[1] = report, {}
    numbers = _repeats[1].get(section)
    if numbers is None:
        numbers = {}
        counts: dict[int, int] = {}
        for first, repeat in identity.duplicates(report, section):
            counts[first] = counts.get(first, 1) + 1
            numbers[repeat] = counts[first]
        _repeats[1][section] = numbers
    return numbers


def record_key(report: Report, section: str, index: int | None, field: str | None = None) -> RowKey | None:
    """The key of the row showing record ``index`` of ``section`` (its paragraph of the
    Доклад for ``field="comment"``), or None when there is no such record."""
    try:
        rid = identity.of(report, section, index, field)
    except (IndexError, TypeError, ValueError):
        return None
    if section in _REPEATABLE:
        n = _repeat_numbers(report, section).get(index)
        if n:
            return Again(rid, n)
    return rid


def resolve(focus, report: Report | None) -> RowKey | None:
    """``focus`` as a row key: an ``After`` becomes the key of the row now at its place."""
    if isinstance(focus, After):
        return record_key(report, focus.section, focus.index, focus.field) if report is not None else None
    return focus
