"""Reading a file that someone else may have planted: regular files only, of bounded size.

Anyone in a shared folder's group can put a FIFO where a report, a journal
or a lock note is expected (a plain ``open`` then waits for a writer forever,
so every command and the app hang), or a symlink to ``/dev/zero`` (read until
memory runs out).  ``read_regular`` opens without blocking, checks with
``fstat`` on the open descriptor (so the check and the read are of one file)
that it is a regular file, and reads at most ``limit`` bytes.

Limits (stated in docs/safety.md): a report, its journal and a ``--from``
source at most 64 MB; a lock note 4 KB; a style file 1 MB.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kedr_tui.core import wording
from kedr_tui.core.errors import ReportError

REPORT_LIMIT = 64 * 1024 * 1024
JOURNAL_LIMIT = 64 * 1024 * 1024
NOTE_LIMIT = 4 * 1024
STYLE_LIMIT = 1024 * 1024
_CHUNK = 1 << 20


class UnreadableFile(ReportError):
    """A file that is missing, not a regular file, too large or not readable (exit 2)."""

    def __init__(self, path, message: str, missing: bool = False):
        super().__init__(str(path), message)
        self.missing = missing


def read_regular(path: str | os.PathLike, limit: int, what: str = ""
                 ) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its ``fstat``; UnreadableFile (Russian) otherwise.

    ``what`` names the file in messages («журнал», «файл оформления»); none for a report.
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFile(path, wording.unreadable(what, wording.FILE_NOT_FOUND), missing=True) from None
    except OSError as exc:
        raise UnreadableFile(path, wording.unreadable(what, open_reason(exc))) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise UnreadableFile(path, wording.unreadable(what, wording.IS_A_FOLDER))
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(path, wording.unreadable(what, wording.not_regular(_kind(st.st_mode))))
        if st.st_size > limit:
            raise UnreadableFile(path, wording.unreadable(what, wording.too_large(limit, st.st_size)))
        chunks: list[bytes] = []
        total = 0
        while True:  # a file that grows while we read still stops at the limit
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(path, wording.unreadable(what, wording.too_large(limit)))
        return b"".join(chunks), st
    except OSError as exc:
        raise UnreadableFile(path, wording.unreadable(what, open_reason(exc))) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def open_reason(exc: OSError) -> str:
    """Why a file could not be opened or read, in Russian (never the English strerror)."""
    return wording.read_failed(exc.errno)
