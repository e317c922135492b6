"""All file I/O of reports: read, and write back (``writeback``) atomically.

Reading uses tomllib (fast; see ``schema``); the text read is kept so that a
save can apply just the edits to it with tomlkit and keep every comment and
the key order a person wrote.  What a file holds is all this returns: the
figures and the checks are worked out above the store (``core.loading``).
"""

from __future__ import annotations

import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from msgspec import Struct

from kedr_tui.core.errors import ReportError
from kedr_tui.core.model import Report
from kedr_tui.core.schema import Parsed, parse
from kedr_tui.core.store.regular import REPORT_LIMIT, UnreadableFile, read_regular
from kedr_tui.core.store.writeback import render
from kedr_tui.core import wording

_YEAR_NAME = re.compile(r"(\d{4})")
MAX_BYTES = REPORT_LIMIT


def sha256_of(data: bytes) -> str:
    import hashlib  # 2 ms to import (OpenSSL): not on the way to the first frame

    return hashlib.sha256(data).hexdigest()


class Stamp:
    """What a file was when read: to notice that someone else changed it.

    The content's hash is worked out when first asked for (the first edit
    starts the journal with it; a save compares it), not when the file is
    opened: until then the bytes read are kept.
    """

    __slots__ = ("mtime_ns", "size", "_data", "_sha256")

    def __init__(self, mtime_ns: int, size: int, data: bytes):
        self.mtime_ns = mtime_ns
        self.size = size
        self._data: bytes | None = data
        self._sha256: str | None = None

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            self._sha256, self._data = sha256_of(self._data), None
        return self._sha256

    def __repr__(self) -> str:
        return f"Stamp(mtime_ns={self.mtime_ns}, size={self.size})"


class ReportFile(Struct, frozen=True):
    """A report file as read: its text, what parsing made of it (the model, or the
    syntax and schema findings), and the neighbour's facts its checks compare with."""

    path: Path
    text: str
    parsed: Parsed
    stamp: Stamp
    #: the year in the file's name (``2021.toml``), None for another name
    file_year: int | None
    #: name -> fact of last year's report beside this one, None when there is none
    previous_facts: dict[str, Decimal | None] | None

    @property
    def report(self) -> Report | None:
        return self.parsed.report


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and ``fstat``, or a ReportError (exit 2) saying why not: only a
    regular file of at most MAX_BYTES is read (a FIFO or ``/dev/zero`` is refused at once)."""
    return read_regular(path, MAX_BYTES)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ReportError (exit 2) saying why not."""
    return read_file(path)[0]


def decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReportError(str(path), wording.NOT_UTF8, line, column) from None
    return text.removeprefix("\ufeff")


def stamp_of(path: Path, data: bytes) -> Stamp:
    st = path.stat()
    return Stamp(st.st_mtime_ns, st.st_size, data)


def file_year(path: Path) -> int | None:
    match = _YEAR_NAME.fullmatch(path.stem)
    return int(match.group(1)) if match else None


class UnreadablePrevious(dict):
    """Last year's report is there but can't be read: no facts to compare with, and why
    (``problem``, Russian).  A dict, empty, so that it goes where the facts would."""

    def __init__(self, name: str, problem: str):
        super().__init__()
        self.name = name
        self.problem = problem


def previous_facts(path: Path, year: int) -> dict[str, Decimal | None] | None:
    """name -> fact from last year's report beside this one, if it exists and reads; the
    names whitespace-normalised, as an indicator is known (SPEC «Row identity»)."""
    if not year:
        return None
    neighbour = path.with_name(f"{year - 1}{path.suffix}")
    try:
        text = read_regular(neighbour, MAX_BYTES)[0].decode("utf-8")
        data = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except UnreadableFile as exc:
        return None if exc.missing else UnreadablePrevious(neighbour.name, exc.message)
    except UnicodeDecodeError:
        return UnreadablePrevious(neighbour.name, wording.NOT_UTF8)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        return UnreadablePrevious(neighbour.name, wording.previous_syntax(int(at[1]) if at else None))
    except (ValueError, RecursionError):
        return UnreadablePrevious(neighbour.name, wording.previous_syntax(None))
    facts: dict[str, Decimal | None] = {}
    rows = data.get("indicators")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("name"), str):
            fact = row.get("fact")
            ok = isinstance(fact, (int, Decimal)) and not isinstance(fact, bool)
            facts.setdefault(" ".join(row["name"].split()), Decimal(fact) if ok else None)
    return facts


def read_report(path: str | os.PathLike) -> ReportFile:
    """Read and parse a report.  Raises ReportError only if it can't be read or decoded."""
    path = Path(path)
    data, st = read_file(path)
    return report_file(path, decode(path, data), Stamp(st.st_mtime_ns, st.st_size, data))


def report_file(path: Path, text: str, stamp: Stamp, parsed: Parsed | None = None) -> ReportFile:
    """Parse a report text that is (now) the content of ``path`` (unless ``parsed`` is
    what it was read as already)."""
    parsed = parse(text) if parsed is None else parsed
    year = parsed.report.year if parsed.report else 0
    return ReportFile(path, text, parsed, stamp, file_year(path), previous_facts(path, year))


# ---------------------------------------------------------------- writing

def save(path: str | os.PathLike, report: Report, base_text: str, base: Report | None) -> ReportFile:
    """Write ``report`` to ``path``; returns it as read from the text written."""
    from kedr_tui.core.store.layout import render_checked

    made = render_checked(report, base_text, base)   # the plain file's quick way
    if made is not None:
        return write_text(Path(path), *made)
    return write_text(Path(path), render(report, base_text, base))


def write_text(path: Path, text: str, parsed: Parsed | None = None) -> ReportFile:
    """Write a rendered report atomically; ReportError with the reason if it can't be written.
    ``parsed``: what ``text`` was already read as (it is not parsed again)."""
    from kedr_tui.core.store.atomic import write_atomic, write_error

    try:
        write_atomic(path, text)
        data = text.encode("utf-8")
        return report_file(path, text, stamp_of(path, data), parsed)
    except OSError as exc:
        raise write_error(path, exc) from None
