"""Editors of one field: a line, a multi-line text, or a choice from a list.

Each is a ModalScreen that returns ``Edited(value)`` or ``None`` (Escape).  A
typed value is checked by ``validate`` before the editor closes: a bad value
is refused with the reason shown in the editor, and nothing reaches the model.
"""

from __future__ import annotations

from typing import Callable

from msgspec import Struct
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from kedr_tui.core.history import EditError
from kedr_tui.core.safe_text import visible, visible_text
from kedr_tui.ui.widgets.inorder import ClosesOnce, DialogOptions, NumberInput, TextEditor, TextInput
from kedr_tui.ui import wording as uw


class Edited(Struct, frozen=True):
    """What an editor gives back: the new value (``None`` is a value: «no fact»)."""

    value: object


class _Dialog(ClosesOnce, ModalScreen):
    BINDINGS = [Binding("escape", "cancel", uw.CANCEL, key_display="Esc")]

    def __init__(self, title: str, context: str = ""):
        super().__init__(classes="dialog-screen")
        self.heading = visible(title)      # they name the row: data, on its way to the terminal
        self.context = visible(context)

    def _head(self) -> ComposeResult:
        yield Label(Text(self.heading), classes="dialog-title")
        if self.context:
            yield Label(Text(self.context, no_wrap=True, overflow="ellipsis"), classes="dialog-context")

    def action_cancel(self) -> None:
        self.dismiss(None)


class FieldEditor(_Dialog):
    """A line (``Input``) or a multi-line text (``TextArea``); Enter / Ctrl+S applies."""

    BINDINGS = [*_Dialog.BINDINGS, Binding("ctrl+s", "apply", uw.APPLY)]

    def __init__(self, title: str, context: str, initial: str, hint: str,
                 validate: Callable[[str], object], multiline: bool = False, typed: bool = False,
                 number: bool = False):
        super().__init__(title, context)
        # A value holding control characters is shown with them visible; left as shown, it
        # stays as it was (``_text``), edited, the visible form is what is saved.
        self.original = initial
        self.initial = visible_text(initial) if multiline else visible(initial)
        self.hint = hint
        self.validate = validate
        self.multiline = multiline
        self.typed = typed      # opened by typing: the text is the start of the value, not selected
        self.number = number    # a number: «б», «ю», «?» typed in the other layout are its comma

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor" + (" multiline" if self.multiline else "")):
            yield from self._head()
            if self.multiline:
                yield TextEditor(self.initial, soft_wrap=True, id="editor-text", tab_behavior="focus")
                keys = uw.MULTILINE_HINT
            else:
                line = NumberInput if self.number else TextInput
                yield line(self.initial, id="editor-input", select_on_focus=not self.typed)
                keys = uw.LINE_HINT
            yield Label(Text(" · ".join(p for p in (self.hint, keys) if p)), classes="dialog-hint")
            yield Label("", id="editor-error", classes="dialog-error")

    def on_mount(self) -> None:
        widget = self.query_one(TextArea if self.multiline else Input)
        widget.focus()
        if self.multiline:       # what is typed goes at the end, never glued to the start
            widget.move_cursor(widget.document.end)

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after the one that opened the editor reach it before its box has
        focus (the report screen passes them on): the box gets them, in order, as if typed
        there — the first replaces the old value unless the editor was opened by typing (the
        box selects its text when it gets the focus)."""
        if self.handed_on(event):      # typed after the key that closed it
            return
        try:
            widget = self.query_one(TextArea if self.multiline else Input)
        except Exception:       # not composed yet
            return
        event.stop()
        event.prevent_default()
        if self.app.focused is not widget:
            widget.focus()
        widget._forward_event(events.Key(event.key, event.character))

    warned = False      # Esc on a changed multi-line text said once what it would drop

    def action_cancel(self) -> None:
        """Esc.  A multi-line text that was changed (a paragraph of the Доклад, a comment) is
        dropped only by a second Esc: one Esc out of habit lost all of it, and an edit that
        was never applied can't be undone."""
        if self.multiline and not self.warned and self._text() != self.original:
            self.warned = True
            label = self.query_one("#editor-error", Label)
            label.update(Text(uw.ESC_AGAIN_DROPS))
            label.add_class("-shown")
            return
        self.dismiss(None)

    @property
    def error(self) -> str:
        return str(self.query_one("#editor-error", Label).content)

    def _text(self) -> str:
        text = self.query_one(TextArea).text if self.multiline else self.query_one(Input).value
        return self.original if text == self.initial else text

    def _check(self, show: bool = True):
        label = self.query_one("#editor-error", Label)
        try:
            value = self.validate(self._text())
        except EditError as exc:
            if show:
                label.update(Text(str(exc)))
                label.add_class("-shown")
            self.set_class(True, "-invalid")
            raise
        label.update("")
        label.remove_class("-shown")
        self.set_class(False, "-invalid")
        return value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            self._check(show=True)
        except EditError:
            pass

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        try:
            value = self._check()
        except EditError:
            self.app.bell()
            return
        self.dismiss(Edited(value))


class ChoiceEditor(_Dialog):
    """A choice from a list: ``better``, a task, the activity of an expense row."""

    def __init__(self, title: str, context: str, options: list[tuple[object, str]], current: object):
        super().__init__(title, context)
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor choice"):
            yield from self._head()
            yield DialogOptions(*(Option(Text(visible(label), no_wrap=True, overflow="ellipsis"))
                               for _value, label in self.options), id="choice")
            yield Label(Text(uw.CHOICE_HINT), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        for i, (value, _label) in enumerate(self.options):
            if value == self.current:
                options.highlighted = i
                break
        else:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Edited(self.options[event.option_index][0]))


class FieldPicker(_Dialog):
    """``e``: every field of the row with its value; Enter edits the chosen one."""

    def __init__(self, title: str, context: str, fields: list[tuple[str, str, str]]):
        super().__init__(title, context)
        self.fields = fields            # (field, label, value preview)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor choice"):
            yield from self._head()
            options = []
            for _field, label, preview in self.fields:
                text = Text(no_wrap=True, overflow="ellipsis")
                text.append(label, "bold")
                text.append(": ")
                text.append(visible(preview) or "—")
                options.append(Option(text))
            yield DialogOptions(*options, id="choice")
            yield Label(Text(uw.FIELD_CHOICE_HINT), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.fields[event.option_index][0])
