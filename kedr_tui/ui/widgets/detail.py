"""The detail pane: the selected row in full, scrollable when it is long."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class DetailPane(VerticalScroll):
    """Focusable (Tab) so that long texts can be scrolled from the keyboard."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show(self, text: Text) -> None:
        self.query_one("#detail-text", Static).update(text)
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The plain text shown (for tests)."""
        content = self.query_one("#detail-text", Static).content
        return content.plain if hasattr(content, "plain") else str(content)
