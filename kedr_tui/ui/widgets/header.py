"""The one-line header: programme title, year, file, modified / read-only marks, findings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label


class ReportHeader(Horizontal):
    """``title`` takes what room there is (ellipsis); ``status`` is always whole."""

    def compose(self) -> ComposeResult:
        yield Label(id="title")
        yield Label(id="status")

    def show(self, title: str, year: int | None, file: str, modified: bool, read_only: bool,
             errors: int, warnings: int) -> None:
        self.query_one("#title", Label).update(Text(" ".join(title.split()) or file))
        status = Text()
        if year:
            status.append(f"{year} ", "bold")
        status.append(file)
        if modified:
            status.append(" ● изменён", "bold")
        if read_only:
            status.append(" · только чтение", "bold")
        if errors:
            status.append(f" · ошибок {errors}", "bold")
        status.append(f" · замечаний {warnings}" if warnings or not errors else "")
        self.query_one("#status", Label).update(status)
        self.set_class(modified, "-modified")
        self.set_class(read_only, "-read-only")
        self.set_class(bool(errors), "-errors")
