"""``?``: the keys of the screen you are on, grouped, with what they do."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kedr_tui.ui.widgets.inorder import ClosesOnce
from kedr_tui.ui import wording as uw

NAVIGATION = uw.HELP_NAVIGATION


# Below this width the help's third column (what a key does) got 4 characters a line at
# 60×20: the name and what it does are then one column, one under the other.
NARROW = 76


def help_table(entries: list[tuple[str, str, str, str, bool]], narrow: bool = False) -> Table:
    """``entries``: (group, keys, name, help, enabled)."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="bold", no_wrap=True, min_width=9)
    if narrow:
        table.add_column(ratio=1)
    else:
        table.add_column(no_wrap=True, max_width=30)
        table.add_column(style="dim", ratio=1)
    blank = ("",) * (2 if narrow else 3)

    def row(keys: Text, name: Text, text: Text) -> None:
        if not narrow:
            table.add_row(keys, name, text)
        elif not name.plain:
            table.add_row(keys, text)
        else:
            text.stylize("dim")
            table.add_row(keys, Text.assemble(name, "\n", text) if text.plain else name)

    group = None
    for entry_group, keys, name, text, enabled in entries:
        if entry_group != group:
            if group is not None:
                table.add_row(*blank)
            table.add_row(Text(entry_group, style="bold underline"), *blank[1:])
            group = entry_group
        row(Text(keys), Text(name, style="" if enabled else "dim strike"), Text(text))
    table.add_row(*blank)
    table.add_row(Text(uw.MOVING, style="bold underline"), *blank[1:])
    for keys, text in NAVIGATION:
        table.add_row(Text(keys), *(() if narrow else (Text(""),)), Text(text, style=""))
    return table


class HelpScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,f1", "close", uw.CLOSE)]

    def __init__(self, title: str, entries: list[tuple[str, str, str, str, bool]]):
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Text(self.heading), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                self._narrow = self.app.size.width < NARROW
                yield Static(help_table(self.entries, self._narrow), id="help-table")
            yield Label(Text(uw.HELP_HINT), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def on_resize(self, event) -> None:
        narrow = event.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self.query_one("#help-table", Static).update(help_table(self.entries, narrow))

    def action_close(self) -> None:
        self.dismiss(None)
