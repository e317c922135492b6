"""The row card (``Space`` / ``z``): the current row on the whole screen, for a projector.

Every field, the formula with its value, the justification, the Доклад paragraph,
its findings and its marks: the same text as the detail pane (``view.detail``),
with room to read it.  Scrolls with the usual keys; Esc, Space or z closes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from kedr_tui.ui import wording as uw

from kedr_tui.ui.widgets.inorder import ClosesOnce


class RowCard(ClosesOnce, ModalScreen):
    BINDINGS = [
        Binding("escape,space,z,я,q,й", "close", uw.CLOSE, key_display="Esc"),
        Binding("m,ь", "mark", uw.MARK),
    ]

    def __init__(self, title: str, text: Text):
        super().__init__(classes="card-screen")
        self.heading = title
        self.body = text

    def compose(self) -> ComposeResult:
        yield Label(Text(self.heading, no_wrap=True, overflow="ellipsis"), id="card-title")
        with VerticalScroll(id="card-body"):
            yield Static(self.body, id="card-text")
        yield Label(Text(uw.CARD_HINT),
                    id="card-hint")

    def on_mount(self) -> None:
        self.query_one("#card-body").focus()

    @property
    def text(self) -> str:
        return self.body.plain

    def action_close(self) -> None:
        self.dismiss(None)

    def action_mark(self) -> None:
        self.dismiss("mark")
