"""The report as a PDF to sign and file: A4 forms, the evaluation, the Доклад, the signature.

fpdf2 is imported only when a PDF is made (it takes a fifth of a second to
import).  Everything shown comes from ``layout.build``; every size, margin,
colour and column width comes from ``styles/pdf.toml``.  The font is PT Sans
from the ``fontpkg-pt-sans`` package, embedded as a subset.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cache

from msgspec import Struct

from kedr_tui.core.analysis import Analysis
from kedr_tui.export.layout import Document, Heading, Paragraph, Section, SignatureBlock, Table, build
from kedr_tui.export.pdftable import PT, Metrics, TableStyle, TableWriter
from kedr_tui.styles import StyleError, style_path, style_value
from kedr_tui.export import wording as xw

STYLE = "pdf.toml"
FAMILY = "kedr"          # the name the embedded face is registered under
_COLOUR = re.compile(r"#([0-9a-fA-F]{6})")
_ORIENTATIONS = {"landscape": "L", "portrait": "P"}


def default_creation_date(year: int) -> datetime:
    """A fixed date, so that the same report gives the same bytes: 1 January after the year."""
    return datetime(year + 1, 1, 1, tzinfo=timezone.utc)


# ---------------------------------------------------------------- style

def _error(keys: tuple[str, ...], message: str) -> StyleError:
    return StyleError(str(style_path(STYLE)), xw.style_key('.'.join(keys), message))


def _num(*keys: str, minimum: float = 0.0) -> float:
    value = style_value(STYLE, *keys, kind=(int, float))
    if value < minimum:
        raise _error(keys, xw.at_least(minimum))
    return float(value)


def _size(*keys: str) -> float:
    value = _num(*keys)
    if value <= 0:
        raise _error(keys, xw.VALUE_POSITIVE)
    return value


def _colour(*keys: str, optional: bool = False) -> tuple[int, int, int] | None:
    value = style_value(STYLE, *keys, kind=str)
    if optional and value in ("", "none"):
        return None
    match = _COLOUR.fullmatch(value)
    if not match:
        raise _error(keys, xw.colour_invalid(value))
    digits = match.group(1)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def _orientation(*keys: str) -> str:
    value = style_value(STYLE, *keys, kind=str)
    if value not in _ORIENTATIONS:
        raise _error(keys, xw.ORIENTATION_EXPECTED)
    return _ORIENTATIONS[value]


class SectionStyle(Struct, frozen=True):
    new_page: bool
    orientation: str


class PdfStyle(Struct, frozen=True):
    page_format: str
    orientation: str
    margins: tuple[float, float, float, float]      # left, top, right, bottom
    family: str
    colour: tuple[int, int, int]
    title: tuple[float, float, float]               # size, line height, space after
    heading: tuple[float, float, float, float, float]   # size, line height, before, after, sub size
    table: TableStyle
    table_space_after: float
    text: tuple[float, float, float, float]         # size, line height, indent, space after
    signature: tuple[float, float, float]           # size, space before, executor size
    footer_text: str
    footer_size: float
    footer_colour: tuple[int, int, int]
    footer_offset: float
    draft: tuple[str, float, tuple[int, int, int], float]   # text, size, colour, angle
    sections: dict[str, SectionStyle]
    widths: dict[str, list[float]]


def _section_style(name: str, default_orientation: str) -> SectionStyle:
    sections = style_value(STYLE, "sections", kind=dict)
    entry = sections.get(name, {})
    if not isinstance(entry, dict):
        raise _error(("sections", name), xw.TABLE_EXPECTED)
    new_page = entry.get("new_page", False)
    if not isinstance(new_page, bool):
        raise _error(("sections", name, "new_page"), xw.BOOL_EXPECTED)
    orientation = default_orientation
    if "orientation" in entry:
        orientation = _orientation("sections", name, "orientation")
    return SectionStyle(new_page, orientation)


def _widths() -> dict[str, list[float]]:
    widths = style_value(STYLE, "widths", kind=dict)
    for name, value in widths.items():
        if not isinstance(value, list) or not value or not all(
                isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0 for w in value):
            raise _error(("widths", name), xw.POSITIVE_NUMBERS)
    return widths


def pdf_style() -> PdfStyle:
    """``styles/pdf.toml``, read and checked once: a bad value is a StyleError naming its key."""
    orientation = _orientation("page", "orientation")
    page_format = style_value(STYLE, "page", "format", kind=str)
    if page_format.lower() not in ("a3", "a4", "a5", "letter", "legal"):
        raise _error(("page", "format"), xw.PAGE_FORMAT_EXPECTED)
    table = TableStyle(
        _size("table", "size"), _size("table", "header_size"), _size("table", "number_size"),
        _size("table", "line_height"), _num("table", "padding_x"), _num("table", "padding_y"),
        _size("table", "line_width"), _colour("table", "border_color"),
        _colour("table", "header_fill", optional=True), _colour("table", "span_fill", optional=True),
        style_value(STYLE, "table", "continued", kind=str))
    footer = style_value(STYLE, "footer", "text", kind=str)
    if "{page}" not in footer:
        raise _error(("footer", "text"), xw.FOOTER_NEEDS_PAGE)
    return PdfStyle(
        page_format, orientation,
        (_num("page", "margin_left"), _num("page", "margin_top"),
         _num("page", "margin_right"), _num("page", "margin_bottom")),
        style_value(STYLE, "font", "family", kind=str), _colour("font", "color"),
        (_size("title", "size"), _size("title", "line_height"), _num("title", "space_after")),
        (_size("heading", "size"), _size("heading", "line_height"),
         _num("heading", "space_before"), _num("heading", "space_after"),
         _size("heading", "subheading_size")),
        table, _num("table", "space_after"),
        (_size("text", "size"), _size("text", "line_height"), _num("text", "indent"),
         _num("text", "space_after")),
        (_size("signature", "size"), _num("signature", "space_before"),
         _size("signature", "executor_size")),
        footer, _size("footer", "size"), _colour("footer", "color"), _num("footer", "offset"),
        (style_value(STYLE, "draft", "text", kind=str), _size("draft", "size"),
         _colour("draft", "color"), float(_num("draft", "angle", minimum=-360))),
        {name: _section_style(name, orientation)
         for name in ("title", "form1", "form2", "form3", "evaluation", "doklad", "protocol")},
        _widths(),
    )


def font_files(family: str) -> tuple[str, str]:
    """Regular and bold faces of a fontpkg family (installed from PyPI, never committed)."""
    import fontpkg

    try:
        return str(fontpkg.path(family)), str(fontpkg.path(family, "bold"))
    except fontpkg.FontpkgError as exc:
        raise _error(("font", "family"), xw.font_missing(family, exc)) from None


# ---------------------------------------------------------------- the writer

@cache
def _fpdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        """Adds «стр. N из M» to every page (the total is filled in by fpdf2 at the end),
        and «ПРОЕКТ» across every page of a report under review (drawn first, under the text)."""

        footer_text = ""
        footer_size = 8.0
        footer_offset = 8.0
        footer_colour = (0, 0, 0)
        draft: tuple | None = None

        def header(self) -> None:
            if not self.draft:
                return
            text, size, colour, angle = self.draft
            self.set_font(FAMILY, "B", size)
            self.set_text_color(*colour)
            width = self.get_string_width(text)
            x, y = self.w / 2, self.h / 2
            with self.rotation(angle, x, y):
                self.text(x - width / 2, y + size * PT * 0.35, text)
            # and in the top corner, where table fills can't cover it
            self.set_font(FAMILY, "B", self.footer_size * 1.5)
            self.set_text_color(*self.footer_colour)
            self.text(self.w - self.r_margin - self.get_string_width(text),
                      self.t_margin - 3, text)

        def footer(self) -> None:
            self.set_font(FAMILY, "", self.footer_size)
            self.set_text_color(*self.footer_colour)
            self.set_xy(self.l_margin, self.h - self.footer_offset)
            text = self.footer_text.replace("{page}", str(self.page_no())).replace(
                "{pages}", self.str_alias_nb_pages)
            self.cell(self.epw, self.footer_size * PT, text, align="C")

    return ReportPDF


class Writer:
    """Draws a ``layout.Document`` page by page; the canvas tables are drawn on."""

    def __init__(self, style: PdfStyle, creation_date: datetime, draft: bool = False):
        self.style = style
        regular, bold = font_files(style.family)
        pdf = _fpdf_class()(orientation=style.orientation, unit="mm", format=style.page_format)
        pdf.footer_text = style.footer_text
        pdf.footer_size = style.footer_size
        pdf.footer_offset = style.footer_offset
        pdf.footer_colour = style.footer_colour
        pdf.draft = style.draft if draft else None
        left, top, right, bottom = style.margins
        pdf.set_margins(left, top, right)
        pdf.set_auto_page_break(False, bottom)
        pdf.set_creation_date(creation_date)
        pdf.set_creator("kedr-tui")
        pdf.set_lang("ru")
        pdf.alias_nb_pages("{nb}")
        pdf.add_font(FAMILY, "", regular)
        pdf.add_font(FAMILY, "B", bold)
        self.pdf = pdf
        self._metrics = {False: Metrics(pdf.fonts[FAMILY].cw),
                         True: Metrics(pdf.fonts[FAMILY + "B"].cw)}
        self._font: tuple[bool, float] | None = None
        self._fill: tuple[int, int, int] | None = None
        self.orientation = style.orientation       # of the next page
        self._page_orientation = ""                # of the current page

    # -------------------------------------------------------- canvas

    @property
    def left(self) -> float:
        return self.pdf.l_margin

    @property
    def width(self) -> float:
        return self.pdf.epw

    @property
    def bottom(self) -> float:
        return self.pdf.h - self.pdf.b_margin

    def new_page(self) -> None:
        self.pdf.add_page(orientation=self.orientation)
        self._page_orientation = self.orientation
        # fpdf2 sets the font again on a new page, but the colours must be ours.
        self._font = None
        self._fill = None
        self.pdf.set_text_color(*self.style.colour)

    def use_font(self, bold: bool, size: float) -> None:
        if self._font != (bold, size):
            self.pdf.set_font(FAMILY, "B" if bold else "", size)
            self._font = (bold, size)

    def metrics(self, bold: bool) -> Metrics:
        return self._metrics[bold]

    def set_fill(self, colour: tuple[int, int, int] | None) -> None:
        if colour is not None and colour != self._fill:
            self.pdf.set_fill_color(*colour)
            self._fill = colour

    # -------------------------------------------------------- blocks

    def _lines_centred(self, lines, size: float, line_height: float, bold: bool = True) -> None:
        pdf = self.pdf
        self.use_font(bold, size)
        scale = size * PT / 1000
        metrics = self.metrics(bold)
        line_h = size * line_height * PT
        for line in lines:
            for text, w in metrics.wrap(line, self.width / scale):
                pdf.text(self.left + (self.width - w * scale) / 2,
                         pdf.y + (line_h + 0.7 * size * PT) / 2, text)
                pdf.set_y(pdf.y + line_h)

    def _heading_height(self, block: Heading) -> float:
        size, line_height = self._heading_size(block)
        scale = size * PT / 1000
        lines = sum(len(self.metrics(True).wrap(line, self.width / scale)) for line in block.lines)
        return lines * size * line_height * PT

    def _heading_size(self, block: Heading) -> tuple[float, float]:
        if block.level == 1:
            return self.style.title[0], self.style.title[1]
        size, line_height, _before, _after, sub = self.style.heading
        return (size if block.level == 2 else sub), line_height

    def heading(self, block: Heading, keep_with: float = 0.0) -> None:
        pdf = self.pdf
        _size, _lh, before, after, _sub = self.style.heading
        need = before + self._heading_height(block) + after + keep_with
        if pdf.y + need > self.bottom and pdf.y > pdf.t_margin + 1:
            self.new_page()
        if pdf.y > pdf.t_margin + 1 and block.level > 1:
            pdf.set_y(pdf.y + before)
        size, line_height = self._heading_size(block)
        self._lines_centred(block.lines, size, line_height)
        pdf.set_y(pdf.y + (self.style.title[2] if block.level == 1 else after))

    def table(self, block: Table) -> TableWriter:
        widths = self.style.widths.get(block.name)
        if widths is None or len(widths) != len(block.columns):
            raise _error(("widths", block.name),
                         xw.widths_needed(len(block.columns)))
        return TableWriter(self, block, widths, self.style.table)

    def paragraphs(self, blocks: list[Paragraph]) -> None:
        """Justified flowing text with a first-line indent, across pages as needed.

        Laid out here rather than by fpdf2's text regions, whose line breaking
        costs seconds for a long Доклад: lines are wrapped with the cached
        metrics, and a justified line is drawn word by word.
        """
        pdf = self.pdf
        size, line_height, indent, space_after = self.style.text
        scale = size * PT / 1000
        line_h = size * line_height * PT
        base = (line_h + 0.7 * size * PT) / 2
        limit = self.width / scale
        for block in blocks:
            self.use_font(block.bold, size)
            metrics = self.metrics(block.bold)
            first = limit - indent / scale if block.indent else limit
            lines = metrics.wrap(block.text, limit, first)
            last = len(lines) - 1
            for i, (text, width) in enumerate(lines):
                if pdf.y + line_h > self.bottom:
                    self.new_page()
                    self.use_font(block.bold, size)
                x = self.left + (indent if i == 0 and block.indent else 0.0)
                y = pdf.y + base
                words = text.split(" ")
                if i == last or len(words) < 2:
                    pdf.text(x, y, text)
                else:
                    room = (first if i == 0 else limit) - width
                    gap = (metrics.space + room / (len(words) - 1)) * scale
                    for word in words:
                        pdf.text(x, y, word)
                        x += metrics.units(word) * scale + gap
                pdf.set_y(pdf.y + line_h)
            pdf.set_y(pdf.y + space_after)

    def signature(self, block: SignatureBlock) -> None:
        pdf = self.pdf
        size, before, executor_size = self.style.signature
        line_h = size * 1.3 * PT
        metrics, scale = self.metrics(False), size * PT / 1000
        left, right = self._signature_lines(block, metrics, self.width / scale)
        rows = max(len(left), len(right), 1)
        need = before + line_h * (rows + 1) + executor_size * PT * 3
        if pdf.y + need > self.bottom:
            self.new_page()
        pdf.set_y(pdf.y + before)
        self.use_font(False, size)
        for row in range(rows):
            base = pdf.y + (line_h + 0.7 * size * PT) / 2
            if row < len(left):
                pdf.text(self.left, base, left[row][0])
            if row < len(right):
                text, units = right[row]
                pdf.text(self.left + self.width - units * scale, base, text)
            pdf.set_y(pdf.y + line_h)
        pdf.set_y(pdf.y + line_h)
        if block.executor:
            self.use_font(False, executor_size)
            small = executor_size * 1.3 * PT
            limit = self.width / (executor_size * PT / 1000)
            lines = [xw.EXECUTOR_LABEL, *(t for t, _w in self.metrics(False).wrap(block.executor, limit))]
            for text in lines:
                if pdf.y + small > self.bottom:
                    self.new_page()
                    self.use_font(False, executor_size)
                pdf.text(self.left, pdf.y + (small + 0.7 * executor_size * PT) / 2, text)
                pdf.set_y(pdf.y + small)

    @staticmethod
    def _signature_lines(block: SignatureBlock, metrics, limit: float):
        """The position's lines (left) and the name's (right, each with its width): one line
        each when both fit side by side; else the name keeps at most half the measure and the
        position wraps in the rest, so the two never run into each other or off the page."""
        position, name = block.position, block.name
        pos_w, name_w = metrics.units(position), metrics.units(name)
        gap = 4 * metrics.space
        if pos_w + gap + name_w <= limit:
            return ([(position, pos_w)] if position else []), ([(name, name_w)] if name else [])
        name_limit = min(name_w, limit / 2) if position else limit
        pos_limit = limit - name_limit - gap if name else limit
        return (metrics.wrap(position, pos_limit) if position else [],
                metrics.wrap(name, name_limit) if name else [])

    # -------------------------------------------------------- document

    def section(self, section: Section) -> None:
        pdf = self.pdf
        look = self.style.sections.get(section.name, SectionStyle(False, self.style.orientation))
        self.orientation = look.orientation
        if pdf.page == 0 or look.new_page or self._page_orientation != look.orientation:
            self.new_page()
        elif pdf.y > pdf.t_margin + 1:
            pdf.set_y(pdf.y + self.style.table_space_after)
        blocks = list(section.blocks)
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Heading):
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                writer = self.table(following) if isinstance(following, Table) else None
                self.heading(block, writer.min_height() if writer else 0.0)
                if writer:
                    writer.draw()
                    pdf.set_y(pdf.y + self.style.table_space_after)
                    i += 1
            elif isinstance(block, Table):
                self.table(block).draw()
                pdf.set_y(pdf.y + self.style.table_space_after)
            elif isinstance(block, Paragraph):
                run = [block]
                while i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph):
                    i += 1
                    run.append(blocks[i])
                self.paragraphs(run)
            elif isinstance(block, SignatureBlock):
                self.signature(block)
            i += 1

    def write(self, document: Document, title: str | None = None) -> bytes:
        pdf = self.pdf
        pdf.set_title(title or xw.pdf_title(document.title, document.year))
        pdf.set_text_color(*self.style.colour)
        for section in document.sections:
            self.section(section)
        with _quiet_fpdf_glyph_log():
            return bytes(pdf.output())

    def missing(self) -> set[str]:
        """Characters of the report that the font lacks (fpdf2 leaves them out)."""
        return {chr(code) for font in self.pdf.fonts.values()
                for code in getattr(font, "missing_glyphs", ())}


@contextmanager
def _quiet_fpdf_glyph_log():
    """fpdf2 logs missing glyphs in English; we say it in Russian, with the place."""
    import logging

    logger = logging.getLogger("fpdf.output")

    def keep(record) -> bool:
        return "missing the following glyphs" not in record.getMessage()

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


def render_pdf(analysis: Analysis, *, creation_date: datetime | None = None,
               draft: bool = False) -> bytes:
    """The whole report as PDF bytes; the same report and date always give the same bytes.

    ``draft``: «ПРОЕКТ» on every page (a report under review, not yet accepted)."""
    return render_pdf_checked(analysis, creation_date=creation_date, draft=draft)[0]


def render_pdf_checked(analysis: Analysis, *, creation_date: datetime | None = None,
                       draft: bool = False) -> tuple[bytes, list[str]]:
    """The PDF, and a Russian warning for each character the font can't print."""
    date = creation_date or default_creation_date(analysis.report.year)
    return render_document_pdf(build(analysis), date, analysis.report, draft=draft)


def render_document_pdf(document: Document, date: datetime, texts_of, *, title: str | None = None,
                        draft: bool = False) -> tuple[bytes, list[str]]:
    """Any layout document (the report, the protocol) as PDF bytes, and what the font lacked
    (named with the text around it, looked up in ``texts_of``)."""
    if date.tzinfo is None:
        date = date.replace(tzinfo=timezone.utc)
    writer = Writer(pdf_style(), date, draft)
    data = writer.write(document, title)
    return data, unprintable(texts_of, writer.missing())


def unprintable(report, missing: set[str]) -> list[str]:
    """«символ «😀» (U+1F600) … пропущен: «…Развитие 😀 информационного…»» for each."""
    if not missing:
        return []
    texts = list(_texts(report))
    out = []
    for char in sorted(missing):
        where = next((text for text in texts if char in text), "")
        at = where.find(char)
        fragment = " ".join(where[max(0, at - 24):at + 25].split())
        out.append(xw.glyph_missing(char, fragment))
    return out


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "__struct_fields__"):
        for name in value.__struct_fields__:
            yield from _texts(getattr(value, name))
