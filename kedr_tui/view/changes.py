"""The app's comparison with an earlier version: marked cells and the changes tab. Pure.

``cell_marks`` says, per table and row key, which columns show something that
changed since the base version (an entered value or a figure that moved); the
tabs draw those cells with ``CHANGED`` in front, so the change is visible
without colour.  ``change_rows`` lists the diff as rows of the «Сравнение» tab,
each knowing where its row stands now (``target``) for Enter.
"""

from __future__ import annotations

from kedr_tui.core.diff import (ADDED, CHANGED, REMOVED, SAME, Diff, Entry, field_label, figure_line,
                                node_name, value_text)
from kedr_tui.core.identity import ActivityId, NarrativeId, TableId, TaskId, describe
from kedr_tui.core.model import Report
from kedr_tui.view import wording as vw
from kedr_tui.view.keys import PROGRAMME, ChangeKey, FieldRow, RowKey, record_key
from kedr_tui.view.rows import GOAL, Cell, ViewRow, one_line, short_text

CHANGED_MARK = "Δ"
OPS = {ADDED: "+", REMOVED: "−", CHANGED: "~", SAME: "="}
FORMS = {"program": vw.FORM_PROGRAM, "indicators": vw.FORM_1, "expenses": vw.FORM_2, "amendments": vw.FORM_3,
         "narrative": vw.FORM_NARRATIVE}

# field (or figure) -> the column that shows it, per section of the report
_INDICATOR = {"task": "num", "name": "name", "unit": "unit", "better": "better", "prev": "prev",
              "prev_note": "prev", "plan": "plan", "fact": "fact", "fact_note": "fact",
              "justification": "justification", "formula": "formula",
              "abs_deviation": "abs", "rel_deviation": "rel", "growth": "growth"}
_EXPENSE = {"code": "name", "executor": "name", "plan_year": "plan_year", "plan_period": "plan_period",
            "cash": "cash", "justification": "justification"}
_ACTIVITY = {"code": "code", "title": "name", "task": "name"}
_AMENDMENT = {"act": "act", "date": "date", "number": "number", "summary": "summary"}
_NODE = {"plan_year": "plan_year", "plan_period": "plan_period", "cash": "cash",
         "pct_year": "pct_year", "pct_period": "pct_period"}

Marks = dict[str, dict[RowKey, set[str]]]      # table -> row key -> columns


def _add(marks: Marks, table: str, key: RowKey, columns) -> None:
    marks.setdefault(table, {}).setdefault(key, set()).update(columns)


def places(entry: Entry, report: Report) -> list[tuple[str, RowKey, list[str]]]:
    """Where an entry shows in the app now (in ``report``): (table, row key, columns, entered
    values before figures); none for a removed row."""
    j = entry.new_index
    names = [f.field for f in entry.fields if not f.check] + [f.name for f in entry.figures]
    if entry.op == REMOVED:
        return []
    row = entry.row
    if isinstance(row, NarrativeId):
        key = record_key(report, "indicators", j, "comment") if row.part == "comment" else row
        return [("narrative", key, ["text"])]
    if isinstance(row, TableId):
        out = [("narrative", FieldRow(row, name), ["text"]) for name in names]
        if row.name == "program" and "goal" in names:
            out.append(("indicators", GOAL, ["name"]))
        return out
    if isinstance(row, TaskId):
        return [("indicators", row, ["name"]), ("expenses", row, ["name"])]
    if j is None:
        return []
    section = entry.section
    columns = _SECTION_COLUMNS.get(section)
    if columns is None:
        return []
    return [(_SECTION_TABLES[section], record_key(report, section, j), _columns(names, columns))]


_SECTION_COLUMNS = {"indicators": _INDICATOR, "expenses": _EXPENSE, "activities": _ACTIVITY,
                    "amendments": _AMENDMENT}
_SECTION_TABLES = {"indicators": "indicators", "expenses": "expenses", "activities": "expenses",
                   "amendments": "amendments"}


def _columns(names: list[str], columns: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(columns[n] for n in names if n in columns))


def _node_key(code: str, kind: str, report: Report) -> RowKey | None:
    """The key of a node's line in Form 2, if the activity is (still) in ``report``."""
    if kind == "program":
        return PROGRAMME
    return ActivityId(code) if any(act.code == code for act in report.activities) else None


def cell_marks(diff: Diff, report: Report) -> Marks:
    """table -> row key -> the columns whose cells changed since the base version."""
    marks: Marks = {}
    for entry in diff.entries:
        for table, key, columns in places(entry, report):
            _add(marks, table, key, columns)
    for group in diff.groups:
        for node in group.totals:
            key = _node_key(node.code, node.kind, report)
            if key is not None:
                _add(marks, "expenses", key, {_NODE[f.name] for f in node.figures if f.name in _NODE})
    return marks


def _marked(cell: Cell) -> Cell:
    return Cell(CHANGED_MARK + cell.text, (cell.role + " changed").strip())


def mark_rows(table: str, rows: list[ViewRow], marks: dict[str, set[str]] | None) -> list[ViewRow]:
    """``rows`` with the changed cells marked; unmarked rows are returned as they are."""
    if not marks:
        return rows
    from kedr_tui.view.columns import column_keys

    keys = column_keys(table)
    out = []
    for row in rows:
        columns = marks.get(row.key)
        if columns:
            cells = tuple(_marked(cell) if keys[i] in columns else cell for i, cell in enumerate(row.cells))
            row = row._replace(cells=cells)
        out.append(row)
    return out


# ---------------------------------------------------------------- the «Сравнение» tab

def _summary(entry: Entry) -> str:
    if entry.op in (ADDED, REMOVED):
        return vw.added_or_removed(entry.op == ADDED, [figure_line(f) for f in entry.figures])
    parts = []
    for change in entry.fields:
        if change.check:
            if change.changed:
                parts.append(vw.prev_differs_short(value_text('prev', change.new), value_text('fact', change.old)))
            continue
        if isinstance(change.old, str) and len(change.old) > 40 or isinstance(change.new, str) and len(
                change.new or "") > 40:
            parts.append(vw.text_changed(field_label(entry.section, change.field)))
        else:
            parts.append(f"{field_label(entry.section, change.field)}: "
                         f"{value_text(change.field, change.old)} → {value_text(change.field, change.new)}")
    parts += [f"⇒ {figure_line(f)}" for f in entry.figures]
    return one_line("; ".join(parts))


Target = tuple[str, RowKey, str | None]        # (table, row key, column)


def change_rows(diff: Diff | None, report: Report | None) -> tuple[list[ViewRow], dict[ChangeKey, Target | None]]:
    """The tab's rows and, per row key, where Enter goes (None: the row is gone)."""
    rows: list[ViewRow] = []
    targets: dict[ChangeKey, Target | None] = {}
    if diff is None or report is None:
        return rows, targets
    n = 0
    for group in diff.groups:
        for entry in group.entries:
            n += 1
            key = ChangeKey(group.name, entry.row)
            op = OPS[entry.op]
            role = {ADDED: "", REMOVED: "note", CHANGED: "", SAME: "note"}[entry.op]
            warn = "warning" if entry.mismatch else ""
            rows.append(ViewRow(key, "change", (
                Cell("!" if entry.mismatch else op, warn or role),
                Cell(FORMS[group.name], "note"),
                Cell(short_text(describe(entry.row), 200), role),
                Cell(_summary(entry), warn or "derived"),
            ), None, n - 1))
            at = places(entry, report)
            if at:
                table, row_key, columns = at[0]
                column = columns[0] if columns else None
                targets[key] = (table, row_key, column)
            else:
                targets[key] = None
        for node in group.totals:
            n += 1
            key = ChangeKey("total", node.code)
            rows.append(ViewRow(key, "change", (
                Cell("⇒", "derived"), Cell(FORMS[group.name], "note"),
                Cell(vw.node_total(node_name(node)), "total"),
                Cell(one_line("; ".join(figure_line(f) for f in node.figures)), "derived"),
            ), None, n - 1))
            node_key = _node_key(node.code, node.kind, report)
            targets[key] = ("expenses", node_key, "cash") if node_key else None
    if diff.evaluation:
        n += 1
        key = ChangeKey("evaluation", None)
        rows.append(ViewRow(key, "change", (
            Cell("⇒", "derived"), Cell(vw.EVALUATION_SHORT, "note"), Cell(vw.EVALUATION, "total"),
            Cell(one_line("; ".join(figure_line(f) for f in diff.evaluation)), "derived"),
        ), None, n - 1))
        targets[key] = ("findings", None, None)
    return rows, targets
