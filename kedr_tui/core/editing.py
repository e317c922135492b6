"""The editing side of a session: the report in memory, its history and its analysis.

Changes for one reason: what an edit, an undo or a redo does to the state and its
figures.  Keeping the file safe (lock, journal, recovery, save) is ``session.Session``,
which builds on this; it journals each step in ``_record`` before the step is made.
"""

from __future__ import annotations

from kedr_tui.core import wording
from kedr_tui.core.analysis import Analysis, analyse
from kedr_tui.core.history import EditError, History
from kedr_tui.core.loading import Loaded
from kedr_tui.core.model import Report


_LATER = object()  # the analysis of the file as opened, not asked for yet


class SessionError(EditError):
    """An edit or save the session refuses in its current state (read-only, recovery pending)."""


class Editing:
    """A report being edited: ``perform``/``undo``/``redo`` and the analysis of the result.

    ``history`` is None when the file holds no report; ``read_only`` and
    ``read_only_reason`` are the session's (an edit is then refused).
    """

    loaded: Loaded
    read_only: bool
    read_only_reason: str | None

    def _reset(self, loaded: Loaded) -> None:
        """Start again from ``loaded``: no edits, its analysis the current one."""
        self.loaded = loaded
        self.base_text = loaded.text
        self.base_report: Report | None = loaded.report
        self.history = History(loaded.report) if loaded.report else None
        self._analysis: Analysis | None | object = _LATER   # ``loaded``'s, when first asked for

    @property
    def analysis(self) -> Analysis | None:
        """The current state's analysis; the one of the file as opened is worked out when
        first asked for (``Loaded.later``), so whatever reads it gets the whole of it."""
        if self._analysis is _LATER:
            self._analysis = self.loaded.analysis
        return self._analysis

    @analysis.setter
    def analysis(self, analysis: Analysis | None) -> None:
        self._analysis = analysis

    @property
    def analysed(self) -> bool:
        """Whether ``analysis`` is there without working anything out."""
        return self._analysis is not _LATER or self.loaded.later.ready

    @property
    def report(self) -> Report | None:
        return self.history.report if self.history else None

    @property
    def modified(self) -> bool:
        return bool(self.history and self.history.modified)

    def _refresh(self, edit=None) -> Analysis:
        """The one recompute after the state changed (an edit, an undo, a redo, a recovery);
        ``edit``: the step that made it from the state analysed last, if there was one."""
        self.analysis = analyse(self.history.report, self.loaded.context, previous=self.analysis,
                                edit=edit)
        return self.analysis

    # ------------------------------------------------------------ editing

    def _check_editable(self) -> None:
        if self.history is None or self.read_only:
            raise SessionError(self.read_only_reason or wording.READ_ONLY)

    def _record(self, op: str, edit) -> None:
        """Called before a step (``apply``, ``undo``, ``redo``) is made; raising refuses it."""

    def perform(self, edit) -> Analysis:
        self._check_editable()
        edit.apply(self.history.report)  # refused edits (EditError) never reach the journal
        self._record("apply", edit)
        self.history.push(edit)
        return self._refresh(edit)

    def undo(self):
        return self._step("undo")

    def redo(self):
        return self._step("redo")

    def _step(self, op: str):
        """``op`` is "undo" or "redo": the edit undone or redone, None when there is none."""
        history = self.history
        stack = (history.done if op == "undo" else history.undone) if history else ()
        if not stack:
            return None
        self._check_editable()
        self._record(op, stack[-1])
        edit = history.undo() if op == "undo" else history.redo()
        self._refresh(edit.inverse() if op == "undo" else edit)
        return edit
