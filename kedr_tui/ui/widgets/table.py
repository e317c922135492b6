"""One form as a table, drawn line by line on Textual's public line API.

``ReportTable`` is a ``ScrollView`` whose ``render_line`` makes each screen line
from ``view.rows.ViewRow`` cells (the Textual guide's ``checker`` examples are the
model).  It uses no private name of Textual, and it writes as little as it
can to the terminal, which over SSH is what a key costs:

* a cursor move repaints the two cells it leaves and enters, nothing else;
* an edit repaints the cells whose text changed;
* cells of one style next to each other are one segment (one escape
  sequence), and cells carry no per-cell metadata that would keep them apart;
* there is no horizontal scrollbar: the table scrolls sideways by whole
  columns, so a number is shown whole or not at all, and the header shows
  «‹» / «›» when columns are left out on either side.

The header row and the first ``FIXED_COLUMNS`` columns stay in place.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kedr_tui.view.columns import COLUMNS, FIXED_COLUMNS, fit_widths, natural_widths
from kedr_tui.view.rows import Cell, ViewRow
from kedr_tui.ui import wording as uw

PADDING = 1          # blank cells either side of a cell's text
MORE_LEFT, MORE_RIGHT = "‹", "›"
ROLES = ("derived", "bad", "mismatch", "total", "group", "note", "warning", "error", "label", "changed", "review")


class CellText(NamedTuple):
    """A cell as shown: its text, its style (the roles' styles summed) and alignment."""

    plain: str
    style: Style
    right: bool


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


class Place(NamedTuple):
    """Where a column is on screen: its index, first cell and width (padding included)."""

    column: int
    x: int
    width: int


class ReportTable(ScrollView, can_focus=True, inherit_bindings=False):
    """One form as a table.  Enter is left to the screen (edit / jump)."""

    BINDINGS = [
        Binding("up", "cursor_up", uw.UP, show=False),
        Binding("down", "cursor_down", uw.DOWN, show=False),
        Binding("right", "cursor_right", uw.RIGHT, show=False),
        Binding("left", "cursor_left", uw.LEFT, show=False),
        Binding("pageup", "page_up", uw.PAGE_UP, show=False),
        Binding("pagedown", "page_down", uw.PAGE_DOWN, show=False),
        Binding("ctrl+home,g", "scroll_top", uw.TO_START, show=False),
        Binding("ctrl+end,G", "scroll_bottom", uw.TO_END, show=False),
        Binding("home", "scroll_home", uw.FIRST_COLUMN, show=False),
        Binding("end", "scroll_end", uw.LAST_COLUMN, show=False),
    ]

    COMPONENT_CLASSES = {"table--header", "table--fixed", "table--cursor", "table--cursor-blurred",
                         "table--more"} | {
        f"report--{role}" for role in ROLES}

    DEFAULT_CSS = """
    ReportTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .table--fixed { background: $secondary-muted; color: $foreground; }
        & > .table--more { color: $text-accent; text-style: bold; }
        & > .table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .table--cursor-blurred {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    # No rule here depends on :focus: the stylesheet would then repaint the whole
    # table on every focus change.  Focus changes only the cursor's cell (see refresh).

    class CursorMoved(Message):
        """The cursor went to another cell (by key, mouse or program)."""

        def __init__(self, table: "ReportTable", row: int, column: int) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.column = column

        @property
        def control(self) -> "ReportTable":
            return self.table

    def __init__(self, table: str, **kwargs):
        super().__init__(**kwargs)
        self.table = table
        self.spec = COLUMNS[table]
        self.fixed = FIXED_COLUMNS[table]
        self.shown: list[ViewRow] = []          # rows as on screen, in order
        self._row_index: dict[str, int] = {}
        self._role_styles: dict[str, Style] = {}
        self._composed: dict[str, Style] = {}
        self._styled_for: str | None = None   # the theme _role_styles were read for
        self._styles: dict = {}             # styles of a frame, by focus: see _style
        self._natural: list[int] = [c.width for c in self.spec]
        self._widths: list[int] = [c.width for c in self.spec]   # text widths, padding apart
        self._available = 0
        self._first = self.fixed            # the first scrolled column shown
        self._places: tuple | None = None   # (key, [Place], more left, more right)
        self.cursor_row = 0
        self.cursor_column = 0
        self.cell_updates = 0               # for tests and benchmarks: cells rewritten by sync
        self.rebuilds = 0

    # ------------------------------------------------------------ geometry

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def cursor_coordinate(self) -> Coordinate:
        return Coordinate(self.cursor_row, self.cursor_column)

    @property
    def widths(self) -> list[int]:
        """Every column's text width (padding apart), as drawn."""
        return list(self._widths)

    def column_width(self, key: str) -> int:
        """The width of a column's text (padding apart), as drawn."""
        return self._widths[self._column(key)]

    def _column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.spec) if c.key == key)

    def _width(self) -> int:
        return self.scrollable_content_region.width or self._available

    def _body_height(self) -> int:
        """Lines for rows (the header takes one)."""
        return max(1, self.scrollable_content_region.height - 1)

    def places(self) -> tuple[list[Place], bool, bool]:
        """The columns on screen, and whether columns are left out to the left / right.

        The fixed columns first, then whole scrolled columns from ``_first`` for as
        long as they fit; the last cell of the line is kept for «›».  Only a
        column wider than all the room there is is shown cut (a text column: its
        text ends with «…»)."""
        width = self._width()
        key = (width, self._first, tuple(self._widths))
        if self._places is not None and self._places[0] == key:
            return self._places[1:]
        room = max(0, width - 1)
        places, x = [], 0
        for i in range(min(self.fixed, len(self.spec))):
            w = self._widths[i] + 2 * PADDING
            places.append(Place(i, x, w))
            x += w
        i = self._first
        while i < len(self.spec):
            w = self._widths[i] + 2 * PADDING
            if x + w > room:
                if i == self._first and room - x > 2 * PADDING:
                    places.append(Place(i, x, room - x))
                    i += 1
                break
            places.append(Place(i, x, w))
            x += w
            i += 1
        result = (places, self._first > self.fixed, i < len(self.spec))
        self._places = (key, *result)
        return result

    def _fits(self, first: int, last: int) -> bool:
        """Whether scrolled columns ``first`` to ``last`` fit whole beside the fixed ones."""
        need = sum(self._widths[: self.fixed]) + sum(self._widths[first: last + 1])
        need += 2 * PADDING * (self.fixed + last + 1 - first)
        return need <= self._width() - 1

    def _place(self, column: int) -> Place | None:
        return next((p for p in self.places()[0] if p.column == column), None)

    # ------------------------------------------------------------ styles

    def on_mount(self) -> None:
        self.resolve_styles()

    def resolve_styles(self, if_theme_changed: bool = False) -> None:
        """Read the cells' colours from the stylesheet (again, after a theme change)."""
        if if_theme_changed and self._styled_for == self.app.theme:
            return
        self._styled_for = self.app.theme
        self._composed = {}
        self._styles = {}
        self._role_styles = {role: self.get_component_rich_style(f"report--{role}", partial=True)
                             for role in ROLES}

    def role_styles(self) -> dict[str, Style]:
        return self._role_styles

    def restyle(self) -> None:
        """After a theme change: draw every cell with the new colours."""
        self.resolve_styles()
        self.refresh()

    def _role(self, role: str) -> Style:
        style = self._composed.get(role)
        if style is None:
            style = Style()
            for name in role.split():
                style += self._role_styles.get(name, Style())
            self._composed[role] = style
        return style

    def _style(self, role: str, fixed: bool, cursor: bool) -> tuple[Style, Style]:
        """(text style, padding style) of a cell: the table's, the fixed columns' or the
        cursor's, with the cell's roles.  Worked out once per focus state and theme:
        looking styles up in the stylesheet is slow."""
        frame = self._styles.get(self.has_focus)
        if frame is None:
            base = self.rich_style
            frame = self._styles[self.has_focus] = {
                "base": base,
                "fixed": base + self.get_component_rich_style("table--fixed"),
                "cursor": self.get_component_rich_style(
                    "table--cursor" if self.has_focus else "table--cursor-blurred"),
                "header": base + self.get_component_rich_style("table--header"),
                "more": self.get_component_rich_style("table--more"),
            }
        key = (role, fixed, cursor)
        styles = frame.get(key)
        if styles is None:
            under = frame["fixed" if fixed else "base"]
            text = under + self._role(role)
            if cursor:
                under += frame["cursor"]
                text += frame["cursor"]
            # an underline under the padding would read as part of the text
            styles = frame[key] = (text, under if text.underline else text)
        return styles

    def _frame(self, name: str) -> Style:
        self._style("", False, False)
        return self._styles[self.has_focus][name]

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False):
        """Textual repaints a whole widget when it gains or loses focus; here only the
        cursor's cell looks different then (a whole table over SSH is 5–10 KB)."""
        focus = self.has_focus
        if getattr(self, "_drawn_focus", focus) != focus and not (regions or layout or recompose):
            self._drawn_focus = focus
            if self.is_mounted and self.shown:
                self._refresh_cell(self.cursor_row, self.cursor_column)
                return self
        self._drawn_focus = focus
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self._width()
        if y == 0:
            return self._header_line(width)
        index = int(self.scroll_y) + y - 1
        if not 0 <= index < len(self.shown):
            return Strip.blank(width, self._frame("base"))
        return self._row_line(index, width)

    def _header_line(self, width: int) -> Strip:
        places, more_left, more_right = self.places()
        header = self._frame("header")
        segments = []
        for place in places:
            column = self.spec[place.column]
            text = fit_text(column.label, place.width - 2 * PADDING, column.right)
            if more_left and place.column == self._first:
                segments.append(Segment(MORE_LEFT, header + self._frame("more")))
                segments.append(Segment(text + " " * PADDING, header))
            else:
                segments.append(Segment(" " * PADDING + text + " " * PADDING, header))
        used = places[-1].x + places[-1].width if places else 0
        if width > used:
            if more_right:
                segments.append(Segment(" " * (width - used - 1), header))
                segments.append(Segment(MORE_RIGHT, header + self._frame("more")))
            else:
                segments.append(Segment(" " * (width - used), header))
        return Strip(segments).simplify()

    def _row_line(self, index: int, width: int) -> Strip:
        row = self.shown[index]
        places = self.places()[0]
        cursor = self.cursor_column if index == self.cursor_row else -1
        pad = " " * PADDING
        segments = []
        for place in places:
            i = place.column
            column = self.spec[i]
            cell = row.cells[i]
            text_style, pad_style = self._style(cell.role, i < self.fixed, i == cursor)
            text = fit_text(cell.text, place.width - 2 * PADDING, column.right)
            if text_style is pad_style:
                segments.append(Segment(pad + text + pad, text_style))
            else:
                segments += [Segment(pad, pad_style), Segment(text, text_style), Segment(pad, pad_style)]
        used = places[-1].x + places[-1].width if places else 0
        if width > used:
            segments.append(Segment(" " * (width - used), self._frame("base")))
        return Strip(segments).simplify()

    def _refresh_cell(self, row: int, column: int) -> None:
        """Repaint one cell, if it is on screen."""
        y = row - int(self.scroll_y) + 1
        if not 1 <= y <= self._body_height():
            return
        place = self._place(column)
        if place is not None:
            self.refresh(Region(place.x, y, place.width, 1))

    # ------------------------------------------------------------ cursor

    def move_cursor(self, row: int | None = None, column: int | None = None, animate: bool = False,
                    scroll: bool = True) -> None:
        old = (self.cursor_row, self.cursor_column)
        if row is not None:
            self.cursor_row = max(0, min(row, len(self.shown) - 1))
        if column is not None:
            self.cursor_column = max(0, min(column, len(self.spec) - 1))
        new = (self.cursor_row, self.cursor_column)
        if scroll:
            self._scroll_to_cursor()
        if new != old:
            self._refresh_cell(*old)
            self._refresh_cell(*new)
            self.post_message(self.CursorMoved(self, *new))

    def _scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's cell is on screen, sideways by whole columns."""
        column = self.cursor_column
        first = self._first
        if column >= self.fixed:
            if column < first:
                first = column
            else:
                while first < column and not self._fits(first, column):
                    first += 1
        if first != self._first:
            self._first = first
            self._places = None
            self.refresh()
        height = self._body_height()
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        self.move_cursor(column=self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.move_cursor(column=self.cursor_column + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._body_height())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._body_height())

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=len(self.shown) - 1)

    def action_scroll_home(self) -> None:
        if self._first != self.fixed:       # the first columns again, not only the cursor
            self._first = self.fixed
            self._places = None
            self.refresh()
        self.move_cursor(column=0)

    def action_scroll_end(self) -> None:
        self.move_cursor(column=len(self.spec) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self.shown:
            return
        row = int(self.scroll_y) + event.y - 1
        place = next((p for p in self.places()[0] if p.x <= event.x < p.x + p.width), None)
        if row < len(self.shown):
            self.move_cursor(row=row, column=place.column if place else None)

    # ------------------------------------------------------------ widths

    def fit(self, available: int | None = None) -> None:
        """Size the columns: content-sized ones to their texts, flexible ones to the
        room there is (``available`` cells; None: as last time)."""
        if available is not None:
            self._available = available
        if not self._available:
            return
        widths = fit_widths(self.spec, self._available - 1, 2 * PADDING, self._natural)
        if widths != self._widths:
            self._widths = widths
            self._places = None
            self.refresh()
            if self.shown:
                self.call_after_refresh(self._scroll_to_cursor)

    def on_resize(self, event: events.Resize) -> None:
        # (the compositor repaints a widget whose size changed: no refresh here)
        self._places = None
        self._scroll_to_cursor()

    # ------------------------------------------------------------ rows

    def sync(self, rows: list[ViewRow], focus: str | None = None, force: bool = False) -> None:
        """Show ``rows``: changed cells only when the rows are the same, else rebuild."""
        if not force and len(rows) == len(self.shown) and all(
                a.key == b.key for a, b in zip(rows, self.shown)):
            self._update(rows)
            if focus is not None:
                self.goto(focus)
            return
        self._rebuild(rows, focus)

    def _update(self, rows: list[ViewRow]) -> None:
        changed: list[tuple[int, int]] = []
        columns: set[int] = set()
        for index, (new, old) in enumerate(zip(rows, self.shown)):
            if new is old or new.cells == old.cells:
                continue
            for k, (a, b) in enumerate(zip(new.cells, old.cells)):
                if a != b:
                    changed.append((index, k))
                    if len(a.text) != len(b.text):
                        columns.add(k)
        self.shown = list(rows)
        self.cell_updates += len(changed)
        if columns and self._renatural(columns):
            return
        for index, k in changed:
            self._refresh_cell(index, k)

    def _renatural(self, columns: set[int]) -> bool:
        """Recompute the content-sized widths of ``columns``: True if that changed
        the layout (then the whole table is repainted)."""
        natural = list(self._natural)
        fresh = natural_widths(self.spec, self.shown)
        for k in columns:
            natural[k] = fresh[k]
        if natural == self._natural:
            return False
        self._natural = natural
        before = self._widths
        self.fit()
        return self._widths != before

    def _rebuild(self, rows: list[ViewRow], focus: str | None) -> None:
        self.rebuilds += 1
        old_key = self.current_key()
        old_row = self.cursor_row
        self.shown = list(rows)
        self._row_index = {row.key: i for i, row in enumerate(rows)}
        self._natural = natural_widths(self.spec, self.shown)
        self.fit()
        self.virtual_size = Size(1, len(rows) + 1)   # sideways it never scrolls by cells
        target = focus if focus in self._row_index else old_key
        index = self._row_index[target] if target in self._row_index else min(old_row, len(rows) - 1)
        self.cursor_row = max(index, 0)
        self._places = None
        self.refresh()
        if rows:
            self._scroll_to_cursor()
            self.call_after_refresh(self._scroll_to_cursor)
            if index != old_row:
                self.post_message(self.CursorMoved(self, self.cursor_row, self.cursor_column))

    def position(self, key: str) -> int | None:
        if len(self._row_index) != len(self.shown):
            self._row_index = {row.key: i for i, row in enumerate(self.shown)}
        position = self._row_index.get(key)
        if position is None or position >= len(self.shown) or self.shown[position].key != key:
            self._row_index = {row.key: i for i, row in enumerate(self.shown)}
            position = self._row_index.get(key)
        return position

    def current_key(self) -> str | None:
        row = self.current_row()
        return row.key if row else None

    def current_row(self) -> ViewRow | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def current_column(self) -> str:
        column = self.cursor_column
        return self.spec[column].key if 0 <= column < len(self.spec) else self.spec[0].key

    def goto(self, key: str, column: str | None = None) -> bool:
        """Put the cursor on the row ``key`` (and ``column`` if given)."""
        index = self.position(key)
        if index is None:
            return False
        self.goto_index(index, column)
        return True

    def goto_index(self, index: int, column: str | None = None) -> None:
        if not self.shown:
            return
        col = self.cursor_column
        if column is not None:
            col = next((i for i, c in enumerate(self.spec) if c.key == column), col)
        self.move_cursor(row=max(0, min(index, len(self.shown) - 1)), column=col)

    def get_cell(self, key: str, column: str) -> CellText:
        """A cell's text and style as drawn (for tests)."""
        k = self._column(column)
        cell: Cell = self.shown[self.position(key)].cells[k]
        return CellText(cell.text, self._role(cell.role), self.spec[k].right)

    def cell_text(self, key: str, column: str) -> str:
        """The plain text in a cell (for tests)."""
        return self.get_cell(key, column).plain

    def coordinate_of(self, key: str, column: str) -> Coordinate | None:
        index = self.position(key)
        if index is None:
            return None
        col = next((i for i, c in enumerate(self.spec) if c.key == column), None)
        return None if col is None else Coordinate(index, col)

    def visible_text(self) -> list[str]:
        """The lines as drawn, plain (for tests)."""
        return [self.render_line(y).text for y in range(self.scrollable_content_region.height)]
