"""Undo and redo over a report, and the error an edit is refused with.

Apart from the edits themselves (``edits.py``) so that opening a report, which
needs a history but makes no edit, doesn't load them.
"""

from __future__ import annotations

from kedr_tui.core.errors import EditError  # noqa: F401  (refused edits; importable from here)
from kedr_tui.core.model import Report




class History:
    """Unlimited undo/redo over a report; ``saved`` marks the state on disk."""

    def __init__(self, report: Report):
        self.report = report
        self.done: list = []
        self.undone: list = []
        self._saved_depth: int | None = 0

    def push(self, edit) -> Report:
        self.report = edit.apply(self.report)
        self.done.append(edit)
        if self._saved_depth is not None and self._saved_depth > len(self.done) - 1:
            self._saved_depth = None  # the saved state was in the redo branch: gone
        self.undone.clear()
        return self.report

    def undo(self):
        if not self.done:
            return None
        edit = self.done.pop()
        self.report = edit.inverse().apply(self.report)
        self.undone.append(edit)
        return edit

    def redo(self):
        if not self.undone:
            return None
        edit = self.undone.pop()
        self.report = edit.apply(self.report)
        self.done.append(edit)
        return edit

    def mark_saved(self) -> None:
        self._saved_depth = len(self.done)

    @property
    def modified(self) -> bool:
        return self._saved_depth != len(self.done)
