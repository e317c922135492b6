"""The report as plain UTF-8 text: tables drawn by tabulate, prose wrapped to a measure.

Everything shown comes from ``layout.build``; widths and the table format
come from ``styles/text.toml``.  Cells are wrapped here (cached: the same
executor or justification recurs hundreds of times), so tabulate only draws.
"""

from __future__ import annotations

from functools import lru_cache

import msgspec
import tabulate as _tabulate
from msgspec import Struct
from tabulate import tabulate, tabulate_formats

from kedr_tui.core.analysis import Analysis
from kedr_tui.core.safe_text import visible_text
from kedr_tui.export.layout import (CENTER, RIGHT, Document, Heading, Paragraph, PrintRow, Section,
                                    SignatureBlock, SpanRow, Table, build)
from kedr_tui.styles import StyleError, style_path, style_value
from kedr_tui.export import wording as xw

STYLE = "text.toml"
# Stands in the first cell of a spanning row; the rendered line is replaced afterwards.
_SPAN_MARK = "\ue000"
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
    """``text`` wrapped to ``width`` columns, its own line breaks kept."""
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


def _draw(rows: list[list[str]], table_format: str, colalign: list[str]) -> str:
    # Cells are wrapped by counting characters, so tabulate must count the same way:
    # its documented switch turns off wcwidth, which is also most of its running time.
    saved = _tabulate.WIDE_CHARS_MODE
    _tabulate.WIDE_CHARS_MODE = False
    try:
        return tabulate(rows, tablefmt=table_format, colalign=colalign, disable_numparse=True)
    finally:
        _tabulate.WIDE_CHARS_MODE = saved


def render_table(table: Table, style: TextStyle) -> list[str]:
    n = len(table.columns)
    body = [row.cells for row in table.rows if isinstance(row, PrintRow)]
    columns = [[c.title, *(cells[j] for cells in body)] for j, c in enumerate(table.columns)]
    widths = fit_widths(_widths(style, table), columns, style.longest_word)
    rows = [[wrap(c.title, w) for c, w in zip(table.columns, widths)]]
    if table.numbered:
        rows.append([str(i) for i in range(1, n + 1)])
    spans: list[str] = []
    # The mark fills the first column, so the row's left edge is found whatever its alignment.
    mark = [_SPAN_MARK * widths[0], *[""] * (n - 1)]
    for row in table.rows:
        if isinstance(row, SpanRow):
            spans.append(row.text)
            rows.append(mark)
        else:
            # An empty cell goes in as None: tabulate skips its type sniffing (a third of
            # its time on Form 2, where executor rows leave six of twelve cells empty).
            rows.append([wrap(text, w) if text else None for text, w in zip(row.cells, widths)])
    colalign = [_ALIGN.get(c.align, "left") for c in table.columns]
    drawn = _draw(rows, style.table_format, colalign).split("\n")
    out: list[str] = []
    pending = iter(spans)
    for line in drawn:
        at = line.find(_SPAN_MARK)
        if at < 0:
            out.append(line)
            continue
        # A row across the table: keep the format's left border and padding, mirror them
        # on the right, and wrap the text to what is in between.
        left = line[:at]
        right = left[::-1]
        line = line.rstrip()
        inner = len(line) - len(left) - len(right)
        for text_line in wrap(next(pending), inner).split("\n"):
            out.append(left + text_line.ljust(inner) + right)
    too_wide = max((len(line) for line in out), default=0)
    if too_wide > style.width:
        raise StyleError(str(style_path(STYLE)),
                         xw.style_key(f"widths.{table.name}", xw.table_too_wide(too_wide, style.width)))
    return out


def _centred(lines, width: int) -> list[str]:
    out = []
    for line in lines:
        out += [part.center(width).rstrip() for part in wrap_lines(line, width)]
    return out


def _signature(block: SignatureBlock, width: int) -> list[str]:
    out = []
    if block.position or block.name:
        gap = max(2, width - len(block.position) - len(block.name))
        out.append(block.position + " " * gap + block.name)
    if block.executor:
        out += ["", xw.EXECUTOR_LABEL, block.executor]
    return out


def render_section(section: Section, style: TextStyle) -> list[str]:
    out: list[str] = []
    drawn = {id(b): render_table(b, style) for b in section.blocks if isinstance(b, Table)}
    # Headings are centred over the section's widest table, or over the prose.
    measure = max((len(line) for lines in drawn.values() for line in lines),
                  default=style.prose_width)
    for block in section.blocks:
        if out:
            out.append("")
        if isinstance(block, Heading):
            if block.level == 1:
                out += _centred(block.lines, style.width)
            elif block.level == 2:
                out += _centred(block.lines, measure)
            else:
                for line in block.lines:
                    out += wrap_lines(line, measure)
        elif isinstance(block, Table):
            out += drawn[id(block)]
        elif isinstance(block, Paragraph):
            out += wrap_lines(block.text, style.prose_width, style.indent if block.indent else 0)
        elif isinstance(block, SignatureBlock):
            out += _signature(block, style.prose_width)
    return out


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


def render_document(document: Document, style: TextStyle | None = None) -> str:
    style = style or text_style()
    document = _safe(document)
    out: list[str] = []
    for section in document.sections:
        if out:
            out += ["", ""]
        out += render_section(section, style)
    return "\n".join(line.rstrip() for line in out) + "\n"


def render_text(analysis: Analysis) -> str:
    """The whole report as text: title, Forms 1–3, evaluation, Доклад, signature."""
    return render_document(build(analysis))
