"""Files beside a report that colleagues in the same Unix group must be able to use.

Companion files grant no more than the report grants, whatever the creator's
umask and primary group, and carry the report's group:

- the lock (empty) is 0660: any member who may open the report can lock it;
- the owner note is 0640: members read who holds the lock, but only its
  writer can change it (the next holder replaces it; a reader also checks
  that the file's owner is the user the note names);
- the journal has the report's group bits: 0660 for a group-writable report,
  0640 for a group-readable one (a member who may not write the report must
  not plant edits its owner would recover), 0600 otherwise.

Users outside the group read none of them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from kedr_tui.core import wording

SHARED_MODE = 0o660
NOTE_MODE = 0o640


def group_of(report: Path) -> int | None:
    """The group a report's companions should have: the report's, else its folder's."""
    for candidate in (report, report.parent):
        try:
            return candidate.stat().st_gid
        except OSError:
            continue
    return None


def private_mode(report: Path) -> int:
    """Mode for a file holding report data: the group gets what it has on the report, no more."""
    try:
        group = report.stat().st_mode & (stat.S_IRGRP | stat.S_IWGRP)
    except OSError:
        group = 0
    if not group & stat.S_IRGRP:
        group = 0  # write without read is not a way to share edits
    return 0o600 | group


def grants_more(companion: os.stat_result, report: os.stat_result) -> str | None:
    """Why a companion file read back cannot be trusted to speak for the report, or None.

    A journal is applied to the report when recovered: it must have been writable only
    by those who may write the report itself.
    """
    if companion.st_uid in (report.st_uid, os.geteuid()):
        writer_ok = True
    else:
        writer_ok = bool(report.st_mode & stat.S_IWGRP and companion.st_gid == report.st_gid) \
            or bool(report.st_mode & stat.S_IWOTH)
    if not writer_ok:
        return wording.COMPANION_FOREIGN_WRITER
    if companion.st_mode & stat.S_IWGRP and not report.st_mode & stat.S_IWGRP:
        return wording.COMPANION_GROUP_WRITABLE
    if companion.st_mode & stat.S_IWOTH and not report.st_mode & stat.S_IWOTH:
        return wording.COMPANION_WORLD_WRITABLE
    return None


def share(fd: int, mode: int, gid: int | None) -> None:
    """Give a file we just created its shared mode and group (best effort for the group)."""
    os.fchmod(fd, mode)  # the umask must not decide who may open it
    if gid is not None and os.fstat(fd).st_gid != gid:
        try:
            os.fchown(fd, -1, gid)
        except OSError:  # not a member of that group: keep ours, the mode still protects
            pass


def create(path: Path, mode: int, gid: int | None, flags: int = os.O_WRONLY) -> int:
    """Create ``path`` exclusively and return a descriptor; mode and group as shared."""
    fd = os.open(path, flags | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        share(fd, mode, gid)
    except BaseException:
        os.close(fd)
        raise
    return fd


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable; some file systems refuse, that's fine."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def umask() -> int:
    """The process umask, read without changing it (Linux), else the usual 022."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022
