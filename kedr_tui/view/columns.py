"""The tables the screen shows and their columns: labels, widths, which field each edits.

Pure.  Every table is a list of ``ViewRow`` (see ``rows``); a column says how wide
it is, how it grows and which field of which kind of row it edits.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, NamedTuple

from kedr_tui.core.fields import FIELDS
from kedr_tui.view import wording as vw

if TYPE_CHECKING:
    from kedr_tui.view.rows import ViewRow

TABLES = ("indicators", "expenses", "amendments", "narrative", "findings", "review")
TAB_TITLES = vw.TAB_TITLES


class ViewColumn(NamedTuple):
    key: str
    label: str
    width: int                      # the least width (a flexible column's minimum)
    flex: int = 0                   # share of the spare width (0: sized to its content)
    right: bool = False             # numbers are right-aligned
    cap: int = 0                    # content-sized columns grow up to this (0: ``width``)



def _own(section: str, field: str, width: int, **kwargs) -> ViewColumn:
    """The column of one field, headed as the catalogue says (core/fields.py)."""
    return ViewColumn(field, FIELDS[(section, field)].column, width, **kwargs)


MARK = ViewColumn("mark", " ", 1)

COLUMNS: dict[str, tuple[ViewColumn, ...]] = {
    "indicators": (
        MARK,
        ViewColumn("num", "№", 2, cap=3),
        _own("indicators", "name", 24, flex=5),
        _own("indicators", "unit", 3, cap=6),
        _own("indicators", "better", 1),
        _own("indicators", "prev", 6, right=True, cap=9),
        _own("indicators", "plan", 4, right=True, cap=10),
        _own("indicators", "fact", 4, right=True, cap=10),
        ViewColumn("abs", vw.COL_ABS, 5, right=True, cap=10),
        ViewColumn("rel", vw.COL_REL, 6, right=True, cap=8),
        ViewColumn("growth", vw.COL_GROWTH, 6, right=True, cap=8),
        _own("indicators", "justification", 20, flex=3),
        _own("indicators", "formula", 16, flex=2),
    ),
    "expenses": (
        MARK,
        ViewColumn("code", vw.COL_CODE, 9, cap=10),
        ViewColumn("name", vw.COL_ACTIVITY_EXECUTOR, 24, flex=5),
        _own("expenses", "plan_year", 8, right=True, cap=12),
        _own("expenses", "plan_period", 9, right=True, cap=12),
        _own("expenses", "cash", 8, right=True, cap=12),
        ViewColumn("pct_year", vw.COL_PCT_YEAR, 6, right=True, cap=8),
        ViewColumn("pct_period", vw.COL_PCT_PERIOD, 6, right=True, cap=8),
        _own("expenses", "justification", 20, flex=3),
    ),
    "amendments": (
        MARK,
        ViewColumn("num", "№", 2, cap=4),
        _own("amendments", "act", 24, flex=3),
        _own("amendments", "date", 10),
        _own("amendments", "number", 5, cap=10),
        _own("amendments", "summary", 20, flex=4),
    ),
    "narrative": (
        MARK,
        ViewColumn("part", vw.COL_SECTION, 26, flex=1),
        ViewColumn("text", vw.COL_TEXT, 30, flex=4),
    ),
    "changes": (       # the comparison with an earlier version (shown only while comparing)
        MARK,
        ViewColumn("form", vw.COL_FORM, 5, cap=6),
        ViewColumn("what", vw.COL_ROW, 24, flex=3),
        ViewColumn("change", vw.COL_WHAT_CHANGED, 30, flex=4),
    ),
    "findings": (
        MARK,
        ViewColumn("code", vw.COL_CODE, 9, cap=11),
        ViewColumn("place", vw.WHERE, 18, flex=1),
        ViewColumn("line", vw.COL_LINE, 4, right=True, cap=6),
        ViewColumn("message", vw.COL_MESSAGE, 30, flex=4),
    ),
    "review": (
        MARK,
        ViewColumn("what", vw.COL_WHAT, 10, cap=18),
        ViewColumn("row", vw.COL_ROW_OR_VALUE, 14, flex=3),
        ViewColumn("status", vw.COL_STATUS, 8, cap=14),
        ViewColumn("text", vw.COL_COMMENT, 14, flex=4),
    ),
}


# How many leading columns stay in place when the table scrolls sideways.
FIXED_COLUMNS = {"indicators": 3, "expenses": 3, "amendments": 2, "narrative": 2, "findings": 2,
                 "changes": 2, "review": 2}

# The column the cursor starts on: the row's name, so that Enter edits it (the marker
# column first explained itself instead).  Missing: the first column.
START_COLUMN = {"indicators": "name", "expenses": "name", "amendments": "act", "narrative": "text"}

# Which field a column edits, per kind of row (missing: read-only).
EDITABLE: dict[str, dict[str, dict[str, str]]] = {
    "indicators": {
        "indicator": {"num": "task", "name": "name", "unit": "unit", "better": "better",
                      "prev": "prev", "plan": "plan", "fact": "fact",
                      "justification": "justification", "formula": "formula"},
        "goal": {"name": "goal"},
        "task": {"name": "title"},
    },
    "expenses": {
        "program": {"name": "title"},
        "node": {"code": "code", "name": "title"},
        "task": {"name": "title"},
        "expense": {"code": "code", "name": "executor", "plan_year": "plan_year",
                    "plan_period": "plan_period", "cash": "cash",
                    "justification": "justification"},
    },
    "amendments": {
        "amendment": {"act": "act", "date": "date", "number": "number", "summary": "summary"},
    },
}


def column_keys(table: str) -> tuple[str, ...]:
    return tuple(c.key for c in COLUMNS[table])


def edit_target(table: str, row: ViewRow, column: str) -> tuple[str, int | None, str] | None:
    """(section, index, field) that the cell edits, or None when it is computed."""
    if row.section is None:
        return None
    if row.field is not None:
        return row.section, row.index, row.field
    field = EDITABLE.get(table, {}).get(row.kind, {}).get(column)
    return (row.section, row.index, field) if field else None


def field_column(table: str, row: ViewRow, field: str | None) -> str | None:
    """The column of ``row`` that shows ``field`` (for jumping to a finding's cell)."""
    if field is None:
        return None
    for column, name in EDITABLE.get(table, {}).get(row.kind, {}).items():
        if name == field:
            return column
    return None


_NUMBER = re.compile(r"[−-]?[0-9\u00a0 ]+(,[0-9]+)?( %)?")


def natural_widths(columns: tuple[ViewColumn, ...], rows) -> list[int]:
    """Content-sized columns as wide as their longest text (and label), within their cap;
    number columns as wide as their longest number, whatever the cap.  ``rows`` that can
    say their columns' texts without being made (view/first_rows.py) are not made."""
    texts_of = getattr(rows, "column_texts", None)
    widths = []
    for i, column in enumerate(columns):
        if column.flex or not column.cap:
            widths.append(column.width)
            continue
        texts = texts_of(column.key) if texts_of is not None else [row.cells[i].text for row in rows]
        longest = max(map(len, texts), default=0)
        if column.right:  # a number is shown whole or not at all: the cap does not cut it
            widths.append(max(column.width, _longest_number(texts),
                              min(column.cap, max(longest, len(column.label)))))
            continue
        widths.append(max(column.width, min(column.cap, max(longest, len(column.label)))))
    return widths


def _longest_number(texts) -> int:
    """The length of the longest text that is a number (0: none): the longest texts are
    tried first, and are numbers nearly always (a table has some 10 000 of them)."""
    for text in sorted(set(texts), key=len, reverse=True):
        if _NUMBER.fullmatch(text):
            return len(text)
    return 0


def fit_widths(columns: tuple[ViewColumn, ...], available: int, padding: int = 2,
               natural: list[int] | None = None) -> list[int]:
    """ViewColumn widths for ``available`` cells: content-sized ones as ``natural`` says,
    flexible ones sharing what is left (never below their minimum: the table then
    scrolls sideways)."""
    widths = list(natural) if natural is not None else [c.width for c in columns]
    spare = available - sum(widths) - padding * len(columns)
    flex = sum(c.flex for c in columns)
    if spare <= 0 or not flex:
        return widths
    given = 0
    flexible = [i for i, c in enumerate(columns) if c.flex]
    for i in flexible:
        extra = spare * columns[i].flex // flex
        widths[i] += extra
        given += extra
    widths[flexible[0]] += spare - given
    return widths


