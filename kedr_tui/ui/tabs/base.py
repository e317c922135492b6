"""What every tab is: a ReportTable over ``rows`` and a detail pane below it.

A view always has its rows (pure, cheap with the memo) so that search and
finding navigation see every tab; its table is filled only once the tab is
shown (or after the first paint), so opening a big report paints quickly.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kedr_tui.view.changes import mark_rows
from kedr_tui.view.detail import detail_text
from kedr_tui.view.first_rows import FirstRows
from kedr_tui.view.rows import SECTIONS, Memo, ViewRow, State, build_rows, marks_of, patch_rows
from kedr_tui.ui.widgets.detail import DetailPane
from kedr_tui.ui.widgets.table import ReportTable


class TabView(Vertical):
    TABLE = ""
    # what a key does (Enter) depends on the row under the cursor: the footer follows it
    FOOTER_FOLLOWS_ROW = False

    def __init__(self, **kwargs):
        super().__init__(id=f"view-{self.TABLE}", classes="tab-view", **kwargs)
        self.memo = Memo()
        self._rows: list[ViewRow] = []
        self._stale = False             # rows not built for the current state yet
        self._positions: dict | None = None                 # row key -> place in ``_rows``
        self.state: State | None = None
        self.marks: dict = {}
        self.changes: dict = {}         # row key -> columns changed since a base version
        self.populated = False

    def compose(self) -> ComposeResult:
        yield ReportTable(self.TABLE, id=f"table-{self.TABLE}")
        yield DetailPane(id=f"detail-{self.TABLE}", classes="detail")

    @property
    def table(self) -> ReportTable:
        return self.query_one(ReportTable)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    # ------------------------------------------------------------ state

    def affected(self, sections: set[str] | None, marks: dict) -> bool:
        """Whether a change of ``sections`` (None: anything) may change this tab."""
        if sections is None or sections & SECTIONS[self.TABLE]:
            return True
        return self._own_marks(marks) != self._own_marks(self.marks)

    def _own_marks(self, marks: dict) -> dict:
        mine = SECTIONS[self.TABLE]
        return {ref: sev for ref, sev in marks.items() if ref[0] in mine}

    @property
    def rows(self) -> list[ViewRow]:
        """This tab's rows for the current state (built when first needed)."""
        if self._stale:
            self._stale = False
            if isinstance(self._rows, FirstRows):
                self._rows.complete()   # its build through the memo ends before the next one
            self._rows = mark_rows(self.TABLE, build_rows(self.TABLE, self.state, self.memo, self.marks),
                                   self.changes)
            self._positions = None
        return self._rows

    def set_state(self, state: State, marks: dict | None = None, focus: str | None = None) -> None:
        before = self.state
        self.state = state
        self.marks = marks if marks is not None else marks_of(state.findings)
        if not self._stale and before is not None and state.change is not None \
                and state.change.base is before.derived and not self.changes \
                and not isinstance(self._rows, FirstRows):
            # a value edit: only the rows it touched are built again
            if self._positions is None:
                self._positions = {row.key: at for at, row in enumerate(self._rows)}
            patched = patch_rows(self.TABLE, state, self.memo, self.marks, self._rows, self._positions)
            if patched is not None:
                self._rows = patched
            else:
                self._stale = True
        else:
            self._stale = True
        if self.populated:
            self.table.sync(self.rows, focus)
            self.show_detail()
        self._footer_follows()

    def rows_as_drawn(self) -> None:
        """Form 1's rows made as the table draws them (view/first_rows.py): a big report's
        first frame (ui/first_frame.py) draws twenty rows of its 2 000."""
        if self.TABLE == "indicators" and self._stale and not self.changes and self.state is not None:
            self._stale = False
            self._rows, self._positions = FirstRows(self.state, self.memo, self.marks), None

    def populate(self) -> None:
        """Fill the table now (first time the tab is needed)."""
        if self.populated or self.state is None:
            return
        self.populated = True
        # before the first layout the table has no size yet: the screen's width is what
        # it will get (so the first frame is drawn once, with the final widths)
        self.table.fit(self.table.size.width or self.app.size.width)
        self.table.resolve_styles(if_theme_changed=True)   # since the table was mounted
        self.table.sync(self.rows, force=True)
        self.show_detail()

    # ------------------------------------------------------------ the pane

    def current_row(self) -> ViewRow | None:
        return self.table.current_row() if self.populated else None

    def show_detail(self) -> None:
        if self.state is None:
            return
        self.detail.show(detail_text(self.TABLE, self.current_row(), self.state, self.table.role_styles()))

    def on_report_table_cursor_moved(self, event: ReportTable.CursorMoved) -> None:
        event.stop()
        if self.populated:
            self.show_detail()
            self._footer_follows()

    def _footer_follows(self) -> None:
        # the footer says what the keys do on the row under the cursor (it repaints only
        # when its line changes)
        if self.FOOTER_FOLLOWS_ROW and self.populated and self.display:
            self.screen.refresh_bindings()

    def on_resize(self) -> None:
        if self.populated:
            self.table.fit(self.table.size.width)
