"""The journal side of a session: every edit on disk before it counts, and recovery.

Changes for one reason: how edits survive a session that ends without saving —
each step appended to the journal beside the report before it is made, a journal
left behind found at open, then replayed or thrown away.  The journal file itself
is the store's (``store/journal.py``); replaying it is ``recovery``'s.
"""

from __future__ import annotations

from pathlib import Path

from kedr_tui.core import wording
from kedr_tui.core.analysis import Analysis
from kedr_tui.core.editing import Editing, SessionError
from kedr_tui.core.errors import os_reason
from kedr_tui.core.history import EditError, History
from kedr_tui.core.store import EditLock, Journal, JournalInfo, remove_journal
from kedr_tui.core.store.journal import clean_leftovers


class JournalError(EditError):
    """An edit that could not be put in the journal: it is not made, so it can't be lost."""


class Journaling(Editing):
    """Edits journaled while the lock is held (``_lock``); a leftover journal in ``recovery``."""

    path: Path
    _lock: EditLock | None = None
    _journal: Journal | None = None
    #: a journal left by a session that ended without saving; the app must
    #: call ``recover()`` or ``discard_journal()`` (or go read-only) before editing
    recovery: JournalInfo | None = None

    @property
    def journal_path(self) -> Path | None:
        return self._journal.path if self._journal else None

    def _look_for_journal(self) -> None:
        """At open, with the lock held: a journal left behind is offered in ``recovery``
        (or removed, when its edits are already in the file)."""
        clean_leftovers(self.path)
        from kedr_tui.core.recovery import find_journal  # only now: most opens find none

        info = find_journal(self.path, self.loaded)
        if info is not None:
            if info.obsolete:
                remove_journal(self.path)
            else:
                self.recovery = info

    def _check_editable(self) -> None:
        super()._check_editable()
        if self.recovery is not None:
            raise SessionError(wording.JOURNAL_FIRST)

    def _record(self, op: str, edit) -> None:
        """Journal one step before it is made; if that fails, it is not made."""
        if self._lock is None:  # a session opened without the lock (tests, tools) keeps no journal
            return
        try:
            if self._journal is None:
                stamp = self.loaded.stamp
                self._journal = Journal.start(self.path, stamp.sha256, stamp.size, self._lock.owner)
            from kedr_tui.core.edits import to_json

            self._journal.append(op, edit=to_json(edit))
        except OSError as exc:
            raise JournalError(wording.edit_not_journaled(os_reason(exc, self.path.parent))) from None

    def _end_journal(self, keep: bool = False) -> None:
        """This session's journal is done with: removed, or closed and ``keep``-t on disk."""
        if self._journal is not None:
            journal, self._journal = self._journal, None
            if keep:
                journal.close()
            else:
                journal.remove()

    def recover(self) -> Analysis:
        """Replay the leftover journal: the state before the crash, unsaved until ``save``."""
        from kedr_tui.core.recovery import ReplayError, replay

        info = self.recovery
        if info is None:
            raise SessionError(wording.NO_JOURNAL_TO_RECOVER)
        if info.status != "match":
            raise SessionError(wording.not_recovered(info.reason))
        try:
            history = replay(History(self.loaded.report), info.entries)
        except ReplayError as exc:
            raise SessionError(wording.not_recovered(exc)) from None
        try:
            self._journal = Journal.resume(info)
        except OSError as exc:
            raise SessionError(wording.journal_not_writable(os_reason(exc, self.path.parent))) from None
        self.history = history
        self.recovery = None
        return self._refresh()

    def discard_journal(self) -> None:
        """Throw away unsaved edits: a leftover journal, or this session's own edits and journal."""
        if self.recovery is not None:
            remove_journal(self.path)
            self.recovery = None
            return
        self._end_journal()
        if self.modified:
            self._reset(self.loaded)
