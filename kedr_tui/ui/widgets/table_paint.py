"""How a ReportTable's lines look: the cells' styles and the strips of its header and rows.

The styles come from the table's stylesheet (its component classes): they are read
once per theme and focus state, because looking styles up is slow and a table
draws hundreds of cells a frame.  Cells of one style next to each other become
one segment (one escape sequence on the wire).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from kedr_tui.view.rows import ViewRow
from kedr_tui.view.window import PADDING, Place, fit_text

MORE_LEFT, MORE_RIGHT = "‹", "›"
ROLES = ("derived", "bad", "mismatch", "total", "group", "note", "warning", "error", "label", "changed", "review")


class TablePainter:
    """The styles and lines of one ReportTable (``widget``: for its stylesheet and focus)."""

    def __init__(self, widget):
        self.widget = widget
        self.role_styles: dict[str, Style] = {}
        self._composed: dict[str, Style] = {}
        self._styled_for: str | None = None   # the theme role_styles were read for
        self._styles: dict = {}             # styles of a frame, by focus: see style

    # ------------------------------------------------------------ styles

    def resolve(self, if_theme_changed: bool = False) -> None:
        """Read the cells' colours from the stylesheet (again, after a theme change)."""
        widget = self.widget
        if if_theme_changed and self._styled_for == widget.app.theme:
            return
        self._styled_for = widget.app.theme
        self._composed = {}
        self._styles = {}
        self.role_styles = {role: widget.get_component_rich_style(f"report--{role}", partial=True)
                            for role in ROLES}

    def role(self, role: str) -> Style:
        """The style of a cell's roles (space-separated), summed."""
        style = self._composed.get(role)
        if style is None:
            style = Style()
            for name in role.split():
                style += self.role_styles.get(name, Style())
            self._composed[role] = style
        return style

    def _frame_styles(self) -> dict:
        widget = self.widget
        focus = widget.has_focus
        frame = self._styles.get(focus)
        if frame is None:
            base = widget.rich_style
            frame = self._styles[focus] = {
                "base": base,
                "fixed": base + widget.get_component_rich_style("table--fixed"),
                "cursor": widget.get_component_rich_style("table--cursor" if focus else "table--cursor-blurred"),
                "header": base + widget.get_component_rich_style("table--header"),
                "more": widget.get_component_rich_style("table--more"),
            }
        return frame

    def style(self, role: str, fixed: bool, cursor: bool) -> tuple[Style, Style]:
        """(text style, padding style) of a cell: the table's, the fixed columns' or the
        cursor's, with the cell's roles."""
        frame = self._frame_styles()
        key = (role, fixed, cursor)
        styles = frame.get(key)
        if styles is None:
            under = frame["fixed" if fixed else "base"]
            text = under + self.role(role)
            if cursor:
                under += frame["cursor"]
                text += frame["cursor"]
            # an underline under the padding would read as part of the text
            styles = frame[key] = (text, under if text.underline else text)
        return styles

    def frame(self, name: str) -> Style:
        """One of the frame's own styles: base, fixed, cursor, header, more."""
        return self._frame_styles()[name]

    # ------------------------------------------------------------ lines

    def blank(self, width: int) -> Strip:
        return Strip.blank(width, self.frame("base"))

    def header(self, spec, window: tuple[list[Place], bool, bool], first: int, width: int) -> Strip:
        places, more_left, more_right = window
        header = self.frame("header")
        segments = []
        for place in places:
            column = spec[place.column]
            text = fit_text(column.label, place.width - 2 * PADDING, column.right)
            if more_left and place.column == first:
                segments.append(Segment(MORE_LEFT, header + self.frame("more")))
                segments.append(Segment(text + " " * PADDING, header))
            else:
                segments.append(Segment(" " * PADDING + text + " " * PADDING, header))
        used = places[-1].x + places[-1].width if places else 0
        if width > used:
            if more_right:
                segments.append(Segment(" " * (width - used - 1), header))
                segments.append(Segment(MORE_RIGHT, header + self.frame("more")))
            else:
                segments.append(Segment(" " * (width - used), header))
        return Strip(segments).simplify()

    def row(self, spec, row: ViewRow, places: list[Place], fixed: int, cursor: int, width: int) -> Strip:
        """A row's line; ``cursor``: the column of the cursor on this row, or -1."""
        pad = " " * PADDING
        segments = []
        for place in places:
            i = place.column
            column = spec[i]
            cell = row.cells[i]
            text_style, pad_style = self.style(cell.role, i < fixed, i == cursor)
            text = fit_text(cell.text, place.width - 2 * PADDING, column.right)
            if text_style is pad_style:
                segments.append(Segment(pad + text + pad, text_style))
            else:
                segments += [Segment(pad, pad_style), Segment(text, text_style), Segment(pad, pad_style)]
        used = places[-1].x + places[-1].width if places else 0
        if width > used:
            segments.append(Segment(" " * (width - used), self.frame("base")))
        return Strip(segments).simplify()
