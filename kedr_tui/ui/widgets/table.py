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

from rich.style import Style
from textual import events
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kedr_tui.ui.widgets.table_cursor import CURSOR_BINDINGS, CursorKeys
from kedr_tui.ui.widgets.table_paint import MORE_LEFT, MORE_RIGHT, ROLES, TablePainter
from kedr_tui.view.columns import COLUMNS, FIXED_COLUMNS, START_COLUMN, fit_widths, natural_widths
from kedr_tui.view.keys import RowKey
from kedr_tui.view.rows import Cell, ViewRow
from kedr_tui.view.window import PADDING, ColumnWindow, Place, ShownRows, changed_cells

__all__ = ["MORE_LEFT", "MORE_RIGHT", "PADDING", "CellText", "ReportTable"]


class CellText(NamedTuple):
    """A cell as shown: its text, its style (the roles' styles summed) and alignment."""

    plain: str
    style: Style
    right: bool


class ReportTable(CursorKeys, ScrollView, can_focus=True, inherit_bindings=False):
    """One form as a table.  Enter is left to the screen (edit / jump)."""

    BINDINGS = CURSOR_BINDINGS

    COMPONENT_CLASSES = {"table--header", "table--fixed", "table--cursor", "table--cursor-blurred",
                         "table--more"} | {f"report--{role}" for role in ROLES}

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
        self.rows = ShownRows()                 # rows as on screen, in order
        self.painter = TablePainter(self)
        self.window = ColumnWindow([c.width for c in self.spec], self.fixed)  # text widths, padding apart
        self._natural: list[int] = [c.width for c in self.spec]
        self._available = 0
        self.cursor_row = 0
        start = START_COLUMN.get(table)       # on open and on a tab's first visit
        self.cursor_column = [c.key for c in self.spec].index(start) if start else 0
        self.cell_updates = 0               # for tests and benchmarks: cells rewritten by sync
        self.rebuilds = 0

    # ------------------------------------------------------------ geometry

    @property
    def shown(self) -> list[ViewRow]:
        """The rows as on screen, in order."""
        return self.rows.rows

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def cursor_coordinate(self) -> Coordinate:
        return Coordinate(self.cursor_row, self.cursor_column)

    @property
    def widths(self) -> list[int]:
        """Every column's text width (padding apart), as drawn."""
        return list(self.window.widths)

    def column_width(self, key: str) -> int:
        """The width of a column's text (padding apart), as drawn."""
        return self.window.widths[self._column(key)]

    def _column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.spec) if c.key == key)

    def _width(self) -> int:
        return self.scrollable_content_region.width or self._available

    def _body_height(self) -> int:
        """Lines for rows (the header takes one)."""
        return max(1, self.scrollable_content_region.height - 1)

    def places(self) -> tuple[list[Place], bool, bool]:
        """The columns on screen, and whether columns are left out to the left / right
        (view/window.py)."""
        return self.window.places(self._width())

    # ------------------------------------------------------------ styles

    def on_mount(self) -> None:
        self.resolve_styles()

    def resolve_styles(self, if_theme_changed: bool = False) -> None:
        """Read the cells' colours from the stylesheet (again, after a theme change)."""
        self.painter.resolve(if_theme_changed)

    def role_styles(self) -> dict[str, Style]:
        return self.painter.role_styles

    def restyle(self) -> None:
        """After a theme change: draw every cell with the new colours."""
        self.resolve_styles()
        self.refresh()

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
            return self.painter.header(self.spec, self.places(), self.window.first, width)
        index = int(self.scroll_y) + y - 1
        if not 0 <= index < len(self.shown):
            return self.painter.blank(width)
        cursor = self.cursor_column if index == self.cursor_row else -1
        return self.painter.row(self.spec, self.shown[index], self.places()[0], self.fixed, cursor, width)

    def _refresh_cell(self, row: int, column: int) -> None:
        """Repaint one cell, if it is on screen."""
        y = row - int(self.scroll_y) + 1
        if not 1 <= y <= self._body_height():
            return
        place = self.window.place(column, self._width())
        if place is not None:
            self.refresh(Region(place.x, y, place.width, 1))

    # ------------------------------------------------------------ widths

    def fit(self, available: int | None = None) -> None:
        """Size the columns: content-sized ones to their texts, flexible ones to the
        room there is (``available`` cells; None: as last time)."""
        if available is not None:
            self._available = available
        if not self._available:
            return
        if self.window.set_widths(fit_widths(self.spec, self._available - 1, 2 * PADDING, self._natural)):
            self.refresh()
            if self.shown:
                self.call_after_refresh(self._scroll_to_cursor)

    def on_resize(self, event: events.Resize) -> None:
        # (the compositor repaints a widget whose size changed: no refresh here)
        self._scroll_to_cursor()

    # ------------------------------------------------------------ rows

    def sync(self, rows: list[ViewRow], focus: RowKey | None = None, force: bool = False) -> None:
        """Show ``rows``: changed cells only when they are the same rows in the same places
        (a row renamed in place counts as the same), else rebuild; then go to ``focus``."""
        if not force and self.rows.same_places(rows):
            self._update(rows)
            if focus is not None:
                self.goto(focus)
            return
        self._rebuild(rows, focus)

    def _update(self, rows: list[ViewRow]) -> None:
        changed, columns = changed_cells(rows, self.shown, self._natural)
        self.rows.show(rows)
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
        before = self.widths
        self.fit()
        return self.window.widths != before

    def _rebuild(self, rows: list[ViewRow], focus: RowKey | None) -> None:
        self.rebuilds += 1
        old_key = self.current_key()
        old_row = self.cursor_row
        self.rows.show(rows)
        self._natural = natural_widths(self.spec, self.shown)
        self.fit()
        self.virtual_size = Size(1, len(rows) + 1)   # sideways it never scrolls by cells
        index = self.rows.position(focus) if focus is not None else None
        if index is None:
            index = self.rows.position(old_key) if old_key is not None else None
        if index is None:
            index = min(old_row, len(rows) - 1)
        self.cursor_row = max(index, 0)
        self.refresh()
        if rows:
            self._scroll_to_cursor()
            self.call_after_refresh(self._scroll_to_cursor)
            if index != old_row:
                self.post_message(self.CursorMoved(self, self.cursor_row, self.cursor_column))

    def get_cell(self, key: RowKey, column: str) -> CellText:
        """A cell's text and style as drawn (for tests)."""
        k = self._column(column)
        cell: Cell = self.shown[self.rows.position(key)].cells[k]
        return CellText(cell.text, self.painter.role(cell.role), self.spec[k].right)

    def cell_text(self, key: RowKey, column: str) -> str:
        """The plain text in a cell (for tests)."""
        return self.get_cell(key, column).plain

    def coordinate_of(self, key: RowKey, column: str) -> Coordinate | None:
        index = self.rows.position(key)
        if index is None:
            return None
        col = next((i for i, c in enumerate(self.spec) if c.key == column), None)
        return None if col is None else Coordinate(index, col)

    def visible_text(self) -> list[str]:
        """The lines as drawn, plain (for tests)."""
        return [self.render_line(y).text for y in range(self.scrollable_content_region.height)]
