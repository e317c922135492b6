"""Which columns of a table are on screen, and where: the sideways window.  Pure.

A table scrolls sideways by whole columns, so a number is shown whole or not at
all: the first ``fixed`` columns stay in place, then whole scrolled columns from
``first`` for as long as they fit.  The last cell of a line is kept for «›» (columns
left out to the right).  Only a column wider than all the room there is is shown
cut.  The widget (ui/widgets/table.py) asks this where to draw; tests ask it
without a screen.  Rich is used for cell widths only.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes

from kedr_tui.view.first_rows import FirstRows

PADDING = 1          # blank cells either side of a cell's text


class Place(NamedTuple):
    """Where a column is on screen: its index, first cell and width (padding included)."""

    column: int
    x: int
    width: int


def fit_text(text: str, width: int, right: bool) -> str:
    """``text`` in exactly ``width`` cells: cut with «…» or padded (numbers to the right).
    Control characters are dropped: data never reaches the terminal as commands."""
    if width <= 0:
        return ""
    plain = strip_control_codes(text)
    size = cell_len(plain)
    if size > width:
        return set_cell_size(plain, width - 1) + "…" if width > 1 else set_cell_size(plain, width)
    pad = " " * (width - size)
    return pad + plain if right else plain + pad


class ColumnWindow:
    """The columns of one table on a line ``width`` cells wide: text widths (padding
    apart) in ``widths``, the first scrolled column shown in ``first``."""

    def __init__(self, widths: list[int], fixed: int):
        self.widths = list(widths)
        self.fixed = fixed
        self.first = fixed
        self._cache: tuple | None = None     # ((width, first, widths), places, more left, more right)

    def set_widths(self, widths: list[int]) -> bool:
        """New text widths; True if they differ from the old ones."""
        if widths == self.widths:
            return False
        self.widths = list(widths)
        return True

    def places(self, width: int) -> tuple[list[Place], bool, bool]:
        """The columns on screen, and whether columns are left out to the left / right."""
        key = (width, self.first, tuple(self.widths))
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1:]
        count = len(self.widths)
        room = max(0, width - 1)
        places, x = [], 0
        for i in range(min(self.fixed, count)):
            w = self.widths[i] + 2 * PADDING
            places.append(Place(i, x, w))
            x += w
        i = self.first
        while i < count:
            w = self.widths[i] + 2 * PADDING
            if x + w > room:
                if i == self.first and room - x > 2 * PADDING:
                    places.append(Place(i, x, room - x))
                    i += 1
                break
            places.append(Place(i, x, w))
            x += w
            i += 1
        result = (places, self.first > self.fixed, i < count)
        self._cache = (key, *result)
        return result

    def place(self, column: int, width: int) -> Place | None:
        """Where ``column`` is on screen, or None when it is scrolled out."""
        return next((p for p in self.places(width)[0] if p.column == column), None)

    def at(self, x: int, width: int) -> Place | None:
        """The column under screen cell ``x`` (a click)."""
        return next((p for p in self.places(width)[0] if p.x <= x < p.x + p.width), None)

    def fits(self, first: int, last: int, width: int) -> bool:
        """Whether scrolled columns ``first`` to ``last`` fit whole beside the fixed ones."""
        need = sum(self.widths[: self.fixed]) + sum(self.widths[first: last + 1])
        need += 2 * PADDING * (self.fixed + last + 1 - first)
        return need <= width - 1

    def follow(self, column: int, width: int) -> bool:
        """Scroll so that ``column`` is shown whole (when it can be); True if the window moved."""
        first = self.first
        if column >= self.fixed:
            if column < first:
                first = column
            else:
                while first < column and not self.fits(first, column, width):
                    first += 1
        return self._scroll(first)

    def home(self) -> bool:
        """Back to the first scrolled column; True if the window moved."""
        return self._scroll(self.fixed)

    def _scroll(self, first: int) -> bool:
        if first == self.first:
            return False
        self.first = first
        return True


def changed_cells(new_rows, old_rows, natural: list[int] | None = None
                  ) -> tuple[list[tuple[int, int]], set[int]]:
    """(row, column) of every cell whose text or style differs between two lists of the
    same rows, and the columns where a text's length changed (their width may follow;
    with the columns' ``natural`` widths: only where a text outgrows its column or the
    text that changed may have been its widest)."""
    changed: list[tuple[int, int]] = []
    columns: set[int] = set()
    for index, (new, old) in enumerate(zip(new_rows, old_rows)):
        if new is old or new.cells == old.cells:
            continue
        for k, (a, b) in enumerate(zip(new.cells, old.cells)):
            if a != b:
                changed.append((index, k))
                if len(a.text) != len(b.text) and (natural is None or len(a.text) > natural[k]
                                                   or len(b.text) >= natural[k]):
                    columns.add(k)
    return changed, columns


class ShownRows:
    """The rows a table shows, in order, each found by its key (view/keys.py)."""

    def __init__(self):
        self.rows: list = []
        self._index: dict = {}

    def same_places(self, rows: list) -> bool:
        """Whether ``rows`` stand where the shown rows stand: the same keys, except rows
        whose key changed (an edit renamed them) while no other row moved into their place."""
        if len(rows) != len(self.rows):
            return False
        moved = [(new, old) for new, old in zip(rows, self.rows) if new.key != old.key]
        if not moved:
            return True
        if any(new.kind != old.kind for new, old in moved):
            return False
        keys = {row.key for row in self.rows}
        return not any(new.key in keys for new, _old in moved)

    def show(self, rows: list) -> None:
        # (a table's own copy; rows made as they are drawn are not made by copying them)
        self.rows = rows if isinstance(rows, FirstRows) else list(rows)

    def position(self, key) -> int | None:
        """The place of the row ``key``, or None."""
        position = self._index.get(key)
        if position is None or position >= len(self.rows) or self.rows[position].key != key:
            self._index = {row.key: i for i, row in enumerate(self.rows)}
            position = self._index.get(key)
        return position
