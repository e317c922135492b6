"""«Сравнение»: what changed since an earlier version (``--since``); Enter jumps to the row.

Shown only while comparing.  Its rows come from the screen's diff, not from the
report state; the pane below shows the selected change in full, as
``kedr-tui diff`` prints it.
"""

from __future__ import annotations

from rich.text import Text

from kedr_tui.core.diff import Diff
from kedr_tui.view.changes import Target, change_rows
from kedr_tui.view.rows import State, ViewRow
from kedr_tui.ui.tabs.base import TabView
from kedr_tui.ui import wording as uw


class ChangesView(TabView):
    TABLE = "changes"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.diff: Diff | None = None
        self.label = ""
        self.targets: dict = {}         # row key -> where Enter goes

    def affected(self, sections, marks) -> bool:
        return False                    # the screen hands it each new diff (show_diff)

    @property
    def rows(self) -> list[ViewRow]:
        return self._rows

    def set_state(self, state: State, marks: dict | None = None, focus: str | None = None) -> None:
        self.state = state
        self.marks = marks or {}

    def show_diff(self, diff: Diff | None, label: str, report) -> None:
        self.diff, self.label = diff, label
        self._rows, self.targets = change_rows(diff, report)
        if self.populated:
            self.table.sync(self._rows)
            self.show_detail()

    def populate(self) -> None:
        if self.populated:
            return
        self.populated = True
        self.table.fit(self.table.size.width or self.app.size.width)
        self.table.resolve_styles(if_theme_changed=True)
        self.table.sync(self._rows, force=True)
        self.show_detail()

    def show_detail(self) -> None:
        from kedr_tui.export.diff import entry_lines

        diff = self.diff
        if diff is None:
            return
        row = self.current_row()
        if diff.empty:
            text = uw.no_difference_since(self.label)
        elif row is None:
            text = uw.changes_since(self.label)
        else:
            text = "\n".join(entry_lines(diff, row.index))
        self.detail.show(Text(text, end=""))
