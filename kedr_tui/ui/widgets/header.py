"""The one-line header: programme title, year, file, modified / read-only marks, findings."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kedr_tui.core.review import REWORK
from kedr_tui.core.safe_text import visible
from kedr_tui.ui import wording as uw


class ReportHeader(Widget):
    """The title takes what room there is (ellipsis); the status is always whole."""

    COMPONENT_CLASSES = {"header--title", "header--status", "header--alert"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.title_text = ""
        self.status = Text()

    def show(self, title: str, year: int | None, file: str, modified: bool, read_only: bool,
             errors: int, warnings: int | None, review_status: str = "") -> None:
        """``warnings``: None while the report is being checked (no count is known yet)."""
        self.title_text = visible(" ".join(title.split()) or file)  # the programme's title, a path
        status = Text()
        alert = "header--alert"
        if year:
            status.append(f"{year} ")
        self._file_span = (len(status.plain), len(status.plain) + len(file))
        status.append(file)
        if modified:
            status.append(uw.MODIFIED, alert)
        if read_only:
            status.append(uw.READ_ONLY_BADGE, alert)
        if errors:
            status.append(uw.errors_badge(errors), alert)
        if warnings is None:
            status.append(uw.CHECKING_BADGE)
        elif warnings or not errors:
            status.append(uw.warnings_badge(warnings))
        if review_status:
            status.append(f" · {review_status}", "header--alert" if review_status == REWORK else "")
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
        if status.cell_len > width - 12 and getattr(self, "_file_span", None):
            # a narrow terminal: the file's name goes before the states do (they matter more)
            start, end = self._file_span
            head = status[:start]
            head.rstrip()
            status = head + status[end:]
        room = max(width - status.cell_len - 4, 8)
        title = Text(self.title_text, style=self.get_component_rich_style("header--title", partial=True),
                     no_wrap=True, overflow="ellipsis")
        title.truncate(room, overflow="ellipsis")
        line = Text(" ", no_wrap=True, end="")
        line.append_text(title)
        line.append(" " * max(width - title.cell_len - status.cell_len - 2, 2))
        line.append_text(status)
        return line
