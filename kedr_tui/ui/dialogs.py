"""Questions: confirm a deletion; save, discard or stay when quitting with unsaved edits."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kedr_tui.core.safe_text import visible
from kedr_tui.ui.widgets.inorder import ClosesOnce, DialogButton
from kedr_tui.ui import wording as uw


class ConfirmDialog(ClosesOnce, ModalScreen[bool]):
    """Yes / no; Enter on the focused button, ``y`` / ``д`` yes, ``n`` / Esc no."""

    BINDINGS = [
        Binding("y,д", "answer(True)", uw.YES, show=False),
        Binding("n,escape", "answer(False)", uw.NO, show=False),
        Binding("left,right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str, yes: str = uw.DELETE, no: str = uw.CANCEL):
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(Text(visible(self.question)), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield DialogButton(self.yes, id="yes", variant="error")
                yield DialogButton(self.no, id="no")
            yield Label(Text(uw.YES_NO_HINT), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class QuitDialog(ClosesOnce, ModalScreen[str | None]):
    """``save`` | ``discard`` | None (stay)."""

    BINDINGS = [
        Binding("s,ы", "answer('save')", uw.SAVE, show=False),
        Binding("d,в", "answer('discard')", uw.DONT_SAVE, show=False),
        Binding("escape,c,с", "answer(None)", uw.CANCEL, show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, file: str):
        super().__init__(classes="dialog-screen")
        self.file = file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quit"):
            yield Label(Text(visible(uw.unsaved_edits_in(self.file))), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield DialogButton(uw.SAVE_AND_QUIT, id="save", variant="primary")
                yield DialogButton(uw.QUIT_WITHOUT_SAVING, id="discard", variant="error")
                yield DialogButton(uw.CANCEL, id="cancel")
            yield Label(Text(uw.QUIT_HINT_KEYS), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
