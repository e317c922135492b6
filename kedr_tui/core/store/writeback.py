"""Writing a changed report back into the text it was read from, as a careful person would.

tomlkit parses the text and gives every item its exact spelling; the text is then put
together here record by record, so that:

- a comment (and the blank line) above a record's header belongs to that record: it moves,
  stays or goes with the record (tomlkit keeps it at the end of the record before);
- a key that was not in the file is written inside its own table, among its siblings in the
  format's order, never after the comment that introduces the next record;
- a new record gets a blank line before its header, like its neighbours, and money is
  written with as many decimals as the file writes money (``760.00``);
- everything not edited keeps its bytes: an unedited save is byte-identical.
"""

from __future__ import annotations

import re

from collections import Counter
from decimal import Decimal

from msgspec import Struct

from kedr_tui.core.model import LISTS, SINGLETONS, Report, data_fields
from kedr_tui.core.numbers import decimals_of

# The order of the format (SPEC, «The report file»): where a missing section is put.
SECTION_ORDER = ("program", "signature", "tasks", "indicators", "activities", "expenses",
                 "amendments", "narrative")
MONEY = ("plan_year", "plan_period", "cash")
TOP_KEYS = ("format", "year")


class _Entry:
    """One line (or multi-line value) of a table's body: ``prefix`` (indentation, the key as
    spelled, `` = ``), the value and ``suffix`` (its comment and newline); or a comment or
    blank line (``key is None``, all in ``prefix``)."""

    __slots__ = ("key", "prefix", "value", "suffix", "item", "odd")

    def __init__(self, key: str | None, prefix: str, value: str = "", suffix: str = "", item=None):
        self.key, self.prefix, self.value, self.suffix, self.item = key, prefix, value, suffix, item
        self.odd = False

    @property
    def text(self) -> str:
        return self.prefix + self.value + self.suffix


class _Record(Struct):
    section: str                 # "" for what precedes the first table (header comments, format, year)
    src: int | None              # index within its array (None for a table)
    lead: str                    # comments and blank lines above the header
    header: str                  # "[[expenses]]\n" with its own comment and newline
    entries: list                # [_Entry]

    @property
    def body(self) -> str:
        """The text of its keys (and of the comments between them), as read."""
        return "".join(e.text for e in self.entries)


def render(report: Report, base_text: str, base: Report | None) -> str:
    """The text of ``report``, written as edits into ``base_text`` (read as ``base``)."""
    if base is not None and report == base and _same_order(report):
        return base_text
    base = base if base is not None else Report(year=0)
    records, epilogue = _records(base_text)
    if not _understood(records, epilogue, base_text):
        # a shape this writer does not take apart (dotted keys, nested or inline tables):
        # tomlkit writes the edits in, correct if not as tidy
        return _render_plain(report, base_text, base)
    return emit(report, base, base_text, records, epilogue)


def emit(report: Report, base: Report, base_text: str, records: list, epilogue: str) -> str:
    """The text of ``report`` put together from the records of ``base_text`` (read as
    ``base``): from tomlkit's parse here, or from ``store.layout``'s quick split (whose
    records parse their own keys only when an edit needs them)."""
    return "".join(emit_records(report, base, base_text, records)) + epilogue


def emit_records(report: Report, base: Report, base_text: str, records: list) -> list[str]:
    """``emit``'s text record by record: the top keys, then each table's (its comments,
    header and keys), in the order written."""
    style = _Style(base, base_text)
    out: list[str] = []
    done: set[str] = set()

    def emit_section(section: str) -> None:
        done.add(section)
        if section in SINGLETONS:
            _emit_table(out, by_section.get(section, [None])[0], section,
                        getattr(base, section), getattr(report, section), style)
            return
        mine = by_section.get(section, [])
        old_rows = getattr(base, section)
        used: set[int] = set()
        for row in getattr(report, section):
            # a row re-inserted by undo after a save may carry a stale or repeated src
            if row.src is not None and row.src < len(mine) and row.src not in used:
                used.add(row.src)
                _emit_table(out, mine[row.src], section, old_rows[row.src], row, style)
            else:
                _emit_table(out, None, section, None, row, style)

    by_section: dict[str, list] = {}
    for record in records:
        by_section.setdefault(record.section, []).append(record)
    for record in records:
        if not record.section:
            _emit_top(out, record, base, report, style)
        elif record.section not in done:
            # a section the file lacks goes where the format puts it
            for missing in SECTION_ORDER[:SECTION_ORDER.index(record.section)]:
                if missing not in done and missing not in by_section:
                    emit_section(missing)
            emit_section(record.section)
    for section in SECTION_ORDER:
        if section not in done:
            emit_section(section)
    return out


def _same_order(report: Report) -> bool:
    return all([row.src for row in getattr(report, s)] == list(range(len(getattr(report, s))))
               for s in LISTS)


# ---------------------------------------------------------------- reading the text into records

def _records(text: str) -> tuple[list[_Record], str]:
    """The text as records in file order, and what follows the last key of the file."""
    import tomlkit
    from tomlkit.items import AoT, Table

    doc = tomlkit.parse(text) if text.strip() else tomlkit.document()
    records: list[_Record] = []
    top = _Record("", None, "", "", [])
    records.append(top)
    counts: Counter = Counter()

    def add_table(section: str, table, src: int | None) -> None:
        trivia = table.trivia
        bracket = "[[{}]]" if table.is_aot_element() else "[{}]"
        header = (bracket.format(section) + trivia.comment_ws + trivia.comment + trivia.trail)
        records.append(_Record(section, src, trivia.indent, header, _entries(table.value.body)))

    for key, item in doc.body:
        if isinstance(item, AoT):
            for table in item.body:
                add_table(key.key, table, counts[key.key])
                counts[key.key] += 1
        elif isinstance(item, Table):
            add_table(key.key, item, None)
        else:
            top.entries.extend(_entries([(key, item)]))
    # the comments and blank lines after a record's last key introduce the next record
    for record, following in zip(records, records[1:]):
        following.lead = _take_tail(record) + following.lead
    epilogue = _take_tail(records[-1]) if len(records) > 1 else ""
    return records, epilogue


def _understood(records: list[_Record], epilogue: str, text: str) -> bool:
    """Whether the records give back the text exactly, every section a table of plain keys."""
    again = "".join(r.lead + r.header + "".join(e.text for e in r.entries) for r in records)
    return again + epilogue == text and not any(e.odd for r in records for e in r.entries)


def _entries(body) -> list[_Entry]:
    from tomlkit.items import AoT, InlineTable, Table

    out = []
    for key, item in body:
        if key is None:
            out.append(_Entry(None, item.as_string()))
        else:
            trivia = item.trivia
            entry = _Entry(key.key, trivia.indent + key.as_string() + key.sep, item.as_string(),
                           trivia.comment_ws + trivia.comment + trivia.trail, item)
            # a dotted key, a table inside a table, a section written inline
            entry.odd = (key.is_dotted() or isinstance(item, (AoT, InlineTable, Table))
                         or key.key in SECTION_ORDER)
            out.append(entry)
    return out


def _take_tail(record: _Record) -> str:
    entries = record.entries
    n = len(entries)
    while n and entries[n - 1].key is None:
        n -= 1
    tail = "".join(e.text for e in entries[n:])
    del entries[n:]
    return tail


# ---------------------------------------------------------------- writing records

class _Style:
    """How the file writes what a new value must look like."""

    def __init__(self, base: Report, text: str = ""):
        self.nl = "\r\n" if "\r\n" in text else "\n"      # the file's line ends
        places = Counter(decimals_of(getattr(row, name)) for row in base.expenses
                         for name in MONEY if row.src is not None)
        self.money_places = places.most_common(1)[0][0] if places else 2

    def number(self, field: str, value: Decimal) -> Decimal:
        if field in MONEY and decimals_of(value) < self.money_places:
            return value.quantize(Decimal(1).scaleb(-self.money_places))
        return value


def _emit_top(out: list[str], record: _Record, base: Report, report: Report, style: _Style) -> None:
    """The keys before the first table (``format``, ``year``) and the comments around them."""
    entries = list(record.entries)
    for name in TOP_KEYS:
        value = getattr(report, name)
        keys = [e.key for e in entries]
        if name in keys:
            if getattr(base, name) != value:
                entries[keys.index(name)] = _replaced(entries[keys.index(name)], name, value, style)
        else:
            entries.insert(_position(entries, TOP_KEYS, name), _new_entry(name, value, style))
    out.append(record.lead + "".join(e.text for e in entries))


def _emit_table(out: list[str], record: _Record | None, section: str, old_row, new_row,
                style: _Style) -> None:
    fields = data_fields(type(new_row))
    if record is None:
        if section in SINGLETONS and new_row == type(new_row)():
            return
        lines = []
        for name in fields:
            value = getattr(new_row, name)
            if _written(new_row, name, value):
                lines.append(_new_entry(name, value, style).text)
        header = (f"[[{section}]]" if section in LISTS else f"[{section}]") + style.nl
        out.append(_blank_line_before(out, style.nl) + header + "".join(lines))
        return
    if new_row is old_row or new_row == old_row:
        # not edited: its text as it was (only the file's last line may need its line end)
        body = record.body
        if body and not body.endswith("\n"):
            body += style.nl
        out.append(record.lead + record.header + body)
        return
    entries = list(record.entries)
    for name in fields:
        value = getattr(new_row, name)
        if getattr(old_row, name) == value:
            continue
        keys = [e.key for e in entries]
        at = keys.index(name) if name in keys else None
        if not _written(new_row, name, value):
            if at is not None:
                del entries[at]
            continue
        if at is not None:
            entries[at] = _replaced(entries[at], name, value, style)
        else:
            entries.insert(_position(entries, fields, name), _new_entry(name, value, style))
    _end_lines(entries, style.nl)
    out.append(record.lead + record.header + "".join(e.text for e in entries))


def _blank_line_before(out: list[str], nl: str) -> str:
    """A new record is set off by one blank line, as its neighbours are."""
    written = "".join(out[-2:])
    if not written or written.endswith(nl + nl) or written.endswith("\n\n"):
        return ""
    return nl if written.endswith("\n") else nl + nl


def _position(entries: list[_Entry], fields: tuple[str, ...], name: str) -> int:
    """Where a new key goes: after the last sibling that precedes it in the format's order,
    else before the first that follows it."""
    order = {field: i for i, field in enumerate(fields)}
    mine = order[name]
    after = [i for i, e in enumerate(entries) if e.key in order and order[e.key] < mine]
    if after:
        return after[-1] + 1
    before = [i for i, e in enumerate(entries) if e.key in order and order[e.key] > mine]
    return before[0] if before else len(entries)


def _replaced(entry: _Entry, name: str, value, style: _Style) -> _Entry:
    """The entry with a new value: its key's spelling, indentation and comment kept."""
    return _Entry(name, entry.prefix, _value_text(name, value, entry.item, style),
                  entry.suffix if "\n" in entry.suffix else entry.suffix + style.nl, entry.item)


def _new_entry(name: str, value, style: _Style) -> _Entry:
    return _Entry(name, f"{name} = ", _value_text(name, value, None, style), style.nl)


def _end_lines(entries: list[_Entry], nl: str) -> None:
    """Every entry but a file's very last ends its line (a key inserted after it needs that)."""
    for entry in entries:
        if entry.key is not None and "\n" not in entry.suffix:
            entry.suffix += nl


def _written(row, name: str, value) -> bool:
    """Whether a field is written at all: absent and default values are left out unless the
    format requires the key."""
    return value is not None and (value != _default(type(row), name) or name in _required(row))


def _value_text(name: str, value, old, style: _Style) -> str:
    if isinstance(value, Decimal):
        value = style.number(name, value)
    return _item(value, old).as_string()


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
        return _c1_escaped(tomlkit.string(value))
    return tomlkit.item(value)


_C1 = {code: f"\\u{code:04x}" for code in range(0x80, 0xA0)}


def _c1_escaped(item):
    """tomlkit escapes C0 and DEL but writes C1 controls raw; U+009B is a one-byte CSI for
    whoever ``cat``s the file, so they are written as ``\\u009b`` too (same value)."""
    from tomlkit.items import String, Trivia

    original = item._original
    if not any(0x80 <= ord(ch) < 0xA0 for ch in original):
        return item
    return String(item.type, str(item), original.translate(_C1), Trivia())


def _multiline(value: str):
    """A multi-line string written as people write them: the text starts on the next line."""
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    original = tomlkit.string(value, multiline=True)._original.translate(_C1)
    if not value.startswith("\n"):  # tomlkit adds the trimmed newline itself in that case
        original = "\n" + original
    return String(StringType.MLB, value, original, Trivia())


def _render_plain(report: Report, base_text: str, base: Report) -> str:
    """Edits written into the document by tomlkit alone: keys appended to their table."""
    import tomlkit

    doc = tomlkit.parse(base_text) if base_text.strip() else tomlkit.document()
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
    text = tomlkit.dumps(doc)
    if "\r\n" in base_text:
        # tomlkit ends the lines it adds with LF: in a CRLF file (saved on Windows) that is a
        # file of mixed line ends.  A multi-line string's CRLF reads as LF, so nothing changes.
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    return text


def _sync_table(table, old_row, new_row, fresh: bool) -> None:
    for name in data_fields(type(new_row)):
        value = getattr(new_row, name)
        if not fresh and getattr(old_row, name) == value:
            continue
        if not _written(new_row, name, value):
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
