"""The command palette: every command that applies now, found by its Russian name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from kedr_tui.ui.commands import COMMANDS, Command, eval_params, key_text
from kedr_tui.ui import wording as uw


class ReportCommands(Provider):
    """Every command of the report screen that applies now, with its key."""

    def _commands(self):
        screen = self.screen
        check = getattr(screen, "check_action", None)
        for command in COMMANDS:
            name, _, params = command.action.partition("(")
            args = eval_params(params)
            if check is not None and check(name, args) is False:
                continue
            yield command

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(command.name), partial(self._run, command.action),
                               text=command.name, help=_help(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.name), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), partial(self._run, command.action),
                          help=_help(command))


def _help(command: Command) -> str:
    """Help text for the palette, which reads it as markup: escaped."""
    key = key_text(command)
    return escape(command.help + (uw.palette_key(key) if key else ""))


