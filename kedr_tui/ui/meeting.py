"""The meeting view (``v``): every indicator (or activity) on one screen, for a projector.

№, a name that can be told apart from its neighbours, plan, fact, the relative
deviation, the growth and the mark — at 80×24 without scrolling sideways: the
name takes all the width the figures leave.  The whole current row is
highlighted.  ``m`` marks it, ``Space``/``z`` opens its card, Enter goes to it in
the tab, ``v`` or Esc goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label

from kedr_tui.ui.widgets.inorder import ClosesOnce
from kedr_tui.view.review import MEETING_HEADERS, MeetingLine, fit_names
from kedr_tui.ui import wording as uw

_FIGURES = 2  # columns after the name that hold figures: widths from their content


def _heading(line: MeetingLine) -> bool:
    """A group heading with no figures of its own (a task's indicators)."""
    return line.role == "group" and not any(line.cells[2:])


class MeetingView(ClosesOnce, Screen):
    BINDINGS = [
        Binding("v,м,escape", "close", uw.NORMAL_VIEW, key_display="v"),
        Binding("m,ь", "pick('mark')", uw.MARK_IT),
        Binding("space,z,я", "pick('card')", uw.CARD, key_display="Space"),
        Binding("enter", "pick('goto')", uw.GO_TO, show=False),
        Binding("q,й", "close", uw.BACK, show=False),
    ]

    def __init__(self, title: str, table: str, lines: list[MeetingLine], current: str | None):
        super().__init__(classes="meeting-screen")
        self.heading = title
        self.table_name = table
        self.lines = lines
        self.current = current

    def compose(self) -> ComposeResult:
        yield Label(Text(self.heading, no_wrap=True, overflow="ellipsis"), id="meeting-title")
        yield DataTable(id="meeting-table", cursor_type="row", zebra_stripes=False)
        yield Label(Text(uw.MEETING_VIEW_HINT,
                         no_wrap=True, overflow="ellipsis"), id="meeting-hint")

    def on_mount(self) -> None:
        self._fill(self.app.size.width)
        table = self.query_one(DataTable)
        table.focus()
        keys = [line.key for line in self.lines]
        if self.current in keys:
            table.move_cursor(row=keys.index(self.current), animate=False)

    def on_resize(self, event) -> None:
        self._fill(event.size.width)

    def _fill(self, width: int) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row if table.row_count else 0
        table.clear(columns=True)
        headers = MEETING_HEADERS[self.table_name]
        widths = [max([len(headers[i])] + [len(line.cells[i]) for line in self.lines
                                           if not _heading(line)])
                  for i in range(len(headers))]
        widths[0] = min(widths[0], 10)
        # cell padding: one space either side of every column; 2 for the scroll bar
        name_width = max(12, width - 2 - 2 * len(headers) - sum(widths) + widths[1])
        names = fit_names([line.cells[1] for line in self.lines if not _heading(line)],
                          name_width)
        for i, header in enumerate(headers):
            width_i = name_width if i == 1 else widths[i]
            table.add_column(Text(header, justify="left" if i < 2 else "right"), width=width_i,
                             key=str(i))
        fitted = iter(names)
        for line in self.lines:
            if _heading(line):
                cells = [Text("")] + [Text(line.cells[1][:name_width - 1] + "…"
                                           if len(line.cells[1]) > name_width else line.cells[1],
                                           style="bold")] + [Text("")] * (len(headers) - 2)
            else:
                style = "bold" if line.mark or line.role == "group" else ""
                cells = [Text(line.cells[0]), Text(next(fitted), style=style)]
                cells += [Text(c, justify="right", style="red" if line.role == "bad" and j in (2, 3)
                               else style) for j, c in enumerate(line.cells[2:-1], start=1)]
                cells.append(Text(line.cells[-1], style="bold"))
            table.add_row(*cells)
        if self.lines:
            table.move_cursor(row=min(cursor, len(self.lines) - 1), animate=False)

    @property
    def current_line(self) -> MeetingLine | None:
        if not self.lines:
            return None
        return self.lines[self.query_one(DataTable).cursor_row]

    @property
    def current_key(self):
        """The key of the current line's row in its tab (view/keys.py)."""
        line = self.current_line
        return line.key if line is not None else None

    def rows_text(self) -> list[str]:
        """The cells as shown (for tests)."""
        table = self.query_one(DataTable)
        return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter is the focused table's own key (select the row), run before the screen's
        # binding: without this, Enter in the meeting view did nothing
        event.stop()
        self.action_pick("goto")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_pick(self, what: str) -> None:
        line = self.current_line
        if line is None or _heading(line):
            return
        self.dismiss((what, line.key))
