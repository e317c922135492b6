"""What the app does with the safety screens' answers: the few calls the app makes.

- ``check_on_open(app, session, on_change)`` — right after the report screen
  mounts: offers recovery of a leftover journal, or says who holds the lock.
- ``resolve_conflict(app, session, error, on_change)`` — when ``session.save()``
  raised FileChangedError.
- ``run_safely`` (``signals.py``) — hang-ups.

``on_change()`` is the app's "the session's report was replaced: redraw".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from kedr_tui.core.errors import ReportError
from kedr_tui.core.session import Session
from kedr_tui.core.store import FileChangedError
from kedr_tui.ui import wording as uw

# The screens are imported where they are shown: most starts show none (see __init__).

Callback = Callable[[], None] | None


def check_on_open(app, session: Session, on_change: Callback = None,
                  on_locked: Callback = None, notify_read_only: bool = True) -> None:
    """Show what a start needs to show: a journal to recover, a lock held elsewhere, a reason.

    ``on_locked`` (given: a «Повторить» button) runs when a retry got the lock;
    ``notify_read_only=False`` when the app itself already says why it is read-only.
    """
    if session.recovery is not None:
        from kedr_tui.ui.safety.screens import RecoveryScreen

        app.push_screen(RecoveryScreen(session.recovery),
                        lambda choice: _recovery_chosen(app, session, choice, on_change))
    elif session.held_elsewhere:
        from kedr_tui.ui.safety.screens import LockHeldScreen

        retry = (lambda: session.try_lock()) if on_locked is not None else None

        def answered(answer: str | None) -> None:
            if answer == "locked" and on_locked is not None:
                on_locked()
                if session.recovery is not None:  # the holder died with unsaved edits
                    check_on_open(app, session, on_change, on_locked, notify_read_only)

        app.push_screen(LockHeldScreen(session.read_only_reason or "", retry), answered)
    else:
        if session.read_only and session.read_only_reason and notify_read_only:
            app.notify(session.read_only_reason, title=uw.VIEW_ONLY, severity="warning",
                       timeout=8)
        if not session.locked:  # review mode: a leftover journal is only mentioned
            from kedr_tui.core.store import journal_warning

            warning = journal_warning(session.path)
            if warning:
                app.notify(warning.split(": ", 1)[-1], title=uw.EDIT_JOURNAL, timeout=10)
    if session.cleaned:
        app.notify(uw.cleaned_leftovers(len(session.cleaned)), timeout=4)


def _recovery_chosen(app, session: Session, choice: str | None, on_change: Callback) -> None:
    from kedr_tui.ui.safety.screens import DISCARD, RECOVER

    try:
        if choice == RECOVER:
            session.recover()
            app.notify(uw.RECOVERED_SAVE_OR_UNDO, title=uw.RECOVERED, timeout=8)
        elif choice == DISCARD:
            session.discard_journal()
            app.notify(uw.JOURNAL_DISCARDED, timeout=4)
        else:
            session.read_only_instead()
            app.notify(uw.VIEW_ONLY_JOURNAL_KEPT, title=uw.VIEW_ONLY, timeout=8)
    except (ReportError, ValueError) as exc:  # SessionError is a ValueError
        app.notify(str(exc), title=uw.FAILED, severity="error", timeout=10)
        session.read_only_instead()
    if on_change is not None:
        on_change()


def suggest_other_name(path: Path) -> Path:
    """``2021-ivanov.toml`` beside the report (``-2``, ``-3`` … if taken)."""
    from kedr_tui.core.store.lock import _user

    stem = f"{path.stem}-{_user()}"
    candidate = path.with_name(f"{stem}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}-{number}{path.suffix}")
        number += 1
    return candidate


def resolve_conflict(app, session: Session, error: FileChangedError, on_change: Callback = None,
                     on_done: Callable[[str | None], None] | None = None) -> None:
    """The file changed (or vanished) on disk: ask, then reload or save under another name."""
    from kedr_tui.ui.safety.screens import RELOADED, SAVED_AS, ConflictScreen

    def save_as(path: Path) -> Path:
        if error.kind == "deleted" and _same(path, session.path):
            return session.save(path, overwrite=True)  # write it back where it was
        return session.save(path)

    def answered(result) -> None:
        if result is None:
            app.notify(uw.NOT_SAVED_KEPT, timeout=5)
            outcome = None
        elif result[0] == RELOADED:
            app.notify(uw.RELOADED_FROM_DISK, timeout=4)
            outcome = RELOADED
            if on_change is not None:
                on_change()
        else:
            app.notify(uw.saved_elsewhere(result[1], session.path.name),
                       title=uw.SAVED_AS, timeout=8)
            outcome = SAVED_AS
        if on_done is not None:
            on_done(outcome)

    message = error.message
    reload = session.reload if error.kind != "deleted" else None
    app.push_screen(ConflictScreen(message, suggest_other_name(session.path), reload, save_as),
                    answered)


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)
