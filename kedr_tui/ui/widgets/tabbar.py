"""The tab bar: one line, one widget (a TabbedContent costs a dozen widgets at start-up).

The keys (F1–F7, Alt+N) switch tabs on the screen; a click on a label posts ``Selected``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


#: a tab's label: its key, its name, and a count of what it lists («F5 Проверка (2)»)
_COUNTED = re.compile(r"(\S*) ?(.*?)((?: \(\d+\))?)", re.DOTALL)


def fit_labels(labels: list[str], width: int) -> list[str]:
    """Labels «F1 Показатели» that fit ``width`` with a space between them: the longest names
    are cut first (never the key or a count «(2)»), to no less than three letters and «…»;
    the same cut whichever tab is active, so switching tabs moves no label."""
    parts = [_COUNTED.fullmatch(label).groups() for label in labels]

    def cut(cap: int) -> list[str]:
        return [" ".join(filter(None, (key, name if cell_len(name) <= cap
                                       else name[:cap - 1] + "…"))) + count
                for key, name, count in parts]

    longest = max((cell_len(name) for _key, name, _count in parts), default=0)
    for cap in range(longest, 3, -1):
        shown = cut(cap)
        if sum(cell_len(label) + 1 for label in shown) - 1 <= width:
            return shown
    return cut(4)


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
        width = self.size.width or 80
        # six tabs don't fit 80 columns padded: then the labels lose their padding, and when
        # even that is too wide (a seventh tab, «Сравнение»), the longest names are shortened
        full = sum(cell_len(label) + 3 for label in self.labels.values())
        pad = " " if full <= width else ""
        for name, label in zip(self.labels, fit_labels(list(self.labels.values()), width)):
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
