"""Moving around the whole report: next finding, text search.  Pure.

A position is ``(table number, row number)`` in the order the tabs are shown;
both walks go across tabs and wrap around at the end.
"""

from __future__ import annotations

from msgspec import Struct

from kedr_tui.view.columns import TABLES
from kedr_tui.view.rows import ViewRow, finding_target


class Target(Struct, frozen=True):
    table: str
    row: int
    column: str | None = None


def normalize(text: str) -> str:
    # «ё» folds into «е»: letters, not wording (tests/test_wording.py allows them here)
    return text.casefold().replace("ё", "е")


def _index(rows: list[ViewRow]) -> dict[str, int]:
    return {row.key: i for i, row in enumerate(rows)}


def finding_targets(findings, tables: dict[str, list[ViewRow]]) -> list[Target]:
    """Where each finding's row is, in the order of the tabs and rows (duplicates merged)."""
    indexes = {name: _index(rows) for name, rows in tables.items()}
    seen: set[tuple[str, int]] = set()
    targets: list[Target] = []
    for k, finding in enumerate(findings):
        table, key, field = finding_target(finding)
        row = indexes.get(table, {}).get(key)
        if row is None:
            table, row, field = "findings", indexes.get("findings", {}).get(f"f:{k}"), None
            if row is None:
                continue
        if (table, row) in seen:
            continue
        seen.add((table, row))
        targets.append(Target(table, row, field))
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
                return Target(t, i, columns[t][c]), wrapped
    return None, False
