"""Replacing a file so that it is always the complete old or the complete new version.

``write_atomic`` writes a temporary file in the same folder, fsyncs it, gives
it the original's mode and group, keeps the old version as ``<name>~`` (a hard
link, so no copy and no window without a file), renames it over the original
and fsyncs the folder.  A save killed half-way leaves only the temporary file,
which ``clean_temporaries`` removes at the next open.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kedr_tui.core.errors import ReportError, os_reason
from kedr_tui.core.store.shared import fsync_dir, umask
from kedr_tui.core import wording

TMP_SUFFIX = ".tmp"
# tempfile.mkstemp names: prefix + 8 characters of [a-z0-9_] + suffix
_RANDOM = re.compile(r"[a-z0-9_]{8}")


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")


def write_atomic(path: Path, text: str | bytes | Iterable[bytes], keep_backup: bool = True, *,
                 durable: bool = True, private: bool = False) -> None:
    """Replace ``path`` with ``text``; on any failure the original is untouched and OSError raised.

    ``text`` may also be pieces of bytes, written as they come (a big output need not be
    held whole); whatever fails while they are made leaves the original untouched too.

    The temporary is made by ``mkstemp``: a random name created with ``O_EXCL``, so a
    symlink planted in the folder is never followed; the rename replaces a link at ``path``
    itself, never the file it points to.

    ``durable=False``: no fsync of the file nor of the folder (a cache entry, which may be
    lost in a crash: it is made again).  ``private=True``: the file is mode 0600 (mkstemp's),
    whatever the original's mode or the umask.
    """
    path = Path(path)
    folder = path.parent
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        st = path.stat(follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode):
            st = None  # a link or something odd at the target: the new file gets plain modes
    except FileNotFoundError:
        st = None
    fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=TMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray, memoryview)):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if private:
            pass                # mkstemp's 0600
        elif st is not None:
            os.chmod(tmp, st.st_mode & 0o7777)
            if os.stat(tmp).st_gid != st.st_gid:
                try:
                    os.chown(tmp, -1, st.st_gid)
                except OSError:  # not in the original's group: the new file keeps ours
                    pass
        else:
            os.chmod(tmp, 0o666 & ~umask())  # what any new file would get, not mkstemp's 0600
        if st is not None and keep_backup:
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(folder)


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    try:
        os.unlink(backup)
    except FileNotFoundError:
        pass
    try:
        os.link(path, backup)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        shutil.copy2(path, backup)  # a file system without hard links


def temporaries(path: Path) -> list[Path]:
    """Temporary files a killed save of ``path`` may have left."""
    path = Path(path)
    prefix = _tmp_prefix(path)
    found = []
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return []
    with entries:
        for entry in entries:
            name = entry.name
            if (name.startswith(prefix) and name.endswith(TMP_SUFFIX)
                    and _RANDOM.fullmatch(name[len(prefix):-len(TMP_SUFFIX)])):
                found.append(Path(entry.path))
    return found


def clean_temporaries(path: Path) -> list[Path]:
    """Remove what killed saves left; call only while holding the edit lock."""
    removed = []
    for tmp in temporaries(path):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed




def write_error(path: Path, exc: OSError) -> ReportError:
    """An OSError of a save as a one-line Russian reason; the original is known to be intact."""
    path = Path(path)
    reason = os_reason(exc, path.parent)
    return ReportError(str(path), wording.save_failed(reason))
