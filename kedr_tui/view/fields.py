"""Editing a field: which choices to offer, whether a typed text is acceptable, the edit.

Pure: the editors ask here how to show a value, which choices to offer and
whether a typed text is acceptable; the answer is a value or an EditError
with a Russian message, and the edit to apply.  What a field is (its names,
kind, parser, whether it is required) is the core's catalogue
(``core/fields.py``); this adds the rules that keep the report consistent
while someone edits it (an activity code that exists, an executor named once).
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from kedr_tui.core import identity
from kedr_tui.core.derive import parent_code, split_code
from kedr_tui.core.edits import Batch, EditError, SetField, set_field
from kedr_tui.core.fields import FIELDS, label  # noqa: F401  (label: the editors' titles)
from kedr_tui.core.fields import editable_text as to_text  # noqa: F401  (a value for retyping)
from kedr_tui.core.identity import norm
from kedr_tui.core.model import HIGHER, LOWER, Report
from kedr_tui.core.operations import change_activity_code, change_program_code, check_activity_code
from kedr_tui.view import wording as vw


def editor_kind(section: str, field: str) -> str:
    """``choice`` | ``multiline`` | ``number`` | ``integer`` | ``date`` | ``text``."""
    return FIELDS[(section, field)].editor


# Texts whose values are typed with digits: a digit on such a cell starts its new value.
DIGIT_TEXTS = frozenset({("program", "code"), ("activities", "code"), ("amendments", "number")})


def digit_starts_value(section: str, field: str) -> bool:
    """Whether a digit (minus, comma) typed on the cell starts its new value, as on a number:
    on numbers, dates, choices, codes and an act's number.  Never on a text of words (a name,
    a note, a justification, the Доклад): there a digit typed one column off the number
    replaced a whole name by «5», one Enter away; such a text is edited by Enter."""
    return editor_kind(section, field) in ("number", "integer", "date", "choice") \
        or (section, field) in DIGIT_TEXTS


def hint(section: str, field: str) -> str:
    return FIELDS[(section, field)].help


def value_of(report: Report, section: str, index: int | None, field: str):
    holder = report if section == "report" else getattr(report, section)
    if index is not None:
        holder = holder[index]
    return getattr(holder, field)


# ---------------------------------------------------------------- choices

def choices(report: Report, section: str, index: int | None, field: str) -> list[tuple[object, str]]:
    """(value, label) pairs for a choice field."""
    if field == "better":
        return [(HIGHER, vw.CHOICE_HIGHER), (LOWER, vw.CHOICE_LOWER)]
    tasks = [(n, vw.task_choice(n, ' '.join(t.title.split()))) for n, t in enumerate(report.tasks, 1)]
    if section == "indicators" and field == "task":
        return [(0, vw.goal_choice(' '.join(report.program.goal.split()))), *tasks]
    if section == "activities" and field == "task":
        act = report.activities[index] if index is not None else None
        parts = split_code(act.code) if act else None
        main = bool(parts and parts[2] and not parts[3])
        return tasks if main else [(None, vw.CHOICE_NO_TASK), *tasks]
    if section == "expenses" and field == "code":
        parents = {parent_code(a.code) for a in report.activities}
        out = [(a.code, f"{a.code}  {' '.join(a.title.split())}") for a in report.activities
               if a.code not in parents]
        current = value_of(report, section, index, field) if index is not None else None
        if current is not None and current not in {v for v, _ in out}:
            out.insert(0, (current, vw.current_choice(current)))
        return out
    raise EditError(vw.no_choices(label(section, field)))


# ---------------------------------------------------------------- parsing and the edit

def parse(report: Report, section: str, index: int | None, field: str, text: str,
          file_year: int | None = None):
    """Typed text -> the value, or EditError saying why not (in Russian).

    ``file_year``: the year the file's name gives (reports/2021.toml), if any; another year
    would be E-YEAR, and a report with errors opens read-only: the year is refused here."""
    entry = FIELDS[(section, field)]
    value = entry.parse(text, report)
    if entry.required and isinstance(value, str) and not value.strip():
        raise EditError(vw.FIELD_REQUIRED)
    if section == "activities" and field == "code":
        check_activity_code(report, index, value)
    elif section == "program" and field == "code":
        if not re.fullmatch(r"[0-9]{2}", value):
            raise EditError(vw.PROGRAM_CODE_FORM)
    elif section == "expenses" and field in ("code", "executor"):
        row = report.expenses[index]
        code = value if field == "code" else row.code
        executor = value if field == "executor" else row.executor
        if field == "code" and code not in {a.code for a in report.activities}:
            raise EditError(vw.no_activity(code))
        if _would_repeat(report, section, index, field, value):
            raise EditError(vw.executor_exists(norm(executor), code))
    elif (section, field) in _IDENTITY_FIELDS and _would_repeat(report, section, index, field, value):
        row = replace(report.indicators[index] if section == "indicators"
                      else report.amendments[index], **{field: value})
        if section == "indicators":
            raise EditError(vw.indicator_exists(norm(row.name), row.task))
        raise EditError(vw.amendment_exists(norm(row.act), norm(row.number), row.date))
    elif section == "report" and field == "year":
        if not 1900 <= value <= 2200:
            raise EditError(vw.YEAR_FORM)
        if file_year is not None and value != file_year:
            raise EditError(vw.year_from_file_name(file_year))
    return value


_IDENTITY_FIELDS = {("indicators", "task"), ("indicators", "name"), ("amendments", "act"),
                    ("amendments", "date"), ("amendments", "number")}


def _would_repeat(report: Report, section: str, index: int, field: str, value) -> bool:
    """Whether the row with ``field`` set to ``value`` would name the same row as another one.

    Rows are compared by identity (whitespace-normalised), as the checks do: «МУ  Туризм »
    repeats «МУ Туризм» and would otherwise slip in as an E-CODE / E-DUP error.
    """
    rows = getattr(report, section)
    new = identity.of_row(section, index, replace(rows[index], **{field: value}))
    if new == identity.of_row(section, index, rows[index]):
        return False
    return any(i != index and identity.of_row(section, i, other) == new
               for i, other in enumerate(rows))


def edit_for(report: Report, section: str, index: int | None, field: str, value):
    """The edit that sets the field (with what must change along), or None if nothing changes."""
    if section == "activities" and field == "code":
        return change_activity_code(report, index, value)
    if section == "program" and field == "code":
        return change_program_code(report, value)
    return set_field(report, section, index, field, value)


def describe(edit) -> str:
    """A few words about an edit, for «Отменено: …»."""
    if isinstance(edit, Batch):
        return edit.label or vw.EDIT_SEVERAL
    if isinstance(edit, SetField):
        return label(edit.section, edit.field).lower()
    name = type(edit).__name__
    return {"InsertRow": vw.EDIT_ADD_ROW, "DeleteRow": vw.EDIT_DELETE_ROW,
            "MoveRow": vw.EDIT_MOVE_ROW}.get(name, vw.EDIT_CHANGE)


def sections_of(edit) -> set[str]:
    """The report sections an edit touches."""
    if isinstance(edit, Batch):
        out: set[str] = set()
        for part in edit.edits:
            out |= sections_of(part)
        return out
    return {edit.section}


def is_structural(edit) -> bool:
    """Rows added, removed or reordered (the table may be rebuilt), not just values changed."""
    if isinstance(edit, Batch):
        return any(is_structural(e) for e in edit.edits)
    return not isinstance(edit, SetField)


def place_of_step(edit, undone: bool) -> tuple[str, int | None, str | None] | None:
    """Where undo (``undone``) or redo of ``edit`` puts the cursor: at its first, main edit."""
    if isinstance(edit, Batch):
        return place_of_step(edit.edits[0], undone) if edit.edits else None
    return first_place(edit.inverse() if undone else edit)


def first_place(edit) -> tuple[str, int | None, str | None] | None:
    """(section, index, field) an edit is about."""
    if isinstance(edit, Batch):
        return first_place(edit.edits[0]) if edit.edits else None
    if isinstance(edit, SetField):
        return edit.section, edit.index, edit.field
    if type(edit).__name__ == "MoveRow":
        return edit.section, edit.to, None
    return edit.section, edit.index, None
