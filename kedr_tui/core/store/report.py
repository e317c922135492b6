"""All file I/O of reports: read, write back through tomlkit, atomically.

Reading uses tomllib (fast; see ``schema``); the text read is kept so that a
save can apply just the edits to it with tomlkit and keep every comment and
the key order a person wrote.
"""

from __future__ import annotations

import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from msgspec import Struct

from kedr_tui.core.analysis import Analysis, Context, analyse
from kedr_tui.core.errors import ReportError
from kedr_tui.core.model import LISTS, SINGLETONS, Report, data_fields
from kedr_tui.core.schema import Parsed, parse

_YEAR_NAME = re.compile(r"(\d{4})")
MAX_BYTES = 64 * 1024 * 1024


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


class Loaded(Struct, frozen=True):
    path: Path
    text: str
    parsed: Parsed
    context: Context
    analysis: Analysis | None       # None when the text is not TOML at all
    stamp: Stamp

    @property
    def report(self) -> Report | None:
        return self.parsed.report

    @property
    def findings(self):
        return self.analysis.findings if self.analysis else self.parsed.findings

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ReportError (exit 2) saying why not."""
    try:
        if path.is_dir():
            raise ReportError(str(path), "это папка, а не файл отчёта")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReportError(str(path), f"файл слишком велик ({size // 1048576} МБ) для отчёта")
        return path.read_bytes()
    except FileNotFoundError:
        raise ReportError(str(path), "файл не найден") from None
    except PermissionError:
        raise ReportError(str(path), "нет прав на чтение файла") from None
    except OSError as exc:
        raise ReportError(str(path), f"файл не читается: {exc.strerror or exc}") from None


def decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ReportError(str(path), "файл не в кодировке UTF-8", line, column) from None
    return text.removeprefix("\ufeff")


def stamp_of(path: Path, data: bytes) -> Stamp:
    st = path.stat()
    return Stamp(st.st_mtime_ns, st.st_size, data)


def file_year(path: Path) -> int | None:
    match = _YEAR_NAME.fullmatch(path.stem)
    return int(match.group(1)) if match else None


def previous_facts(path: Path, year: int) -> dict[str, Decimal | None] | None:
    """name -> fact from last year's report beside this one, if it exists and reads."""
    if not year:
        return None
    neighbour = path.with_name(f"{year - 1}{path.suffix}")
    try:
        data = tomllib.loads(neighbour.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    facts: dict[str, Decimal | None] = {}
    rows = data.get("indicators")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and isinstance(row.get("name"), str):
            fact = row.get("fact")
            ok = isinstance(fact, (int, Decimal)) and not isinstance(fact, bool)
            facts.setdefault(row["name"], Decimal(fact) if ok else None)
    return facts


def load(path: str | os.PathLike) -> Loaded:
    """Read and analyse a report.  Raises ReportError only if it can't be read or decoded."""
    path = Path(path)
    data = read_bytes(path)
    return from_text(path, decode(path, data), stamp_of(path, data))


def from_text(path: Path, text: str, stamp: Stamp) -> Loaded:
    """Analyse a report text that is (now) the content of ``path``."""
    parsed = parse(text)
    year = parsed.report.year if parsed.report else 0
    context = Context(parsed.locator, file_year(path), previous_facts(path, year))
    analysis = analyse(parsed.report, context, parsed.findings) if parsed.report else None
    return Loaded(path, text, parsed, context, analysis, stamp)


# ---------------------------------------------------------------- writing

def _item(value, old=None):
    import tomlkit

    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." not in text and value == value.to_integral_value():
            return tomlkit.integer(int(value))
        from tomlkit.items import Float, Trivia

        return Float(float(value), Trivia(), text)  # keeps the digits as entered: 30.00
    if isinstance(value, str):
        multiline = "\n" in value or bool(old is not None and getattr(old, "type", None)
                                         and "MLB" in str(old.type))
        if multiline and "\r" not in value:  # a bare CR would be read back as a newline
            return _multiline(value)
        return tomlkit.string(value)
    return tomlkit.item(value)


def _multiline(value: str):
    """A multi-line string written as people write them: the text starts on the next line."""
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    original = tomlkit.string(value, multiline=True)._original
    if not value.startswith("\n"):  # tomlkit adds the trimmed newline itself in that case
        original = "\n" + original
    return String(StringType.MLB, value, original, Trivia())


def _sync_table(table, old_row, new_row, fresh: bool) -> None:
    for name in data_fields(type(new_row)):
        value = getattr(new_row, name)
        if not fresh and getattr(old_row, name) == value:
            continue
        if value is None or (value == _default(type(new_row), name)
                             and name not in _required(new_row)):
            if name in table:
                del table[name]
            continue
        table[name] = _item(value, table.get(name))


def _default(cls, name):
    names, defaults = cls.__struct_fields__, cls.__struct_defaults__
    at = names.index(name) - (len(names) - len(defaults))
    return defaults[at] if at >= 0 else None


def _required(row) -> set[str]:
    from kedr_tui.core.fields import of_section

    section = next(s for s, c in {**SINGLETONS, **LISTS}.items() if c is type(row))
    return {f.name for f in of_section(section) if f.required}


def render(report: Report, base_text: str, base: Report | None) -> str:
    """The text of ``report``, written as edits into ``base_text`` (read as ``base``)."""
    import tomlkit

    if base is not None and report == base and _same_order(report):
        return base_text
    doc = tomlkit.parse(base_text) if base_text.strip() else tomlkit.document()
    if base is None:
        base = Report(year=0)
    for key in ("format", "year"):
        if key not in doc or getattr(base, key) != getattr(report, key):
            doc[key] = getattr(report, key)
    for section in SINGLETONS:
        new_row, old_row = getattr(report, section), getattr(base, section)
        if section not in doc:
            if new_row == type(new_row)():
                continue
            doc[section] = tomlkit.table()
            _sync_table(doc[section], old_row, new_row, fresh=True)
        else:
            _sync_table(doc[section], old_row, new_row, fresh=False)
    for section in LISTS:
        rows = getattr(report, section)
        old_rows = getattr(base, section)
        existing = list(doc[section]) if section in doc else []
        tables = []
        used: set[int] = set()
        for row in rows:
            # a row re-inserted by undo after a save may carry a stale or repeated src
            if row.src is not None and row.src < len(existing) and row.src not in used:
                used.add(row.src)
                table = existing[row.src]
                _sync_table(table, old_rows[row.src], row, fresh=False)
            else:
                table = tomlkit.table()
                _sync_table(table, None, row, fresh=True)
            tables.append(table)
        if [row.src for row in rows] == list(range(len(existing))):
            continue
        if section not in doc:
            if tables:
                aot = tomlkit.aot()
                for table in tables:
                    aot.append(table)
                doc[section] = aot
            continue
        if not tables:
            del doc[section]
            continue
        aot = doc[section]
        while len(aot):
            del aot[0]
        for table in tables:
            aot.append(table)
    return tomlkit.dumps(doc)


def _same_order(report: Report) -> bool:
    return all([row.src for row in getattr(report, s)] == list(range(len(getattr(report, s))))
               for s in LISTS)


def save(path: str | os.PathLike, report: Report, base_text: str, base: Report | None) -> Loaded:
    """Write ``report`` to ``path``; returns it as loaded from the text written."""
    return write_text(Path(path), render(report, base_text, base))


def write_text(path: Path, text: str) -> Loaded:
    """Write a rendered report atomically; ReportError with the reason if it can't be written."""
    from kedr_tui.core.store.atomic import write_atomic, write_error

    try:
        write_atomic(path, text)
        data = text.encode("utf-8")
        return from_text(path, text, stamp_of(path, data))
    except OSError as exc:
        raise write_error(path, exc) from None
