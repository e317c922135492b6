"""How a key reaches its command on the report screen (a mixin of ``ReportScreen``).

A digit, minus or comma on a cell starts typing a value into it; then the bindings run as
the key arrives, in the order typed (``widgets/inorder.py``); a key whose command does not
apply here says why instead of doing nothing.
"""

from __future__ import annotations

from textual import events

from kedr_tui.ui import wording as uw
from kedr_tui.ui.review import REVIEW_CHANGES
from kedr_tui.ui.commands import COMMANDS, SEPARATOR_KEYS, TYPING_KEYS, bindings, eval_params
from kedr_tui.ui.widgets.bindnow import bind_now
from kedr_tui.view.columns import TAB_TITLES

NOTHING_TO_DO = {"undo": uw.NOTHING_TO_UNDO, "redo": uw.NOTHING_TO_REDO}


def _key_commands() -> dict[str, list]:
    """key -> the commands bound to it (one key can serve two: Enter edits or jumps)."""
    out: dict[str, list] = {}
    for binding, command in zip(bindings(), (c for c in COMMANDS if c.keys)):
        for key in binding.key.split(","):
            out.setdefault(key, []).append(command)
    return out


KEY_COMMANDS = _key_commands()


class KeyHandling:
    typing_number = False       # the key before was a digit (or - ,) typed on the table
    pending_separator: tuple | None = None      # (key, character) waiting for the rest of its burst

    async def _bind_now(self, event: events.Key) -> bool:
        """Run the key's binding — the focused widget's, its containers', this screen's — as the
        key arrives here, in the order it was typed.  Textual would run it only when the key has
        bubbled on up to the app, after the keys typed behind it have been typed into a cell
        here: «Down 9 5 Enter» put 95 in the row the cursor was leaving (widgets/inorder.py)."""
        chain = []
        node = self.focused or self
        while node is not None:
            chain.append(node)
            node = None if node is self else node.parent
        return await bind_now(event, chain)

    async def _separator_alone(self) -> None:
        pending, self.pending_separator = self.pending_separator, None
        if pending is not None and self.app.screen is self:
            await self._bind_now(events.Key(*pending))

    async def on_key(self, event: events.Key) -> None:
        """Before the bindings: a digit, minus or comma on a cell starts typing a value into it
        (in editing mode, where digits never switch tabs); then the bindings, at once; a key
        whose command does not apply here says so instead of doing nothing."""
        self.land_analysis()    # (the app lands it as it reads a key: this is a second net)
        handled = getattr(self.app, "key_handled", None)
        if handled is not None:
            handled()               # one key's notices at a time (ui/app.py)
        if self.app.screen is not self:
            # typed ahead, before the editor (or dialog) these keys belong to was up: give them
            # to it, in order, instead of acting on the table behind it
            event.stop()
            event.prevent_default()
            self.app.screen.post_message(events.Key(event.key, event.character))
            return
        char = TYPING_KEYS.get(event.key)
        in_number, self.typing_number = self.typing_number, False
        pending, self.pending_separator = self.pending_separator, None
        if pending is not None and not (char is not None and char.isdigit()):
            await self._bind_now(events.Key(*pending))  # it stood alone: its command, first
            if self.app.screen is not self:     # (the help it opened takes this key)
                event.stop()
                event.prevent_default()
                self.app.screen.post_message(events.Key(event.key, event.character))
                return
        if char is not None and not self.read_only and self.type_into_cell(event.key, char):
            self.typing_number = True           # (a separator pending before this digit: dropped)
            event.stop()
            event.prevent_default()
            return
        if in_number and event.key in SEPARATOR_KEYS:
            # «3,5» typed on a row that takes no number: is the «,» the number's, or the help
            # (commands.SEPARATOR_KEYS)?  A digit right behind it, in the same burst of keys,
            # says the number: its command runs only once the keys typed with it are done.
            self.pending_separator = (event.key, event.character)
            event.stop()
            event.prevent_default()
            self.call_after_refresh(self._separator_alone)
            return
        if await self._bind_now(event):
            return
        commands = KEY_COMMANDS.get(event.key)
        if not commands:
            return
        states = []
        for command in commands:
            name, _, params = command.action.partition("(")
            states.append(self.check_action(name, eval_params(params)))
        if any(states):
            return                       # a binding runs
        event.stop()
        event.prevent_default()
        for command, state in zip(commands, states):
            name, _, params = command.action.partition("(")
            if state is None and name in REVIEW_CHANGES:
                await self.run_refused(name, eval_params(params))     # (it says why not)
                return
        command, state = commands[0], states[0]
        if state is None:
            self.tell(NOTHING_TO_DO.get(command.action, uw.nothing_to_do(command.name)),
                      timeout=3)
        elif command.edits and self.read_only:
            self.tell(uw.read_only_refuses(command.name), timeout=3)
        elif command.action == "tab('changes')":
            self.tell(uw.NO_COMPARISON_TAB,
                      timeout=3)
        else:
            self.tell(uw.unavailable_on_tab(command.name, TAB_TITLES.get(self.current_view().TABLE, "")),
                      timeout=3)

