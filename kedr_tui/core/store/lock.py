"""One writer per report: an advisory lock beside it, and a note saying who holds it.

The lock is ``flock`` on ``.<name>.lock``.  ``flock`` belongs to the open
file, so the kernel drops it when the holder exits in any way, ``kill -9``
included: a lock never goes stale, and nobody has to guess whether an old lock
file may be broken.  The lock file is never deleted by us; if someone deletes
or replaces it while we wait, we lock the new one (the inode check in
``_flock``).  The holder writes ``.<name>.owner`` (user, host, pid, since); it
is believed only while the lock is actually held, so a note left by a killed
holder is harmless.

This is the ``flock`` part of the ``filelock`` library in a few lines: that
library costs 7 ms to import (threads, asyncio, SQLite read-write locks), a
sixth of the app's whole start-up budget, for one system call we need.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import os
import socket
from pathlib import Path

import msgspec
from msgspec import Struct

from kedr_tui.core import wording
from kedr_tui.core.errors import ReportError, os_reason
from kedr_tui.core.store.regular import NOTE_LIMIT, read_regular
from kedr_tui.core.store.shared import NOTE_MODE, SHARED_MODE, create, group_of

_OWNER_WAIT = 0.5  # a holder that has just locked writes its note within this time


def lock_path(report: Path) -> Path:
    return report.with_name(f".{report.name}.lock")


def owner_path(report: Path) -> Path:
    return report.with_name(f".{report.name}.owner")


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USER") or os.environ.get("LOGNAME") or str(os.geteuid())


def when_text(iso: str) -> str:
    """``14:05`` today, ``26.11 14:05`` this year, ``26.11.2025 14:05`` before."""
    try:
        moment = _dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return wording.TIME_UNKNOWN
    local = moment.astimezone() if moment.tzinfo else moment
    now = _dt.datetime.now(local.tzinfo)
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if local.year == now.year:
        return local.strftime("%d.%m %H:%M")
    return local.strftime("%d.%m.%Y %H:%M")


class Owner(Struct, frozen=True):
    """Who edits a report: shown to everyone else who opens it."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601 with the holder's UTC offset

    @classmethod
    def me(cls) -> "Owner":
        return cls(_user(), socket.gethostname(), os.getpid(),
                   _dt.datetime.now().astimezone().isoformat(timespec="seconds"))

    @classmethod
    def from_json(cls, data: dict) -> "Owner":
        """An owner from a note or a journal header, which any group member can write:
        checked like any input (ValueError/KeyError/TypeError when it is not one)."""
        user, host, pid, since = data["user"], data["host"], data["pid"], data["since"]
        if not all(isinstance(v, str) and 0 < len(v) <= 256 for v in (user, host)):
            raise ValueError("user, host")
        if not isinstance(since, str) or len(since) > 64:
            raise ValueError("since")
        if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 2 ** 31:
            raise ValueError("pid")  # 0 or -1 would make ``alive_here`` signal a whole group
        return cls(user, host, pid, since)

    def is_me(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()

    def alive_here(self) -> bool | None:
        """Whether the pid runs, if the holder is on this host; ``None`` when we can't tell."""
        if self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def describe(self) -> str:
        return wording.owner_since(self.user, self.host, self.pid, when_text(self.since))


class LockHeld(ReportError):
    """Someone else edits this report; ``owner`` says who, when known."""

    def __init__(self, report: Path, owner: Owner | None):
        if owner is None:
            message = wording.LOCK_HELD_UNKNOWN
        elif owner.is_me():
            message = wording.LOCK_HELD_HERE
        else:
            message = wording.lock_held(owner.describe())
        super().__init__(str(report), message)
        self.owner = owner


def read_owner(report: Path) -> Owner | None:
    try:
        data, st = read_regular(owner_path(report), NOTE_LIMIT)
        owner = Owner.from_json(msgspec.json.decode(data))
    except (ReportError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return None
    # Any member may replace the note (the folder is theirs too): the user it names is
    # believed only if the note's file belongs to that user; otherwise the file's owner is
    # shown, since that is who wrote it.
    writer = _login(st.st_uid)
    if writer is not None and writer != owner.user:
        owner = Owner(writer, owner.host, owner.pid, owner.since)
    return owner


def _login(uid: int) -> str | None:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return None


def _held_by(report: Path) -> Owner | None:
    """The holder's note; waits briefly for a holder that has only just locked."""
    import time

    deadline = time.monotonic() + _OWNER_WAIT
    while True:
        owner = read_owner(report)
        fresh = owner is not None and owner.alive_here() is not False
        if fresh or time.monotonic() >= deadline:
            return owner if fresh else None
        time.sleep(0.05)


class EditLock:
    """The right to change one report, held from open to close of an editing session."""

    def __init__(self, report: Path):
        self.report = Path(report)
        self.path = lock_path(self.report)
        self.owner: Owner | None = None
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Owner:
        """Take the lock or raise LockHeld (who holds it) / ReportError (why it can't be made)."""
        try:
            self._fd = _flock(self.path, group_of(self.report))
        except BlockingIOError:
            raise LockHeld(self.report, _held_by(self.report)) from None
        except PermissionError:
            raise ReportError(str(self.report), wording.lock_file_denied(self.path.name)) from None
        except OSError as exc:
            raise ReportError(str(self.report), wording.lock_failed(os_reason(exc, self.report.parent))) from None
        self.owner = Owner.me()
        self._write_owner(self.owner)
        return self.owner

    def _write_owner(self, owner: Owner) -> None:
        """Best effort: without the note others are told «другой сеанс», nothing worse."""
        path = owner_path(self.report)
        data = msgspec.json.encode(owner)
        # Always a new file of ours, made exclusively: opening the old one for writing would
        # wait for ever on a planted FIFO, follow nothing useful, and keep its owner's uid.
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            return
        except OSError:
            return
        fd = None
        try:
            fd = create(path, NOTE_MODE, group_of(self.report))
            os.write(fd, data)
        except OSError:
            pass
        finally:
            if fd is not None:
                os.close(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        mine = read_owner(self.report)
        if mine is not None and mine == self.owner:
            try:
                owner_path(self.report).unlink()
            except OSError:
                pass
        os.close(fd)  # closing the last descriptor of the open file drops the flock


def _flock(path: Path, gid: int | None) -> int:
    """An open descriptor of ``path`` holding its exclusive flock; BlockingIOError if held.

    Between opening the file and locking it another process may delete or
    replace it; the lock we got would then be on a file nobody else opens, so
    we check that the path is still our file and otherwise start again.
    """
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            try:
                fd = create(path, SHARED_MODE, gid)
            except FileExistsError:  # made by someone else just now: open theirs
                continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            mine = os.fstat(fd)
            try:
                now = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino):
            if mine.st_uid == os.geteuid() and gid is not None and mine.st_gid != gid:
                try:  # a lock file of ours from before the report changed group
                    os.fchown(fd, -1, gid)
                except OSError:
                    pass
            return fd
        os.close(fd)  # the file was replaced while we locked it: lock the one there now
