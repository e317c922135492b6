"""The journal: every committed edit of a session, on disk before it is shown as done.

``.<name>.journal`` beside the report is JSON Lines.  The first line is a
header naming the version of the file the edits apply to (its SHA-256), who
made them and since when; each further line is one committed step::

    {"kedr_journal": 1, "report": "2021.toml", "sha256": "…", "size": 41231,
     "user": "ivanov", "host": "srv", "pid": 4242, "since": "2026-11-27T14:05:00+07:00"}
    {"n": 1, "op": "apply", "edit": {"op": "set", …}, "at": "…"}
    {"n": 2, "op": "undo", "edit": {…}, "at": "…"}
    {"n": 3, "op": "save", "sha256": "…", "at": "…"}

A line is appended with one ``write`` and ``fdatasync``'d before the session
reports the edit done, so a line cut short by a crash is one that was never
committed: it is ignored (and cut off before appending resumes).  ``save``
records the hash of the text about to be written: if the file on disk has it,
the save completed and the journal is only a leftover.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
from pathlib import Path

import msgspec
from msgspec import Struct, field

from kedr_tui.core.errors import KedrError
from kedr_tui.core.store.lock import Owner, when_text
from kedr_tui.core.store.regular import JOURNAL_LIMIT, REPORT_LIMIT, UnreadableFile, read_regular
from kedr_tui.core.store.shared import create, fsync_dir, grants_more, group_of, private_mode
from kedr_tui.core import wording

FORMAT = 1
EDIT_OPS = ("apply", "undo", "redo", "state")  # "state": a whole review, as changed

MATCH = "match"        # applies to the file as it is: can be recovered
SAVED = "saved"        # the file already holds its result: a leftover of a finished save
MISMATCH = "mismatch"  # written for another version of the file: not applied
DAMAGED = "damaged"    # unreadable or does not replay: not applied


def journal_path(report: Path) -> Path:
    return Path(report).with_name(f".{Path(report).name}.journal")


def _now() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


class JournalDamaged(KedrError, ValueError):
    """A journal file that is not one (a bad header or a broken line before the end)."""


def read_entries(path: Path) -> tuple[dict, list[dict], int]:
    """Header, entries and the byte size up to the end of the last whole entry.

    Trailing lines that are cut short or garbled are an edit that was never
    committed and are left out; a broken line followed by good ones is damage.
    """
    data = read_regular(path, JOURNAL_LIMIT, wording.JOURNAL_FILE)[0]
    lines = data.split(b"\n")
    lines.pop()  # after the last newline: empty, or a line cut short
    parsed: list[tuple[dict | None, int]] = []
    offset = 0
    for raw in lines:
        offset += len(raw) + 1
        try:
            value = msgspec.json.decode(raw)
        except (ValueError, RecursionError):  # garbled, or nested 20 000 deep
            value = None
        parsed.append((value if isinstance(value, dict) else None, offset))
    while parsed and parsed[-1][0] is None:
        parsed.pop()
    if not parsed or parsed[0][0] is None or "kedr_journal" not in parsed[0][0]:
        raise JournalDamaged(wording.JOURNAL_NO_HEADER)
    if parsed[0][0].get("kedr_journal") != FORMAT:
        raise JournalDamaged(wording.journal_version_unknown(parsed[0][0].get('kedr_journal')))
    for number, (value, _end) in enumerate(parsed[1:], start=1):
        if value is None or "op" not in value:
            raise JournalDamaged(wording.journal_entry_damaged(number))
    return parsed[0][0], [value for value, _ in parsed[1:]], parsed[-1][1]


class JournalInfo(Struct, frozen=True):
    """A journal found beside a report, and what it would do to it."""

    path: Path
    report: Path
    status: str
    header: dict = field(default_factory=dict)
    entries: tuple = ()
    size: int = 0                   # bytes up to the end of the last whole entry
    changes: tuple[str, ...] = ()   # Russian lines: row, field, old → new
    reason: str = ""                # why it can't be applied (MISMATCH, DAMAGED)

    @property
    def recoverable(self) -> bool:
        return self.status == MATCH and bool(self.changes)

    @property
    def obsolete(self) -> bool:
        """Nothing to offer: a finished save's leftover, or edits that cancel out."""
        return self.status == SAVED or (self.status == MATCH and not self.changes)

    @property
    def owner(self) -> Owner | None:
        try:
            return Owner.from_json(self.header)
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def edit_count(self) -> int:
        return sum(1 for e in self.entries if e.get("op") in EDIT_OPS)

    def summary(self) -> str:
        """One Russian line: whose journal, since when, how many edits."""
        owner = self.owner
        who = wording.journal_owner(owner.user, owner.host, owner.pid, when_text(owner.since)) \
            if owner else wording.AUTHOR_UNKNOWN
        if self.status == MATCH:
            return wording.journal_summary(self.path.name, len(self.changes), None, who)
        return wording.journal_summary(self.path.name, None, self.edit_count, who)


def sha_of_file(report: Path) -> str | None:
    from kedr_tui.core.store.report import sha256_of

    try:
        return sha256_of(read_regular(report, REPORT_LIMIT)[0])
    except UnreadableFile:
        return None


def _status(header: dict, entries: list[dict], sha: str | None) -> tuple[str, str]:
    if sha is not None and header.get("sha256") == sha:
        return MATCH, ""
    saves = [i for i, e in enumerate(entries) if e.get("op") == "save"]
    if sha is not None and saves and entries[saves[-1]].get("sha256") == sha \
            and not any(e.get("op") in EDIT_OPS for e in entries[saves[-1]:]):
        return SAVED, ""
    since = when_text(header.get("since", ""))
    return MISMATCH, wording.journal_of_other_version(since)


def inspect_journal(subject: Path, sha_now, describe) -> JournalInfo | None:
    """The journal beside ``subject`` (a report, or its review file), if any.

    ``sha_now()`` gives the hash of the subject as it is now; ``describe(entries)``
    says what the journal would change (``JournalDamaged`` if it can't apply).
    """
    subject = Path(subject)
    path = journal_path(subject)
    try:
        header, entries, size = read_entries(path)
    except UnreadableFile as exc:
        if exc.missing:
            return None
        return JournalInfo(path, subject, DAMAGED, reason=exc.message)
    except JournalDamaged as exc:
        return JournalInfo(path, subject, DAMAGED, reason=wording.journal_damaged(exc))
    try:
        distrust = grants_more(os.stat(path), os.stat(subject))
    except OSError:
        distrust = None
    if distrust:
        return JournalInfo(path, subject, DAMAGED, header, tuple(entries), size,
                           reason=wording.journal_distrusted(distrust))
    status, reason = _status(header, entries, sha_now())
    changes: tuple[str, ...] = ()
    if status == MATCH:
        try:
            changes = tuple(describe(entries))
        except JournalDamaged as exc:
            status, reason = DAMAGED, str(exc)
    return JournalInfo(path, subject, status, header, tuple(entries), size, changes, reason)


def journal_warning(report: Path) -> str | None:
    """For ``check`` and ``export``: one line if edits of the report wait in a journal.

    Cheap (no tomlkit, no lock): reads the journal and hashes the file.
    """
    report = Path(report)
    path = journal_path(report)
    try:
        header, entries, _size = read_entries(path)
    except UnreadableFile as exc:
        if exc.missing:
            return None
        return wording.journal_unreadable_beside(report, path.name, exc.message)
    except JournalDamaged:
        return wording.journal_unreadable_beside(report, path.name)
    status, _reason = _status(header, entries, sha_of_file(report))
    edits = sum(1 for e in entries if e.get("op") in EDIT_OPS)
    if status == SAVED or edits == 0:
        return None
    try:
        owner = Owner.from_json(header)
        who = wording.owner_since(owner.user, owner.host, owner.pid, when_text(owner.since))
    except (KeyError, TypeError, ValueError):
        who = wording.AUTHOR_UNKNOWN
    return wording.journal_beside(report, edits, who, other_version=status == MISMATCH)


class Journal:
    """The open journal of an editing session; ``append`` returns once the line is on disk."""

    def __init__(self, report: Path, fd: int, count: int = 0, end: int | None = None):
        self.report = Path(report)
        self.path = journal_path(self.report)
        self._fd: int | None = fd
        self.count = count
        #: bytes up to the end of the last whole entry: a failed append is cut back to it
        self._end = os.fstat(fd).st_size if end is None else end
        self._ragged = False  # a cut-back failed: the next append tries it first

    @classmethod
    def start(cls, report: Path, sha256: str, size: int, owner: Owner | None) -> "Journal":
        """A new journal for edits of the file whose content has ``sha256``; replaces any old one."""
        report = Path(report)
        path = journal_path(report)
        header = {"kedr_journal": FORMAT, "report": report.name, "sha256": sha256, "size": size}
        owner = owner or Owner.me()
        header.update(user=owner.user, host=owner.host, pid=owner.pid, since=_now())
        tmp = path.with_name(f"{path.name}.{os.getpid()}.new")
        clean_leftovers(report)
        fd = create(tmp, private_mode(report), group_of(report), os.O_WRONLY | os.O_APPEND)
        try:
            _write_all(fd, msgspec.json.encode(header) + b"\n")
            _sync(fd)
            os.replace(tmp, path)
        except BaseException:
            os.close(fd)
            try:
                tmp.unlink()
            except OSError:
                pass
            raise
        fsync_dir(report.parent)
        return cls(report, fd)  # its end: the header just written

    @classmethod
    def resume(cls, info: JournalInfo) -> "Journal":
        """Continue a recovered journal, cutting off a line a crash left unfinished."""
        fd = os.open(info.path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC | os.O_NOFOLLOW)
        try:
            if os.fstat(fd).st_size != info.size:
                os.ftruncate(fd, info.size)
                _sync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(info.report, fd, len(info.entries), info.size)

    def append(self, op: str, **data) -> None:
        """Add one entry and wait until it is on disk (OSError if it can't be)."""
        if self._fd is None:
            raise OSError(errno.EBADF, "journal is closed")
        if self._ragged:
            self._cut_back()
            if self._ragged:
                raise OSError(errno.EIO, "journal cannot be cut back to its last entry")
        line = msgspec.json.encode({"n": self.count + 1, "op": op, **data, "at": _now()}) + b"\n"
        try:
            _write_all(self._fd, line)
            _sync(self._fd)
        except BaseException:
            # A disk that filled half-way through leaves part of the line: cut it off, or
            # the next entry would be glued to it and recovery would lose both.
            self._cut_back()
            raise
        self.count += 1
        self._end += len(line)

    def _cut_back(self) -> None:
        try:
            os.ftruncate(self._fd, self._end)
            _sync(self._fd)
            self._ragged = False
        except OSError:
            self._ragged = True

    def close(self) -> None:
        """Stop writing; the file stays for the next start to recover."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def remove(self) -> None:
        """The edits are saved or discarded: the journal goes."""
        self.close()
        remove_journal(self.report)


def leftovers(report: Path) -> list[Path]:
    """``.<name>.journal.<pid>.new`` files a start killed before its rename left behind."""
    path = journal_path(report)
    prefix, found = f"{path.name}.", []
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return []
    with entries:
        for entry in entries:
            middle = entry.name[len(prefix):-len(".new")]
            if entry.name.startswith(prefix) and entry.name.endswith(".new") and middle.isdigit():
                found.append(Path(entry.path))
    return found


def clean_leftovers(report: Path) -> None:
    """Remove them; call only while holding the edit lock (no other start is under way)."""
    for leftover in leftovers(report):
        try:
            leftover.unlink()
        except OSError:
            pass


def remove_journal(report: Path) -> None:
    try:
        journal_path(report).unlink()
    except FileNotFoundError:
        return
    fsync_dir(Path(report).parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync(fd: int) -> None:
    (getattr(os, "fdatasync", None) or os.fsync)(fd)
