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
from functools import lru_cache

import tabulate as _tabulate
from tabulate import DataRow, Line, TableFormat, tabulate

# What tabulate (or ``str.splitlines``, which it uses on multi-line cells) reads as
# something other than text: other line breaks, ANSI codes, its separating line (\x01).
_NOT_PLAIN = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x01]")
_SPEC = {"left": "<", "right": ">", "center": "^"}
_PROBES = (
    ([["a\n bb ", None, " c"], ["", "dd\nd\n", "eee"], ["x", "", None], [None, None, None]],
     ["left", "center", "right"]),
    ([["ab", " c ", "d"], ["", None, "eeee"]], ["center", "right", "left"]),
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


def _draw_plain(rows: list, fmt: TableFormat, colalign: list[str]) -> str:
    if not rows:
        return ""
    multiline = any("\n" in cell for row in rows for cell in row if cell)
    # Every alignment strips the cell first; an empty cell (None) is drawn as "".
    cells = [[cell.strip() if cell else "" for cell in row] for row in rows]
    widths = [0] * len(colalign)
    for row in cells:
        for j, cell in enumerate(row):
            n = max(map(len, cell.split("\n"))) if multiline and "\n" in cell else len(cell)
            if n > widths[j]:
                widths[j] = n
    specs = [f"{_SPEC.get(a, '<')}{w}" for a, w in zip(colalign, widths)]
    pad = " " * fmt.padding
    begin, sep, end = fmt.datarow
    sep = pad + sep + pad
    begin += pad
    end = pad + end
    blanks = [" " * w for w in widths]

    def row_lines(row: list[str]) -> list[str]:
        if not multiline:
            return [(begin + sep.join(map(format, row, specs)) + end).rstrip()]
        parts = [cell.split("\n") if cell else [] for cell in row]
        tall = max(map(len, parts))
        if tall == 1:
            return [(begin + sep.join([format(p[0], s) if p else b
                                       for p, s, b in zip(parts, specs, blanks)]) + end).rstrip()]
        columns = [[format(line, s) for line in p] + [b] * (tall - len(p))
                   for p, s, b in zip(parts, specs, blanks)]
        return [(begin + sep.join(line) + end).rstrip() for line in zip(*columns)]

    def rule(line: Line) -> str:
        first, fill, between, last = line
        return (first + between.join(fill * (w + 2 * fmt.padding) for w in widths)
                + last).rstrip()

    lines = [rule(fmt.lineabove)] if fmt.lineabove else []
    between = rule(fmt.linebetweenrows) if fmt.linebetweenrows else None
    for i, row in enumerate(cells):
        if i and between is not None:
            lines.append(between)
        lines += row_lines(row)
    if fmt.linebelow:
        lines.append(rule(fmt.linebelow))
    return "\n".join(lines)


def draw(rows: list, table_format: str, colalign: list[str]) -> str:
    """``tabulate(rows, tablefmt=table_format, colalign=colalign, disable_numparse=True)``
    with wide characters counted as one column; ``rows`` hold strings or None."""
    fmt = _plain_format(table_format)
    if fmt is None or any(cell and _NOT_PLAIN.search(cell) for row in rows for cell in row):
        return _draw_with_tabulate(rows, table_format, colalign)
    return _draw_plain(rows, fmt, colalign)
