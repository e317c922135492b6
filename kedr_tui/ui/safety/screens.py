"""Modal screens of the safety net: recovery, a file changed on disk, a file someone else edits.

They only ask; ``flow.py`` does what the answer says with the session.  Looks
come from the app's dialog classes (``styles/app.tcss``) plus
``styles/safety.tcss``.  User text is always wrapped in ``Text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kedr_tui.core.errors import ReportError
from kedr_tui.core.safe_text import visible_text
from kedr_tui.core.store import JournalInfo
from kedr_tui.styles import style_path
from kedr_tui.ui.widgets.inorder import ClosesOnce, DialogButton, TextInput
from kedr_tui.ui import wording as uw

RECOVER, DISCARD, READ_ONLY = "recover", "discard", "read-only"
RELOADED, SAVED_AS = "reloaded", "saved-as"

_NAV = [
    Binding("left", "app.focus_previous", show=False),
    Binding("right", "app.focus_next", show=False),
]


def _sentence(text: str) -> str:
    """Messages of the core are lower-case clauses; on a screen they start a sentence."""
    text = visible_text(text.strip())  # it may quote a lock note, a journal header, a name
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


class _SafetyDialog(ClosesOnce, ModalScreen):
    CSS_PATH = [str(style_path("safety.tcss"))]

    def __init__(self, **kwargs):
        super().__init__(classes="dialog-screen safety-screen", **kwargs)

    def _say(self, text: str) -> None:
        error = self.query_one(".dialog-error", Label)
        error.update(Text(visible_text(text)))
        error.add_class("-shown")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        # not run_action(): a coroutine, which a plain handler would never await
        self.action_choose(event.button.id)

    def action_choose(self, choice: str) -> None:
        raise NotImplementedError


class RecoveryScreen(_SafetyDialog):
    """A journal of unsaved edits was found: ``recover`` | ``discard`` | ``read-only``.

    Discarding asks twice: the edits are gone for good.
    """

    BINDINGS = [
        Binding("r,к", "choose('recover')", uw.RECOVER, id="safety.recover",
                tooltip=uw.RECOVER_TIP),
        Binding("d,в", "choose('discard')", uw.DISCARD, id="safety.discard",
                tooltip=uw.DISCARD_TIP),
        Binding("v,м,escape", "choose('read-only')", uw.VIEW_ONLY, id="safety.view",
                tooltip=uw.VIEW_ONLY_TIP),
        *_NAV,
    ]

    def __init__(self, info: JournalInfo):
        super().__init__()
        self.info = info
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        info = self.info
        title = (uw.UNSAVED_FOUND if info.recoverable
                 else uw.JOURNAL_MISMATCH)
        with Vertical(classes="dialog safety recovery"):
            yield Label(Text(title), classes="dialog-title")
            yield Static(Text(_sentence(info.summary())), classes="safety-summary")
            if info.recoverable:
                yield Label(Text(uw.RECOVERY_WOULD_CHANGE), classes="dialog-hint")
                with VerticalScroll(classes="safety-changes"):
                    yield Static(Text(visible_text("\n".join(f"• {line}" for line in info.changes))),
                                 id="safety-changes")
            else:
                yield Static(Text(_sentence(info.reason)), classes="safety-reason")
            yield Label("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield DialogButton(uw.RECOVER, id=RECOVER, variant="primary",
                             disabled=not info.recoverable)
                yield DialogButton(uw.DISCARD, id=DISCARD, variant="error")
                yield DialogButton(uw.VIEW_ONLY, id=READ_ONLY)
            yield Label(Text(uw.recovery_hint(info.recoverable)), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(f"#{RECOVER if self.info.recoverable else READ_ONLY}", Button).focus()

    def action_choose(self, choice: str) -> None:
        if choice == RECOVER and not self.info.recoverable:
            return
        if choice == DISCARD and not self._discard_armed:
            self._discard_armed = True
            self.query_one(f"#{DISCARD}", Button).label = uw.YES_DISCARD
            self._say(uw.DISCARD_CONFIRM)
            self.query_one(f"#{DISCARD}", Button).focus()
            return
        self.dismiss(choice)


class ConflictScreen(_SafetyDialog):
    """The file changed on disk since it was read: reload, save under another name, or cancel.

    Dismisses with ``("reloaded", None)``, ``("saved-as", path)`` or ``None``.
    ``reload`` and ``save_as`` do the work; their ReportError is shown here.
    """

    BINDINGS = [
        Binding("r,к", "choose('reload')", uw.RELOAD, id="safety.reload",
                tooltip=uw.RELOAD_TIP),
        Binding("a,ф", "choose('save-as')", uw.SAVE_AS, id="safety.save_as",
                tooltip=uw.SAVE_AS_TIP),
        Binding("escape", "choose('cancel')", uw.CANCEL, id="safety.cancel",
                tooltip=uw.CANCEL_TIP),
        *_NAV,
    ]

    def __init__(self, message: str, suggestion: Path, reload: Callable[[], object] | None,
                 save_as: Callable[[Path], Path]):
        super().__init__()
        self.message = message
        self.suggestion = suggestion
        self._reload = reload
        self._save_as = save_as
        self._reload_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog safety conflict"):
            yield Label(Text(uw.FILE_CHANGED_TITLE), classes="dialog-title")
            yield Static(Text(_sentence(self.message)), classes="safety-reason")
            yield Label("", classes="dialog-error")
            yield TextInput(str(self.suggestion), id="safety-target", classes="-hidden",
                        tooltip=uw.NEW_NAME_TIP)
            with Horizontal(classes="dialog-buttons"):
                yield DialogButton(uw.RELOAD, id="reload", variant="error",
                             disabled=self._reload is None)
                yield DialogButton(uw.SAVE_AS_ELLIPSIS, id="save-as", variant="primary")
                yield DialogButton(uw.CANCEL, id="cancel")
            yield Label(Text(uw.conflict_hint(bool(self._reload))), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#save-as", Button).focus()

    def action_choose(self, choice: str) -> None:
        if choice == "cancel":
            self.dismiss(None)
        elif choice == "reload" and self._reload is not None:
            if not self._reload_armed:
                self._reload_armed = True
                self.query_one("#reload", Button).label = uw.YES_RELOAD
                self._say(uw.RELOAD_CONFIRM)
                self.query_one("#reload", Button).focus()
                return
            try:
                self._reload()
            except ReportError as exc:
                self._say(str(exc))
                return
            self.dismiss((RELOADED, None))
        elif choice == "save-as":
            target = self.query_one("#safety-target", Input)
            if target.has_class("-hidden"):
                target.remove_class("-hidden")
                target.focus()
                target.cursor_position = len(target.value)
                return
            self._submit(target.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    def _submit(self, value: str) -> None:
        text = value.strip()
        if not text:
            self._say(uw.NAME_NEEDED)
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.suggestion.parent / path
        try:
            written = self._save_as(path)
        except ReportError as exc:
            self._say(str(exc))
            return
        self.dismiss((SAVED_AS, written))


class LockHeldScreen(_SafetyDialog):
    """Someone else edits this report: say who; optionally try again. ``view`` | ``locked``."""

    BINDINGS = [
        Binding("enter,escape,o,щ", "choose('view')", uw.UNDERSTOOD, id="safety.view_only",
                tooltip=uw.UNDERSTOOD_TIP),
        Binding("r,к", "choose('retry')", uw.RETRY, id="safety.retry",
                tooltip=uw.RETRY_TIP),
        *_NAV,
    ]

    def __init__(self, reason: str, retry: Callable[[], bool] | None = None):
        super().__init__()
        self.reason = reason
        self._retry = retry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog safety lock"):
            yield Label(Text(uw.READ_ONLY_TITLE), classes="dialog-title")
            yield Static(Text(_sentence(self.reason)), classes="safety-reason")
            yield Label(Text(uw.LOCK_HINT),
                        classes="dialog-hint")
            yield Label("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield DialogButton(uw.UNDERSTOOD, id="view", variant="primary")
                if self._retry is not None:
                    yield DialogButton(uw.RETRY, id="retry")

    def on_mount(self) -> None:
        self.query_one("#view", Button).focus()

    def action_choose(self, choice: str) -> None:
        if choice == "view":
            self.dismiss("view")
        elif choice == "retry" and self._retry is not None:
            if self._retry():
                self.dismiss("locked")
            else:
                self._say(uw.STILL_HELD)
