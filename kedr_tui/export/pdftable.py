"""Tables laid out by hand on an fpdf2 page: measured wrapping, page breaks, repeated headings.

fpdf2's ``table()`` costs milliseconds a row; here a row is a few ``text()``
and ``line()`` calls.  Text is measured with the embedded font's own advance
widths (cached per word), wrapped greedily, and rows are placed page by page:
the heading (with the «1 2 3 …» row) is repeated on every page, a group
heading or a total is never left alone at the bottom of a page, and a row
taller than a whole page is split with the break marked.

This module does not import fpdf: it draws on the ``FPDF`` object it is given.
"""

from __future__ import annotations

import bisect
import itertools

from typing import Any, Protocol

from msgspec import Struct

from kedr_tui.export.layout import CENTER, RIGHT, PrintRow, SpanRow, Table

PT = 25.4 / 72           # millimetres in a point
CAP_HEIGHT = 0.7         # of the em, for PT Sans: used to centre a line of text vertically


class Metrics:
    """Advance widths of one font face, in thousandths of an em, with word-level caching."""

    def __init__(self, char_widths: Any):
        self._cw = char_widths          # fpdf's TTFFont.cw: a defaultdict(codepoint -> width)
        self._cache: dict[str, float] = {}
        self._wrapped: dict[tuple[str, float], list[tuple[str, float]]] = {}
        self._longest: dict[str, float] = {}
        self.space = self.units(" ")

    def units(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            cw = self._cw
            width = self._cache[text] = sum(cw[ord(ch)] for ch in text)
        return width

    def longest(self, text: str) -> float:
        """Width of the widest word of ``text`` (what a column needs not to cut words)."""
        width = self._longest.get(text)
        if width is None:
            units = self.units
            width = self._longest[text] = max(
                (units(w) for w in text.replace("\n", " ").replace("\t", " ").split(" ") if w),
                default=0.0)
        return width

    def wrap(self, text: str, limit: float, first: float | None = None) -> list[tuple[str, float]]:
        """``text`` in lines no wider than ``limit`` units (the first one ``first``):
        (line, its width) pairs.

        Its own line breaks are kept; words break at ASCII spaces (a no-break
        space holds a number together), after a hyphen when that helps, and a
        word wider than a line is cut between letters, its head filling the line it starts on.
        """
        key = (text, limit, first)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = []
            for part in text.split("\n"):
                lines += self._wrap_part(part, limit, limit if lines or first is None else first)
            self._wrapped[key] = lines
        return lines

    def _wrap_part(self, text: str, rest: float, first: float) -> list[tuple[str, float]]:
        units, space = self.units, self.space
        lines: list[tuple[str, float]] = []
        cur, cur_w = "", 0.0
        limit = first
        for word in text.replace("\t", " ").split(" "):
            if not word:
                continue
            w = units(word)
            if cur and cur_w + space + w <= limit:
                cur, cur_w = f"{cur} {word}", cur_w + space + w
                continue
            if not cur and w <= limit:
                cur, cur_w = word, w
                continue
            split = _Splitter(word, self._cw)
            start = 0
            if cur and "-" in word:
                cut = split.hyphen_cut(0, limit - cur_w - space)
                if cut > 0:
                    cur, cur_w = f"{cur} {word[:cut]}", cur_w + space + split.width(0, cut)
                    start = cut
            if cur and not start and w > rest:
                # a word wider than any line is cut anyway: its head fills this line, which
                # would otherwise be justified across the page with a few words
                cut = split._reach(0, limit - cur_w - space)     # -1 when no room at all
                if cut > 0:
                    cur, cur_w = f"{cur} {word[:cut]}", cur_w + space + split.width(0, cut)
                    start = cut
            if cur:
                lines.append((cur, cur_w))
                limit = rest
            while split.width(start) > limit:  # a word wider than a line: linear in its length
                cut = split.hyphen_cut(start, limit) or split.fit_cut(start, limit)
                lines.append((word[start:cut], split.width(start, cut)))
                limit = rest
                start = cut
            cur, cur_w = word[start:], split.width(start)
        lines.append((cur, cur_w))
        return lines


class _Splitter:
    """One word measured once (prefix sums of its advance widths), so that every cut of it
    costs a binary search, not a re-measure of the head: 10 000 «а-» pairs took 16 s."""

    def __init__(self, word: str, char_widths: Any):
        self.word = word
        self.sums = list(itertools.accumulate((char_widths[ord(ch)] for ch in word), initial=0.0))
        # a hyphen may end a head if it is neither the word's first nor its last character
        self.hyphens = [i for i in range(1, len(word) - 1) if word[i] == "-"]

    def width(self, start: int, end: int | None = None) -> float:
        return self.sums[len(self.word) if end is None else end] - self.sums[start]

    def _reach(self, start: int, room: float) -> int:
        """The furthest end such that word[start:end] fits in ``room``."""
        return bisect.bisect_right(self.sums, self.sums[start] + room + 1e-9) - 1

    def hyphen_cut(self, start: int, room: float) -> int:
        """End of the longest head from ``start`` ending in a hyphen that fits, or 0."""
        if room <= 0:
            return 0
        end = self._reach(start, room)
        k = bisect.bisect_right(self.hyphens, end - 1) - 1
        if k >= 0 and self.hyphens[k] > start:
            return self.hyphens[k] + 1
        return 0

    def fit_cut(self, start: int, limit: float) -> int:
        """Cut between letters: as much as fits, at least one letter."""
        return max(self._reach(start, limit), start + 1)


class Canvas(Protocol):
    """What a table needs from the document it is drawn in (see ``pdf.Writer``)."""

    pdf: Any
    left: float
    width: float

    @property
    def bottom(self) -> float: ...

    def new_page(self) -> None: ...

    def use_font(self, bold: bool, size: float) -> None: ...

    def metrics(self, bold: bool) -> Metrics: ...

    def set_fill(self, colour: tuple[int, int, int] | None) -> None: ...


class TableStyle(Struct, frozen=True):
    size: float
    header_size: float
    number_size: float
    line_height: float
    padding_x: float
    padding_y: float
    line_width: float
    border_color: tuple[int, int, int]
    header_fill: tuple[int, int, int] | None
    span_fill: tuple[int, int, int] | None
    continued: str


class _Prepared(Struct):
    span: bool
    bold: bool
    keep: bool
    cells: list[list[tuple[str, float]]]    # lines of each cell (one cell for a span row)
    lines: int

    def height(self, line_h: float, pad: float) -> float:
        return self.lines * line_h + 2 * pad


class TableWriter:
    """Lays out one ``layout.Table`` on the canvas, from its current ``y`` on."""

    def __init__(self, canvas: Canvas, table: Table, relative_widths: list[float],
                 style: TableStyle):
        self.c, self.table, self.s = canvas, table, style
        total = sum(relative_widths)
        self.widths = self._fit([w * canvas.width / total for w in relative_widths])
        self.xs = [canvas.left]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.right = self.xs[-1]
        self.scale = style.size * PT / 1000           # mm per font unit in body cells
        self.line_h = style.size * style.line_height * PT
        self.baseline = (self.line_h + CAP_HEIGHT * style.size * PT) / 2
        self._header = self._layout_header()
        self.header_height = self._header_height + (self._number_height if table.numbered else 0)
        self.rows = [self._prepare(row) for row in table.rows]
        self._run_top: float | None = None      # top of the run of rows drawn as one block

    # ------------------------------------------------------------ measuring

    def _fit(self, widths: list[float]) -> list[float]:
        """Widen a column that would cut a word (of its heading or its cells), taking the
        room from columns with the most to spare; the table's width does not change."""
        s, c = self.s, self.c
        body = s.size * PT / 1000
        head = s.header_size * PT / 1000
        cap = sum(widths) * 0.3
        need = [0.0] * len(widths)
        for cell in self.table.header:
            if cell.colspan == 1:
                need[cell.col] = max(need[cell.col], c.metrics(False).longest(cell.text) * head)
        for row in self.table.rows:
            if isinstance(row, PrintRow):
                for j, (text, bold) in enumerate(zip(row.cells, self._bold(row))):
                    if text:
                        need[j] = max(need[j], c.metrics(bold).longest(text) * body)
        need = [min(n + 2 * s.padding_x + 0.2, cap) for n in need]
        deficit = sum(max(0.0, n - w) for w, n in zip(widths, need))
        if deficit <= 0:
            return widths
        slack = [max(0.0, w - n) for w, n in zip(widths, need)]
        spare = sum(slack)
        if spare < deficit:                   # can't be helped: words will be cut
            return widths
        return [max(w, n) - deficit * sl / spare for w, n, sl in zip(widths, need, slack)]

    def _bold(self, row: PrintRow) -> list[bool]:
        return [row.bold and not col.prose for col in self.table.columns]

    def _limit(self, width: float, scale: float) -> float:
        return max(width - 2 * self.s.padding_x, 1.0) / scale

    def _prepare(self, row: PrintRow | SpanRow) -> _Prepared:
        if isinstance(row, SpanRow):
            metrics = self.c.metrics(row.bold)
            lines = metrics.wrap(row.text, self._limit(self.right - self.c.left, self.scale))
            return _Prepared(True, row.bold, row.keep_with_next, [lines], len(lines))
        bold = self._bold(row)
        cells = [self.c.metrics(b).wrap(text, self._limit(w, self.scale)) if text else []
                 for text, w, b in zip(row.cells, self.widths, bold)]
        return _Prepared(False, row.bold, row.keep_with_next, cells,
                         max(1, max(map(len, cells), default=1)))

    def _layout_header(self):
        s = self.s
        scale = s.header_size * PT / 1000
        line_h = s.header_size * s.line_height * PT
        n_rows = self.table.header_rows
        cells = []
        for cell in self.table.header:
            width = self.xs[cell.col + cell.colspan] - self.xs[cell.col]
            lines = self.c.metrics(False).wrap(cell.text, self._limit(width, scale))
            cells.append((cell, lines, len(lines) * line_h + 2 * s.padding_y))
        # Row heights: single-row cells first, then stretch the last row a tall spanning
        # cell covers.
        heights = [0.0] * n_rows
        for cell, _lines, need in cells:
            if cell.rowspan == 1:
                heights[cell.row] = max(heights[cell.row], need)
        for cell, _lines, need in cells:
            if cell.rowspan > 1:
                have = sum(heights[cell.row:cell.row + cell.rowspan])
                if need > have:
                    heights[cell.row + cell.rowspan - 1] += need - have
        tops = [0.0]
        for h in heights:
            tops.append(tops[-1] + h)
        self._header_height = tops[-1]
        self._number_height = s.number_size * s.line_height * PT + 2 * s.padding_y * 0.6
        self._header_line_h = line_h
        self._header_scale = scale
        return [(cell, lines, tops[cell.row], tops[cell.row + cell.rowspan] - tops[cell.row])
                for cell, lines, _need in cells]

    # ------------------------------------------------------------ drawing

    def min_height(self) -> float:
        """Room needed below a heading so that the table does not start on the next page."""
        first = self.rows[0].height(self.line_h, self.s.padding_y) if self.rows else 0.0
        if self.rows and self.rows[0].keep and len(self.rows) > 1:
            first += self.rows[1].height(self.line_h, self.s.padding_y)
        return self.header_height + first

    def _draw_header(self, y: float) -> float:
        c, s, pdf = self.c, self.s, self.c.pdf
        c.use_font(False, s.header_size)
        line_h, scale = self._header_line_h, self._header_scale
        c.set_fill(s.header_fill)
        style = "DF" if s.header_fill else "D"
        for cell, lines, top, height in self._header:
            x0 = self.xs[cell.col]
            x1 = self.xs[cell.col + cell.colspan]
            pdf.rect(x0, y + top, x1 - x0, height, style=style)
            text_top = y + top + (height - len(lines) * line_h) / 2
            base = (line_h + CAP_HEIGHT * s.header_size * PT) / 2
            for i, (text, w) in enumerate(lines):
                pdf.text((x0 + x1 - w * scale) / 2, text_top + i * line_h + base, text)
        y += self._header_height
        if self.table.numbered:
            c.use_font(False, s.number_size)
            h = self._number_height
            scale = s.number_size * PT / 1000
            metrics = c.metrics(False)
            base = (h + CAP_HEIGHT * s.number_size * PT) / 2
            for j in range(len(self.widths)):
                x0, x1 = self.xs[j], self.xs[j + 1]
                pdf.rect(x0, y, x1 - x0, h, style="D")
                label = str(j + 1)
                pdf.text((x0 + x1 - metrics.units(label) * scale) / 2, y + base, label)
            y += h
        return y

    def _draw_lines(self, row: _Prepared, y: float, first: int, last: int) -> float:
        """Lines ``first:last`` of a row from ``y``; returns the row's bottom."""
        c, s, pdf = self.c, self.s, self.c.pdf
        height = (last - first) * self.line_h + 2 * s.padding_y
        c.use_font(row.bold, s.size)
        top = y + s.padding_y + self.baseline
        scale, line_h = self.scale, self.line_h
        if row.span:
            if s.span_fill:
                c.set_fill(s.span_fill)
                pdf.rect(c.left, y, self.right - c.left, height, style="F")
            x = c.left + s.padding_x
            for i, (text, _w) in enumerate(row.cells[0][first:last]):
                pdf.text(x, top + i * line_h, text)
            return y + height
        for j, (lines, col) in enumerate(zip(row.cells, self.table.columns)):
            if not lines:
                continue
            c.use_font(row.bold and not col.prose, s.size)
            x0, x1, align = self.xs[j], self.xs[j + 1], col.align
            for i, (text, w) in enumerate(lines[first:last]):
                if align == RIGHT:
                    x = x1 - s.padding_x - w * scale
                elif align == CENTER:
                    x = (x0 + x1 - w * scale) / 2
                else:
                    x = x0 + s.padding_x
                pdf.text(x, top + i * line_h, text)
        return y + height

    def _verticals(self, top: float, bottom: float, inner: bool) -> None:
        if bottom <= top:
            return
        line = self.c.pdf.line
        xs = self.xs if inner else (self.xs[0], self.xs[-1])
        for x in xs:
            line(x, top, x, bottom)

    def _page_break(self, at: float) -> float:
        """Close the table on this page at ``at``; a new page with the heading repeated."""
        if self._run_top is not None:
            self._verticals(self._run_top, at, True)
        self.c.new_page()
        self.c.pdf.set_line_width(self.s.line_width)
        self.c.pdf.set_draw_color(*self.s.border_color)
        y = self._draw_header(self.c.pdf.y)
        self._run_top = y
        return y

    def _mark_continued(self, bottom: float) -> None:
        c, s, pdf = self.c, self.s, self.c.pdf
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(c.left, bottom, self.right, bottom)
        pdf.set_dash_pattern()
        c.use_font(False, s.number_size)
        note = s.continued
        pdf.text(self.right - c.metrics(False).units(note) * s.number_size * PT / 1000,
                 bottom + s.number_size * PT * 1.3, note)

    def _room_for(self, row: _Prepared, capacity: float) -> float:
        """Room a row needs at the bottom of a page; one taller than a page will be split
        anyway, so a few of its lines are enough."""
        height = row.height(self.line_h, self.s.padding_y)
        if height <= capacity:
            return height
        return min(height, 3 * self.line_h + 2 * self.s.padding_y)

    def draw(self) -> None:
        c, s, pdf = self.c, self.s, self.c.pdf
        pdf.set_line_width(s.line_width)
        pdf.set_draw_color(*s.border_color)
        pad, line_h = s.padding_y, self.line_h
        rows = self.rows
        y = self._draw_header(pdf.y)
        # Inner verticals are drawn once per run of ordinary rows, not once per row.
        self._run_top = y
        on_page = 0
        capacity = c.bottom - (pdf.t_margin + self.header_height)
        for i, row in enumerate(rows):
            need = self._room_for(row, capacity)
            j = i   # a group heading keeps with a total that keeps with its first executor
            while rows[j].keep and j + 1 < len(rows) and need <= capacity:
                j += 1
                need += self._room_for(rows[j], capacity)
            if on_page and y + min(need, capacity) > c.bottom:
                y = self._page_break(y)
                on_page = 0
            if row.span and self._run_top is not None:
                self._verticals(self._run_top, y, True)
                self._run_top = None
            first = 0
            while y + (row.lines - first) * line_h + 2 * pad > c.bottom:
                # Taller than a whole page: split it, and mark the break.
                fits = int((c.bottom - y - 2 * pad) / line_h)
                if fits < 1 and on_page:
                    y = self._page_break(y)
                    self._run_top = None if row.span else y
                    on_page = 0
                    continue
                fits = max(fits, 1)
                bottom = self._draw_lines(row, y, first, first + fits)
                if row.span:
                    self._verticals(y, bottom, False)
                self._mark_continued(bottom)
                first += fits
                y = self._page_break(bottom)
                self._run_top = None if row.span else y
                on_page = 0
            bottom = self._draw_lines(row, y, first, row.lines)
            if row.span:
                self._verticals(y, bottom, False)
                self._run_top = bottom
            pdf.line(c.left, bottom, self.right, bottom)
            y = bottom
            on_page += 1
        if self._run_top is not None:
            self._verticals(self._run_top, y, True)
        pdf.set_y(y)
