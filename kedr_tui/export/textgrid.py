"""Tables drawn exactly as ``tabulate`` draws them, without its per-cell work.

For the text export tabulate sniffs every cell's type, strips ANSI codes from it
and measures it several times: two thirds of the text of a 500-indicator report.
Our cells are already strings made safe and wrapped, so drawing them is only
padding and joining with the format's rules (``tabulate.TableFormat``: its lines
and row delimiters).  Only formats made of plain strings are drawn here, and
only after a probe table has come out byte for byte as tabulate draws it with
the installed version; any other format, and any table holding a character
that tabulate treats otherwise than as text (a line break other than ``\\n``,
``ESC``, its separating-line mark), is drawn by tabulate itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import tabulate as _tabulate
from tabulate import DataRow, Line, TableFormat, tabulate

# What tabulate (or ``str.splitlines``, which it uses on multi-line cells) reads as
# something other than text: other line breaks, ANSI codes, its separating line (\x01).
_NOT_PLAIN = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x01]")
_LINE_BREAK = re.compile("[\r\n]")     # what tabulate takes for a line break when measuring
_SPEC = {"left": "<", "right": ">", "center": "^"}
_PROBES = (
    ([["a\n bb ", None, " c"], ["", "dd\nd\n", "eee"], ["x", "", None], [None, None, None]],
     ["left", "center", "right"]),
    ([["a", " c ", "d"], ["", None, "eeee"], ["dddd", "x", ""]], ["center", "right", "left"]),
)


def _draw_with_tabulate(rows: list, table_format: str, colalign: list[str]) -> str:
    # Cells are wrapped by counting characters, so tabulate must count the same way:
    # its documented switch turns off wcwidth.
    saved = _tabulate.WIDE_CHARS_MODE
    _tabulate.WIDE_CHARS_MODE = False
    try:
        return tabulate(rows, tablefmt=table_format, colalign=colalign, disable_numparse=True)
    finally:
        _tabulate.WIDE_CHARS_MODE = saved


def _plain_line(line) -> bool:
    return line is None or (isinstance(line, Line) and all(isinstance(p, str) for p in line))


@lru_cache(maxsize=None)
def _plain_format(name: str) -> TableFormat | None:
    """The format's rules if we can draw it as tabulate does, else None."""
    fmt = getattr(_tabulate, "_table_formats", {}).get(name)
    if (not isinstance(fmt, TableFormat) or name not in _tabulate.multiline_formats
            or name == "colon_grid"            # aligns its cells left whatever is asked
            or not all(map(_plain_line, (fmt.lineabove, fmt.linebetweenrows, fmt.linebelow)))
            or not isinstance(fmt.datarow, DataRow)
            or not all(isinstance(p, str) for p in fmt.datarow)
            or not isinstance(fmt.padding, int)):
        return None
    for rows, colalign in _PROBES:
        if _draw_plain(rows, fmt, colalign) != _draw_with_tabulate(rows, name, colalign):
            return None
    return fmt


class Grid:
    """A table of one format drawn with its columns' widths known beforehand (each the
    widest of its stripped cells), a row at a time: what tabulate draws for the whole
    table, line for line."""

    def __init__(self, fmt: TableFormat, colalign: list[str], widths: list[int],
                 multiline: bool):
        self.fmt, self.multiline = fmt, multiline
        self.specs = [f"{_SPEC.get(a, '<')}{w}" for a, w in zip(colalign, widths)]
        self.blanks = [" " * w for w in widths]
        pad = " " * fmt.padding
        begin, sep, end = fmt.datarow
        self.begin, self.sep, self.end = begin + pad, pad + sep + pad, pad + end
        self.rules = {}
        for name in ("lineabove", "linebetweenrows", "linebelow"):
            line = getattr(fmt, name)
            if line:
                first, fill, between, last = line
                self.rules[name] = (first + between.join(fill * (w + 2 * fmt.padding)
                                                         for w in widths) + last).rstrip()

    def row_lines(self, row: list) -> list[str]:
        """The lines of one row, its cells strings or None."""
        begin, sep, end, specs = self.begin, self.sep, self.end, self.specs
        # Every alignment strips the cell first; an empty cell (None) is drawn as "".
        cells = [cell.strip() if cell else "" for cell in row]
        if not self.multiline:
            return [(begin + sep.join(map(format, cells, specs)) + end).rstrip()]
        parts = [cell.split("\n") if cell else [] for cell in cells]
        tall = max(map(len, parts))
        if tall == 1:
            return [(begin + sep.join([format(p[0], s) if p else b
                                       for p, s, b in zip(parts, specs, self.blanks)])
                     + end).rstrip()]
        columns = [[format(line, s) for line in p] + [b] * (tall - len(p))
                   for p, s, b in zip(parts, specs, self.blanks)]
        return [(begin + sep.join(line) + end).rstrip() for line in zip(*columns)]

    def lines(self, rows) -> Iterator[str]:
        """The whole table's lines, ``rows`` taken one at a time."""
        if "lineabove" in self.rules:
            yield self.rules["lineabove"]
        between = self.rules.get("linebetweenrows")
        first = True
        for row in rows:
            if not first and between is not None:
                yield between
            first = False
            yield from self.row_lines(row)
        if "linebelow" in self.rules:
            yield self.rules["linebelow"]


def drawn_width(cell: str) -> int:
    """A cell's column width as tabulate takes it: stripped, its longest line."""
    cell = cell.strip()
    if "\n" in cell or "\r" in cell:
        return max(map(len, _LINE_BREAK.split(cell)))
    return len(cell)


def is_plain(cell: str) -> bool:
    """Whether ``Grid`` draws ``cell`` as tabulate does."""
    return _NOT_PLAIN.search(cell) is None


def grid(table_format: str, colalign: list[str], widths: list[int],
         multiline: bool) -> Grid | None:
    """A ``Grid`` of the format if it is one we draw, else None (tabulate must)."""
    fmt = _plain_format(table_format)
    return None if fmt is None else Grid(fmt, colalign, widths, multiline)


def _draw_plain(rows: list, fmt: TableFormat, colalign: list[str]) -> str:
    if not rows:
        return ""
    multiline = any("\n" in cell for row in rows for cell in row if cell)
    widths = [0] * len(colalign)
    for row in rows:
        for j, cell in enumerate(row):
            if cell:
                widths[j] = max(widths[j], drawn_width(cell))
    return "\n".join(Grid(fmt, colalign, widths, multiline).lines(rows))


def draw(rows: list, table_format: str, colalign: list[str]) -> str:
    """``tabulate(rows, tablefmt=table_format, colalign=colalign, disable_numparse=True)``
    with wide characters counted as one column; ``rows`` hold strings or None."""
    fmt = _plain_format(table_format)
    if fmt is None or not all(is_plain(cell) for row in rows for cell in row if cell):
        return _draw_with_tabulate(rows, table_format, colalign)
    return _draw_plain(rows, fmt, colalign)
