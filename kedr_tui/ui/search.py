"""``/``: the search line at the bottom of the screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from kedr_tui.ui.widgets.inorder import ClosesOnce, TextInput
from kedr_tui.ui import wording as uw


class SearchBar(ClosesOnce, ModalScreen[str | None]):
    """Enter searches (case and ё insensitive, every tab); Esc closes."""

    BINDINGS = [Binding("escape", "cancel", uw.CANCEL)]

    def __init__(self, initial: str = ""):
        super().__init__(classes="search-screen")
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Label(Text("/"), id="search-prompt")
            yield TextInput(self.initial, placeholder=uw.SEARCH_PROMPT,
                        id="search-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value if event.value.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptBar(SearchBar):
    """The same line at the bottom, asking for something else (e.g. the version to compare with)."""

    def __init__(self, prompt: str, placeholder: str, initial: str = ""):
        super().__init__(initial)
        self.prompt, self.placeholder = prompt, placeholder

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Label(Text(self.prompt), id="search-prompt")
            yield TextInput(self.initial, placeholder=self.placeholder, id="search-input")
