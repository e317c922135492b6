"""Undoable edits of a report: small values that apply, invert and serialise.

The app, the journal and the tests all change a report only through these.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from msgspec import Struct
from msgspec.structs import replace

from kedr_tui.core.fields import FIELDS, of_section, parse_input  # noqa: F401  (parse_input: typed input)
from kedr_tui.core.history import EditError  # edits are refused with it; also importable from here
from kedr_tui.core.model import HIGHER, LISTS, LOWER, SINGLETONS, Report
from kedr_tui.core import wording


# ---------------------------------------------------------------- edits

class SetField(Struct, frozen=True):
    """Set one field: of a row (``index``), of a singleton table or the ``year`` (``index=None``)."""

    section: str
    index: int | None
    field: str
    old: object
    new: object

    def apply(self, report: Report) -> Report:
        if self.section == "report":
            return replace(report, **{self.field: self.new})
        if self.index is None:
            table = getattr(report, self.section)
            return replace(report, **{self.section: replace(table, **{self.field: self.new})})
        rows = list(getattr(report, self.section))
        if not 0 <= self.index < len(rows):
            raise EditError(wording.no_row_in(self.index + 1, self.section))
        rows[self.index] = replace(rows[self.index], **{self.field: self.new})
        return replace(report, **{self.section: tuple(rows)})

    def inverse(self) -> "SetField":
        return SetField(self.section, self.index, self.field, self.new, self.old)


class InsertRow(Struct, frozen=True):
    section: str
    index: int
    row: object

    def apply(self, report: Report) -> Report:
        rows = list(getattr(report, self.section))
        if not 0 <= self.index <= len(rows):
            raise EditError(wording.cannot_insert_row(self.index + 1))
        rows.insert(self.index, self.row)
        return replace(report, **{self.section: tuple(rows)})

    def inverse(self) -> "DeleteRow":
        return DeleteRow(self.section, self.index, self.row)


class DeleteRow(Struct, frozen=True):
    section: str
    index: int
    row: object

    def apply(self, report: Report) -> Report:
        rows = list(getattr(report, self.section))
        if not 0 <= self.index < len(rows):
            raise EditError(wording.no_row(self.index + 1))
        del rows[self.index]
        return replace(report, **{self.section: tuple(rows)})

    def inverse(self) -> InsertRow:
        return InsertRow(self.section, self.index, self.row)


class MoveRow(Struct, frozen=True):
    section: str
    index: int
    to: int

    def apply(self, report: Report) -> Report:
        rows = list(getattr(report, self.section))
        if not (0 <= self.index < len(rows) and 0 <= self.to < len(rows)):
            raise EditError(wording.CANNOT_MOVE_ROW)
        rows.insert(self.to, rows.pop(self.index))
        return replace(report, **{self.section: tuple(rows)})

    def inverse(self) -> "MoveRow":
        return MoveRow(self.section, self.to, self.index)


class Batch(Struct, frozen=True):
    """Several edits as one step of undo."""

    edits: tuple
    label: str = ""

    def apply(self, report: Report) -> Report:
        for edit in self.edits:
            report = edit.apply(report)
        return report

    def inverse(self) -> "Batch":
        return Batch(tuple(e.inverse() for e in reversed(self.edits)), self.label)


Edit = SetField | InsertRow | DeleteRow | MoveRow | Batch


# ---------------------------------------------------------------- serialisation (journal)

def _value_json(value):
    if isinstance(value, Decimal):
        return {"decimal": f"{value:f}"}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    return value


def _value_from(value):
    if isinstance(value, dict):
        try:
            if "decimal" in value and isinstance(value["decimal"], str) and len(value["decimal"]) <= 64:
                return Decimal(value["decimal"])
            if "date" in value and isinstance(value["date"], str):
                return _dt.date.fromisoformat(value["date"])
        except (ArithmeticError, ValueError):
            pass
        raise EditError(wording.VALUE_NOT_NUMBER_OR_DATE)
    return value


# A journal is written by us but lies in a folder other people can write to: every value read
# back is checked like typed input, so a forged or damaged one makes the journal «повреждён»
# instead of reaching the model (a text in a number field, NaN, 1E+999999999, a -1 index).
MAX_TEXT = 1_000_000


def _checked(section: str, field: str, value):
    from kedr_tui.core import fields as catalogue
    from kedr_tui.core.numbers import out_of_range

    if section == "report":
        if field == "year" and isinstance(value, int) and not isinstance(value, bool) \
                and 1900 <= value <= 2999:
            return value
        raise EditError(wording.bad_report_field(field))
    entry = catalogue.FIELDS.get((section, field)) if isinstance(field, str) else None
    if entry is None:
        raise EditError(wording.unknown_field_in(field, section))
    kind = entry.kind
    cls = {**LISTS, **SINGLETONS}[section]
    if value is None and cls.__struct_defaults__ and _default_of(cls, field) is None:
        return value
    ok = ((kind in (catalogue.TEXT, catalogue.MULTILINE) and isinstance(value, str)
           and len(value) <= MAX_TEXT)
          or (kind == catalogue.INTEGER and isinstance(value, int) and not isinstance(value, bool)
              and 0 <= value < 10 ** 6)
          or (kind == catalogue.NUMBER and isinstance(value, Decimal) and out_of_range(value) is None)
          or (kind == catalogue.DATE and isinstance(value, _dt.date)
              and not isinstance(value, _dt.datetime))
          or (kind == catalogue.BETTER and value in (HIGHER, LOWER)))
    if not ok:
        raise EditError(wording.bad_field_value(field))
    return value


def _default_of(cls, name: str):
    names, defaults = cls.__struct_fields__, cls.__struct_defaults__
    at = names.index(name) - (len(names) - len(defaults))
    return defaults[at] if at >= 0 else None


def _index(value, optional: bool = False):
    if optional and value is None:
        return value
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10 ** 7:
        raise EditError(wording.BAD_ROW_NUMBER)
    return value


def _section(value, lists_only: bool = True) -> str:
    known = LISTS if lists_only else {**LISTS, **SINGLETONS, "report": None}
    if not isinstance(value, str) or value not in known:
        raise EditError(wording.UNKNOWN_SECTION)
    return value


def _row_json(row) -> dict:
    out = {"type": type(row).__name__}
    for name in row.__struct_fields__:
        out[name] = _value_json(getattr(row, name))
    return out


_ROW_TYPES = {cls.__name__: cls for cls in (*LISTS.values(), *SINGLETONS.values())}
_SECTION_OF = {cls.__name__: section for section, cls in {**LISTS, **SINGLETONS}.items()}


def _row_from(data: dict, section: str):
    if not isinstance(data, dict) or data.get("type") not in _ROW_TYPES \
            or _SECTION_OF[data["type"]] != section:
        raise EditError(wording.JOURNAL_ROW_MALFORMED)
    values = {}
    for key, raw in data.items():
        if key == "type":
            continue
        if key == "src":
            values[key] = _index(raw, optional=True)
        else:
            values[key] = _checked(section, key, _value_from(raw))
    return _ROW_TYPES[data["type"]](**values)


def to_json(edit) -> dict:
    if isinstance(edit, SetField):
        return {"op": "set", "section": edit.section, "index": edit.index, "field": edit.field,
                "old": _value_json(edit.old), "new": _value_json(edit.new)}
    if isinstance(edit, (InsertRow, DeleteRow)):
        return {"op": "insert" if isinstance(edit, InsertRow) else "delete",
                "section": edit.section, "index": edit.index, "row": _row_json(edit.row)}
    if isinstance(edit, MoveRow):
        return {"op": "move", "section": edit.section, "index": edit.index, "to": edit.to}
    return {"op": "batch", "label": edit.label, "edits": [to_json(e) for e in edit.edits]}


def from_json(data: dict, depth: int = 0):
    """An edit from its journal form; EditError (Russian) when it is not a valid one."""
    if not isinstance(data, dict) or depth > 8:
        raise EditError(wording.JOURNAL_ENTRY_MALFORMED)
    op = data["op"]
    if op == "set":
        section, field = _section(data["section"], lists_only=False), data["field"]
        index = _index(data["index"], optional=section not in LISTS)
        if not isinstance(field, str):
            raise EditError(wording.UNKNOWN_FIELD)
        old = _checked(section, field, _value_from(data["old"]))
        new = _checked(section, field, _value_from(data["new"]))
        return SetField(section, index, field, old, new)
    if op in ("insert", "delete"):
        cls = InsertRow if op == "insert" else DeleteRow
        section = _section(data["section"])
        return cls(section, _index(data["index"]), _row_from(data["row"], section))
    if op == "move":
        return MoveRow(_section(data["section"]), _index(data["index"]), _index(data["to"]))
    if op == "batch":
        edits = data["edits"]
        label = data.get("label", "")
        if not isinstance(edits, list) or not isinstance(label, str):
            raise EditError(wording.JOURNAL_ENTRY_MALFORMED)
        return Batch(tuple(from_json(e, depth + 1) for e in edits), label)
    raise EditError(wording.unknown_journal_op(op))


# ---------------------------------------------------------------- typed input

def field_kind(section: str, field: str) -> str:
    """``number`` | ``integer`` | ``date`` | ``better`` | ``text`` | ``multiline`` (core/fields.py)."""
    return FIELDS[(section, field)].kind


def set_field(report: Report, section: str, index: int | None, field: str, value) -> SetField | None:
    """The edit that sets a field, or ``None`` when nothing would change."""
    holder = report if section == "report" else getattr(report, section)
    if index is not None:
        holder = holder[index]
    old = getattr(holder, field)
    return None if old == value else SetField(section, index, field, old, value)


def editable_fields(section: str) -> tuple[str, ...]:
    return tuple(f.name for f in of_section(section))
