"""Widgets of dialogs that take a burst of keys in the order it was typed.

The terminal driver gives the app every key of one read at once, and the app
forwards each to the widget focused *when the key is read*, before that widget
has handled the keys ahead of it.  Textual then does a key's work in two
places: a widget types a character at once, but runs key bindings (Backspace,
arrows, Home, Ctrl+U, Enter, a dialog's Left/Right and Escape …) only when the
key has bubbled up to the app, through the message queues; and a button or a
text box tells its dialog it was pressed or submitted by a message that comes
round later still.  Keys that arrive together — typed fast over a slow SSH
link, or while the app is busy — were done out of order:

- «End, Backspace ×4, 9, 8» left an empty box (98 typed, then erased);
- «Right, Enter» on a question pressed the first button, not the second;
- «Down 9 5 Enter» on the report typed 95 into the row the cursor left;
- keys typed after the one that closed a dialog («9 5 Enter Down 9 0 Enter»,
  Enter on «Понятно» then Down) went to the closed dialog: lost, typed into a
  box nobody reads, or a second Enter "closed" the screen under it and the app
  ended with a traceback.

So these widgets, as each key arrives:

1. hand it on to the widget that has the focus now, if that is no longer
   them (their dialog closed, or an earlier key moved the focus): it is done
   there, in order, as if typed there;
2. unless it is a character a text box types, run their own key bindings and
   their screen's (not the priority ones, which the app has run already);
3. give their screen the messages that may close it (pressed, submitted,
   selected) at once, so the dialog is closed before the next key;

and a dialog closes once (``ClosesOnce``).
"""

from __future__ import annotations

from textual import events
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Button, Input, OptionList, TextArea

from kedr_tui.ui.widgets.bindnow import bind_now
from kedr_tui.ui import wording as uw


def hand_on(node, event: events.Key, gone: bool) -> bool:
    """If ``gone`` (the focus left ``node``, or its dialog closed), give the key to the widget
    that has the focus now, as if typed there; True when it was handed on."""
    app = node.app
    target = app.focused or app.screen
    if not gone or target is node:
        return False
    event.stop()
    event.prevent_default()
    # ``_forward_event`` marks the key forwarded, as the app itself does: unhandled, it bubbles
    # back up to the app, which then runs its bindings instead of forwarding it once more.
    target._forward_event(events.Key(event.key, event.character))
    return True


class ClosesOnce:
    """Mixin for a screen: the first ``dismiss`` closes it, later ones do nothing.  A screen
    that takes keys in its own ``on_key`` calls ``handed_on`` first: a key that reaches it
    after it closed goes where the focus is now."""

    closing = False

    def dismiss(self, result=None) -> AwaitComplete:
        if self.closing:
            return AwaitComplete.nothing()
        self.closing = True
        return super().dismiss(result)

    def handed_on(self, event: events.Key) -> bool:
        return hand_on(self, event, self.closing)


class KeysInOrder:
    """Mixin for a focusable widget: takes a burst of keys in order (see the module)."""

    #: messages the screen handles as the key that makes them arrives (see the module, 3.)
    AT_ONCE: tuple[type[Message], ...] = ()
    #: printable keys are typed into the widget, never taken by a binding
    TYPES = False

    async def _on_key(self, event: events.Key) -> None:
        app = self.app
        if hand_on(self, event, app.focused is not self):
            return
        if self.TYPES and event.is_printable:
            return
        await bind_now(event, (self, self.screen))

    def post_message(self, message: Message) -> bool:
        if isinstance(message, self.AT_ONCE):
            handler = getattr(self.screen, message.handler_name, None)
            if handler is not None:
                handler(message)
                return True
        return super().post_message(message)


class _TextBox(KeysInOrder):
    TYPES = True

    def on_mount(self) -> None:
        # a steady cursor: a blinking one repaints twice a second, forever, over SSH
        self.cursor_blink = False


class TextInput(_TextBox, Input):
    """An Input that takes keys in order (see the module)."""

    AT_ONCE = (Input.Submitted,)


class NumberInput(TextInput):
    """The line of a number: a decimal separator typed in either layout is its comma
    (``commands.DECIMAL_CHARS``)."""

    def replace(self, text: str, start: int, end: int) -> None:
        from kedr_tui.ui.commands import DECIMAL_CHARS

        super().replace("".join(DECIMAL_CHARS.get(ch, ch) for ch in text), start, end)


class TextEditor(_TextBox, TextArea):
    """A TextArea that takes keys in order (see the module); Ctrl+Home / Ctrl+End go to the
    start / end of the whole text (TextArea's Home / End stay on the line)."""

    BINDINGS = [Binding("ctrl+home", "text_start", uw.TEXT_START, show=False),
                Binding("ctrl+end", "text_end", uw.TEXT_END, show=False)]

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)


class DialogButton(KeysInOrder, Button):
    """A dialog's button that takes keys in order (see the module)."""

    AT_ONCE = (Button.Pressed,)


class DialogOptions(KeysInOrder, OptionList):
    """A dialog's list of choices that takes keys in order (see the module)."""

    AT_ONCE = (OptionList.OptionSelected,)
