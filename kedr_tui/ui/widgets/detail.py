"""The detail pane: the selected row in full, scrollable when it is long.

Drawn line by line (Textual's line API): showing another row repaints only the
parts of lines that differ from what is on screen, so walking down a table
over SSH costs the few cells that change, not the whole pane.  It scrolls by
itself (keys when focused, the mouse wheel) and shows «▲» / «▼» in its right
margin when there is more above or below, instead of a scrollbar that would
come and go, and be redrawn, with every row of another length.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from kedr_tui.ui import wording as uw

MORE_ABOVE, MORE_BELOW = "▲", "▼"


def changed_span(old: Strip, new: Strip) -> tuple[int, int] | None:
    """The first and last+1 cell where two lines differ (text or style), or None."""
    a, b = _cells(old), _cells(new)
    if len(a) != len(b):
        return 0, max(len(a), len(b))
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if start == len(a):
        return None
    end = len(a)
    while end > start and a[end - 1] == b[end - 1]:
        end -= 1
    return start, end


def _cells(strip: Strip) -> list[tuple[str, object]]:
    return [(char, segment.style) for segment in strip for char in segment.text]


class DetailPane(Widget, can_focus=True):
    """Focusable (Tab) so that long texts can be scrolled from the keyboard."""

    BINDINGS = [
        Binding("up", "scroll(-1)", uw.UP, show=False),
        Binding("down", "scroll(1)", uw.DOWN, show=False),
        Binding("pageup", "scroll(-100)", uw.PAGE_UP, show=False),
        Binding("pagedown", "scroll(100)", uw.PAGE_DOWN, show=False),
        Binding("home", "scroll(-100000)", uw.TO_START, show=False),
        Binding("end", "scroll(100000)", uw.TO_END, show=False),
    ]

    COMPONENT_CLASSES = {"detail--more"}

    DEFAULT_CSS = """
    DetailPane > .detail--more { color: $text-accent; text-style: bold; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._text = Text()
        self._lines: list[Strip] = []       # the text wrapped to ``_width``
        self._width = -1
        self._top = 0                       # the first line shown
        self._drawn: list[Strip] = []       # the lines on screen, margin included
        self._stale = True                  # _drawn is to be made again before drawing

    # ------------------------------------------------------------ content

    def show(self, text: Text) -> None:
        self._text = text
        self._top = 0
        self._width = -1
        self._repaint_changes()

    @property
    def text(self) -> str:
        """The plain text shown (for tests)."""
        return self._text.plain

    def _wrap(self) -> None:
        width = self.content_region.width - 1       # the last cell is the margin for ▲ ▼
        if width == self._width:
            return
        self._width = width
        if width <= 0:
            self._lines = []
            return
        console = self.app.console
        options = console.options.update_width(width)
        self._lines = [Strip(line, width).adjust_cell_length(width)
                       for line in console.render_lines(self._text, options, pad=True, new_lines=False)]

    def _screen_lines(self) -> list[Strip]:
        """The lines as they are to be on screen (text, margin, base style)."""
        self._wrap()
        height = self.content_region.height
        width = self.content_region.width
        if height <= 0 or width <= 0:
            return []
        base = self.rich_style
        more = base + self.get_component_rich_style("detail--more", partial=True)
        self._top = max(0, min(self._top, len(self._lines) - height))
        lines = []
        for y in range(height):
            index = self._top + y
            line = self._lines[index] if index < len(self._lines) else Strip.blank(width - 1)
            if y == 0 and self._top > 0:
                mark = MORE_ABOVE
            elif y == height - 1 and index < len(self._lines) - 1:
                mark = MORE_BELOW
            else:
                mark = " "
            segments = [*line, Segment(mark, more if mark != " " else None)]
            lines.append(Strip(segments, width).apply_style(base).simplify())
        return lines

    def _repaint_changes(self) -> None:
        """Repaint the parts of lines that differ from what is on screen."""
        if not self.is_mounted or not self.content_region.width:
            self._stale = True
            return
        old = self._drawn
        new = self._screen_lines()
        self._drawn = new
        if self._stale or len(old) != len(new):
            self._stale = False
            self.refresh()
            return
        for y, (a, b) in enumerate(zip(old, new)):
            span = changed_span(a, b)
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    def render_line(self, y: int) -> Strip:
        if self._stale or len(self._drawn) != self.content_region.height or (
                self._drawn and self._drawn[0].cell_length != self.content_region.width):
            self._drawn = self._screen_lines()
            self._stale = False
        if y < len(self._drawn):
            return self._drawn[y]
        return Strip.blank(self.content_region.width, self.rich_style)

    # ------------------------------------------------------------ scrolling

    def action_scroll(self, lines: int) -> None:
        height = self.content_region.height
        if abs(lines) == 100:
            lines = (height - 1) * (1 if lines > 0 else -1)
        top = max(0, min(self._top + lines, len(self._lines) - height))
        if top != self._top:
            self._top = top
            self._repaint()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_scroll(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_scroll(-1)

    def _repaint(self) -> None:
        self._stale = True
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._width = -1
        self._stale = True

    def on_focus(self) -> None:
        self._repaint()

    def on_blur(self) -> None:
        self._repaint()
