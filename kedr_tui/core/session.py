"""An editing session on one report: current state, history, analysis, save.

The app drives a Session; nothing here knows about the terminal.
"""

from __future__ import annotations

from pathlib import Path

from kedr_tui.core.analysis import Analysis, analyse
from kedr_tui.core.edits import History
from kedr_tui.core.model import Report
from kedr_tui.core.store import Loaded, load, save


class Session:
    def __init__(self, loaded: Loaded, read_only: bool = False):
        self.loaded = loaded
        self.path: Path = loaded.path
        self.base_text = loaded.text
        self.base_report: Report | None = loaded.report
        self.read_only = read_only or loaded.has_errors or loaded.report is None
        self.history = History(loaded.report) if loaded.report else None
        self.analysis: Analysis | None = loaded.analysis

    @classmethod
    def open(cls, path, read_only: bool = False) -> "Session":
        return cls(load(path), read_only)

    @property
    def report(self) -> Report | None:
        return self.history.report if self.history else None

    @property
    def modified(self) -> bool:
        return bool(self.history and self.history.modified)

    def _refresh(self) -> Analysis:
        self.analysis = analyse(self.history.report, self.loaded.context)
        return self.analysis

    def apply(self, edit) -> Analysis:
        self.history.apply(edit)
        return self._refresh()

    def undo(self):
        edit = self.history.undo()
        if edit is not None:
            self._refresh()
        return edit

    def redo(self):
        edit = self.history.redo()
        if edit is not None:
            self._refresh()
        return edit

    def save(self, path: str | Path | None = None) -> Path:
        target = Path(path) if path else self.path
        written = save(target, self.report, self.base_text, self.base_report)
        if target == self.path:
            # rows added since the last read now have a place in the file
            self.loaded = written
            self.base_text, self.base_report = written.text, written.report
            self.history.report = written.report
            self.history.mark_saved()
            self._refresh()
        return target
