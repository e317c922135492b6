"""«Рассмотрение»: the meeting's details and decisions, every mark, every assignment.

Enter on a mark or an assignment jumps to its row; on a detail of the meeting it
edits that detail (see ``ReviewCommands``).
"""

from __future__ import annotations

from kedr_tui.ui.tabs.base import TabView


class ReviewView(TabView):
    TABLE = "review"

    def affected(self, sections, marks) -> bool:
        return True

    def set_state(self, state, marks=None, focus=None) -> None:
        super().set_state(state, marks, focus)
        self._footer_follows()

    def on_report_table_cursor_moved(self, event) -> None:
        self._footer_follows()

    def _footer_follows(self) -> None:
        # what Enter (and m) do depends on the row: the footer says it for the row under
        # the cursor (it repaints only when its line changes)
        if self.populated and self.display:
            self.screen.refresh_bindings()
