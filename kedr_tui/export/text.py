"""The report as plain UTF-8 text: tables drawn as tabulate draws them, prose wrapped to a measure.

Everything shown comes from ``layout.build``; widths and the table format
come from ``styles/text.toml``.  Cells are wrapped here (cached: the same
executor or justification recurs hundreds of times), so the table format only
draws: ``textgrid`` draws the formats made of plain strings as tabulate would,
byte for byte, without its per-cell type sniffing; tabulate draws the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import msgspec
from msgspec import Struct
from tabulate import tabulate_formats

from kedr_tui.core.analysis import Analysis
from kedr_tui.core.safe_text import json_has_control, visible_text
from kedr_tui.export.layout import (CENTER, RIGHT, Document, Heading, Paragraph, PrintRow, Section,
                                    SignatureBlock, SpanRow, Table, build)
from kedr_tui.export.textgrid import draw, drawn_width, grid, is_plain
from kedr_tui.styles import StyleError, style_path, style_value
from kedr_tui.export import wording as xw

STYLE = "text.toml"
# Stands in the first cell of a spanning row; the rendered line is replaced afterwards.
_SPAN_MARK = "\ue000"
# Fills the first cell of the phantom row that fixes a table piece's widths (``_Plan``).
_PHANTOM = "\ue001"
CHUNK = 500                            # rows drawn by tabulate at a time
_ALIGN = {CENTER: "center", RIGHT: "right"}


class TextStyle(Struct, frozen=True):
    width: int
    prose_width: int
    indent: int
    table_format: str
    widths: dict[str, list[int]]
    longest_word: int


def _positive(*keys: str) -> int:
    value = style_value(STYLE, *keys, kind=int)
    if value <= 0:
        raise StyleError(str(style_path(STYLE)), xw.style_key(".".join(keys), xw.VALUE_POSITIVE))
    return value


def text_style() -> TextStyle:
    table_format = style_value(STYLE, "table", "format", kind=str)
    if table_format not in tabulate_formats:
        raise StyleError(str(style_path(STYLE)),
                         xw.style_key("table.format", xw.unknown_table_format(table_format)))
    widths = style_value(STYLE, "widths", kind=dict)
    return TextStyle(_positive("page", "width"), _positive("page", "prose_width"),
                     style_value(STYLE, "page", "indent", kind=int), table_format, widths,
                     _positive("table", "longest_word"))


def _widths(style: TextStyle, table: Table) -> list[int]:
    value = style.widths.get(table.name)
    where = f"widths.{table.name}"
    if not isinstance(value, list) or len(value) != len(table.columns) or not all(
            isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in value):
        raise StyleError(str(style_path(STYLE)),
                         xw.style_key(where, xw.widths_needed(len(table.columns), whole=True)))
    return value


def words(text: str) -> list[str]:
    """Words split at ASCII spaces only: a no-break space holds a number together."""
    return [w for w in text.replace("\t", " ").split(" ") if w]


def wrap_lines(text: str, width: int, indent: int = 0) -> list[str]:
    """Greedy wrap of one paragraph to ``width`` characters (first line indented by
    ``indent``); a word may break after its hyphen, and a word wider than a line is cut."""
    lines: list[str] = []
    cur = " " * indent
    fresh = True                     # nothing but the indent on the current line yet
    for word in words(text):
        if not fresh and len(cur) + 1 + len(word) <= width:
            cur += " " + word
            continue
        if fresh and len(cur) + len(word) <= width:
            cur += word
            fresh = False
            continue
        room = width - len(cur) - 1
        if not fresh and room > 1 and "-" in word:
            cut = word.rfind("-", 0, room)
            if cut > 0:
                cur += " " + word[:cut + 1]
                word = word[cut + 1:]
        if not fresh:
            lines.append(cur)
            cur = ""
        cur += word
        fresh = False
        start = 0  # a word wider than a line, cut by index: linear in its length
        while len(cur) - start > width:
            cut = cur.rfind("-", start, start + width)
            n = cut + 1 - start if cut > start else width
            lines.append(cur[start:start + n])
            start += n
        cur = cur[start:]
    lines.append(cur.rstrip() if fresh else cur)
    return lines


@lru_cache(maxsize=65536)
def wrap(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` columns, its own line breaks kept.  A tab is a space
    here, as in a wrapped line: left in a cell, it would jump to the terminal's next tab
    stop and push the table's right border out of line."""
    text = text.replace("\t", " ")
    if len(text) <= width and "\n" not in text:
        return text
    lines: list[str] = []
    for part in text.split("\n"):
        lines += wrap_lines(part, width)
    return "\n".join(lines)


@lru_cache(maxsize=65536)
def longest_word(text: str) -> int:
    return max(map(len, words(text.replace("\n", " "))), default=0)


def fit_widths(preferred: list[int], columns: list[list[str]], longest: int) -> list[int]:
    """Widen a column to its longest word (up to ``longest``) so that words are not cut,
    taking the room from the columns with the most to spare; the total never grows."""
    need = [min(longest, max(map(longest_word, cells), default=0)) for cells in columns]
    widths = [max(w, n) for w, n in zip(preferred, need)]
    excess = sum(widths) - sum(preferred)
    while excess > 0:
        spare, j = max((w - max(n, 1), j) for j, (w, n) in enumerate(zip(widths, need)))
        if spare <= 0:
            spare, j = max((w - 1, j) for j, w in enumerate(widths))
            if spare <= 0:
                break
        widths[j] -= 1
        excess -= 1
    return widths


class _Plan:
    """A table ready to be drawn ``CHUNK`` rows at a time, each piece the lines the whole
    table drawn at once would have there.  Every piece gets a first row (the phantom)
    whose cells are as wide as the widest of their column in the whole table, so
    tabulate gives every piece the same column widths; the phantom's lines, and the
    table's top and bottom lines but once, are cut out.  Where they are in a piece is
    learnt from a table of two phantoms: no knowledge of the table format is needed.
    When ``textgrid`` draws the format and every cell, the table is drawn a row at a time
    with the widths measured here instead (no pieces, no phantom)."""

    def __init__(self, table: Table, style: TextStyle):
        self.table, self.style = table, style
        body = [row.cells for row in table.rows if isinstance(row, PrintRow)]
        columns = [[c.title, *(cells[j] for cells in body)] for j, c in enumerate(table.columns)]
        self.widths = fit_widths(_widths(style, table), columns, style.longest_word)
        del body, columns
        self.colalign = [_ALIGN.get(c.align, "left") for c in table.columns]
        drawn = [0] * len(table.columns)
        multiline = False
        plain = True                  # every cell one that ``textgrid.Grid`` draws as tabulate
        for row in self.rows():
            for j, cell in enumerate(row):
                if cell:
                    if "\n" in cell or "\r" in cell:
                        multiline = True
                    plain = plain and is_plain(cell)
                    width = drawn_width(cell)
                    if width > drawn[j]:
                        drawn[j] = width
        # Our drawer draws the whole table row by row with these widths, when it can.
        self.grid = grid(style.table_format, self.colalign, drawn, multiline) if plain else None
        first = _PHANTOM * drawn[0] + ("\n" + _PHANTOM if multiline else "")
        self.phantom = [first, *("x" * w for w in drawn[1:])]
        probe = self.draw([self.phantom, self.phantom])
        at = [i for i, line in enumerate(probe) if _PHANTOM in line]
        self.tall = len(at) // 2                    # lines of the phantom
        self.head = at[0]                           # the lines above the first row
        self.between = at[self.tall] - at[self.tall - 1] - 1
        self.foot = probe[at[-1] + 1:]              # the lines below the last row
        self.width = max(map(len, probe))

    def draw(self, rows: list) -> list[str]:
        return draw(rows, self.style.table_format, self.colalign).split("\n")

    def rows(self) -> Iterator[list]:
        """The rows given to tabulate: titles, numbers, then the table's rows."""
        table, widths = self.table, self.widths
        yield [wrap(c.title, w) for c, w in zip(table.columns, widths)]
        if table.numbered:
            yield [str(i) for i in range(1, len(table.columns) + 1)]
        # The mark fills the first column, so the row's left edge is found whatever its alignment.
        mark = [_SPAN_MARK * widths[0], *[""] * (len(table.columns) - 1)]
        for row in table.rows:
            if isinstance(row, SpanRow):
                yield mark
            else:
                # An empty cell goes in as None: tabulate skips its type sniffing (a third of
                # its time on Form 2, where executor rows leave six of twelve cells empty).
                yield [wrap(text, w) if text else None for text, w in zip(row.cells, widths)]

    def drawn(self) -> Iterator[str]:
        """The table's lines as tabulate draws them, a piece at a time."""
        if self.grid is not None:
            yield from self.grid.lines(self.rows())
            return
        rows = self.rows()
        first = True
        while True:
            piece = list(islice(rows, CHUNK))
            if not piece:
                break
            lines = self.draw([self.phantom, *piece])
            body = lines[self.head + self.tall:len(lines) - len(self.foot)]
            if first:
                yield from lines[:self.head]
                body = body[self.between:]
                first = False
            yield from body
        yield from self.foot

    def lines(self) -> Iterator[str]:
        """The table's lines, rows across the table (``SpanRow``) filled in."""
        pending = (row.text for row in self.table.rows if isinstance(row, SpanRow))
        for line in self.drawn():
            at = line.find(_SPAN_MARK)
            if at < 0:
                yield line
                continue
            # A row across the table: keep the format's left border and padding, mirror them
            # on the right, and wrap the text to what is in between.
            left = line[:at]
            right = left[::-1]
            line = line.rstrip()
            inner = len(line) - len(left) - len(right)
            for text_line in wrap(next(pending), inner).split("\n"):
                yield left + text_line.ljust(inner) + right

    def check_width(self) -> None:
        if self.width > self.style.width:
            raise StyleError(str(style_path(STYLE)),
                             xw.style_key(f"widths.{self.table.name}",
                                          xw.table_too_wide(self.width, self.style.width)))


def render_table(table: Table, style: TextStyle) -> list[str]:
    plan = _Plan(table, style)
    plan.check_width()
    return list(plan.lines())


def _centred(lines, width: int) -> list[str]:
    out = []
    for line in lines:
        out += [part.center(width).rstrip() for part in wrap_lines(line, width)]
    return out


def _signature(block: SignatureBlock, width: int) -> list[str]:
    """Position on the left, name on the right of one line; when they don't fit side by side
    (a line is never wider than the measure), the name keeps at most half of it and the
    position wraps in the rest."""
    out = []
    position, name = block.position, block.name
    if len(position) + 2 + len(name) <= width:
        if position or name:
            out.append(position + " " * (width - len(position) - len(name)) + name)
    else:
        right = min(len(name), width // 2) if position else width
        left = width - right - 2 if name else width
        lefts = wrap_lines(position, left) if position else []
        rights = wrap_lines(name, right) if name else []
        for row in range(max(len(lefts), len(rights))):
            text = lefts[row] if row < len(lefts) else ""
            out.append((text.ljust(left + 2) + rights[row].rjust(right)) if row < len(rights)
                       else text)
    if block.executor:
        out += ["", xw.EXECUTOR_LABEL, *wrap(block.executor, width).split("\n")]
    return out


def render_section(section: Section, style: TextStyle) -> list[str]:
    return list(section_lines(section, style))


def section_lines(section: Section, style: TextStyle) -> Iterator[str]:
    """A section's lines (not yet stripped at the right), its tables drawn as they go."""
    plans = {id(b): _Plan(b, style) for b in section.blocks if isinstance(b, Table)}
    for plan in plans.values():
        plan.check_width()
    # Headings are centred over the section's widest table, or over the prose.
    measure = max((plan.width for plan in plans.values()), default=style.prose_width)
    started = False                   # a line was given: blocks are parted by a blank line
    for block in section.blocks:
        if started:
            yield ""
        for line in _block_lines(block, plans, measure, style):
            started = True
            yield line


def _block_lines(block, plans: dict, measure: int, style: TextStyle) -> Iterator[str]:
    if isinstance(block, Heading):
        if block.level == 1:
            yield from _centred(block.lines, style.width)
        elif block.level == 2:
            yield from _centred(block.lines, measure)
        else:
            for line in block.lines:
                yield from wrap_lines(line, measure)
    elif isinstance(block, Table):
        yield from plans[id(block)].lines()
    elif isinstance(block, Paragraph):
        yield from wrap_lines(block.text, style.prose_width, style.indent if block.indent else 0)
    elif isinstance(block, SignatureBlock):
        yield from _signature(block, style.prose_width)


def _safe_section(section: Section) -> Section:
    """``_safe`` of a section, skipped (one C pass over its JSON) when it holds no control."""
    if json_has_control(msgspec.json.encode(section).decode("utf-8")):
        return _safe(section)
    return section


def _safe(value):
    """The document with every text made visible: a control character from the data would
    reach whoever ``cat``s the file, and tabulate would measure an escape as zero columns."""
    if isinstance(value, str):
        return visible_text(value)
    if isinstance(value, tuple):
        return tuple(_safe(item) for item in value)
    if isinstance(value, Struct):
        changes = {name: _safe(getattr(value, name)) for name in value.__struct_fields__}
        return msgspec.structs.replace(value, **changes)
    return value


def document_lines(document: Document, style: TextStyle | None = None) -> Iterator[str]:
    """The document's lines, each stripped at the right, one section made safe at a time."""
    style = style or text_style()
    started = False                   # sections are parted by two blank lines
    for section in document.sections:
        if started:
            yield ""
            yield ""
        for line in section_lines(_safe_section(section), style):
            started = True
            yield line.rstrip()


def render_document(document: Document, style: TextStyle | None = None) -> str:
    return "".join(line + "\n" for line in document_lines(document, style))


def render_text(analysis: Analysis) -> str:
    """The whole report as text: title, Forms 1–3, evaluation, Доклад, signature."""
    return render_document(build(analysis))


def text_chunks(analysis: Analysis, lines: int = 2000) -> Iterator[bytes]:
    """``render_text`` as UTF-8, a few thousand lines at a time: to write as it is made
    (the whole text of 10 000 indicators is 200 MB as a Python string)."""
    pending = document_lines(build(analysis))
    while piece := list(islice(pending, lines)):
        yield "".join(line + "\n" for line in piece).encode("utf-8")
