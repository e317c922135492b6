"""Noticing that someone else changed a report since it was read."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kedr_tui.core.errors import ReportError
from kedr_tui.core.store.regular import REPORT_LIMIT, UnreadableFile, read_regular
from kedr_tui.core.store.report import Stamp
from kedr_tui.core import wording


class FileChangedError(ReportError):
    """The file on disk is not what was read: never overwrite it silently.

    ``kind`` is ``"changed"`` or ``"deleted"``; the app offers reload, save
    under another name, or cancel.
    """

    def __init__(self, path: Path, kind: str, message: str, current: Stamp | None = None):
        super().__init__(str(path), message)
        self.kind = kind
        self.current = current


def _who_and_when(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    when = _dt.datetime.fromtimestamp(st.st_mtime)
    today = _dt.date.today()
    stamp = when.strftime("%H:%M") if when.date() == today else when.strftime("%d.%m.%Y %H:%M")
    try:
        import pwd

        owner = pwd.getpwuid(st.st_uid).pw_name
    except (ImportError, KeyError):
        owner = str(st.st_uid)
    return wording.changed_when_by(stamp, owner)


def check_unchanged(path: Path, stamp: Stamp) -> Stamp:
    """The file's stamp now; FileChangedError if its content is not what ``stamp`` says.

    A touch (new mtime, same bytes) is not a change: the content hash decides.
    """
    path = Path(path)
    try:
        data, st = read_regular(path, REPORT_LIMIT)
    except UnreadableFile as exc:
        if exc.missing:
            raise FileChangedError(path, "deleted", wording.FILE_DELETED_SAVE_AS) from None
        raise ReportError(str(path), wording.cannot_verify(exc.message)) from None
    current = Stamp(st.st_mtime_ns, len(data), data)
    if current.sha256 != stamp.sha256:
        raise FileChangedError(path, "changed", wording.file_changed(_who_and_when(path)), current)
    return current
