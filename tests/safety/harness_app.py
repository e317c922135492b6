"""A tiny app around a Session, wired to the safety net the way the real app should be.

Driven by Pilot (``test_screens.py``) and, as a real process in a pseudo-terminal,
by ``test_signals.py``: ``python harness_app.py REPORT [READY_FILE]``.
Keys: ``e`` adds 1 to the first expense's cash, ``s`` saves, ``q`` quits.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Label

from kedr_tui.core.edits import EditError, set_field
from kedr_tui.core.errors import ReportError
from kedr_tui.core.session import Session
from kedr_tui.core.store import FileChangedError
from kedr_tui.styles import style_path
from kedr_tui.ui.safety import check_on_open, resolve_conflict, run_safely


class Harness(App[int]):
    CSS_PATH = [str(p) for p in (style_path("app.tcss"), style_path("safety.tcss")) if p.exists()]
    BINDINGS = [("e", "edit", "Правка"), ("s", "save", "Сохранить"), ("q", "quit", "Выход")]

    def __init__(self, session: Session, ready: Path | None = None):
        super().__init__()
        self.session = session
        self.ready = ready

    def compose(self) -> ComposeResult:
        yield Label(id="state")

    def on_mount(self) -> None:
        check_on_open(self, self.session, on_change=self.redraw, on_locked=self.redraw)
        self.redraw()
        if self.ready is not None:
            self.call_after_refresh(self.ready.write_text, "ready")

    def redraw(self) -> None:
        s = self.session
        cash = s.report.expenses[0].cash if s.report else None
        self.query_one("#state", Label).update(
            Text(f"cash={cash} modified={s.modified} read_only={s.read_only}"))

    def action_edit(self) -> None:
        s = self.session
        try:
            s.perform(set_field(s.report, "expenses", 0, "cash", s.report.expenses[0].cash + Decimal(1)))
        except EditError as exc:
            self.notify(str(exc), severity="error")
        self.redraw()

    def action_save(self) -> None:
        try:
            self.session.save()
        except FileChangedError as exc:
            resolve_conflict(self, self.session, exc, on_change=self.redraw)
            return
        except ReportError as exc:
            self.notify(str(exc), severity="error")
            return
        self.redraw()

    def action_quit(self) -> None:
        self.exit(0)


def main(argv: list[str]) -> int:
    session = Session.open(argv[0])
    app = Harness(session, Path(argv[1]) if len(argv) > 1 else None)
    run_safely(app)
    session.close()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
