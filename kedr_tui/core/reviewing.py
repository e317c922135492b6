"""A session on a report's review: the current review, its lock, journal, save and recovery.

The review file gets the report's safety (SPEC «Safety») through the same
store modules: one writer (``EditLock`` on the review file), every change
journaled and fsync'd before it shows (``Journal``, one ``state`` entry per
change holding the whole review as it would be saved), an atomic save with a
backup that refuses to overwrite a file someone else changed, and recovery
of a journal left by a session that ended without saving.  It never writes
the report: a meeting held in ``--review`` mode leaves its bytes alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from kedr_tui.core.errors import ReportError, os_reason
from kedr_tui.core.review import Review, parse_review
from kedr_tui.core.store import (EditLock, Journal, JournalInfo, LockHeld, Owner, check_unchanged,
                                 clean_temporaries, journal_path, remove_journal)
from kedr_tui.core.store.changes import FileChangedError
from kedr_tui.core.store.journal import JournalDamaged, inspect_journal
from kedr_tui.core.store.review import LoadedReview, load_review, render_review, write_review
from kedr_tui.core import wording


class ReviewError(ReportError):
    """A change or save of the review that is refused (read-only, recovery pending, disk)."""

    def __init__(self, path, message: str):
        super().__init__(str(path), message, exit_code=1)


def login_name() -> str:
    """The author of a mark by default: the login name."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USER") or os.environ.get("LOGNAME") or ""


def _describe(base: Review, entries: list[dict]) -> tuple[str, ...]:
    state = _last_state(entries)
    if state is None:
        return ()
    if state == base:
        return ()
    before, after = len(base.marks), len(state.marks)
    lines = []
    if after != before or state.marks != base.marks:
        lines.append(wording.marks_count(before, after))
    if state.assignments != base.assignments:
        lines.append(wording.assignments_count(len(base.assignments), len(state.assignments)))
    if state.meeting != base.meeting or state.history != base.history:
        lines.append(wording.MEETING_CHANGED)
    if state.status != base.status:
        lines.append(wording.review_status_changed(base.status, state.status))
    return tuple(lines) or (wording.REVIEW_CHANGED,)


def _last_state(entries: list[dict]) -> Review | None:
    states = [e for e in entries if e.get("op") == "state"]
    if not states:
        return None
    text = states[-1].get("text")
    if not isinstance(text, str):
        raise JournalDamaged(wording.REVIEW_JOURNAL_NO_TEXT)
    parsed = parse_review(text)
    if parsed.review is None or parsed.has_errors:
        raise JournalDamaged(wording.REVIEW_JOURNAL_UNREADABLE)
    return parsed.review


def held_elsewhere(report: Path) -> str | None:
    """Who holds the review of ``report`` in another session, as its lock's note says
    (``None``: nobody, as far as the note tells).  Takes no lock, so a look cannot stand in
    a colleague's way: the app dims the keys that would be refused, and a key pressed
    still asks the lock itself."""
    from kedr_tui.core.store.lock import read_owner
    from kedr_tui.core.store.review import review_path

    owner = read_owner(review_path(Path(report)))
    if owner is None or owner.alive_here() is False:
        return None
    return wording.review_held(owner.describe())


class ReviewSession:
    """The review of one report, as the app and the CLI change it."""

    def __init__(self, report: Path, loaded: LoadedReview, read_only: bool = False):
        self.report_path = Path(report)
        self.loaded = loaded
        self.path = loaded.path
        #: the review (``None`` while the report has never been reviewed)
        self.review: Review | None = loaded.review
        self.read_only = read_only
        self.read_only_reason: str | None = None
        if loaded.parsed.review is None or loaded.has_errors:
            self._go_read_only(wording.REVIEW_READ_ONLY_ERRORS)
        self.recovery: JournalInfo | None = None
        self.modified = False
        self._lock: EditLock | None = None
        self._journal: Journal | None = None

    @classmethod
    def open(cls, report: Path, read_only: bool = False, *, lock: bool = True) -> "ReviewSession":
        """Open the review of ``report``; ReportError only if its file exists and can't be read.

        ``lock=False``: take the lock at the first change (the app, where most sessions
        never mark anything) — unless a journal waits, which must be offered at once.
        """
        session = cls(report, load_review(report), read_only)
        if not session.read_only and (lock or journal_path(session.path).exists()):
            session._take_lock()
        return session

    def _go_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason

    def _take_lock(self) -> None:
        folder = self.path.parent
        if not os.access(folder, os.W_OK | os.X_OK):
            self._go_read_only(wording.review_no_folder_rights(folder))
            return
        if self.path.exists() and not os.access(self.path, os.W_OK):
            self._go_read_only(wording.REVIEW_READ_ONLY_PROTECTED)
            return
        lock = EditLock(self.path)
        try:
            lock.acquire()
        except LockHeld as exc:
            who = exc.owner.describe() if exc.owner else wording.OTHER_SESSION
            self._go_read_only(wording.review_held(who))
            return
        except ReportError as exc:
            self._go_read_only(exc.message)
            return
        self._lock = lock
        clean_temporaries(self.path)
        base = self.review or Review(self.report_path.name)
        info = inspect_journal(self.path, lambda: self.loaded.sha256,
                               lambda entries: _describe(base, entries))
        if info is not None:
            if info.obsolete:
                remove_journal(self.path)
            else:
                self.recovery = info

    @property
    def locked(self) -> bool:
        return self._lock is not None

    @property
    def exists(self) -> bool:
        """A review exists: on disk, or made in this session."""
        return self.review is not None

    def current(self) -> Review:
        """The review to change: the existing one, or a new one for this report."""
        return self.review or Review(self.report_path.name)

    # ------------------------------------------------------------ changing

    def refresh(self) -> bool:
        """Before a change: take the lock (the app takes it at the first change, not at start)
        and, if the file was changed since it was read and nothing here is unsaved, read it
        again.  A colleague's marks and assignments made meanwhile are then kept, and the
        change is made on them, instead of a save refused and a journal that would write
        the review as it was at start over theirs.  True when it was read again."""
        if self._lock is None and not self.read_only:
            self._take_lock()
        if self._lock is None or self.modified or self.recovery is not None:
            return False
        try:
            now = load_review(self.report_path)
        except ReportError:
            return False            # unreadable now: the save will say so
        if now.sha256 == self.loaded.sha256:
            return False
        self.loaded = now
        self.review = now.review
        if now.exists and (now.parsed.review is None or now.has_errors):
            self._go_read_only(wording.REVIEW_READ_ONLY_ERRORS)
        return True

    def why_not_writable(self) -> str | None:
        """Why a change can't be made here now, or None: asked before the user types one (a
        comment typed and then refused was lost).  Takes the lock, as the change would."""
        if self._lock is None and not self.read_only:
            self._take_lock()
        try:
            self._check_writable()
        except ReviewError as exc:
            return exc.message
        return None

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReviewError(self.path, self.read_only_reason or wording.REVIEW_READ_ONLY)
        if self.recovery is not None:
            raise ReviewError(self.path, wording.REVIEW_JOURNAL_FIRST)

    def change(self, review: Review) -> Review:
        """Make ``review`` the current one; it is in the journal on disk before this returns."""
        if self._lock is None and not self.read_only:
            self._take_lock()
        self._check_writable()
        if review == self.review:
            return review
        if self._lock is not None:
            try:
                if self._journal is None:
                    owner = self._lock.owner or Owner.me()
                    size = self.loaded.stamp.size if self.loaded.stamp else 0
                    self._journal = Journal.start(self.path, self.loaded.sha256, size, owner)
                self._journal.append("state", text=render_review(review))
            except OSError as exc:
                raise ReviewError(self.path, wording.mark_not_journaled(os_reason(exc, self.path.parent))) from None
        self.review = review
        self.modified = True
        return review

    # ------------------------------------------------------------ saving

    def save(self) -> Path:
        """Write the review; FileChangedError if someone changed its file since it was read."""
        self._check_writable()
        if self.review is None:
            raise ReviewError(self.path, wording.REVIEW_NOTHING_TO_SAVE)
        if self.loaded.stamp is not None:
            check_unchanged(self.path, self.loaded.stamp)
        elif self.path.exists():
            raise FileChangedError(self.path, "changed", wording.REVIEW_CREATED_ELSEWHERE)
        text = render_review(self.review)
        if self._journal is not None:
            from kedr_tui.core.store import sha256_of

            try:
                self._journal.append("save", sha256=sha256_of(text.encode("utf-8")))
            except OSError:
                pass
        stamp = write_review(self.path, text)
        if self._journal is not None:
            journal, self._journal = self._journal, None
            try:
                journal.remove()
            except OSError:
                pass
        self.loaded = LoadedReview(self.path, text, parse_review(text, self.report_path.name), stamp)
        self.review = self.loaded.review
        self.modified = False
        return self.path

    # ------------------------------------------------------------ recovery

    def recover(self) -> Review:
        info = self.recovery
        if info is None:
            raise ReviewError(self.path, wording.NO_REVIEW_JOURNAL)
        try:
            state = _last_state(list(info.entries))
        except JournalDamaged as exc:
            raise ReviewError(self.path, wording.marks_not_recovered(exc)) from None
        try:
            self._journal = Journal.resume(info)
        except OSError as exc:
            raise ReviewError(self.path, wording.review_journal_not_writable(os_reason(exc, self.path.parent))) from None
        self.recovery = None
        if state is not None:
            self.review = state
            self.modified = True
        return self.current()

    def discard_journal(self) -> None:
        if self.recovery is not None:
            remove_journal(self.path)
            self.recovery = None

    def close(self, discard: bool = False) -> None:
        """Release the lock; the journal stays only if changes are unsaved (and not discarded)."""
        if self._journal is not None:
            journal, self._journal = self._journal, None
            if discard or not self.modified:
                journal.remove()
            else:
                journal.close()
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()

    def __enter__(self) -> "ReviewSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
