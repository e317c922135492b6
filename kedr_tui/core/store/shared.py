"""Files beside a report that colleagues in the same Unix group must be able to use.

The lock, the owner note and the journal are created with mode 0660 (0600 for
a journal of a report the group may not read) and the report's group, whatever
the creator's umask and primary group: a second officer of the group opens
them without PermissionError, users outside the group read nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SHARED_MODE = 0o660


def group_of(report: Path) -> int | None:
    """The group a report's companions should have: the report's, else its folder's."""
    for candidate in (report, report.parent):
        try:
            return candidate.stat().st_gid
        except OSError:
            continue
    return None


def private_mode(report: Path) -> int:
    """Mode for a file holding report data: group access only if the group may read the report."""
    try:
        readable_by_group = report.stat().st_mode & stat.S_IRGRP
    except OSError:
        readable_by_group = True
    return SHARED_MODE if readable_by_group else 0o600


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
