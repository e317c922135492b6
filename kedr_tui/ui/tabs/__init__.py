"""The five tabs: each a table of rows and a detail pane.

A tab's module is imported when its view is first made: the first tab's at
start-up, the others once the first frame is out (see ``Views``).
"""

from __future__ import annotations

from importlib import import_module

from kedr_tui.ui.tabs.base import TabView

_CLASSES = {
    "indicators": "IndicatorsView",
    "expenses": "ExpensesView",
    "amendments": "AmendmentsView",
    "narrative": "NarrativeView",
    "findings": "FindingsView",
    "changes": "ChangesView",
}


def view_class(name: str) -> type[TabView]:
    return getattr(import_module(f"kedr_tui.ui.tabs.{name}"), _CLASSES[name])


class Views(dict):
    """The report screen's views by tab name, each made when first asked for and
    given the screen's current state."""

    def __init__(self, screen):
        super().__init__()
        self.screen = screen

    def __missing__(self, name: str) -> TabView:
        view = self[name] = view_class(name)()
        if self.screen.state is not None:
            view.set_state(self.screen.state, self.screen.marks)
        return view


__all__ = ["TabView", "Views", "view_class"]
