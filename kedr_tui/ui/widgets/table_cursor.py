"""A ReportTable's cursor: the keys that move it, a click, and scrolling to keep it in view.

A mixin of ``ReportTable`` (``table.py``): it uses the table's rows, its column
window (view/window.py) and its one-cell repaint.  A move repaints the two cells
it leaves and enters, nothing else; sideways the table scrolls by whole columns.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding

from kedr_tui.ui import wording as uw
from kedr_tui.view.keys import RowKey
from kedr_tui.view.rows import ViewRow

# Enter is left to the screen (edit / jump)
CURSOR_BINDINGS = [
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


class CursorKeys:
    """Where the cursor is and how it moves (see the module's docstring)."""

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
        if self.window.follow(self.cursor_column, self._width()):
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
        if self.window.home():       # the first columns again, not only the cursor
            self.refresh()
        self.move_cursor(column=0)

    def action_scroll_end(self) -> None:
        self.move_cursor(column=len(self.spec) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self.shown:
            return
        row = int(self.scroll_y) + event.y - 1
        place = self.window.at(event.x, self._width())
        if row < len(self.shown):
            self.move_cursor(row=row, column=place.column if place else None)

    def current_key(self) -> RowKey | None:
        row = self.current_row()
        return row.key if row else None

    def current_row(self) -> ViewRow | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def current_column(self) -> str:
        column = self.cursor_column
        return self.spec[column].key if 0 <= column < len(self.spec) else self.spec[0].key

    def goto(self, key: RowKey, column: str | None = None) -> bool:
        """Put the cursor on the row ``key`` (and ``column`` if given)."""
        index = self.rows.position(key)
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
