"""Adding, deleting and moving rows, tasks and activities, as core edits.

Pure: given the report and the row under the cursor, each function returns an
``Op`` (the edit, where the cursor goes after it, and for deletions the
question to confirm) or raises EditError with the reason in Russian.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from kedr_tui.core.derive import parent_code, program_code, split_code
from kedr_tui.core.edits import (Batch, DeleteRow, EditError, InsertRow, MoveRow, delete_task, move_task,
                                 new_row)
from kedr_tui.core.model import Activity, Report, Task, placeholder
from kedr_tui.view.rows import ViewRow, short_text


class Op(Struct, frozen=True):
    edit: object
    focus: str                 # row key of the table to put the cursor on afterwards
    question: str = ""         # for deletions: what to confirm
    table: str | None = None   # the table the focus key belongs to (None: the current one)


# ---------------------------------------------------------------- add

def add_row(table: str, row: ViewRow | None, report: Report) -> Op:
    """``a``: a new row of the kind under the cursor, after it."""
    kind = row.kind if row else None
    if table == "indicators":
        if kind == "indicator":
            like = report.indicators[row.index]
            return _insert("indicators", row.index + 1, new_row("indicators", report, like), "ind")
        task = 0 if kind in (None, "goal") else int(row.key.split(":")[1])
        if kind not in (None, "goal", "task", "orphan"):
            raise EditError("здесь нельзя добавить показатель")
        same = [i for i, ind in enumerate(report.indicators) if ind.task == task]
        at = same[-1] + 1 if same else _first_after_task(report, task)
        fresh = replace(new_row("indicators", report), task=task)
        return _insert("indicators", at, fresh, "ind")
    if table == "expenses":
        return _add_expense(row, report)
    if table == "amendments":
        at = row.index + 1 if kind == "amendment" else len(report.amendments)
        like = report.amendments[row.index] if kind == "amendment" else None
        return _insert("amendments", at, new_row("amendments", report, like), "amd")
    raise EditError("в этой вкладке строки не добавляются")


def _insert(section: str, at: int, fresh, prefix: str) -> Op:
    return Op(InsertRow(section, at, fresh), f"{prefix}:{at}")


def _first_after_task(report: Report, task: int) -> int:
    """Where an indicator of a task with no indicators goes: before the first of a later task."""
    for i, ind in enumerate(report.indicators):
        if ind.task > task:
            return i
    return len(report.indicators)


def _add_expense(row: ViewRow | None, report: Report) -> Op:
    if row is None or row.kind in ("program", "task", "heading"):
        raise EditError("встаньте на мероприятие, чтобы добавить исполнителя, или нажмите A, "
                        "чтобы добавить мероприятие")
    if row.kind == "line":
        raise EditError("это итог по исполнителю: добавляйте исполнителя в само мероприятие")
    if row.kind == "expense":
        code = report.expenses[row.index].code
    else:
        code = report.activities[row.index].code
        if any(parent_code(a.code) == code for a in report.activities):
            raise EditError("у мероприятия есть вложенные: исполнителей добавляют во вложенные "
                            "мероприятия (итоги считаются сами)")
    same = [i for i, e in enumerate(report.expenses) if e.code == code]
    at = (row.index + 1) if row.kind == "expense" else (same[-1] + 1 if same else len(report.expenses))
    taken = {report.expenses[i].executor for i in same}
    name, n = placeholder("expenses"), 1
    while name in taken:
        n += 1
        name = placeholder("expenses", n)
    fresh = replace(new_row("expenses", report), code=code, executor=name)
    return _insert("expenses", at, fresh, "exp")


def add_group(table: str, row: ViewRow | None, report: Report) -> Op:
    """``A``: a task (on «Показатели») or an activity (on «Расходы»)."""
    if table == "indicators":
        at = len(report.tasks)
        if row is not None and row.kind == "task":
            at = row.index + 1
            if at < len(report.tasks):
                # a task in the middle: later tasks shift, and so do their references
                return _insert_task_middle(report, at)
        return Op(InsertRow("tasks", at, Task(title=placeholder("tasks"))), f"task:{at + 1}")
    if table == "expenses":
        return _add_activity(row, report)
    raise EditError("в этой вкладке нечего добавлять")


def _insert_task_middle(report: Report, at: int) -> Op:
    from kedr_tui.core.edits import SetField

    edits: list = [InsertRow("tasks", at, Task(title=placeholder("tasks")))]
    for section in ("indicators", "activities"):
        for i, r in enumerate(getattr(report, section)):
            if r.task is not None and r.task > at:
                edits.append(SetField(section, i, "task", r.task, r.task + 1))
    return Op(Batch(tuple(edits), "добавление задачи"), f"task:{at + 1}")


def _add_activity(row: ViewRow | None, report: Report) -> Op:
    codes = {a.code for a in report.activities}
    prog = program_code(report)
    base: str | None = None
    if row is not None and row.kind == "expense":
        base = report.expenses[row.index].code
    elif row is not None and row.kind == "node":
        base = report.activities[row.index].code
    elif row is not None and row.kind == "line":
        base = row.key.split(":")[1]
    task = None
    if row is not None and row.kind == "task" and row.index is not None:
        task = row.index + 1
    parts = split_code(base) if base else None
    if parts and parts[3]:
        parent = parent_code(base)            # an activity: a sibling
    elif parts and parts[2]:
        parent = base                         # a main activity: its first free child
    else:
        parent = prog                         # the programme or a task heading: a main activity
    if parent == prog or (split_code(parent) and not split_code(parent)[2]):
        mp, pp = parent.split(".")[:2]
        taken = [split_code(c)[2] for c in codes if split_code(c) and c.startswith(f"{mp}.{pp}.")]
        om = max(taken, default=0) + 1
        if om > 99:
            raise EditError("свободных кодов основных мероприятий нет")
        code = f"{mp}.{pp}.{om:02d}.0"
        fresh = Activity(code=code, title=placeholder("activities", which=1),
                         task=task or (len(report.tasks) or None))
        if fresh.task is None:
            raise EditError("сначала добавьте задачу: основное мероприятие относится к задаче")
    else:
        mp, pp, om = parent.split(".")[:3]
        taken = [split_code(c)[3] for c in codes if split_code(c) and c.startswith(f"{mp}.{pp}.{om}.")]
        m = max(taken, default=0) + 1
        if m > 9:
            raise EditError("свободных кодов мероприятий нет")
        code = f"{mp}.{pp}.{om}.{m}"
        fresh = Activity(code=code, title=placeholder("activities"))
    at = _activity_position(report, code)
    return Op(InsertRow("activities", at, fresh), f"node:{at}")


def _activity_position(report: Report, code: str) -> int:
    """Keep the file in code order: before the first activity with a larger code."""
    key = split_code(code)
    for i, act in enumerate(report.activities):
        parts = split_code(act.code)
        if parts and parts > key:
            return i
    return len(report.activities)


# ---------------------------------------------------------------- delete

def delete_row(table: str, row: ViewRow | None, report: Report) -> Op:
    """``d``: the edit and the question to confirm it."""
    if row is None or row.section is None:
        raise EditError("эту строку удалить нельзя: она вычисляется")
    kind, index = row.kind, row.index
    if kind == "indicator":
        ind = report.indicators[index]
        return Op(DeleteRow("indicators", index, ind), f"ind:{index}",
                  f"Удалить показатель «{short_text(ind.name)}»?")
    if kind == "task":
        edit = delete_task(report, index)
        if table == "indicators":
            focus = f"task:{index}" if index else "goal"
        else:
            focus = "program"
        return Op(edit, focus, f"Удалить задачу {index + 1} "
                  f"«{short_text(report.tasks[index].title)}»?")
    if kind == "expense":
        exp = report.expenses[index]
        return Op(DeleteRow("expenses", index, exp), f"exp:{index}",
                  f"Удалить строку расходов «{short_text(exp.executor)}» в мероприятии {exp.code}?")
    if kind == "node":
        act = report.activities[index]
        if any(parent_code(a.code) == act.code for a in report.activities):
            raise EditError("у мероприятия есть вложенные: сначала удалите их")
        rows = [i for i, e in enumerate(report.expenses) if e.code == act.code]
        edits = [DeleteRow("expenses", i, report.expenses[i]) for i in reversed(rows)]
        edits.append(DeleteRow("activities", index, act))
        extra = f" и {len(rows)} строк(и) расходов" if rows else ""
        return Op(Batch(tuple(edits), f"удаление мероприятия {act.code}"), "program",
                  f"Удалить мероприятие {act.code} «{short_text(act.title)}»{extra}?")
    if kind == "amendment":
        amd = report.amendments[index]
        return Op(DeleteRow("amendments", index, amd), f"amd:{index}",
                  f"Удалить изменение № {index + 1} «{short_text(amd.act)}»?")
    if kind == "goal":
        raise EditError("цель программы не удаляется: её текст можно изменить")
    raise EditError("эту строку удалить нельзя")


# ---------------------------------------------------------------- move

def move_row(table: str, row: ViewRow | None, report: Report, delta: int) -> Op:
    """Move up (``delta=-1``) or down (``+1``) among rows of the same group."""
    if row is None or row.section is None:
        raise EditError("эту строку не переместить")
    kind, index = row.kind, row.index
    if kind == "indicator":
        task = report.indicators[index].task
        peers = [i for i, ind in enumerate(report.indicators) if ind.task == task]
        return _move_among("indicators", peers, index, delta, "ind",
                           "показатель уже {}; в другую задачу его переносит правка № (задачи)")
    if kind == "task":
        to = index + delta
        if not 0 <= to < len(report.tasks):
            raise EditError("задача уже " + ("первая" if delta < 0 else "последняя"))
        focus = f"task:{to + 1}" if table == "indicators" else f"etask:{to + 1}"
        return Op(move_task(report, index, to), focus)
    if kind == "expense":
        code = report.expenses[index].code
        peers = [i for i, e in enumerate(report.expenses) if e.code == code]
        return _move_among("expenses", peers, index, delta, "exp", "строка уже {} в мероприятии")
    if kind == "amendment":
        peers = list(range(len(report.amendments)))
        return _move_among("amendments", peers, index, delta, "amd", "строка уже {}")
    if kind in ("node", "program"):
        raise EditError("порядок мероприятий задаётся их кодами: измените код")
    raise EditError("эту строку не переместить")


def _move_among(section: str, peers: list[int], index: int, delta: int, prefix: str,
                edge: str) -> Op:
    pos = peers.index(index)
    if not 0 <= pos + delta < len(peers):
        raise EditError(edge.format("первая" if delta < 0 else "последняя")
                        if "строка" in edge else edge.format("первый" if delta < 0 else "последний"))
    to = peers[pos + delta]
    return Op(MoveRow(section, index, to), f"{prefix}:{to}")


