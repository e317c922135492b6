"""The one-line header: programme title, year, file, modified / read-only marks, findings."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kedr_tui.core.safe_text import visible


class ReportHeader(Widget):
    """The title takes what room there is (ellipsis); the status is always whole."""

    COMPONENT_CLASSES = {"header--title", "header--status", "header--alert"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.title_text = ""
        self.status = Text()

    def show(self, title: str, year: int | None, file: str, modified: bool, read_only: bool,
             errors: int, warnings: int) -> None:
        self.title_text = visible(" ".join(title.split()) or file)  # the programme's title, a path
        status = Text()
        alert = "header--alert"
        if year:
            status.append(f"{year} ")
        status.append(file)
        if modified:
            status.append(" ● изменён", alert)
        if read_only:
            status.append(" · только чтение", alert)
        if errors:
            status.append(f" · ошибок {errors}", alert)
        if warnings or not errors:
            status.append(f" · замечаний {warnings}")
        self.status = status
        self.refresh()

    @property
    def text(self) -> str:
        """The whole line as plain text (for tests)."""
        return f"{self.title_text}  {self.status.plain}"

    def render(self) -> Text:
        width = self.size.width or 80
        status = self.status.copy()
        for span_style in ("header--alert",):
            style = self.get_component_rich_style(span_style, partial=True)
            status.spans = [s._replace(style=style) if s.style == span_style else s for s in status.spans]
        status.style = self.get_component_rich_style("header--status", partial=True)
        room = max(width - status.cell_len - 4, 8)
        title = Text(self.title_text, style=self.get_component_rich_style("header--title", partial=True),
                     no_wrap=True, overflow="ellipsis")
        title.truncate(room, overflow="ellipsis")
        line = Text(" ", no_wrap=True, end="")
        line.append_text(title)
        line.append(" " * max(width - title.cell_len - status.cell_len - 2, 2))
        line.append_text(status)
        return line
