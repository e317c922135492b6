"""«Рассмотрение»: the meeting's details and decisions, every mark, every assignment.

Enter on a mark or an assignment jumps to its row; on a detail of the meeting it
edits that detail (see ``ReviewCommands``).
"""

from __future__ import annotations

from kedr_tui.ui.tabs.base import TabView


class ReviewView(TabView):
    TABLE = "review"
    FOOTER_FOLLOWS_ROW = True       # Enter edits a meeting's detail, jumps from a mark

    def affected(self, sections, marks) -> bool:
        return True
