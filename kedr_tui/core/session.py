"""An editing session on one report: its file opened, locked, saved and closed safely.

Changes for one reason: how the report's file is guarded while it is edited —
one writer (the lock), a file changed on disk, the atomic save, reload.  It
builds on two parts with one job each: ``Editing`` (core/editing.py: the report
in memory, undo/redo, the analysis) and ``Journaling`` (core/journaling.py:
every edit on disk before it counts, recovery of a session that ended unsaved).

The app drives a Session; nothing here knows about the terminal.  A session
that edits holds the report's lock, journals every committed edit before
``perform``/``undo``/``redo`` return, refuses to overwrite a file that changed
on disk, and keeps its edits when a save fails.  Lifecycle for the app::

    session = Session.open(path, read_only=review)
    session.read_only, session.read_only_reason   # e.g. «файл редактирует …»
    session.recovery                               # a leftover journal: recover()/discard_journal()
    session.perform(edit) / undo() / redo()        # EditError: refused, nothing changed
    session.save()                                 # FileChangedError: reload()/save(other)/cancel
    session.close()                                # keeps the journal only if edits are unsaved
"""

from __future__ import annotations

import os
from pathlib import Path

from kedr_tui.core import wording
from kedr_tui.core.analysis import Analysis
from kedr_tui.core.editing import SessionError
from kedr_tui.core.errors import ReportError
from kedr_tui.core.journaling import JournalError, Journaling
from kedr_tui.core.loading import Loaded, analysed, collector_paused, load, opened
from kedr_tui.core.store import (EditLock, FileChangedError, LockHeld, Owner, check_unchanged,
                                 clean_temporaries, read_report, render, save, sha256_of,
                                 write_text)

__all__ = ["Session", "SessionError", "JournalError", "FileChangedError", "LockHeld"]


class Session(Journaling):
    """One report's file while it is edited: see the module's lifecycle."""

    saved_as_shown = False      # the last save read back as exactly the report shown (``save``)

    def __init__(self, loaded: Loaded, read_only: bool = False):
        self.loaded = loaded
        self.path: Path = loaded.path
        #: the path as the user named it (``path`` is the real file behind it)
        self.shown: Path = loaded.path
        self.read_only = read_only or loaded.has_errors or loaded.report is None
        #: why the session is read-only, when it is not the user's choice (Russian, one line)
        self.read_only_reason: str | None = None
        if not read_only and self.read_only:
            self.read_only_reason = (wording.READ_ONLY_ERRORS
                                     if loaded.report is not None else wording.REPORT_UNREADABLE)
        #: the lock is held by another session (``lock_holder`` says who, when known)
        self.held_elsewhere = False
        self.lock_holder: Owner | None = None
        #: stray temporary files of a killed save, removed at open
        self.cleaned: list[Path] = []
        self._lock: EditLock | None = None
        self._reset(loaded)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path, read_only: bool = False, *, lock: bool = True) -> "Session":
        """Open a report; to edit it, take its lock and look for a journal left behind.

        Never raises for a lock held elsewhere or a folder we can't write:
        the session is read-only and ``read_only_reason`` says why.
        """
        # The real file, resolved once: opened through a symlink and by its own name, a
        # report has one lock, one journal and one backup, and a save replaces the file
        # itself rather than the link.  ``shown`` keeps the name the user gave.
        shown = Path(path)
        # every error is known now (whether it may be edited), the rest of the analysis
        # when first asked for: the app shows Form 1 before it (core/loading.py, ``opened``)
        with collector_paused():
            session = cls(opened(read_report(real_path(shown))), read_only)
        session.shown = shown
        if lock and not session.read_only:
            session._take_lock()
        return session

    def _take_lock(self, reread: bool = False) -> None:
        reason = self._unwritable()
        if reason:
            self._go_read_only(reason)
            return
        lock = EditLock(self.path)
        try:
            lock.acquire()
        except LockHeld as exc:
            self.held_elsewhere, self.lock_holder = True, exc.owner
            self._go_read_only(exc.message)
            return
        except ReportError as exc:
            self._go_read_only(exc.message)
            return
        self._lock = lock
        if reread:  # the previous holder may have saved just before letting go
            try:
                file = read_report(self.path)
            except ReportError as exc:
                self._release_lock()
                self._go_read_only(exc.message)
                return
            if file.stamp.sha256 != self.loaded.stamp.sha256:   # analysed only if it changed
                self._reset(analysed(file))
            if self.loaded.has_errors or self.loaded.report is None:
                self._release_lock()
                self._go_read_only(wording.READ_ONLY_ERRORS)
                return
        self.cleaned = clean_temporaries(self.path)
        self._look_for_journal()

    def _unwritable(self) -> str | None:
        if not os.access(self.path.parent, os.W_OK | os.X_OK):
            return wording.read_only_no_folder_rights(self.path.parent)
        if not os.access(self.path, os.W_OK):
            return wording.READ_ONLY_PROTECTED
        return None

    def _go_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason

    def try_lock(self) -> bool:
        """A read-only session (lock held elsewhere) tries again to become the editor.

        A read-only session has no edits, so the file is simply read again
        (the holder may have saved it); a journal the holder left is then in
        ``recovery``, as at open.
        """
        if self._lock is not None:
            return True
        if self.loaded.report is None or self.loaded.has_errors or self.modified:
            return False
        self.read_only, self.read_only_reason = False, None
        self.held_elsewhere, self.lock_holder = False, None
        self._take_lock(reread=True)
        return self._lock is not None

    @property
    def locked(self) -> bool:
        """This session holds the report's edit lock."""
        return self._lock is not None

    # ------------------------------------------------------------ saving

    def save(self, path: str | Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the report to its file, or to ``path`` (save as: the session stays on its file).

        Raises FileChangedError if the file changed on disk since it was read,
        ReportError if it can't be written — the file intact, the edits kept.
        ``overwrite``: save as over an existing file; for the session's own
        file, write it back after it was deleted (a changed file is never overwritten).
        """
        target = Path(path) if path else self.path
        if not _same_file(target, self.path):
            return self._save_as(target, overwrite)
        if self.read_only or self.history is None:
            raise ReportError(str(self.path), wording.save_only_as(self.read_only_reason or wording.READ_ONLY))
        if self.recovery is not None:
            raise ReportError(str(self.path), wording.JOURNAL_FIRST)
        if not (overwrite and not self.path.exists()):  # confirmed: write back a deleted file
            check_unchanged(self.path, self.loaded.stamp)
        # the usual save: values changed in their lines, without tomlkit (see store.patch)
        from kedr_tui.core.store.patch import patch, write_patched

        text = patch(self.report, self.base_text, self.base_report, self.loaded.parsed.locator) \
            if self.base_report is not None else None
        patched, parsed = text is not None, None
        if text is None:
            # rows added, removed or moved, keys added or removed: the records of a plain
            # file put together again without tomlkit, read back to check (store.layout)
            from kedr_tui.core.store.layout import render_checked

            made = render_checked(self.report, self.base_text, self.base_report)
            if made is not None:
                text, parsed = made
        if text is None:
            from kedr_tui.core.store.apart import render_apart

            text = render_apart(self.report, self.base_text, self.base_report)
        if self._journal is not None:
            try:
                self._journal.append("save", sha256=sha256_of(text.encode("utf-8")))
            except OSError:
                pass  # the save itself will say what is wrong with the disk
        try:
            written = (write_patched(self.path, text, self.loaded, self.report)
                       if patched else write_text(self.path, text, parsed))
        except ReportError as exc:
            raise ReportError(exc.path, wording.edits_kept(exc.message, self._journal is not None)) from None
        try:
            self._end_journal()
        except OSError:
            pass  # its last «save» entry matches the file: found as a leftover, removed
        # patched: the same report and places, so the same analysis; else rows added since
        # the last read now have a place in the file, and the checks say so
        self.loaded = (Loaded.of(written, self.loaded.context, self.analysis) if patched
                       else analysed(written))
        self.base_text, self.base_report = written.text, written.report
        self.history.report = written.report
        self.history.mark_saved()
        self.analysis = self.loaded.analysis
        # the text read back is the report as it was shown: its values patched in their lines,
        # or the records made again and checked to read back exactly (``render_checked``);
        # tomlkit's way is not checked so
        self.saved_as_shown = patched or parsed is not None
        return self.path

    def _save_as(self, target: Path, overwrite: bool) -> Path:
        if self.report is None:
            raise ReportError(str(self.path), wording.NOTHING_TO_SAVE)
        if target.exists() and not overwrite:
            raise ReportError(str(target), wording.FILE_EXISTS_CHOOSE_OTHER)
        if target.is_dir():
            raise ReportError(str(target), wording.IS_A_FOLDER)
        save(target, self.report, self.base_text, self.base_report)
        return target

    # ------------------------------------------------------------ conflicts, closing

    def reload(self) -> Analysis | None:
        """Read the file again, dropping the edits in memory and in the journal."""
        loaded = load(self.path)
        self._end_journal()
        self.recovery = None
        self._reset(loaded)
        if loaded.has_errors or loaded.report is None:
            self._go_read_only(wording.READ_ONLY_ERRORS)
        return self.analysis

    def read_only_instead(self) -> None:
        """Leave a leftover journal for later and just look at the file."""
        self.recovery = None
        self._go_read_only(wording.READ_ONLY_JOURNAL_KEPT)
        self._release_lock()

    def close(self, discard_journal: bool = False) -> None:
        """End the session: release the lock; the journal stays only if edits are unsaved.

        After a signal or a lost terminal, don't call this at all (or call it
        as is): the journal is already complete on disk.
        """
        self._end_journal(keep=self.modified and not discard_journal)
        self._release_lock()

    def _release_lock(self) -> None:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def real_path(path: Path) -> Path:
    """``path`` with every symlink resolved (what is not there yet stays as named)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
