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
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from msgspec import Struct

from kedr_tui.core.errors import ReportError
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import Report
from kedr_tui.core.schema import Parsed, parse
from kedr_tui.core.store import parsed_cache
from kedr_tui.core.store.parsed_cache import Unkept
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
    #: (task, name) and name -> fact of last year's report beside this one (``_keyed``;
    #: ``LastYear``: read when first looked into), None when there is none
    previous_facts: Mapping[str | tuple, Decimal | None] | None
    #: a parse that missed the cache of parsed reports, still to be written there
    #: (``keep_parsed``: after the first frame)
    unkept: Unkept | None
    #: the model exactly as the text reads: ``parsed.report`` itself, unless a save
    #: rewrote values in their lines the way the file spells them (cash typed as 5 is
    #: 5.00 there: ``store.patch``); None when that is not known
    as_read: Report | None

    @property
    def report(self) -> Report | None:
        return self.parsed.report

    def keep_parsed(self) -> None:
        """Write the parse into the cache if it missed it (once; nothing otherwise)."""
        if self.unkept is not None:
            self.unkept.keep()


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


def parse_cached(text: str, stamp: Stamp) -> tuple[Parsed, Unkept | None]:
    """What ``schema.parse`` makes of ``text``, the content of a file read with ``stamp``:
    from the cache of parsed reports when it is there (``parsed_cache``), else parsed, with
    what to keep of it in the cache (``Unkept``: None when there is nothing to keep)."""
    if not parsed_cache.enabled(stamp.size):
        return parse(text), None
    entry = parsed_cache.lookup(stamp.sha256)
    if entry is not None:
        return Parsed(entry.report, entry.findings, Locator(text), entry.unsure), None
    parsed = parse(text)
    if parsed.report is None:           # not a report at all: nothing worth keeping
        return parsed, None
    return parsed, Unkept(stamp.sha256, parsed.report, parsed.findings, parsed.unsure)


def keep_parse(stamp: Stamp, parsed: Parsed) -> None:
    """Keep in the cache what a text we wrote was read back as (the next open finds it)."""
    if parsed.report is not None and parsed_cache.enabled(stamp.size):
        parsed_cache.store(stamp.sha256, parsed.report, parsed.findings, parsed.unsure)


def previous_facts(path: Path, year: int) -> "LastYear | None":
    """Last year's report beside this one (``LastYear``: read when first looked into), or
    None when there is no such file (or no year)."""
    if not year:
        return None
    neighbour = path.with_name(f"{year - 1}{path.suffix}")
    return LastYear(neighbour) if os.path.lexists(neighbour) else None


class LastYear(Mapping):
    """(task, name) and name -> fact from last year's report beside this one (``_keyed``),
    read when first looked into (only the full analysis does, for W-PREV: after the app's
    first frame), through the
    cache of parsed reports.  The names are whitespace-normalised, as an indicator is
    known (SPEC «Row identity»).  ``problem`` (Russian) says why the file could not be
    read, None when it was (or has gone since: then there are no facts)."""

    def __init__(self, neighbour: Path):
        from threading import Lock

        self.path = neighbour
        self.name = neighbour.name
        self._facts: dict[str, Decimal | None] | None = None
        self._lock = Lock()

    def _read(self) -> dict[str, Decimal | None]:
        facts = self._facts
        if facts is None:
            with self._lock:                        # the app's thread or a save's: one read
                if self._facts is None:
                    self._facts = _facts_of(self.path)
                facts = self._facts
        return facts

    @property
    def problem(self) -> str | None:
        return getattr(self._read(), "problem", None)

    def __getitem__(self, name: str) -> Decimal | None:
        return self._read()[name]

    def __iter__(self):
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __repr__(self) -> str:
        state = "unread" if self._facts is None else f"{len(self._facts)} facts"
        return f"LastYear({self.name}, {state})"


class UnreadablePrevious(dict):
    """Last year's report is there but can't be read: no facts to compare with, and why
    (``problem``, Russian).  A dict, empty, so that it goes where the facts would."""

    def __init__(self, name: str, problem: str):
        super().__init__()
        self.name = name
        self.problem = problem


def _facts_of(neighbour: Path) -> dict[str, Decimal | None]:
    """Last year's facts by name; ``UnreadablePrevious`` when the file can't be read, and
    none when it is missing.  A report whose parse (from the cache, or made and kept)
    has no finding gives them from its model; any other text is read as TOML and every
    indicator with a name gives its fact (a report with schema errors gives what it can)."""
    try:
        data, st = read_regular(neighbour, MAX_BYTES)
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnreadableFile as exc:
        return {} if exc.missing else UnreadablePrevious(neighbour.name, exc.message)
    except UnicodeDecodeError:
        return UnreadablePrevious(neighbour.name, wording.NOT_UTF8)
    parsed, unkept = parse_cached(text, Stamp(st.st_mtime_ns, st.st_size, data))
    if unkept is not None:
        unkept.keep()
    if parsed.report is not None and not parsed.findings:
        return _keyed((row.task, row.name, row.fact) for row in parsed.report.indicators)
    return _raw_facts(neighbour, text)


def _keyed(rows) -> dict:
    """Facts by an indicator's identity, (task, whitespace-normalised name), and by its name
    alone when only one indicator bears it (one moved to another task is still compared;
    a name two tasks share says nothing about a third)."""
    facts: dict = {}
    shared: set[str] = set()
    for task, name, fact in rows:
        name = " ".join(name.split())
        facts.setdefault((task, name), fact)
        if name in facts:
            shared.add(name)
        facts[name] = fact
    for name in shared:
        del facts[name]
    return facts


def _raw_facts(neighbour: Path, text: str) -> dict[str, Decimal | None]:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        return UnreadablePrevious(neighbour.name, wording.previous_syntax(int(at[1]) if at else None))
    except (ValueError, RecursionError):
        return UnreadablePrevious(neighbour.name, wording.previous_syntax(None))
    found = []
    rows = data.get("indicators")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("name"), str):
            fact = row.get("fact")
            ok = isinstance(fact, (int, Decimal)) and not isinstance(fact, bool)
            found.append((row.get("task"), row["name"], Decimal(fact) if ok else None))
    return _keyed(found)


def read_report(path: str | os.PathLike) -> ReportFile:
    """Read and parse a report.  Raises ReportError only if it can't be read or decoded."""
    path = Path(path)
    data, st = read_file(path)
    return report_file(path, decode(path, data), Stamp(st.st_mtime_ns, st.st_size, data))


def report_file(path: Path, text: str, stamp: Stamp, parsed: Parsed | None = None) -> ReportFile:
    """Parse a report text that is (now) the content of ``path`` (unless ``parsed`` is
    what it was read as already: then it is what the cache keeps for this text)."""
    if parsed is None:
        parsed, unkept = parse_cached(text, stamp)
    else:
        keep_parse(stamp, parsed)
        unkept = None
    year = parsed.report.year if parsed.report else 0
    return ReportFile(path, text, parsed, stamp, file_year(path), previous_facts(path, year), unkept,
                      parsed.report)


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
