"""The report as table rows: a pure mapping from model + derived figures to cells.

No Textual here: the tabs show these rows in a ReportTable, the tests read
them directly.  Every row knows which part of the report it shows (``section``
and ``index``) and which fields its columns edit, so editing, search and
"jump to finding" all work from the same rows.

Builders take a ``memo`` (row key -> (signature, ViewRow)) that lives as long as
the table: a row whose inputs did not change comes back as the very same
object, so the table can skip it without comparing cells.
"""

from __future__ import annotations

from typing import NamedTuple
from datetime import date

from kedr_tui.core import wording
from kedr_tui.core.derive import Derived, Node
from kedr_tui.core.errors import Finding
from kedr_tui.core.fields import FIELDS, of_section
from kedr_tui.core import identity
from kedr_tui.core.identity import REPORT, ActivityId, NarrativeId, TableId, TaskId, of_row
from kedr_tui.core.model import LOWER, Report
from kedr_tui.core.numbers import fmt_date as _fmt_date, fmt_money, fmt_pct, fmt_value
from kedr_tui.core.safe_text import has_control, visible
from kedr_tui.view.columns import COLUMNS
from kedr_tui.view import wording as vw
from kedr_tui.view.keys import (PROGRAMME, Again, ExecutorTotal, FieldRow, FindingKey, Heading,
                                RowKey, record_key, unique)

ERROR, WARNING = "error", "warning"
GOAL = TableId("program")           # the programme's goal: the first row of Form 1
YEAR = FieldRow(REPORT, "year")     # the report's year, a row of the «Доклад» tab
MARK_TEXT = {ERROR: "✖", WARNING: "!"}


class Cell(NamedTuple):
    text: str
    role: str = ""          # space-separated style roles: derived, bad, mismatch, total, group, note


class ViewRow(NamedTuple):
    key: RowKey                     # what the row is (view/keys.py): a record's identity or a typed key
    kind: str
    cells: tuple[Cell, ...]
    section: str | None = None      # the report section the row shows ("report" for the year)
    index: int | None = None        # index in that section (None for singleton tables)
    field: str | None = None        # the one field a text row edits, whatever the column


class State(NamedTuple):
    """What every view shows: one report state, analysed."""

    report: Report | None
    derived: Derived | None
    findings: tuple[Finding, ...]
    read_only: bool = False
    review: object = None           # the report's review (core.review.Review), if any
    today: date | None = None       # for overdue assignments
    change: object = None           # what the value edit that made it changed (core.analysis.Change)
    unknown: object = None          # figures of values the file does not give (core.derive.Unknown)


def marks_of(findings) -> dict[tuple, str]:
    """(section, index) -> the worst severity of its findings."""
    marks: dict[tuple, str] = {}
    for finding in findings:
        if len(finding.ref) == 2:
            ref = tuple(finding.ref)
            if marks.get(ref) != ERROR:
                marks[ref] = finding.severity
    return marks


NO_MARK = Cell("")
MARK_CELLS = {severity: Cell(text, severity) for severity, text in MARK_TEXT.items()}
# a row's review mark, by its status (view/review.py puts it in the marks in place of a finding's)
REVIEW_MARKS = dict(zip(wording.MARK_STATUSES, ("?", "◆", "✓")))
MARK_CELLS.update({status: Cell(text, "review") for status, text in REVIEW_MARKS.items()})


def _mark(marks: dict, section: str, index) -> Cell:
    severity = marks.get((section, index))
    return MARK_CELLS[severity] if severity else NO_MARK


def one_line(text: str) -> str:
    return " ".join(text.split())


def short_text(text: str, width: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def fmt_date(value: date | None) -> str:
    return _fmt_date(value) if value else "—"


# ---------------------------------------------------------------- memo

def safe_row(row: ViewRow) -> ViewRow:
    """The row with every cell made visible (core/safe_text.py): a name holding ``ESC]0;``
    would otherwise retitle the officer's window when the table draws it.  Every data row
    is built through ``Memo.get``, so this runs once per built row, not per frame."""
    if not has_control("".join([cell.text for cell in row.cells])):
        return row
    return row._replace(cells=tuple(Cell(visible(c.text), c.role) for c in row.cells))


class Memo:
    """Rows of the last build, by key, with the inputs they were built from."""

    def __init__(self):
        self.rows: dict[RowKey, tuple[object, ViewRow]] = {}
        self._next: dict[RowKey, tuple[object, ViewRow]] = {}

    def get(self, key: RowKey, signature, build) -> ViewRow:
        hit = self.rows.get(key)
        if hit is not None and hit[0] == signature:
            row = hit[1]
        else:
            row = safe_row(build())
        self._next[key] = (signature, row)
        return row

    def done(self) -> None:
        self.rows, self._next = self._next, {}

    def put(self, key: RowKey, signature, build) -> ViewRow:
        """``get`` for one row of the last build, outside a build (``patch_rows``)."""
        hit = self.rows.get(key)
        if hit is not None and hit[0] == signature:
            return hit[1]
        row = safe_row(build())
        self.rows[key] = (signature, row)
        return row


# ---------------------------------------------------------------- Form 1

def _better_cell(ind) -> Cell:
    return Cell("↓", "note") if ind.better == LOWER else Cell("↑", "note")


def _value_or_note(value, note: str) -> str:
    """An entered value, or in its place the note that says why there is none (or «—»)."""
    return fmt_value(value) if value is not None else one_line(note) or "—"


def indicator_row(number: int, index: int, ind, figures, mark: Cell) -> ViewRow:
    bad = " bad" if figures.unfavourable else ""
    prev = Cell(_value_or_note(ind.prev, ind.prev_note), "" if ind.prev is not None else "note")
    fact = Cell(_value_or_note(ind.fact, ind.fact_note), bad.strip() if ind.fact is not None else "note")
    formula = Cell(one_line(ind.formula), "mismatch" if figures.formula_mismatch else "")
    return ViewRow(of_row("indicators", index, ind), "indicator", (
        mark,
        Cell(str(number)),
        Cell(one_line(ind.name)),
        Cell(one_line(ind.unit)),
        _better_cell(ind),
        prev,
        Cell(fmt_value(ind.plan)),
        fact,
        Cell(fmt_value(figures.abs_deviation), "derived" + bad),
        Cell(fmt_pct(figures.rel_deviation), "derived" + bad),
        Cell(fmt_pct(figures.growth), "derived"),
        Cell(one_line(ind.justification)),
        formula,
    ), "indicators", index)


def _group_row(group, mark: Cell, width: int) -> ViewRow:
    blank = (Cell(""),) * (width - 3)
    if group.task == 0:
        return ViewRow(GOAL, "goal", (mark, Cell(vw.group_short(0), "group"), Cell(one_line(group.heading), "group"),
                                      *blank), "program", None)
    if not group.known:
        return ViewRow(TaskId(group.task), "orphan", (mark, Cell(vw.group_short(group.task), "group"),
                                                      Cell(group.heading, "group"), *blank))
    return ViewRow(TaskId(group.task), "task", (mark, Cell(vw.group_short(group.task), "group"),
                                                Cell(one_line(group.heading), "group"), *blank),
                   "tasks", group.task - 1)


def indicator_rows(state: State, memo: Memo, marks: dict) -> list[ViewRow]:
    rows = list(each_indicator_row(state, memo, marks))
    memo.done()
    return rows


def each_indicator_row(state: State, memo: Memo, marks: dict):
    """Form 1's rows one by one, in order (``memo.done()`` is the caller's, at the end):
    the first frame of a big report builds only those it draws (view/first_rows.py)."""
    report, derived = state.report, state.derived
    if report is None or derived is None:
        return
    width = len(COLUMNS["indicators"])
    for group in derived.groups:
        if group.task == 0:
            mark = _mark(marks, "program", None)
        else:
            mark = _mark(marks, "tasks", group.task - 1) if group.known else Cell(MARK_TEXT[ERROR], ERROR)
        yield memo.get(TaskId(group.task) if group.task else GOAL,
                       (group.task, group.heading, group.known, mark),
                       lambda g=group, m=mark: _group_row(g, m, width))
        for number, index in group.rows:
            ind, figures = report.indicators[index], derived.indicators[index]
            mark = _mark(marks, "indicators", index)
            yield memo.get(of_row("indicators", index, ind), (number, index, ind, figures, mark),
                           lambda n=number, i=index, r=ind, f=figures, m=mark: indicator_row(n, i, r, f, m))


def indicator_count(state: State) -> int:
    """How many rows ``each_indicator_row`` gives, without making them."""
    derived = state.derived
    if state.report is None or derived is None:
        return 0
    return sum(1 + len(group.rows) for group in derived.groups)


def indicator_texts(state: State) -> dict[str, list[str]]:
    """The texts of Form 1's content-sized columns (``view.columns.natural_widths``), every
    row's, as ``indicator_rows`` makes them, without making the rows: a fifth of the cost."""
    report, derived = state.report, state.derived
    texts: dict[str, list[str]] = {key: [] for key in
                                   ("num", "unit", "prev", "plan", "fact", "abs", "rel", "growth")}
    if report is None or derived is None:
        return texts
    num, unit, prev, plan, fact = (texts[key].append for key in ("num", "unit", "prev", "plan", "fact"))
    dev, rel, growth = (texts[key].append for key in ("abs", "rel", "growth"))
    indicators, figures = report.indicators, derived.indicators
    blank = ("unit", "prev", "plan", "fact", "abs", "rel", "growth")
    for group in derived.groups:
        num(vw.group_short(group.task))         # a group's heading row (_group_row)
        for key in blank:
            texts[key].append("")
        for number, index in group.rows:
            ind, its = indicators[index], figures[index]
            num(str(number))
            unit(visible(one_line(ind.unit)))           # (safe_row: a control shown as text)
            prev(visible(_value_or_note(ind.prev, ind.prev_note)))
            plan(fmt_value(ind.plan))
            fact(visible(_value_or_note(ind.fact, ind.fact_note)))
            dev(fmt_value(its.abs_deviation))
            rel(fmt_pct(its.rel_deviation))
            growth(fmt_pct(its.growth))
    return texts


# ---------------------------------------------------------------- Form 2

def _amount_cells(amounts, role: str, missing: frozenset = frozenset()) -> tuple[Cell, ...]:
    """``missing``: the fields whose value the file does not give: «—», never the 0 in their place."""
    if missing:
        from kedr_tui.core.derive import shown_amounts

        amounts = shown_amounts(amounts, missing)
    derived = ("derived " + role).strip()
    return (Cell(fmt_money(amounts.plan_year), role), Cell(fmt_money(amounts.plan_period), role),
            Cell(fmt_money(amounts.cash), role),
            Cell(fmt_pct(amounts.pct_year), derived + _below(amounts.pct_year)),
            Cell(fmt_pct(amounts.pct_period), derived + _below(amounts.pct_period)))


def _below(pct) -> str:
    return " bad" if pct is not None and pct < 100 else ""


def _indent(depth: int) -> str:
    return "  " * depth


def _node_row(node: Node, mark: Cell, missing: frozenset = frozenset()) -> ViewRow:
    kind = "program" if node.kind == "program" else "node"
    section = "program" if kind == "program" else "activities"
    return ViewRow(ActivityId(node.code) if kind == "node" else PROGRAMME, kind, (
        mark,
        Cell(node.code, "total"),
        Cell(_indent(node.depth) + one_line(node.title), "total"),
        *_amount_cells(node.total, "total", missing),
        Cell(one_line(node.justification), "derived" if not node.is_leaf or len(node.own_rows) > 1 else ""),
    ), section, node.activity)


def _line_row(node: Node, line, missing: frozenset = frozenset()) -> ViewRow:
    """An executor's line under an aggregated activity: computed, read-only."""
    return ViewRow(ExecutorTotal(node.code, line.executor), "line", (
        Cell(""),
        Cell(""),
        Cell(_indent(node.depth + 1) + one_line(line.executor), "derived"),
        *_amount_cells(line.amounts, "derived", missing),
        Cell(one_line(line.justification), "derived"),
    ))


def _expense_row(index: int, row, depth: int, mark: Cell, missing: frozenset = frozenset()) -> ViewRow:
    from kedr_tui.core.derive import amounts

    return ViewRow(of_row("expenses", index, row), "expense", (
        mark, Cell(row.code, "note"), Cell(_indent(depth) + one_line(row.executor)),
        *_amount_cells(amounts(row), "", missing), Cell(one_line(row.justification)),
    ), "expenses", index)


def _task_heading(report: Report, task: int, mark: Cell, width: int) -> ViewRow:
    title = report.tasks[task - 1].title if 1 <= task <= len(report.tasks) else vw.NO_SUCH_TASK
    blank = (Cell(""),) * (width - 3)
    return ViewRow(TaskId(task), "task", (mark, Cell(wording.row_task(task), "group"),
                                          Cell(vw.task_choice(task, one_line(title)), "group"), *blank),
                   "tasks" if 1 <= task <= len(report.tasks) else None,
                   task - 1 if 1 <= task <= len(report.tasks) else None)


def expense_rows(state: State, memo: Memo, marks: dict) -> list[ViewRow]:
    report, derived = state.report, state.derived
    rows: list[ViewRow] = []
    if report is None or derived is None:
        return rows
    width = len(COLUMNS["expenses"])
    shown: set[int] = set()
    last_task = None
    # (a report with values the file does not give is read-only: no value edit patches
    # these rows, ``_patch_expenses`` never sees ``unknown``)
    unknown = state.unknown
    node_missing = unknown.of_node if unknown is not None else (lambda code: frozenset())
    line_missing = unknown.of_line if unknown is not None else (lambda code, executor: frozenset())
    row_missing = unknown.of_row if unknown is not None else (lambda index: frozenset())

    def visit(node: Node) -> None:
        nonlocal last_task
        head = node.heading     # a subprogram stands under its main activities' task, as printed
        task = head.task if head is not None else None
        if task is not None and task != last_task:
            last_task = task
            mark = _mark(marks, "tasks", task - 1)
            rows.append(memo.get(TaskId(task), (task, _task_title(report, task), mark),
                                 lambda t=task, m=mark: _task_heading(report, t, m, width)))
        section = "program" if node.kind == "program" else "activities"
        mark = _mark(marks, section, node.activity)
        key = PROGRAMME if node.kind == "program" else ActivityId(node.code)
        missing = node_missing(node.code)
        rows.append(memo.get(key, (node.code, node.activity, node.title, node.depth, node.total, node.justification,
                                   node.is_leaf, len(node.own_rows), mark, missing),
                             lambda n=node, m=mark, x=missing: _node_row(n, m, x)))
        if node.is_leaf:
            for index in node.own_rows:
                shown.add(index)
                row = report.expenses[index]
                mark = _mark(marks, "expenses", index)
                rows.append(memo.get(of_row("expenses", index, row),
                                     ("leaf", index, node.depth, row, mark, row_missing(index)),
                                     lambda i=index, r=row, d=node.depth, m=mark:
                                     _leaf_line(i, r, d, m, row_missing(i))))
        else:
            for line in node.shown_executors:
                gone = line_missing(node.code, line.executor)
                rows.append(memo.get(ExecutorTotal(node.code, line.executor), (node.depth, line, gone),
                                     lambda n=node, ln=line, x=gone: _line_row(n, ln, x)))
            for index in node.own_rows:     # rows on a node that also has children
                shown.add(index)
                row = report.expenses[index]
                mark = _mark(marks, "expenses", index)
                rows.append(memo.get(of_row("expenses", index, row),
                                     ("own", index, node.depth, row, mark, row_missing(index)),
                                     lambda i=index, r=row, d=node.depth, m=mark:
                                     _expense_row(i, r, d + 1, m, row_missing(i))))
        for child in node.children:
            visit(child)

    visit(derived.tree)
    orphans = [i for i in range(len(report.expenses)) if i not in shown]
    if orphans:
        blank = (Cell(""),) * (width - 3)
        rows.append(ViewRow(Heading("orphans"), "heading", (Cell(""), Cell(""),
                                               Cell(vw.ORPHAN_EXPENSES, "group"),
                                               *blank)))
        for index in orphans:
            row = report.expenses[index]
            mark = _mark(marks, "expenses", index)
            rows.append(memo.get(of_row("expenses", index, row), ("orphan", index, row, mark,
                                                                   row_missing(index)),
                                 lambda i=index, r=row, m=mark: _expense_row(i, r, 1, m, row_missing(i))))
    memo.done()
    return rows


def _leaf_line(index: int, row, depth: int, mark: Cell, missing: frozenset = frozenset()) -> ViewRow:
    from kedr_tui.core.derive import amounts

    return ViewRow(of_row("expenses", index, row), "expense", (
        mark, Cell(""), Cell(_indent(depth + 1) + one_line(row.executor)),
        *_amount_cells(amounts(row), "", missing), Cell(one_line(row.justification)),
    ), "expenses", index)


def _task_title(report: Report, task: int) -> str:
    return report.tasks[task - 1].title if 1 <= task <= len(report.tasks) else ""


# ---------------------------------------------------------------- Form 3

def amendment_rows(state: State, memo: Memo, marks: dict) -> list[ViewRow]:
    rows: list[ViewRow] = []
    if state.report is None:
        return rows
    for index, amd in enumerate(state.report.amendments):
        mark = _mark(marks, "amendments", index)
        key = of_row("amendments", index, amd)
        rows.append(memo.get(key, (index, amd, mark), lambda k=key, i=index, a=amd, m=mark: ViewRow(
            k, "amendment", (m, Cell(str(i + 1)), Cell(one_line(a.act)), Cell(fmt_date(a.date)),
                             Cell(one_line(a.number)), Cell(one_line(a.summary))),
            "amendments", i)))
    memo.done()
    return rows


# ---------------------------------------------------------------- the Доклад

def _text_row(key: RowKey, label: str, text: str, section: str, index, field: str, mark: Cell) -> ViewRow:
    preview = one_line(text)
    return ViewRow(key, "text", (mark, Cell(label), Cell(preview) if preview else Cell("—", "note")),
               section, index, field)


def _heading(name: str, title: str) -> ViewRow:
    return ViewRow(Heading(name), "heading", (Cell(""), Cell(title, "group"), Cell("")))


def narrative_rows(state: State, memo: Memo, marks: dict) -> list[ViewRow]:
    report, derived = state.report, state.derived
    rows: list[ViewRow] = []
    if report is None or derived is None:
        return rows

    fields = field_marks(state.findings)

    def add(key, label, text, section, index, field):
        severity = fields.get((section, index, field))
        mark = Cell(MARK_TEXT[severity], severity) if severity else Cell("")
        rows.append(memo.get(key, (label, index, text, mark), lambda: _text_row(key, label, text, section,
                                                                                 index, field, mark)))

    program, signature = TableId("program"), TableId("signature")
    rows.append(_heading("program", vw.HEADING_PROGRAM))
    for entry in of_section("program"):
        add(FieldRow(program, entry.name), entry.short, getattr(report.program, entry.name), "program", None,
            entry.name)
    add(YEAR, FIELDS["report", "year"].short, str(report.year), "report", None, "year")
    rows.append(_heading("narrative", vw.HEADING_NARRATIVE))
    add(NarrativeId("intro"), FIELDS["narrative", "intro"].short, report.narrative.intro, "narrative", None,
        "intro")
    for group in derived.groups:
        prefix = vw.group_short(group.task)
        for number, index in group.rows:
            ind = report.indicators[index]
            rid = of_row("indicators", index, ind)
            add(NarrativeId("comment", rid.task, rid.name), f"{prefix}.{number} {one_line(ind.name)}",
                ind.comment, "indicators", index, "comment")
    add(NarrativeId("outro"), FIELDS["narrative", "outro"].short, report.narrative.outro, "narrative", None,
        "outro")
    rows.append(_heading("signature", vw.HEADING_SIGNATURE))
    for entry in of_section("signature"):
        add(FieldRow(signature, entry.name), entry.short, getattr(report.signature, entry.name), "signature",
            None, entry.name)
    memo.done()
    return rows


def field_marks(findings) -> dict[tuple, str]:
    """(section, index, field) -> the worst severity of the findings on that field."""
    marks: dict[tuple, str] = {}
    for finding in findings:
        if finding.ref:
            key = (finding.ref[0], finding.ref[1] if len(finding.ref) > 1 else None, finding.field)
        elif finding.field == "year":
            key = ("report", None, "year")
        else:
            continue
        if marks.get(key) != ERROR:
            marks[key] = finding.severity
    return marks


# ---------------------------------------------------------------- findings

def place_of(finding: Finding, report: Report | None, derived: Derived | None) -> str:
    """Where a finding is, in the words of the forms."""
    ref = finding.ref
    if not ref:
        return vw.PLACE_YEAR if finding.field == "year" else vw.PLACE_FILE
    section, index = ref[0], ref[1] if len(ref) > 1 else None
    if report is None:
        return section
    if section == "indicators" and index is not None and derived is not None:
        for group in derived.groups:
            for number, i in group.rows:
                if i == index:
                    return vw.indicator_number(f"{vw.group_short(group.task)}.{number}")
        return vw.indicator_number(index + 1)
    if section == "expenses" and index is not None and index < len(report.expenses):
        row = report.expenses[index]
        return wording.row_expense(row.code, one_line(row.executor))
    if section == "activities" and index is not None and index < len(report.activities):
        return wording.row_activity(report.activities[index].code)
    if section == "tasks" and index is not None:
        return wording.row_task(index + 1)
    if section == "amendments" and index is not None:
        return vw.amendment_number(index + 1)
    names = {key: wording.SECTIONS[key] for key in ("program", "narrative", "signature")}
    return names.get(section, section) + (f": {finding.field}" if finding.field else "")


def finding_rows(state: State, memo: Memo) -> list[ViewRow]:
    """Errors first (the file can't be trusted), then warnings; each in file order."""
    rows = []
    findings = state.findings
    order = sorted(range(len(findings)), key=lambda k: (not findings[k].is_error, k))
    for k in order:
        finding = findings[k]
        place = place_of(finding, state.report, state.derived)
        key = finding_key(finding, state.report)
        rows.append(memo.get(key, (k, finding, place), lambda key=key, k=k, f=finding, p=place: ViewRow(
            key, "finding", (Cell(MARK_TEXT[f.severity], f.severity), Cell(f.code, f.severity),
                                  Cell(p), Cell(str(f.line) if f.line else "—"), Cell(one_line(f.message))),
            None, k)))
    memo.done()
    return rows


def finding_key(finding: Finding, report: Report | None) -> FindingKey:
    """The key of a finding's row on «Проверка»: its code, the identity of its row, its field."""
    ref = finding.ref
    row = None
    if ref and report is not None:
        row = record_key(report, ref[0], ref[1] if len(ref) > 1 else None)
    elif not ref and finding.field == "year":
        row = REPORT
    return FindingKey(finding.code, row, finding.field)


Place = tuple[str, RowKey | None, str | None]      # (table, row key, field)


def finding_target(finding: Finding, report: Report | None) -> Place:
    """(table, row key, field) of the row a finding belongs to."""
    ref, field = finding.ref, finding.field
    if not ref:
        if field == "year":
            return "narrative", YEAR, field
        return "findings", None, None
    return ref_target(report, ref[0], ref[1] if len(ref) > 1 else None, field)


def ref_target(report: Report | None, section: str, index: int | None, field: str | None) -> Place:
    """(table, row key, field) where a field of the report is shown; the key is None when
    the row is not in ``report`` (a deleted row's place after redo)."""
    if report is None:
        return "findings", None, None
    if section == "indicators":
        if field == "comment":
            return "narrative", record_key(report, section, index, field), field
        return "indicators", record_key(report, section, index), field
    if section == "tasks":
        return "indicators", TaskId(index + 1), "title"
    if section == "activities":
        # Form 2 shows one node per code: an activity that repeats an earlier one's code
        # (E-CODE) has no row of its own, the node of that code is where it is
        key = record_key(report, section, index)
        return "expenses", key.key if isinstance(key, Again) else key, field
    if section == "expenses":
        return "expenses", record_key(report, section, index), field
    if section == "amendments":
        return "amendments", record_key(report, section, index), field
    if section == "program" and field == "goal":
        return "indicators", GOAL, field
    if section == "report":
        return "narrative", YEAR, "year"
    if section == "narrative":
        return "narrative", NarrativeId(field if field in identity.NARRATIVE_PARTS else "intro"), field
    if section in ("program", "signature"):
        return "narrative", FieldRow(TableId(section), field or "title"), field
    return "findings", None, None


BUILDERS = {
    "indicators": indicator_rows,
    "expenses": expense_rows,
    "amendments": amendment_rows,
    "narrative": narrative_rows,
}

# Which report sections each table shows: an edit elsewhere can't change its rows
# (its finding marks are compared separately).
SECTIONS = {
    "indicators": {"indicators", "tasks", "program"},
    "expenses": {"expenses", "activities", "tasks", "program"},
    "amendments": {"amendments"},
    "narrative": {"indicators", "program", "narrative", "signature", "report", "tasks"},
    "findings": set(),
    "review": set(),
}


def build_rows(table: str, state: State, memo: Memo, marks: dict) -> list[ViewRow]:
    """The rows of ``table``, one per key (a repeated identity becomes ``Again``)."""
    if table == "findings":
        return unique(finding_rows(state, memo))
    if table == "review":
        from kedr_tui.view.review import state_rows

        return unique(state_rows(state))
    return unique(BUILDERS[table](state, memo, marks))


# ---------------------------------------------------------------- after a value edit

def patch_rows(table: str, state: State, memo: Memo, marks: dict, rows: list[ViewRow],
               positions: dict[RowKey, int]) -> list[ViewRow] | None:
    """``rows`` (built for the state before ``state.change``, a value edit) updated: only
    the rows that edit can change are built again, through ``memo`` and the builders above
    (their signatures as in a whole build).  ``positions``: row key -> place in ``rows``.
    None when the edit changed which rows there are: then build them all."""
    change, report, derived = state.change, state.report, state.derived
    out: dict[RowKey, ViewRow] = {}
    if change is None or report is None or derived is None:
        return None
    section, index = change.section, change.index
    if table == "findings":
        return None if change.findings else rows
    if section == "indicators":
        group, number = next(((g, n) for g in derived.groups for n, i in g.rows if i == index), (None, 0))
    if table == "indicators" and section == "indicators":
        ind, figures, mark = report.indicators[index], derived.indicators[index], _mark(marks, section, index)
        out[of_row(section, index, ind)] = memo.put(of_row(section, index, ind), (number, index, ind, figures, mark),
                                                    lambda: indicator_row(number, index, ind, figures, mark))
    elif table == "narrative" and section == "indicators":
        if group is not None:
            ind = report.indicators[index]
            rid = of_row(section, index, ind)
            key = NarrativeId("comment", rid.task, rid.name)
            severity = field_marks(state.findings).get(("indicators", index, "comment"))
            mark = Cell(MARK_TEXT[severity], severity) if severity else Cell("")
            label = f"{vw.group_short(group.task)}.{number} {one_line(ind.name)}"
            out[key] = memo.put(key, (label, index, ind.comment, mark), lambda: _text_row(
                key, label, ind.comment, "indicators", index, "comment", mark))
    elif table == "expenses" and section == "expenses":
        if not _patch_expenses(state, memo, marks, change, out):
            return None
    elif table not in BUILDERS:
        return None
    if not out:
        return rows
    if any(key not in positions for key in out):
        return None
    patched = list(rows)
    for key, row in out.items():
        patched[positions[key]] = row
    return patched


def _path(tree: Node, codes) -> list[Node]:
    path = [tree]
    for code in codes[1:]:
        step = next((child for child in path[-1].children if child.code == code), None)
        if step is None:
            return []
        path.append(step)
    return path


def _patch_expenses(state: State, memo: Memo, marks: dict, change, out: dict) -> bool:
    report, index = state.report, change.index
    row = report.expenses[index]
    mark = _mark(marks, "expenses", index)
    path = _path(state.derived.tree, change.nodes) if change.nodes else []
    old_path = _path(change.base.tree, change.nodes) if change.nodes else []
    if len(path) != len(change.nodes) or len(old_path) != len(path):
        return False
    for node, old in zip(path, old_path):
        if [line.executor for line in node.shown_executors] != \
                [line.executor for line in old.shown_executors]:
            return False                # an executor appears on a total or leaves it
        section = "program" if node.kind == "program" else "activities"
        node_mark = _mark(marks, section, node.activity)
        key = PROGRAMME if node.kind == "program" else ActivityId(node.code)
        out[key] = memo.put(key, (node.code, node.activity, node.title, node.depth, node.total,
                                  node.justification, node.is_leaf, len(node.own_rows), node_mark),
                            lambda n=node, m=node_mark: _node_row(n, m))
        if not node.is_leaf:
            for line in node.shown_executors:
                key = ExecutorTotal(node.code, line.executor)
                out[key] = memo.put(key, (node.depth, line), lambda n=node, ln=line: _line_row(n, ln))
    key = of_row("expenses", index, row)
    leaf = path[-1] if path and index in path[-1].own_rows else None
    if leaf is None:
        out[key] = memo.put(key, ("orphan", index, row, mark), lambda: _expense_row(index, row, 1, mark))
    elif leaf.is_leaf:
        out[key] = memo.put(key, ("leaf", index, leaf.depth, row, mark),
                            lambda: _leaf_line(index, row, leaf.depth, mark))
    else:
        out[key] = memo.put(key, ("own", index, leaf.depth, row, mark),
                            lambda: _expense_row(index, row, leaf.depth + 1, mark))
    return True
