"""Text boxes that take a burst of keys in the order it was typed.

Textual inserts a typed character in the box at once, but runs the box's own
key bindings (Backspace, arrows, Home, Ctrl+U, Enter …) only when the key has
bubbled up to the app, through the message queues.  Keys that arrive together
— typed fast over a slow SSH link, or while the app is busy — are then done
out of order: «End, Backspace ×4, 9, 8» leaves an empty box (98 is typed, then
erased), and «Backspace, 5, Enter» would submit the wrong number.  These boxes
run their own bindings as the key arrives, in order with the typed text.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input, TextArea
from kedr_tui.ui import wording as uw


class _KeysInOrder:
    def on_mount(self) -> None:
        # a steady cursor: a blinking one repaints twice a second, forever, over SSH
        self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)


class TextInput(_KeysInOrder, Input):
    """An Input that takes keys in order (see the module)."""


class TextEditor(_KeysInOrder, TextArea):
    """A TextArea that takes keys in order (see the module); Ctrl+Home / Ctrl+End go to the
    start / end of the whole text (TextArea's Home / End stay on the line)."""

    BINDINGS = [Binding("ctrl+home", "text_start", uw.TEXT_START, show=False),
                Binding("ctrl+end", "text_end", uw.TEXT_END, show=False)]

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)
