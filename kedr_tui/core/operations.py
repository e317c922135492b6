"""What a person does to the report's structure, as undoable edits: add, delete and
move tasks, indicators, activities, executor rows and amendments; change an
activity's or the programme's code with everything that names it.

Pure and without a screen: each function takes the report and the row it is about
(by index in its section) and returns the edit (``edits.py``), or raises EditError
with the reason in Russian.  The app's row operations (``view/structure.py``) only
choose which of these a key means where the cursor is.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from msgspec.structs import replace

from kedr_tui.core.derive import CODE_RE, parent_code, program_code, split_code
from kedr_tui.core.edits import Batch, DeleteRow, InsertRow, MoveRow, SetField
from kedr_tui.core.history import EditError
from kedr_tui.core.identity import norm
from kedr_tui.core.model import LISTS, Activity, Report, Task, placeholder
from kedr_tui.core import wording


# ---------------------------------------------------------------- new rows

def new_row(section: str, report: Report, like=None):
    """A fresh row for ``section``, prefilled from the row it is added after."""
    cls = LISTS[section]
    if section == "indicators":
        return cls(task=like.task if like is not None else 0, name=placeholder(section),
                   plan=Decimal(0))
    if section == "expenses":
        code = like.code if like is not None else (report.activities[-1].code if report.activities else "")
        return cls(code=code, executor=placeholder(section))
    if section == "activities":
        return cls(code="", title=placeholder(section))
    if section == "tasks":
        return cls(title=placeholder(section))
    if section == "amendments":
        return cls(act=like.act if like is not None else "", date=_dt.date(report.year or 2000, 1, 1))
    raise EditError(wording.cannot_add_rows(section))


# ---------------------------------------------------------------- tasks

def add_task(report: Report, at: int) -> InsertRow | Batch:
    """A new task at position ``at`` (0-based); later tasks shift, and so do their references."""
    insert = InsertRow("tasks", at, Task(title=placeholder("tasks")))
    if at >= len(report.tasks):
        return insert
    edits: list = [insert]
    for section in ("indicators", "activities"):
        for i, row in enumerate(getattr(report, section)):
            if row.task is not None and row.task > at:
                edits.append(SetField(section, i, "task", row.task, row.task + 1))
    return Batch(tuple(edits), wording.EDIT_ADD_TASK)


def delete_task(report: Report, index: int) -> Batch:
    """Delete task ``index`` (0-based) and renumber later references; refused if referenced."""
    number = index + 1
    users = [i for i in report.indicators if i.task == number]
    acts = [a for a in report.activities if a.task == number]
    if users or acts:
        raise EditError(wording.task_in_use(number, len(users), len(acts)))
    edits: list = [DeleteRow("tasks", index, report.tasks[index])]
    edits += _renumber(report, lambda t: t - 1 if t is not None and t > number else t)
    return Batch(tuple(edits), wording.edit_delete_task(number))


def move_task(report: Report, index: int, to: int) -> Batch:
    """Move a task and keep every indicator and activity with its task."""
    if not (0 <= index < len(report.tasks) and 0 <= to < len(report.tasks)):
        raise EditError(wording.CANNOT_MOVE_TASK)
    order = list(range(1, len(report.tasks) + 1))
    order.insert(to, order.pop(index))
    mapping = {old: new for new, old in enumerate(order, start=1)}
    edits: list = [MoveRow("tasks", index, to)]
    edits += _renumber(report, lambda t: mapping.get(t, t) if t is not None else t)
    return Batch(tuple(edits), wording.EDIT_MOVE_TASK)


def _renumber(report: Report, change) -> list:
    edits = []
    for section in ("indicators", "activities"):
        for i, row in enumerate(getattr(report, section)):
            new = change(row.task)
            if new != row.task:
                edits.append(SetField(section, i, "task", row.task, new))
    return edits


# ---------------------------------------------------------------- indicators and amendments

def add_indicator(report: Report, task: int, after: int | None = None) -> InsertRow:
    """A new indicator after indicator ``after`` (like it), or last of ``task`` (0: the goal)."""
    if after is not None:
        task = report.indicators[after].task
    same = [i for i, ind in enumerate(report.indicators) if ind.task == task]
    name = _free_name("indicators", {norm(report.indicators[i].name) for i in same})
    if after is not None:
        row = new_row("indicators", report, report.indicators[after])
        return InsertRow("indicators", after + 1, replace(row, name=name))
    at = same[-1] + 1 if same else _first_after_task(report, task)
    return InsertRow("indicators", at, replace(new_row("indicators", report), task=task, name=name))


def _free_name(section: str, taken: set[str]) -> str:
    """The placeholder text not yet used among ``taken``: a second row added before the
    first is filled in is «… 2», not a duplicate (E-DUP / E-CODE) made by the app itself."""
    name, n = placeholder(section), 1
    while name in taken:
        n += 1
        name = placeholder(section, n)
    return name


def _first_after_task(report: Report, task: int) -> int:
    """Where an indicator of a task with no indicators goes: before the first of a later task."""
    for i, ind in enumerate(report.indicators):
        if ind.task > task:
            return i
    return len(report.indicators)


def add_amendment(report: Report, after: int | None = None) -> InsertRow:
    """A new amendment after ``after`` (of the same kind of act), or last."""
    like = report.amendments[after] if after is not None else None
    row = new_row("amendments", report, like)
    # (act, date, number) names an amendment: a second one added before the first is
    # filled in takes the next day rather than repeat it (E-DUP made by the app itself).
    taken = {(norm(a.act), a.date, norm(a.number)) for a in report.amendments}
    while (norm(row.act), row.date, norm(row.number)) in taken and row.date < _dt.date.max:
        row = replace(row, date=row.date + _dt.timedelta(days=1))
    return InsertRow("amendments", len(report.amendments) if after is None else after + 1, row)


def move_indicator(report: Report, index: int, delta: int) -> MoveRow:
    """Up (``-1``) or down (``+1``) among the indicators of its task."""
    task = report.indicators[index].task
    peers = [i for i, ind in enumerate(report.indicators) if ind.task == task]
    return _move_among("indicators", peers, index, delta, "indicator")


def move_amendment(report: Report, index: int, delta: int) -> MoveRow:
    return _move_among("amendments", list(range(len(report.amendments))), index, delta, "row")


def _move_among(section: str, peers: list[int], index: int, delta: int, what: str) -> MoveRow:
    """``what`` (``"indicator"``, ``"row"``, ``"executor"``) names the row in the refusal."""
    pos = peers.index(index)
    if not 0 <= pos + delta < len(peers):
        raise EditError(wording.cannot_move(what, first=delta < 0))
    return MoveRow(section, index, peers[pos + delta])


# ---------------------------------------------------------------- activities and their expense rows

def add_executor(report: Report, code: str, after: int | None = None) -> InsertRow:
    """A new executor row of activity ``code``: after row ``after``, or after its last row.

    Refused on an activity with nested activities: its totals are their sums."""
    if after is None and any(parent_code(a.code) == code for a in report.activities):
        raise EditError(wording.EXECUTOR_ON_PARENT)
    same = [i for i, e in enumerate(report.expenses) if e.code == code]
    at = after + 1 if after is not None else (same[-1] + 1 if same else len(report.expenses))
    name = _free_name("expenses", {norm(report.expenses[i].executor) for i in same})
    return InsertRow("expenses", at, replace(new_row("expenses", report), code=code, executor=name))


def move_executor(report: Report, index: int, delta: int) -> MoveRow:
    """Up or down among the executor rows of its activity."""
    code = report.expenses[index].code
    peers = [i for i, e in enumerate(report.expenses) if e.code == code]
    return _move_among("expenses", peers, index, delta, "executor")


def add_activity(report: Report, base: str | None, task: int | None = None) -> InsertRow:
    """A new activity near ``base`` (a code): a sibling of an activity, the first free
    child of a main activity, or a new main activity of the programme (of ``task``)."""
    codes = {a.code for a in report.activities}
    prog = program_code(report)
    parts = split_code(base) if base else None
    if parts and parts[3]:
        parent = parent_code(base)            # an activity: a sibling
    elif parts and parts[2]:
        parent = base                         # a main activity: its first free child
    elif parts and parts[1]:
        parent = base                         # a subprogram: a main activity in it
    else:
        parent = prog                         # the programme or a task heading: a main activity
    if parent == prog or (split_code(parent) and not split_code(parent)[2]):
        mp, pp = parent.split(".")[:2]
        taken = [split_code(c)[2] for c in codes if split_code(c) and c.startswith(f"{mp}.{pp}.")]
        om = max(taken, default=0) + 1
        if om > 99:
            raise EditError(wording.NO_FREE_MAIN_CODES)
        code = f"{mp}.{pp}.{om:02d}.0"
        # in a subprogram, the task of its last main activity (a subprogram serves a task)
        siblings = [a.task for a in report.activities if a.task and parent != prog
                    and parent_code(a.code) == parent]
        fresh = Activity(code=code, title=placeholder("activities", which=1),
                         task=task or (siblings[-1] if siblings else None) or (len(report.tasks) or None))
        if fresh.task is None:
            raise EditError(wording.ADD_TASK_FIRST)
    else:
        mp, pp, om = parent.split(".")[:3]
        taken = [split_code(c)[3] for c in codes if split_code(c) and c.startswith(f"{mp}.{pp}.{om}.")]
        m = max(taken, default=0) + 1
        if m > 99:                            # М is one or two digits (CODE_RE)
            raise EditError(wording.NO_FREE_CODES)
        code = f"{mp}.{pp}.{om}.{m}"
        fresh = Activity(code=code, title=placeholder("activities"))
    return InsertRow("activities", _activity_position(report, code), fresh)


def add_subprogram(report: Report) -> InsertRow:
    """A new subprogram of the programme (``МП.Пп.00.0``, Пп the next free one): its main
    activities are added in it (``add_activity`` on it), which give it its task."""
    mp = report.program.code
    taken = [parts[1] for parts in map(split_code, (a.code for a in report.activities))
             if parts and f"{parts[0]:02d}" == mp]
    pp = max(taken, default=0) + 1
    if pp > 9:                              # Пп is one digit (CODE_RE)
        raise EditError(wording.NO_FREE_SUBPROGRAM_CODES)
    code = f"{mp}.{pp}.00.0"
    fresh = Activity(code=code, title=placeholder("activities", which=2))
    return InsertRow("activities", _activity_position(report, code), fresh)


def _activity_position(report: Report, code: str) -> int:
    """Keep the file in code order: before the first activity with a larger code."""
    key = split_code(code)
    for i, act in enumerate(report.activities):
        parts = split_code(act.code)
        if parts and parts > key:
            return i
    return len(report.activities)


def delete_activity(report: Report, index: int) -> Batch:
    """Delete an activity with its expense rows; refused while it has nested activities."""
    act = report.activities[index]
    if any(parent_code(a.code) == act.code for a in report.activities):
        raise EditError(wording.DELETE_CHILDREN_FIRST)
    rows = [i for i, e in enumerate(report.expenses) if e.code == act.code]
    edits = [DeleteRow("expenses", i, report.expenses[i]) for i in reversed(rows)]
    edits.append(DeleteRow("activities", index, act))
    return Batch(tuple(edits), wording.edit_delete_activity(act.code))


def check_activity_code(report: Report, index: int | None, code: str) -> None:
    """EditError unless ``code`` may be the code of activity ``index``."""
    if not CODE_RE.fullmatch(code):
        raise EditError(wording.CODE_FORM)
    if code.split(".")[0] != report.program.code:
        raise EditError(wording.code_outside_program(report.program.code))
    if code == program_code(report):
        raise EditError(wording.CODE_IS_PROGRAM)
    codes = {a.code for i, a in enumerate(report.activities) if i != index}
    if code in codes:
        raise EditError(wording.code_taken(code))
    parent = parent_code(code)
    if parent and parent != program_code(report) and parent not in codes:
        raise EditError(wording.no_parent_activity(parent))
    parts = split_code(code)
    act = report.activities[index] if index is not None else None
    if parts and parts[2] and not parts[3] and act is not None and act.task is None:
        raise EditError(wording.MAIN_NEEDS_TASK)


def change_activity_code(report: Report, index: int, code: str) -> Batch | None:
    """The activity's new code, and its expense rows with it (``None``: no change).

    Refused for an activity with nested activities: their codes hang on it."""
    old = report.activities[index].code
    if old == code:
        return None
    if any(parent_code(a.code) == old for a in report.activities):
        raise EditError(wording.CODE_OF_PARENT_FIXED)
    edits = [SetField("activities", index, "code", old, code)]
    edits += [SetField("expenses", i, "code", old, code)
              for i, row in enumerate(report.expenses) if row.code == old]
    return Batch(tuple(edits), wording.edit_code(old, code))


def change_program_code(report: Report, code: str) -> Batch | None:
    """The programme's new code, and every activity and expense code under it."""
    old = report.program.code
    if old == code:
        return None
    edits: list = [SetField("program", None, "code", old, code)]
    for section in ("activities", "expenses"):
        for i, row in enumerate(getattr(report, section)):
            if row.code.startswith(old + "."):
                edits.append(SetField(section, i, "code", row.code, code + row.code[len(old):]))
    return Batch(tuple(edits), wording.edit_program_code(old, code))
