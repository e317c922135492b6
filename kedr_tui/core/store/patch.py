"""Saving the usual edit without parsing the whole file again: values changed in place.

tomlkit keeps every comment and the key order, but it parses the whole text
(about 2.5 s and 96 MiB per MB of report).  Most saves change only values of
keys that are already in the file, in rows that stay where they were: those
are rewritten right in their lines here, the rest of the text untouched.  Each
rewritten line is read back with tomllib and must give the new value; anything
else (rows added, removed or moved, a key added or removed, a multi-line text)
is left to the tomlkit path (``writeback.render``).
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

from kedr_tui.core.fields import NUMBER
from kedr_tui.core.locate import Locator, lines_with_ends
from kedr_tui.core.model import LISTS, SINGLETONS, Report, data_fields

_KEY = re.compile(r"""\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=[ \t]*""")
_BARE = re.compile(r"[^\s#]+")


def changed_values(report: Report, base: Report) -> list[tuple[tuple, object]] | None:
    """(path, new value) of every value that differs, rows in their places; None when
    rows were added, removed or moved."""
    changes: list[tuple[tuple, object]] = []
    for key in ("format", "year"):
        if getattr(report, key) != getattr(base, key):
            changes.append(((key,), getattr(report, key)))
    for section in SINGLETONS:
        new, old = getattr(report, section), getattr(base, section)
        if new is not old and new != old:
            for name in data_fields(type(new)):
                if getattr(new, name) != getattr(old, name):
                    changes.append(((section, name), getattr(new, name)))
    for section in LISTS:
        rows, old_rows = getattr(report, section), getattr(base, section)
        if rows is old_rows:
            continue
        if len(rows) != len(old_rows):
            return None
        for index, (new, old) in enumerate(zip(rows, old_rows)):
            if new is old:
                continue
            if new.src != index or old.src != index:
                return None
            if new == old:
                continue
            for name in data_fields(type(new)):
                if getattr(new, name) != getattr(old, name):
                    changes.append(((section, index, name), getattr(new, name)))
    return changes


def value_text(name: str, value, old_line: str, style) -> str | None:
    """``value`` as ``render`` writes it in place of the old one (``writeback``: the one
    writer of values); None when it is not one line."""
    import tomlkit  # its value writers only: no document is parsed

    from kedr_tui.core.store.writeback import _value_text

    try:
        old = next(iter(tomlkit.parse(old_line).values()), None)
    except Exception:  # tomlkit's parse errors have no common base worth naming
        return None
    text = _value_text(name, value, old, style)
    return None if "\n" in text or "\r" in text else text


def _dropped(report: Report, path: tuple, value) -> bool:
    """Whether ``render`` leaves this value out of the file (absent, or a default the
    format does not require)."""
    from kedr_tui.core.store.writeback import _written

    if value is None:
        return True
    if len(path) == 1:
        return False
    row = getattr(report, path[0])
    if len(path) == 3:
        row = row[path[1]]
    return not _written(row, path[-1], value)


def _value_end(line: str, start: int) -> int | None:
    """Where the one-line TOML value starting at ``start`` ends; None if it is not one."""
    if line.startswith(('"""', "'''"), start) or line.startswith(("[", "{"), start):
        return None
    if line.startswith('"', start):
        i = start + 1
        while i < len(line):
            if line[i] == "\\":
                i += 2
                continue
            if line[i] == '"':
                return i + 1
            i += 1
        return None
    if line.startswith("'", start):
        end = line.find("'", start + 1)
        return None if end < 0 else end + 1
    match = _BARE.match(line, start)
    return match.end() if match else None


def patch(report: Report, base_text: str, base: Report, locator: Locator) -> str | None:
    """``base_text`` with the changed values rewritten in their lines, or None when the
    change is not only that (the caller then writes it with tomlkit)."""
    changes = changed_values(report, base)
    if changes is None or not changes:
        return None
    from kedr_tui.core.store.writeback import _Style

    style = _Style(base, base_text)
    # TOML's lines, as the locator numbers them: ``splitlines`` would also end one at a
    # U+2028 in a comment, and every later value would be written into the line before its own
    lines = lines_with_ends(base_text)
    for path, value in changes:
        if _dropped(report, path, value):
            return None                 # render would remove the key: its layout, not ours
        place = locator.place(*path)
        if place is None or not 0 < place[0] <= len(lines):
            return None
        number, column = place
        line = lines[number - 1]
        text = value_text(path[-1], value, line, style)
        if text is None:
            return None
        key = _KEY.match(line, column - 1)
        if key is None or key.start(1) != column - 1:
            return None
        end = _value_end(line, key.end())
        if end is None:
            return None
        new_line = line[: key.end()] + text + line[end:]
        try:
            read = tomllib.loads(new_line, parse_float=Decimal)
        except tomllib.TOMLDecodeError:
            return None
        got = next(iter(read.values()), None) if len(read) == 1 else None
        if got is None or isinstance(got, bool) != isinstance(value, bool) or got != value or (
                isinstance(value, str) != isinstance(got, str)):
            return None
        lines[number - 1] = new_line
    return "".join(lines)


def write_patched(path, text: str, before, report: Report):
    """Write ``text`` — ``before.text`` with values rewritten in their lines (``patch``) —
    atomically.  Its keys and lines are where they were, so it is not read and parsed
    again: the parse is ``before``'s (a ``ReportFile``) with the new report.  What the
    text reads as (``as_read``: the rewritten values as their lines read, ``5`` typed
    as cash is ``5.00`` in the file) is kept in the cache of parsed reports.  ReportError
    with the reason if it can't be written."""
    from msgspec.structs import replace

    from kedr_tui.core.store.atomic import write_atomic, write_error
    from kedr_tui.core.store.report import ReportFile, keep_parse, stamp_of

    try:
        write_atomic(path, text)
        parsed, stamp = replace(before.parsed, report=report), stamp_of(path, text.encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from None
    as_read = None
    if before.as_read is not None and not before.parsed.findings:
        as_read = read_back(before.as_read, changed_values(report, before.report), text,
                            before.parsed.locator)
    if as_read is not None:
        keep_parse(stamp, replace(parsed, report=as_read))
    return ReportFile(path, text, parsed, stamp, before.file_year, before.previous_facts, None,
                      as_read)


def read_back(base: Report, changes: list[tuple[tuple, object]] | None, text: str,
              locator: Locator) -> Report | None:
    """``base`` (what the text before the patch read as) with each changed value as its
    line in ``text`` reads, as ``schema`` would hold it (a number as a Decimal); None when
    a line is not the one the change is in (then what the text reads as is not known)."""
    from kedr_tui.core.locate import lines as toml_lines
    from msgspec.structs import replace

    if changes is None:
        return None
    rows = toml_lines(text)
    for path, _ in changes:
        place = locator.place(*path)
        if place is None or not 0 < place[0] <= len(rows):
            return None
        line = rows[place[0] - 1]
        key = _KEY.match(line, place[1] - 1)
        if key is None or key.group(1).strip("\"'") != path[-1]:
            return None
        try:
            read = tomllib.loads(line, parse_float=Decimal)
        except tomllib.TOMLDecodeError:
            return None
        if len(read) != 1:
            return None
        got = next(iter(read.values()))
        if len(path) > 1 and _kinds(path[0]).get(path[-1]) == NUMBER \
                and isinstance(got, int) and not isinstance(got, bool):
            got = Decimal(got)                  # as ``schema`` holds a number
        base = _with_value(base, path, got)
    return base


def _kinds(section: str) -> dict[str, str]:
    from kedr_tui.core.fields import of_section

    return {field.name: field.kind for field in of_section(section)}


def _with_value(report: Report, path: tuple, value) -> Report:
    from msgspec.structs import replace

    if len(path) == 1:
        return replace(report, **{path[0]: value})
    part = getattr(report, path[0])
    if len(path) == 2:
        return replace(report, **{path[0]: replace(part, **{path[1]: value})})
    rows = list(part)
    rows[path[1]] = replace(rows[path[1]], **{path[2]: value})
    return replace(report, **{path[0]: tuple(rows)})
