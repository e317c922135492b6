"""The selected row in full, as rich Text: long names, notes, formulas, findings.

Pure (rich only).  ``styles`` maps roles (label, bad, mismatch, derived, note,
warning, error) to rich styles; the widget resolves them from the stylesheet,
tests may pass nothing.  User text is always appended as plain text, never as
markup.
"""

from __future__ import annotations

from rich.text import Text

from kedr_tui.core.derive import amounts as amounts_of, cash_done, cash_share_shown
from kedr_tui.core.fields import FIELDS, label
from kedr_tui.core.identity import norm
from kedr_tui.core.model import LOWER
from kedr_tui.core.numbers import fmt_money, fmt_pct, fmt_ratio, fmt_value
from kedr_tui.core.safe_text import visible_text
from kedr_tui.core import wording
from kedr_tui.view import wording as vw
from kedr_tui.view.rows import State, ViewRow, finding_target, fmt_date, place_of, short_text

KIND_NAMES = wording.NODE_KINDS
SEVERITY_NAMES = {"error": vw.SEVERITY_ERROR, "warning": vw.SEVERITY_WARNING}


def _name(section: str, field: str) -> str:
    """What the pane calls a field (core/fields.py)."""
    return FIELDS[section, field].short


class _Out:
    def __init__(self, styles: dict | None):
        self.text = Text(no_wrap=False, end="")
        self.styles = styles or {}

    def style(self, role: str):
        return self.styles.get(role, "")

    def line(self, *parts) -> None:
        """``parts``: plain strings, or (text, role) pairs."""
        if self.text.plain:
            self.text.append("\n")
        for part in parts:  # data text is made visible: it goes straight to the terminal
            if isinstance(part, tuple):
                self.text.append(visible_text(part[0]), self.style(part[1]))
            else:
                self.text.append(visible_text(part))

    def field(self, name: str, value: str, role: str = "") -> None:
        self.line((f"{name}: ", "label"), (value, role) if role else value)

    def findings(self, findings) -> None:
        for f in findings:
            self.line((f"{f.code} ", f.severity), (f.message, f.severity))


def _row_findings(state: State, section: str | None, index, field: str | None = None):
    if section is None:
        return []
    out = []
    for f in state.findings:
        ref = tuple(f.ref)
        if field is not None:
            if ref[:1] == (section,) and (len(ref) < 2 or ref[1] == index) and f.field == field:
                out.append(f)
            elif section == "report" and not ref and f.field == field:
                out.append(f)
        elif ref == (section, index):
            out.append(f)
    return out


def detail_text(table: str, row: ViewRow | None, state: State, styles: dict | None = None) -> Text:
    if table == "review" or state.review is not None:
        from kedr_tui.view.review import review_detail  # only when there is a review

        text = review_detail(table, row, state, styles)
        if text is not None:
            return text
    return _detail_text(table, row, state, styles)


def _detail_text(table: str, row: ViewRow | None, state: State, styles: dict | None = None) -> Text:
    out = _Out(styles)
    report, derived = state.report, state.derived
    if row is None or report is None or derived is None:
        if table == "findings" and row is not None:
            _finding(out, row, state)
        else:
            out.line((vw.NO_ROW, "note"))
        return out.text
    kind = row.kind
    if kind == "indicator":
        _indicator(out, row, state)
    elif kind in ("goal", "task", "orphan"):
        _group(out, table, row, state)
    elif kind in ("node", "program"):
        _node(out, row, state)
    elif kind == "expense":
        _expense(out, row, state)
    elif kind == "line":
        _line(out, row, state)
    elif kind == "amendment":
        amd = report.amendments[row.index]
        out.findings(_row_findings(state, "amendments", row.index))
        out.line((vw.amendment_number(row.index + 1), "label"))
        out.field(_name("amendments", "act"), amd.act)
        out.field(_name("amendments", "date"), fmt_date(amd.date))
        out.field(_name("amendments", "number"), amd.number or "—")
        out.field(_name("amendments", "summary"), amd.summary or "—")
    elif kind == "text":
        out.findings(_row_findings(state, row.section, row.index, row.field))
        out.line((row.cells[1].text, "label"))
        value = row.cells[2].text if row.field == "year" else _text_value(state, row)
        out.line(value if value.strip() else (wording.EMPTY_VALUE, "note"))
    elif kind == "finding":
        _finding(out, row, state)
    else:
        title = next((c.text for c in row.cells if c.text.strip()), "")
        out.line((title, "label"))
        if table == "narrative":
            out.line((vw.NARRATIVE_FIELDS_BELOW, "note"))
        else:
            out.line((vw.SECTION_HEADING, "note"))
    return out.text


def _text_value(state: State, row: ViewRow) -> str:
    report = state.report
    holder = getattr(report, row.section)
    if row.index is not None:
        holder = holder[row.index]
    return getattr(holder, row.field).strip("\n")


def where(state: State, index: int) -> str:
    for group in state.derived.groups:
        for number, i in group.rows:
            if i == index:
                return vw.indicator_place(group.task, number)
    return vw.indicator_number(index + 1)


def _indicator(out: _Out, row: ViewRow, state: State) -> None:
    ind = state.report.indicators[row.index]
    fig = state.derived.indicators[row.index]
    out.findings(_row_findings(state, "indicators", row.index))
    out.line((where(state, row.index) + ". ", "label"), ind.name)
    out.field(_name("indicators", "unit"), ind.unit or "—")
    out.field(_name("indicators", "better"), vw.BETTER_LOWER if ind.better == LOWER else vw.BETTER_HIGHER)
    prev = fmt_value(ind.prev) if ind.prev is not None else (ind.prev_note or "—")
    fact = fmt_value(ind.fact) if ind.fact is not None else (ind.fact_note or vw.NO_FACT)
    out.line((f"{_name('indicators', 'prev')}: ", "label"), prev,
             (f"   {_name('indicators', 'plan')}: ", "label"), fmt_value(ind.plan),
             (f"   {_name('indicators', 'fact')}: ", "label"), (fact, "bad" if fig.unfavourable else ""))
    bad = "bad" if fig.unfavourable else "derived"
    out.line((vw.DEVIATION, "label"), (fmt_value(fig.abs_deviation), bad),
             (vw.RELATIVE, "label"), (_pct(fig.rel_deviation), bad),
             (vw.GROWTH, "label"), (_pct(fig.growth), "derived"))
    out.field(_name("indicators", "justification"), ind.justification or "—")
    if ind.formula:
        value = fig.formula
        if value.error:
            verdict = (vw.formula_not_computed(value.error), "mismatch")
        elif value.value is None:
            verdict = (vw.FORMULA_NOTHING_TO_CHECK, "note")
        elif fig.formula_mismatch:
            verdict = (vw.formula_mismatch(value.expression, fmt_ratio(value.value), fmt_value(ind.fact)), "mismatch")
        elif ind.fact is None:
            verdict = (f"{value.expression} = {fmt_ratio(value.value)}", "derived")
        else:
            verdict = (vw.formula_matches(value.expression, fmt_ratio(value.value)), "derived")
        out.line((f"{_name('indicators', 'formula')}: ", "label"), ind.formula, "  →  ", verdict)
    else:
        out.field(_name("indicators", "formula"), "—")
    if ind.comment.strip():
        out.field(_name("indicators", "comment"), " ".join(ind.comment.split()))


def _pct(value) -> str:
    text = fmt_pct(value)
    return text if value is None else text + " %"


def _group(out: _Out, table: str, row: ViewRow, state: State) -> None:
    report, derived = state.report, state.derived
    if row.kind == "goal":
        out.findings(_row_findings(state, "program", None, "goal"))
        out.line((vw.GOAL_LABEL, "label"), report.program.goal)
        count = next((len(g.rows) for g in derived.groups if g.task == 0), 0)
    else:
        task = row.key.number
        out.findings(_row_findings(state, "tasks", task - 1))
        title = report.tasks[task - 1].title if 1 <= task <= len(report.tasks) else vw.NO_SUCH_TASK
        out.line((vw.task_label(task), "label"), title)
        count = next((len(g.rows) for g in derived.groups if g.task == task), 0)
        acts = [a.code for a in report.activities if a.task == task]
        out.field(vw.MAIN_ACTIVITIES, ", ".join(acts) or "—")
    out.field(vw.INDICATOR_COUNT, str(count))


def _amounts_line(out: _Out, amounts, missing: frozenset = frozenset()) -> None:
    if missing:     # values the file does not give: «—», never the 0 in their place
        from kedr_tui.core.derive import shown_amounts

        amounts = shown_amounts(amounts, missing)
    out.line((f"{_name('expenses', 'plan_year')}: ", "label"), fmt_money(amounts.plan_year),
             (f"   {_name('expenses', 'plan_period')}: ", "label"), fmt_money(amounts.plan_period),
             (f"   {_name('expenses', 'cash')}: ", "label"), fmt_money(amounts.cash))
    out.line((vw.DONE_TO_YEAR_PLAN, "label"), (_pct(amounts.pct_year), "derived"),
             (vw.DONE_TO_PERIOD_PLAN, "label"), (_pct(amounts.pct_period), "derived"))


def _missing(state: State, node: str | None = None, row: int | None = None) -> frozenset:
    unknown = state.unknown
    if unknown is None:
        return frozenset()
    return unknown.of_node(node) if node is not None else unknown.of_row(row)


def _node(out: _Out, row: ViewRow, state: State) -> None:
    if row.kind == "program":
        node = state.derived.tree
        out.findings(_row_findings(state, "program", None))
    else:
        act = state.report.activities[row.index]
        node = state.derived.node(act.code)
        out.findings(_row_findings(state, "activities", row.index))
        if node is None or node.activity != row.index:
            out.line((f"{act.code} ", "label"), act.title)
            return
    out.line((f"{KIND_NAMES.get(node.kind, '')} {node.code}. ", "label"), node.title)
    if node.task is not None:
        out.field(_name("activities", "task"), str(node.task))
    _amounts_line(out, node.total, _missing(state, node=node.code))
    share = cash_share_shown(node.total)
    if node.kind == "activity" and share is not None:
        out.field(vw.SRM_LABEL, vw.srm_verdict(cash_done(node.total), fmt_value(share)))
    names = ", ".join(line.executor for line in node.shown_executors)
    out.field(vw.EXECUTORS, names or "—")
    if node.justification:
        out.field(_name("expenses", "justification"), node.justification)


def _expense(out: _Out, row: ViewRow, state: State) -> None:
    exp = state.report.expenses[row.index]
    out.findings(_row_findings(state, "expenses", row.index))
    node = state.derived.node(exp.code)
    out.line((f"{exp.code} ", "label"), node.title if node else vw.NO_SUCH_ACTIVITY)
    out.field(_name("expenses", "executor"), exp.executor)
    _amounts_line(out, amounts_of(exp), _missing(state, row=row.index))
    out.field(_name("expenses", "justification"), exp.justification or "—")


def _line(out: _Out, row: ViewRow, state: State) -> None:
    code, executor = row.key.code, row.key.executor
    node = state.derived.node(code)
    out.line((vw.EXECUTOR_TOTAL_OF, "label"), (code, "label"))
    out.field(_name("expenses", "executor"), norm(executor))
    if node is not None:
        for line in node.executors:
            if line.executor == executor:
                _amounts_line(out, line.amounts, state.unknown.of_line(code, executor)
                              if state.unknown is not None else frozenset())
                if line.justification:
                    out.field(_name("expenses", "justification"), line.justification)
    out.line((vw.TOTALS_COMPUTED, "note"))


def _finding(out: _Out, row: ViewRow, state: State) -> None:
    f = state.findings[row.index]
    out.line((f"{f.code} ", f.severity), (f"({SEVERITY_NAMES[f.severity]})", f.severity))
    out.line(f.message)
    out.field(vw.WHERE, vw.finding_place(place_of(f, state.report, state.derived), f.line, f.column))
    if f.field:
        section = f.ref[0] if f.ref else "report"
        out.field(vw.FIELD, label(section, f.field))
    if finding_target(f, state.report)[1] is not None:      # (not a finding on the whole file)
        out.line((vw.ENTER_GOES_TO_ROW, "note"))


def row_context(state: State | None, row: ViewRow | None) -> str:
    """Which row an editor is about, in a line: «Задача 1, № 2 · Доля …»."""
    report = state.report if state is not None else None
    if row is None or report is None:
        return ""
    if row.kind == "indicator":
        text = f"{where(state, row.index)} · {report.indicators[row.index].name}"
    elif row.kind == "expense":
        exp = report.expenses[row.index]
        text = f"{exp.code} · {exp.executor}"
    elif row.kind == "node":
        act = report.activities[row.index]
        text = f"{act.code} · {act.title}"
    elif row.kind == "amendment":
        text = vw.amendment_title(row.index + 1, report.amendments[row.index].act)
    else:
        from kedr_tui.view.changes import CHANGED_MARK

        # a cell's text, without the mark a comparison puts before what changed («Δ»)
        cells = [c.text.strip().removeprefix(CHANGED_MARK) for c in row.cells[1:3]]
        text = cells[0] if row.kind == "text" else " · ".join(c for c in cells if c)
    return short_text(text, 120)
