"""The tab bar: one line, one widget (a TabbedContent costs a dozen widgets at start-up).

Keys ``1``–``5`` switch tabs on the screen; a click on a label posts ``Selected``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class TabBar(Widget):
    COMPONENT_CLASSES = {"tabbar--active", "tabbar--inactive"}

    active: reactive[str] = reactive("", layout=False, repaint=False)

    class Selected(Message):
        def __init__(self, name: str):
            super().__init__()
            self.name = name

    def __init__(self, tabs: list[tuple[str, str]], active: str, **kwargs):
        super().__init__(**kwargs)
        self.labels: dict[str, str] = dict(tabs)
        self._spans: list[tuple[int, int, str]] = []
        self.set_reactive(TabBar.active, active)

    def watch_active(self, old: str, new: str) -> None:
        """Repaint the two labels that change, not the line (bytes over SSH)."""
        spans = {n: (start, end) for start, end, n in self._spans}
        if old not in spans or new not in spans:
            self.refresh()
            return
        for name in (old, new):
            start, end = spans[name]
            self.refresh(Region(start, 0, end - start, 1))

    def set_label(self, name: str, label: str) -> None:
        if self.labels.get(name) != label:
            self.labels[name] = label
            self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        on = self.get_component_rich_style("tabbar--active", partial=True)
        off = self.get_component_rich_style("tabbar--inactive", partial=True)
        self._spans = []
        # six tabs don't fit 80 columns padded: then the labels lose their padding, not words
        full = sum(len(label) + 3 for label in self.labels.values())
        pad = " " if full <= (self.size.width or 80) else ""
        for name, label in self.labels.items():
            start = text.cell_len
            text.append(f"{pad}{label}{pad}", on if name == self.active else off)
            self._spans.append((start, text.cell_len, name))
            text.append(" ", Style())
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, name in self._spans:
            if start <= event.x < end:
                self.post_message(self.Selected(name))
                return

    def offset_of(self, name: str) -> int:
        """The x offset of a tab's label (for tests that click)."""
        self.render()
        return next(start for start, _end, n in self._spans if n == name) + 1
