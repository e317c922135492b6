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
from kedr_tui.core.model import LISTS, SINGLETONS, Report


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
            raise EditError(f"нет строки {self.index + 1} в «{self.section}»")
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
            raise EditError(f"нельзя вставить строку {self.index + 1}")
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
            raise EditError(f"нет строки {self.index + 1}")
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
            raise EditError("строку некуда перемещать")
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
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "date" in value:
            return _dt.date.fromisoformat(value["date"])
    return value


def _row_json(row) -> dict:
    out = {"type": type(row).__name__}
    for name in row.__struct_fields__:
        out[name] = _value_json(getattr(row, name))
    return out


_ROW_TYPES = {cls.__name__: cls for cls in (*LISTS.values(), *SINGLETONS.values())}


def _row_from(data: dict):
    cls = _ROW_TYPES[data["type"]]
    return cls(**{k: _value_from(v) for k, v in data.items() if k != "type"})


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


def from_json(data: dict):
    op = data["op"]
    if op == "set":
        return SetField(data["section"], data["index"], data["field"], _value_from(data["old"]),
                        _value_from(data["new"]))
    if op in ("insert", "delete"):
        cls = InsertRow if op == "insert" else DeleteRow
        return cls(data["section"], data["index"], _row_from(data["row"]))
    if op == "move":
        return MoveRow(data["section"], data["index"], data["to"])
    if op == "batch":
        return Batch(tuple(from_json(e) for e in data["edits"]), data.get("label", ""))
    raise EditError(f"неизвестная операция журнала «{op}»")


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
