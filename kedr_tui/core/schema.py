"""Report text -> model, with every schema problem as a finding.

Pure: takes the text, never touches the disk.  Reading goes through tomli
(tomllib's own upstream, exact decimals via ``parse_float=Decimal``), whose wheels
are compiled with mypyc: 2.6 times as fast as the standard library's pure-Python
copy, 0.3 s instead of 0.8 s on a 4 MB report, on the way to the first frame.
Its messages and errors are tomllib's.  The store keeps the text so a save can
write edits back into it later.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Context, Decimal, InvalidOperation, Rounded
from functools import cache
from operator import attrgetter
from typing import Annotated, Any, Literal

import tomli as tomllib  # the same API and messages as the standard library's, compiled
import msgspec
from msgspec import UNSET, Meta, Struct, defstruct
from msgspec.structs import force_setattr

from kedr_tui.core.errors import Finding
from kedr_tui.core.fields import BETTER as FBETTER, DATE as FDATE, INTEGER, MULTILINE, NUMBER, TEXT, of_section
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import FORMAT, HIGHER, LISTS, LOWER, SINGLETONS, Report
from kedr_tui.core.numbers import MAX_ABS, MAX_PLACES, out_of_range, shown
from kedr_tui.core import wording

# What a value in the file must be, by the kind of its field (core/fields.py).
STR, INT, NUM, DATE, BETTER = "str", "int", "num", "date", "better"
_FILE_KIND = {TEXT: STR, MULTILINE: STR, NUMBER: NUM, INTEGER: INT, FDATE: DATE, FBETTER: BETTER}
TOP_LEVEL = ("format", "year", *SINGLETONS, *LISTS)
REQUIRED_TOP = ("format", "year", "program")
MAX_INT = 10 ** 6  # a task number; beyond it a typo (and no message prints 5 000 digits)

_TYPES = {str: "str", int: "int", Decimal: "Decimal", bool: "bool", list: "list", dict: "dict",
          _dt.date: "date", _dt.datetime: "datetime", _dt.time: "time"}


def _type_name(value: object) -> str:
    key = _TYPES.get(type(value))
    return wording.TYPE_NAMES[key] if key else type(value).__name__


class Parsed(Struct, frozen=True):
    """What a report text says: the model (``None`` if unusable) and its findings."""

    report: Report | None
    findings: tuple[Finding, ...]
    locator: Locator
    #: values the model holds only because the file's own could not be read: missing,
    #: mistyped or under a misspelt key.  ``(section, src, field)``; ``field`` is ``None``
    #: when the whole row or table is unusable; ``src`` is ``None`` for a singleton table.
    #: The checks compute nothing from them (a missing ``plan_period`` is not a 0).
    unsure: frozenset = frozenset()


def syntax_finding(exc: tomllib.TOMLDecodeError, source: str) -> Finding:
    import re

    text = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
    else:  # "at end of document"
        from kedr_tui.core.locate import lines as toml_lines

        rows = toml_lines(source.rstrip("\n")) or [""]
        line, column = len(rows), len(rows[-1]) + 1
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    message = wording.toml_syntax(_russian(reason))
    if hint := _number_hint(source, line):
        message = f"{message}; {hint}"
    return Finding("E-SYNTAX", message, line, column)


_NUMBER_LINE = r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*([^#\"']+?)\s*(#.*)?"


def _number_hint(source: str, line: int) -> str | None:
    """How the file spells the value a person typed on the line of a syntax error: a number
    written the Russian way (``plan = 45,5``, ``cash = 1 129,01``, ``−5``: ``45.5``), a date
    (``24.03.2021``: ``2021-03-24``, or why no such day is), a code without its quotes."""
    import re

    from kedr_tui.core.fields import CATALOGUE, DATE, MULTILINE, TEXT
    from kedr_tui.core.locate import lines as toml_lines
    from kedr_tui.core.numbers import NumberError, parse_date, parse_number

    rows = toml_lines(source)
    if not 0 < line <= len(rows) or len(rows[line - 1]) > 200:
        return None
    match = re.fullmatch(_NUMBER_LINE, rows[line - 1])
    if not match:
        return None
    key, typed = match[1], match[2]
    kinds = {f.kind for f in CATALOGUE if f.name == key}
    if kinds and kinds <= {TEXT, MULTILINE}:
        return wording.toml_text_hint(key, typed)
    if kinds == {DATE}:
        try:
            return wording.toml_date_hint(key, parse_date(typed).isoformat())
        except NumberError as exc:
            return str(exc)
    try:
        value = parse_number(typed)
    except NumberError:
        return None
    plain = f"{value:f}"
    # spelt as the file spells it: the mistake is elsewhere (a key given twice, …)
    return None if plain == typed else wording.toml_number_hint(key, plain)


def _key_text(raw: str) -> str:
    """tomllib names a key as a tuple repr, ``('indicators', 'fact')``: «indicators.fact»."""
    import ast

    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return raw
    if isinstance(value, tuple):
        return ".".join(map(str, value))
    return str(value)


def _russian(reason: str) -> str:
    import re

    for pattern, say in wording.TOMLLIB:
        match = re.fullmatch(pattern, reason, re.S)
        if match:
            raw = match[1] if match.groups() else ""
            return say.format(key=_key_text(raw) if raw else "", raw=raw)
    return reason


class _Reader:
    def __init__(self, locator: Locator):
        self.loc = locator
        self.findings: list[Finding] = []
        self.unsure: set[tuple] = set()

    def error(self, code: str, message: str, path: tuple, ref: tuple = (), field: str | None = None):
        line, column = self.loc.find(*path)
        self.findings.append(Finding(code, message, line, column, ref, field))

    def value(self, kind: str, raw: object, path: tuple, ref: tuple, key: str):
        """Convert one raw value, or record why it can't be and return ``None``."""
        ok = (
            (kind == STR and isinstance(raw, str))
            or (kind == INT and isinstance(raw, int) and not isinstance(raw, bool))
            or (kind == NUM and isinstance(raw, (int, Decimal)) and not isinstance(raw, bool))
            or (kind == DATE and isinstance(raw, _dt.date) and not isinstance(raw, _dt.datetime))
            or (kind == BETTER and raw in (HIGHER, LOWER))
        )
        if not ok:
            # A bool is an int to Python: it is named as the file spells it («true»), not «True».
            what = (f"«{str(raw).lower()}»" if isinstance(raw, bool) else
                    f"«{shown(raw)}»" if isinstance(raw, (str, int, Decimal)) else _type_name(raw))
            self.error("E-SCHEMA", wording.wrong_kind(
                key, kind, what, _type_name(raw) if isinstance(raw, (str, int, Decimal)) else None),
                       path, ref, key)
            return None
        if kind == NUM:
            value = Decimal(raw)
            if problem := out_of_range(value):
                self.error("E-SCHEMA", f"«{key}»: {problem}: {shown(raw)}", path, ref, key)
                return None
            return value
        if kind == INT and not -MAX_INT < raw < MAX_INT:
            self.error("E-SCHEMA", wording.number_out_of_range(key, shown(raw)),
                       path, ref, key)
            return None
        return raw

    def table(self, section: str, raw: object, path: tuple, ref: tuple) -> dict | None:
        where = (section, ref[1] if len(ref) > 1 else None)
        if not isinstance(raw, dict):
            self.error("E-SCHEMA", wording.table_expected(section, _type_name(raw)), path, ref)
            self.unsure.add((*where, None))
            return None
        kinds, required = _spec(section)
        values: dict = {}
        meant: set[str] = set()     # keys an unknown key is a typo of: not missing twice
        for key, item in raw.items():
            kind = kinds.get(key)
            if kind is None:
                close = _suggest(key, kinds)
                self.error("E-SCHEMA", wording.unknown_key(key, section, close),
                           path + (key,), ref, key)
                meant.add(close)
                if close is not None and close not in raw:
                    self.unsure.add((*where, close))    # «plan_perod»: plan_period's value
                continue
            # the usual values, accepted at once (a report holds some 100 000 of them);
            # anything else, and every refusal, goes through ``value``
            kind_of = type(item)
            if kind_of is str and kind is STR:
                values[key] = item
                continue
            if kind_of is Decimal and kind is NUM:
                exponent = item.as_tuple().exponent     # a letter when not finite
                if type(exponent) is int and exponent >= -MAX_PLACES and -MAX_ABS < item < MAX_ABS:
                    values[key] = item
                    continue
            converted = self.value(kind, item, path + (key,), ref, key)
            if converted is not None:
                values[key] = converted
            else:
                self.unsure.add((*where, key))
        for key in required:
            if key not in raw and key not in meant:
                self.error("E-SCHEMA", wording.missing_key_in(key, section), path, ref, key)
                self.unsure.add((*where, key))
        return values


def plain_rows(section: str, raw: list) -> tuple | None:
    """A list section's rows made at once, when every row is plain: a table of the
    format's keys, the required ones among them, each value of the usual kind and in
    range.  ``None`` for anything else, and the rows are then read one by one by
    ``_Reader.table``, which finds what is wrong.  msgspec checks the keys and the
    kinds of text, integer and «better» values in C (a 2 000 / 10 000 report has 15 000
    rows, 75 000 values: reading them one by one in Python was most of building the
    model, 75–90 ms of CPU, now 25–45 ms);
    numbers and dates, which msgspec would also take from a string, are checked here.
    Says yes only where ``table`` gives the same values with no finding
    (tests/core/test_schema_plain.py)."""
    file_rows_type, model_rows_type, later = _plain_types(section)
    try:
        file_rows = msgspec.convert(raw, file_rows_type)
    except msgspec.ValidationError:
        return None
    for name, kind in later:
        values = map(attrgetter(name), file_rows)
        if not (_plain_numbers(values) if kind is NUM else _plain_dates(values)):
            return None
    try:
        rows = msgspec.convert(raw, model_rows_type)    # ints of number fields made Decimal
    except msgspec.ValidationError:
        return None
    for index, row in enumerate(rows):
        force_setattr(row, "src", index)    # made just now, seen by nobody yet
    return tuple(rows)


def _plain_numbers(values) -> bool:
    try:
        for value in values:
            kind_of = type(value)
            if kind_of is Decimal:
                # more places than MAX_PLACES, MAX_ABS or more, infinite: quantize raises
                value.quantize(_PLACES, None, _EXACT)
                if not value.is_finite() or (not value and value.adjusted() < -MAX_PLACES):
                    return False    # NaN passes quantize, and so does a zero: 0E-20 (a zero's
                                    # adjusted() is its exponent)
            elif kind_of is int:    # bool is not
                if not -_MAX_WHOLE < value < _MAX_WHOLE:
                    return False
            elif value is not UNSET:
                return False
    except ArithmeticError:
        return False
    return True


def _plain_dates(values) -> bool:
    return all(type(value) is _dt.date or value is UNSET for value in values)


_MAX_WHOLE = int(MAX_ABS)
# quantize(_PLACES) within _EXACT is exact only for a number of at most MAX_PLACES places
# and fewer than 15 whole digits (MAX_ABS = 10 ** 15): one C call instead of as_tuple()
# and two comparisons, for each of a report's ~40 000 numbers
_PLACES = Decimal(1).scaleb(-MAX_PLACES)
_EXACT = Context(prec=len(str(_MAX_WHOLE)) - 1 + MAX_PLACES, traps=[InvalidOperation, Rounded])


@cache
def _plain_types(section: str) -> tuple[object, object, tuple[tuple[str, str], ...]]:
    """The section's rows as the file must give them (a msgspec type), as the model holds
    them, and the fields msgspec leaves to ``plain_rows``: numbers and dates."""
    fields, later = [], []
    for f in of_section(section):
        kind = _FILE_KIND[f.kind]
        if kind is STR:
            kind_of, default = str, ""
        elif kind is INT:
            kind_of, default = Annotated[int, Meta(gt=-MAX_INT, lt=MAX_INT)], 0
        elif kind is BETTER:
            kind_of, default = Literal[HIGHER, LOWER], HIGHER
        else:
            kind_of, default = Any, UNSET
            later.append((f.name, kind))
        fields.append((f.name, kind_of) if f.required else (f.name, kind_of, default))
    file_row = defstruct(f"Plain{section.title()}", fields, kw_only=True, forbid_unknown_fields=True)
    return list[file_row], list[LISTS[section]], tuple(later)


@cache
def _spec(section: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """A section's fields: name -> what its value must be in the file, in the format's
    order, and the names of those it must have."""
    fields = of_section(section)
    return ({f.name: _FILE_KIND[f.kind] for f in fields},
            tuple(f.name for f in fields if f.required))


def _suggest(key: str, known) -> str | None:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return close[0] if close else None


def parse(text: str) -> Parsed:
    """Parse a report text into the model and its schema findings."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        return Parsed(None, (syntax_finding(exc, text),), Locator())
    except RecursionError:  # tomllib recurses once per nested array or inline table
        line, column = _deepest(text)
        return Parsed(None, (Finding("E-SYNTAX", wording.toml_too_deep(MAX_NESTING),
                                     line, column),), Locator())
    except ValueError:  # Python's int-string limit: an integer of more than 4 300 digits
        line, column = _long_number(text)
        return Parsed(None, (Finding("E-SYNTAX", wording.TOML_INTEGER_TOO_LONG, line, column),),
                      Locator())
    return build(data, Locator(text))


MAX_NESTING = 100


def _place(text: str, at: int) -> tuple[int, int]:
    from kedr_tui.core.locate import position

    return position(text, at)


def _deepest(text: str) -> tuple[int, int]:
    """Where nesting of ``[`` and ``{`` outside strings first passes MAX_NESTING."""
    depth, quote, i, n = 0, "", 0, len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return _place(text, i)
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return _place(text, 0)


def _long_number(text: str) -> tuple[int, int]:
    import re

    match = re.search(r"[0-9_]{4300,}", text)
    return _place(text, match.start() if match else 0)


def build(data: dict, locator: Locator) -> Parsed:
    reader = _Reader(locator)
    for key in data:
        if key not in TOP_LEVEL:
            close = _suggest(key, TOP_LEVEL)
            reader.error("E-SCHEMA", wording.unknown_top_key(key, close), (key,))
            if close is not None and close not in data:
                reader.unsure.add((close, None, None))  # «[[expense]]»: the whole section
    for key in REQUIRED_TOP:
        if key not in data:
            reader.error("E-SCHEMA", wording.missing_top_key(key), (key,))

    fmt = data.get("format", FORMAT)
    if "format" in data and (type(fmt) is not int or fmt != FORMAT):  # true == 1 in Python
        what = shown(fmt) if isinstance(fmt, (int, Decimal)) and not isinstance(fmt, bool) \
            else f"{shown(fmt)!r}" if isinstance(fmt, str) else _type_name(fmt)
        reader.error("E-SCHEMA", wording.format_unsupported(what, FORMAT),
                     ("format",))
        return Parsed(None, tuple(reader.findings), locator)
    year = data.get("year", 0)
    if "year" in data and (not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999):
        reader.error("E-SCHEMA", wording.year_not_a_year(shown(year)), ("year",))
        year = 0

    parts: dict = {}
    for section, cls in SINGLETONS.items():
        if section in data:
            values = reader.table(section, data[section], (section,), (section, None))
            parts[section] = cls(**(values or {}))
    for section, cls in LISTS.items():
        if section not in data:
            continue
        raw = data[section]
        if not isinstance(raw, list):
            reader.error("E-SCHEMA", wording.array_of_tables_expected(section, _type_name(raw)), (section,))
            continue
        rows = plain_rows(section, raw)
        if rows is None:
            rows = []
            for index, item in enumerate(raw):
                values = reader.table(section, item, (section, index), (section, index))
                if values is None:
                    values = {}
                rows.append(cls(**values, src=index))
        parts[section] = tuple(rows)
    report = Report(year=year, **parts)
    return Parsed(report, tuple(reader.findings), locator, frozenset(reader.unsure))
