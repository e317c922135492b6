"""Which structural operation a key means where the cursor is, and where the cursor
goes after it.

Pure: given the report and the row under the cursor, each function returns an
``Op`` (the edit, where the cursor goes after it, and for deletions the
question to confirm) or raises EditError with the reason in Russian.  What the
operations do to the report is the core's (``core/operations.py``).
"""

from __future__ import annotations

from msgspec import Struct

from kedr_tui.core import operations as ops
from kedr_tui.core import wording
from kedr_tui.core.edits import DeleteRow, EditError
from kedr_tui.core.model import Report
from kedr_tui.core.identity import TaskId
from kedr_tui.view import wording as vw
from kedr_tui.view.keys import PROGRAMME, After
from kedr_tui.view.rows import GOAL, ViewRow, short_text


class Op(Struct, frozen=True):
    edit: object
    focus: object              # where the cursor goes afterwards: a row key, or After (view/keys.py)
    question: str = ""         # for deletions: what to confirm
    table: str | None = None   # the table the focus key belongs to (None: the current one)


# ---------------------------------------------------------------- add

def add_row(table: str, row: ViewRow | None, report: Report) -> Op:
    """``a``: a new row of the kind under the cursor, after it."""
    kind = row.kind if row else None
    if table == "indicators":
        if kind == "indicator":
            return _inserted(ops.add_indicator(report, report.indicators[row.index].task, after=row.index))
        if kind not in (None, "goal", "task", "orphan"):
            raise EditError(vw.CANNOT_ADD_INDICATOR_HERE)
        task = 0 if kind in (None, "goal") else row.key.number
        return _inserted(ops.add_indicator(report, task))
    if table == "expenses":
        return _add_expense(row, report)
    if table == "amendments":
        return _inserted(ops.add_amendment(report, row.index if kind == "amendment" else None))
    raise EditError(vw.NO_ROWS_ADDED_HERE)


def _inserted(edit) -> Op:
    """An added row: the cursor goes to it (its key is known once it is in the report)."""
    first = edit.edits[0] if hasattr(edit, "edits") else edit
    return Op(edit, After(first.section, first.index))


def _add_expense(row: ViewRow | None, report: Report) -> Op:
    if row is None or row.kind in ("program", "task", "heading"):
        raise EditError(vw.STAND_ON_ACTIVITY)
    if row.kind == "line":
        raise EditError(vw.EXECUTOR_TOTAL_ADD)
    if row.kind == "expense":
        edit = ops.add_executor(report, report.expenses[row.index].code, after=row.index)
    else:
        edit = ops.add_executor(report, report.activities[row.index].code)
    return _inserted(edit)


def add_group(table: str, row: ViewRow | None, report: Report) -> Op:
    """``A``: a task (on «Показатели») or an activity (on «Расходы»)."""
    if table == "indicators":
        at = row.index + 1 if row is not None and row.kind == "task" else len(report.tasks)
        return Op(ops.add_task(report, at), TaskId(at + 1))
    if table == "expenses":
        return _add_activity(row, report)
    raise EditError(vw.NOTHING_TO_ADD_HERE)


def add_subprogram(table: str, report: Report) -> Op:
    """``S``: a subprogram of the programme (on «Расходы»)."""
    if table != "expenses":
        raise EditError(vw.NOTHING_TO_ADD_HERE)
    return _inserted(ops.add_subprogram(report))


def _add_activity(row: ViewRow | None, report: Report) -> Op:
    base: str | None = None
    if row is not None and row.kind == "expense":
        base = report.expenses[row.index].code
    elif row is not None and row.kind == "node":
        base = report.activities[row.index].code
    elif row is not None and row.kind == "line":
        base = row.key.code
    task = row.index + 1 if row is not None and row.kind == "task" and row.index is not None else None
    return _inserted(ops.add_activity(report, base, task))


# ---------------------------------------------------------------- delete

def delete_row(table: str, row: ViewRow | None, report: Report) -> Op:
    """``d``: the edit and the question to confirm it."""
    if row is None or row.section is None:
        raise EditError(vw.CANNOT_DELETE_COMPUTED)
    kind, index = row.kind, row.index
    if kind == "indicator":
        ind = report.indicators[index]
        return Op(DeleteRow("indicators", index, ind), After("indicators", index),
                  vw.delete_indicator(short_text(ind.name)))
    if kind == "task":
        edit = ops.delete_task(report, index)
        if table == "indicators":
            focus = TaskId(index) if index else GOAL
        else:
            focus = PROGRAMME
        return Op(edit, focus, vw.delete_task(index + 1, short_text(report.tasks[index].title)))
    if kind == "expense":
        exp = report.expenses[index]
        return Op(DeleteRow("expenses", index, exp), After("expenses", index),
                  vw.delete_expense(short_text(exp.executor), exp.code))
    if kind == "node":
        act = report.activities[index]
        edit = ops.delete_activity(report, index)
        return Op(edit, PROGRAMME, vw.delete_activity(act.code, short_text(act.title), len(edit.edits) - 1))
    if kind == "amendment":
        amd = report.amendments[index]
        return Op(DeleteRow("amendments", index, amd), After("amendments", index),
                  vw.delete_amendment(index + 1, short_text(amd.act)))
    if kind == "goal":
        raise EditError(vw.GOAL_NOT_DELETED)
    raise EditError(vw.CANNOT_DELETE)


# ---------------------------------------------------------------- move

def move_row(table: str, row: ViewRow | None, report: Report, delta: int) -> Op:
    """Move up (``delta=-1``) or down (``+1``) among rows of the same group."""
    if row is None or row.section is None:
        raise EditError(vw.CANNOT_MOVE)
    kind, index = row.kind, row.index
    if kind == "indicator":
        edit = ops.move_indicator(report, index, delta)
        return Op(edit, After("indicators", edit.to))
    if kind == "task":
        to = index + delta
        if not 0 <= to < len(report.tasks):
            raise EditError(wording.cannot_move("task", first=delta < 0))
        return Op(ops.move_task(report, index, to), TaskId(to + 1))
    if kind == "expense":
        edit = ops.move_executor(report, index, delta)
        return Op(edit, After("expenses", edit.to))
    if kind == "amendment":
        edit = ops.move_amendment(report, index, delta)
        return Op(edit, After("amendments", edit.to))
    if kind in ("node", "program"):
        raise EditError(vw.ACTIVITY_ORDER_BY_CODE)
    raise EditError(vw.CANNOT_MOVE)
