"""A save that adds, removes or moves rows, without parsing the whole file with tomlkit.

``writeback.render`` takes the text apart into records (a table's header, the comments
above it, its keys) with tomlkit, which parses every line: 2.5 s and 96 MiB per MB.  A
report file is nearly always plain: headers ``[[expenses]]`` at the start of their line,
then ``key = value`` lines, comments and blank lines.  For such a text the records are
found here by a few regular expressions; only a record whose keys an edit changes is
parsed, alone, with tomlkit.  The records then go through the very same writer
(``writeback.emit``), so the text is the one ``render`` makes, byte for byte.

Anything else — a header spelled otherwise, a dotted key, an inline table or array, a
section written as a key, a list section in two places — is left to ``render`` (None
here), never guessed.  ``render_checked`` reads the text back with tomli before it is
written: it must give exactly the edited report.
"""

from __future__ import annotations

import re

from kedr_tui.core.errors import KedrError
from kedr_tui.core.locate import close_of
from kedr_tui.core.model import LISTS, SINGLETONS, Report
from kedr_tui.core.store import writeback

_SECTIONS = "|".join((*SINGLETONS, *LISTS))
_LISTS = "|".join(LISTS)
_TABLES = "|".join(SINGLETONS)
_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')"""
_COMMENT = r"(?:#[^\n]*)?"

# What the scan stops at: a header (a ``[`` starting a line) or a key whose value is a
# multi-line string (its lines are not lines of the file's structure).
_MARK = re.compile(r"""^(?:\[\[?([A-Za-z_]*)|[ \t]*(%s)[ \t]*=[ \t]*("{3}|'{3}))""" % _KEY, re.M)
_SECTION_NAMES = frozenset((*SINGLETONS, *LISTS))
# A line the quick split understands: blank, a comment, a plain header, or a key (not
# named as a section, not dotted) with a one-line value that is not a table or an array.
_GOOD = (r"[ \t]*%s" % _COMMENT
         + r"|\[\[(?:%s)\]\][ \t]*%s" % (_LISTS, _COMMENT)
         + r"|\[(?:%s)\][ \t]*%s" % (_TABLES, _COMMENT)
         + r"""|[ \t]*(?!(?:{s})[ \t]*=|"(?:{s})"|'(?:{s})'){k}[ \t]*=[ \t]*"""
           r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s#"'\[{{][^#\n]*?)[ \t]*{c}""".format(
               s=_SECTIONS, k=_KEY, c=_COMMENT))
_BAD = re.compile(r"^(?!(?:%s)\r?$)" % _GOOD, re.M)
# What may follow a multi-line string's closing quotes on its line.
_REST = re.compile(r"[ \t]*%s\r?(?:\n|\Z)" % _COMMENT)
# A comment or blank line: those that end a stretch of text introduce what follows.
_PLAIN_LINE = re.compile(r"[ \t]*%s\r?\n?" % _COMMENT)


class NotPlain(KedrError):
    """The text is not one the quick split takes apart exactly: ``render`` writes it
    (never seen by the user: ``render_quick`` gives None instead)."""


class _Part:
    """One record of the text (as ``writeback._Record``) whose entries are parsed only
    when an edit needs them."""

    __slots__ = ("section", "src", "lead", "header", "body", "_entries")

    def __init__(self, section: str, src: int | None, lead: str, header: str, body: str):
        self.section, self.src, self.lead, self.header, self.body = section, src, lead, header, body
        self._entries = None

    @property
    def entries(self) -> list:
        if self._entries is None:
            self._entries = _top_entries(self.body) if not self.section else _table_entries(self)
        return self._entries


def _top_entries(body: str) -> list:
    import tomlkit

    doc = tomlkit.parse(body)
    entries = writeback._entries(doc.body)
    _exact(entries, body)
    return entries


def _table_entries(part: _Part) -> list:
    """The keys of one record, parsed alone with tomlkit: exactly what parsing the whole
    file gives for them, or NotPlain."""
    import tomlkit
    from tomlkit.items import AoT, Table

    doc = tomlkit.parse(part.header + part.body)
    if len(doc.body) != 1:
        raise NotPlain(part.section)
    key, item = doc.body[0]
    table = item.body[0] if isinstance(item, AoT) and len(item.body) == 1 else item
    if key is None or key.key != part.section or not isinstance(table, Table):
        raise NotPlain(part.section)
    trivia = table.trivia
    bracket = "[[{}]]" if table.is_aot_element() else "[{}]"
    if trivia.indent or (bracket.format(part.section) + trivia.comment_ws + trivia.comment
                         + trivia.trail) != part.header:
        raise NotPlain(part.section)
    entries = writeback._entries(table.value.body)
    _exact(entries, part.body)
    return entries


def _exact(entries: list, body: str) -> None:
    if ("".join(e.text for e in entries) != body or any(e.odd for e in entries)
            or (entries and entries[-1].key is None)):
        raise NotPlain(body[:40])


def split(text: str) -> tuple[list[_Part], str] | None:
    """The records of ``text`` (as ``writeback._records`` finds them) and its epilogue;
    None when the text is not plain."""
    n = len(text)
    heads: list[tuple[int, int, str]] = []      # each header line: start, end, section
    closed: list[int] = []                      # where the last multi-line string before each head ends
    last_string = segment = skip = 0            # ``segment``: the stretch of plain lines being scanned
    find = text.find
    for mark in _MARK.finditer(text):
        at = mark.start()
        if at < skip:                           # inside a multi-line string
            continue
        if mark.group(1) is not None:           # a header
            eol = find("\n", mark.end())
            heads.append((at, n if eol < 0 else eol + 1, mark.group(1)))
            closed.append(last_string)
            continue
        if mark.group(2).strip("\"'") in _SECTION_NAMES:
            return None
        if _bad(text, segment, at):
            return None
        end = close_of(text, mark.end(), len(text), mark.group(3))
        if end < 0:
            return None
        eol = find("\n", end)
        eol = n if eol < 0 else eol + 1
        if not _REST.fullmatch(text, end, eol):
            return None
        segment = skip = last_string = eol
    if _bad(text, segment, n) or not heads:
        return None
    # sections in one place each, a table once
    seen: set[str] = set()
    previous = ""
    for _, _, name in heads:
        if name in seen and (name != previous or name in SINGLETONS):
            return None
        seen.add(name)
        previous = name

    def tail(start: int, end: int) -> int:
        """Where the comments and blank lines that end ``text[start:end]`` begin."""
        while end > start:
            line = text.rfind("\n", start, end - 1) + 1
            if line < start:
                line = start
            if not _PLAIN_LINE.fullmatch(text, line, end):
                break
            end = line
        return end

    parts: list[_Part] = [None]
    lead_from = 0
    counts: dict[str, int] = {}
    for i, (start, end, name) in enumerate(heads):
        if i == 0:
            lead_from = tail(closed[0], start)
            parts[0] = _Part("", None, "", "", text[:lead_from])
        stop = heads[i + 1][0] if i + 1 < len(heads) else n
        after = closed[i + 1] if i + 1 < len(heads) else last_string
        body_end = tail(max(end, after), stop)
        src = None
        if name in LISTS:
            src = counts.get(name, 0)
            counts[name] = src + 1
        parts.append(_Part(name, src, text[lead_from:start], text[start:end], text[end:body_end]))
        lead_from = body_end
    return parts, text[lead_from:]


def _bad(text: str, start: int, end: int, step: int = 1 << 14) -> bool:
    """Whether a line of ``text[start:end]`` is not plain: searched a piece at a time, so
    that the app's thread gets the interpreter between pieces (a save runs beside it)."""
    while start < end:
        stop = text.find("\n", min(start + step, end) - 1, end) + 1 or end
        if _BAD.search(text, start, stop):
            return True
        start = stop
    return False


def render_quick(report: Report, base_text: str, base: Report | None) -> str | None:
    """``writeback.render(report, base_text, base)`` without parsing the whole text, or
    None when the text is not plain enough to be sure of that."""
    made = _records_of(report, base_text, base)
    return None if made is None else "".join(made)


def _records_of(report: Report, base_text: str, base: Report | None) -> list[str] | None:
    """The text ``render_quick`` makes, record by record (the epilogue last); None as there."""
    if base is None:
        return None
    if report == base and writeback._same_order(report):
        return [base_text]
    parts = split(base_text)
    if parts is None:
        return None
    try:
        return [*writeback.emit_records(report, base, base_text, parts[0]), parts[1]]
    except NotPlain:
        return None
    except Exception:  # tomlkit's parse errors have no common base worth naming
        return None


def render_checked(report: Report, base_text: str, base: Report | None):
    """``(text, parsed)``: ``render_quick``'s text and what tomli reads in it, which must
    be exactly ``report`` (rows in their new places); None when either fails (``render``
    then writes it)."""
    from kedr_tui.core.locate import Locator
    from kedr_tui.core.schema import build

    records = _records_of(report, base_text, base)
    if records is None:
        return None
    text = "".join(records)
    data = _read(records)
    if data is None:
        return None
    parsed = build(data, Locator(text))
    if parsed.report is None or not _same(parsed.report, report):
        return None
    return text, parsed


def _same(read: Report, report: Report, piece: int = 128) -> bool:
    """``read == report``, a list's rows compared ``piece`` at a time: one comparison of
    two whole reports is 7-10 ms of C with the interpreter held at 500 / 2 000, and the
    app's thread answers keys between pieces."""
    for name in Report.__struct_fields__:
        mine, theirs = getattr(read, name), getattr(report, name)
        if isinstance(mine, tuple) and isinstance(theirs, tuple):
            if len(mine) != len(theirs) or any(
                    mine[at:at + piece] != theirs[at:at + piece] for at in range(0, len(mine), piece)):
                return False
        elif mine != theirs:
            return False
    return True


def _read(records: list[str], piece: int = 1 << 13) -> dict | None:
    """What tomli reads in the text of ``records`` (as from the whole text), read some
    32 KB of whole records at a time: compiled tomli holds the interpreter while it reads,
    0.1 s for a 640 KB report, and the app's thread answers keys between pieces.  A plain
    text (``split``) has no dotted keys or nested tables, so its pieces' tables add up:
    lists of tables go on, a table or key is never given twice.  None if any piece fails
    to read or a table or key comes twice."""
    from decimal import Decimal

    import tomli

    data: dict = {}
    at, n = 0, len(records)
    while at < n:
        size, end = 0, at
        while end < n and (end == at or size + len(records[end]) <= piece):
            size += len(records[end])
            end += 1
        try:
            read = tomli.loads("".join(records[at:end]), parse_float=Decimal)
        except (tomli.TOMLDecodeError, ValueError, RecursionError):
            return None
        for key, value in read.items():
            if isinstance(value, list) and isinstance(data.get(key, []), list):
                data.setdefault(key, []).extend(value)
            elif key in data:
                return None
            else:
                data[key] = value
        at = end
    return data
