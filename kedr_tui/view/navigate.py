"""Moving around the whole report: next finding, text search.  Pure.

A position is ``(table number, row number)`` in the order the tabs are shown;
both walks go across tabs and wrap around at the end.  A target names its row by
its key (view/keys.py) as well, so going there never depends on a row number
that an edit in between could have shifted.
"""

from __future__ import annotations

from msgspec import Struct

from typing import Any

from kedr_tui.core.model import Report
from kedr_tui.view.columns import TABLES
from kedr_tui.view.rows import ViewRow, finding_target


class Target(Struct, frozen=True):
    table: str
    row: int                    # the row's place in its table, for the order of the walk
    column: str | None = None
    key: Any = None             # the row's key: where to go


def normalize(text: str) -> str:
    # «ё» folds into «е»: letters, not wording (tests/test_wording.py allows them here)
    return text.casefold().replace("ё", "е")


def _index(rows: list[ViewRow]) -> dict:
    return {row.key: i for i, row in enumerate(rows)}


def target(rows: list[ViewRow], table: str, key, column: str | None = None) -> Target | None:
    """The row ``key`` among ``rows`` of ``table``, or None when no row has that key."""
    if key is None:
        return None
    for i, row in enumerate(rows):
        if row.key == key:
            return Target(table, i, column, key)
    return None


def finding_targets(findings, tables: dict[str, list[ViewRow]], report: Report | None) -> list[Target]:
    """Where each finding's row is, in the order of the tabs and rows (duplicates merged)."""
    indexes = {name: _index(rows) for name, rows in tables.items()}
    own = {row.index: i for i, row in enumerate(tables.get("findings", ()))}    # the finding's own row
    seen: set[tuple[str, int]] = set()
    targets: list[Target] = []
    for k, finding in enumerate(findings):
        table, key, field = finding_target(finding, report)
        row = indexes.get(table, {}).get(key)
        if row is None:
            table, row, field = "findings", own.get(k), None
            if row is None:
                continue
            key = tables["findings"][row].key
        if (table, row) in seen:
            continue
        seen.add((table, row))
        targets.append(Target(table, row, field, key))
    targets.sort(key=lambda t: (TABLES.index(t.table), t.row))
    return targets


def step(targets: list[Target], table: str, row: int, forward: bool = True) -> tuple[Target | None, bool]:
    """The target after (or before) the position; ``True`` when it wrapped around."""
    if not targets:
        return None, False
    here = (TABLES.index(table), row)
    if forward:
        for target in targets:
            if (TABLES.index(target.table), target.row) > here:
                return target, False
        return targets[0], True
    for target in reversed(targets):
        if (TABLES.index(target.table), target.row) < here:
            return target, False
    return targets[-1], True


def search(tables: dict[str, list[ViewRow]], columns: dict[str, tuple[str, ...]], query: str,
           table: str, row: int, forward: bool = True) -> tuple[Target | None, bool]:
    """The next row (in any tab) with a cell containing ``query``, case- and ё-insensitive."""
    needle = normalize(query.strip())
    if not needle:
        return None, False
    order = [(t, i) for t in TABLES for i in range(len(tables.get(t, ())))]
    if not order:
        return None, False
    try:
        here = order.index((table, row))
    except ValueError:
        here = -1 if forward else len(order)
    count = len(order)
    for step_ in range(1, count + 1):
        pos = here + step_ if forward else here - step_
        wrapped = not 0 <= pos < count
        t, i = order[pos % count]
        cells = tables[t][i].cells
        for c, cell in enumerate(cells):
            if needle in normalize(cell.text):
                return Target(t, i, columns[t][c], tables[t][i].key), wrapped
    return None, False
