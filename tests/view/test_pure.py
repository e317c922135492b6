"""The app's pure parts, without Textual: rows, widths, structure edits, navigation, fields."""

from __future__ import annotations

from decimal import Decimal

import pytest

from msgspec.structs import replace

from kedr_tui.core.edits import Batch, EditError, InsertRow, MoveRow
from kedr_tui.core.loading import load
from kedr_tui.view import fields as F
from kedr_tui.view import structure
from kedr_tui.view.navigate import finding_targets, search, step
from kedr_tui.view.columns import COLUMNS, TABLES, column_keys, edit_target, fit_widths
from kedr_tui.view.rows import Memo, State, build_rows, marks_of
from tests.conftest import SEED
from tests.keys import GOAL, PROGRAMME, comment, exp, ind, node, task
from kedr_tui.view.keys import After


@pytest.fixture(scope="module")
def state():
    analysis = load(SEED).analysis
    return State(analysis.report, analysis.derived, analysis.findings)


def rows_of(state, table):
    return build_rows(table, state, Memo(), marks_of(state.findings))


def test_every_table_has_rows_with_one_cell_per_column(state):
    for table in TABLES:
        rows = rows_of(state, table)
        assert rows
        assert all(len(r.cells) == len(COLUMNS[table]) for r in rows)
        assert len({r.key for r in rows}) == len(rows)


def test_memo_gives_back_the_same_row_objects(state):
    memo = Memo()
    marks = marks_of(state.findings)
    first = build_rows("expenses", state, memo, marks)
    again = build_rows("expenses", state, memo, marks)
    assert all(a is b for a, b in zip(first, again))


def test_edit_targets_follow_the_kind_of_row(state):
    rows = {r.key: r for r in rows_of(state, "expenses")}
    assert edit_target("expenses", rows[exp(7)], "cash") == ("expenses", 7, "cash")
    assert edit_target("expenses", rows[node(6)], "cash") is None        # a total
    assert edit_target("expenses", rows[node(6)], "name") == ("activities", 6, "title")
    assert edit_target("expenses", rows[PROGRAMME], "name") == ("program", None, "title")
    text = {r.key: r for r in rows_of(state, "narrative")}
    assert edit_target("narrative", text[comment(3)], "part") == ("indicators", 3, "comment")


def test_flexible_columns_share_the_spare_width():
    spec = COLUMNS["indicators"]
    narrow = fit_widths(spec, 80)
    wide = fit_widths(spec, 200)
    assert narrow == [c.width for c in spec]
    assert sum(wide) + 2 * len(spec) == 200
    assert all(w >= c.width for w, c in zip(wide, spec))


def test_structure_operations(state):
    report = state.report
    rows = {r.key: r for r in rows_of(state, "indicators")}
    op = structure.add_row("indicators", rows[ind(3)], report)
    assert isinstance(op.edit, InsertRow) and op.edit.index == 4 and op.focus == After("indicators", 4)
    op = structure.move_row("indicators", rows[ind(3)], report, -1)
    assert isinstance(op.edit, MoveRow) and (op.edit.index, op.edit.to) == (3, 2)
    with pytest.raises(EditError):
        structure.move_row("indicators", rows[ind(2)], report, -1)      # first of task 1
    with pytest.raises(EditError):
        structure.delete_row("indicators", rows[task(1)], report)     # has indicators
    with pytest.raises(EditError):
        structure.delete_row("indicators", rows[GOAL], report)
    exp = {r.key: r for r in rows_of(state, "expenses")}
    op = structure.add_group("expenses", exp[node(7)], report)        # 04.0.02.5 -> sibling
    assert op.edit.row.code == "04.0.02.6"
    op = structure.add_group("expenses", exp[PROGRAMME], report)       # a new main activity
    assert op.edit.row.code == "04.0.04.0" and op.edit.row.task
    op = structure.delete_row("expenses", exp[node(7)], report)
    assert isinstance(op.edit, Batch) and "04.0.02.5" in op.question
    with pytest.raises(EditError):
        structure.delete_row("expenses", exp[node(2)], report)        # has children


def test_findings_and_search_across_tables(state):
    tables = {t: rows_of(state, t) for t in TABLES}
    targets = finding_targets(state.findings, tables, state.report)
    assert [(t.table, tables[t.table][t.row].key, t.column) for t in targets] == \
        [("indicators", ind(8), "formula")]
    assert all(t.key == tables[t.table][t.row].key for t in targets)
    target, wrapped = step(targets, "expenses", 0)
    assert target == targets[0] and wrapped
    columns = {t: column_keys(t) for t in TABLES}
    hit, _ = search(tables, columns, "КУЛЬТУРА", "indicators", 0)
    assert hit.table == "expenses" and "Культура" in tables["expenses"][hit.row].cells[2].text
    back, _ = search(tables, columns, "культура", hit.table, hit.row, forward=False)
    assert back != hit


def test_field_rules(state):
    report = state.report
    assert F.parse(report, "expenses", 7, "cash", "1 129,01") == Decimal("1129.01")
    with pytest.raises(EditError, match="не число"):
        F.parse(report, "expenses", 7, "cash", "abc")
    with pytest.raises(EditError, match="уже есть"):
        F.parse(report, "expenses", 3, "executor", "МУ «Кедровская ЦБС»")
    with pytest.raises(EditError, match="занят"):
        F.parse(report, "activities", 7, "code", "04.0.02.4")
    with pytest.raises(EditError, match="родительского"):
        F.parse(report, "activities", 7, "code", "04.0.05.1")
    edit = F.edit_for(report, "activities", 7, "code", "04.0.02.6")
    assert isinstance(edit, Batch) and {e.section for e in edit.edits} == {"activities", "expenses"}
    edit = F.edit_for(report, "program", None, "code", "05")
    assert all(e.new.startswith("05.") for e in edit.edits if e.field == "code" and e.section != "program")
    for code in ("٠٧", "０７"):      # digits to \d, not in a code: 07.0.01.0 would not match them
        with pytest.raises(EditError):
            F.parse(report, "program", None, "code", code)
    with pytest.raises(EditError):
        F.parse(report, "activities", 7, "code", "04.0.02.٦")
    assert F.to_text(Decimal("-5.5")) == "−5,5"
    assert [v for v, _ in F.choices(report, "indicators", 0, "task")] == [0, 1, 2, 3]


def test_rows_carry_their_typed_identity(state):
    from kedr_tui.core.identity import ActivityId, ExpenseId, TableId, TaskId, of
    from kedr_tui.view.keys import ExecutorTotal

    report = state.report
    indicators = {r.key: r for r in rows_of(state, "indicators")}
    assert indicators[of(report, "indicators", 3)].index == 3
    assert indicators[TaskId(2)].index == 1 and indicators[TableId("program")].kind == "goal"
    expenses = {r.key: r for r in rows_of(state, "expenses")}
    assert expenses[ExpenseId("04.0.02.4", "МУ «Культура»")].index == 7
    assert expenses[ActivityId("04.0.02.4")].index == 6 and expenses[TaskId(2)].kind == "task"
    lines = [r for r in expenses.values() if r.kind == "line"]
    assert lines and all(isinstance(r.key, ExecutorTotal) and r.key.executor in r.cells[2].text
                         and report.activities and r.section is None for r in lines)
    assert ExecutorTotal("04.0.00.0", "МУ «Культура»") in expenses
    amendments = rows_of(state, "amendments")
    assert [r.key for r in amendments] == [of(report, "amendments", i) for i in range(len(amendments))]



def test_an_edit_that_would_repeat_a_row_is_refused_like_the_checks_see_it(state):
    """Rows are the same row when their identities are, whitespace normalised (SPEC «Row
    identity»): the editor refuses what would otherwise become an E-CODE / E-DUP error."""
    report = state.report
    with pytest.raises(EditError, match="исполнитель «МУ «Кедровская ЦБС»» уже есть"):
        F.parse(report, "expenses", 3, "executor", " МУ  «Кедровская ЦБС» ")
    other = report.indicators[3].name
    with pytest.raises(EditError, match="уже есть в задаче 1"):
        F.parse(report, "indicators", 2, "name", other.replace(" ", "  ") + " ")
    with pytest.raises(EditError, match="уже есть в задаче 1"):
        F.parse(
            replace(report, indicators=(replace(report.indicators[0], name=other),
                                        *report.indicators[1:])), "indicators", 0, "task", "1")
    first, second = report.amendments
    same_day = replace(report, amendments=(first, replace(second, date=first.date)))
    with pytest.raises(EditError, match="№ 55 от 24.03.2021 уже есть"):
        F.parse(same_day, "amendments", 1, "number", " 55")
    # a row's own identity is no repeat, nor another row's name in another task
    assert F.parse(report, "indicators", 2, "name", report.indicators[2].name + " ")
    assert F.parse(report, "indicators", 5, "name", other) == other
    assert F.parse(report, "amendments", 1, "number", "55") == "55"


def test_a_big_sum_is_shown_whole_not_cut(tmp_path):
    """A city's programme of ten billion roubles is «10 000 000,00» thousand: 13 characters,
    more than the money columns' usual width; the column grows rather than cut the number."""
    from kedr_tui.view.columns import natural_widths
    path = tmp_path / "2021.toml"
    path.write_text(SEED.read_text(encoding="utf-8").replace(
        "plan_year = 786.53\nplan_period = 786.53\ncash = 755.31",
        "plan_year = 10000000.00\nplan_period = 9999999.99\ncash = 123456789.12\n"
        "# cash far above the plan: the point is its width", 1), encoding="utf-8")
    analysis = load(path).analysis
    state = State(analysis.report, analysis.derived, analysis.findings)
    rows = rows_of(state, "expenses")
    widths = natural_widths(COLUMNS["expenses"], rows)
    for i, column in enumerate(COLUMNS["expenses"]):
        if column.right:
            assert widths[i] >= max(len(r.cells[i].text) for r in rows), column.key
    cash = [c.key for c in COLUMNS["expenses"]].index("cash")
    assert "123\u00a0456\u00a0789,12" in {r.cells[cash].text for r in rows}


def test_a_subprogram_stands_under_its_main_activities_task_heading_as_printed():
    """The district report (tests/data/unseen): subprogram 05.1.00.0 serves task 2 through
    its main activity 05.1.01.0.  The app showed it above «Задача 2», under task 1's rows,
    while the printed Form 2 puts the heading first; now both do, and task 2's heading is
    not repeated inside the subprogram."""
    from pathlib import Path

    from kedr_tui.core.identity import ActivityId as line

    analysis = load(Path(__file__).parents[1] / "data/unseen/district/reports/2024.toml").analysis
    keys = [r.key for r in rows_of(State(analysis.report, analysis.derived, analysis.findings),
                                   "expenses")]
    assert keys.index(task(2)) == keys.index(line("05.1.00.0")) - 1
    assert keys.index(line("05.1.00.0")) < keys.index(line("05.1.01.0"))
    assert keys.index(task(1)) < keys.index(line("05.0.01.0")) < keys.index(task(2))
    assert keys.count(task(2)) == 1


@pytest.mark.parametrize(("cash", "verdict"), [
    ("379.99", "не засчитано: исполнено 94,9975 % плана на год (меньше 95 %)"),   # shown 95,00 in Form 2
    ("379.96", "не засчитано: исполнено 94,99 % плана на год (меньше 95 %)"),
    ("380", "засчитано: исполнено 95,00 % плана на год (не меньше 95 %)"),
    ("0", "не засчитано: исполнено 0,00 % плана на год (меньше 95 %)"),
])
def test_an_activitys_detail_says_whether_srm_counts_it_with_a_share_that_agrees(cash, verdict):
    """СРм counts an activity whose cash is at least 95 % of its year plan, exactly; Form 2
    shows 379,99 of 400 as 95,00 %, so the detail says 94,9975 % beside «не засчитано»."""
    from kedr_tui.core.analysis import Context, analyse
    from kedr_tui.core.locate import Locator
    from kedr_tui.view.detail import detail_text

    seed = load(SEED).analysis.report
    rows, first = list(seed.expenses), True
    for at, row in enumerate(rows):          # the activity's rows: 400 planned, ``cash`` spent
        if row.code == "04.0.02.2":
            rows[at] = replace(row, plan_year=Decimal(400 if first else 0),
                               plan_period=Decimal(400 if first else 0),
                               cash=Decimal(cash if first else 0))
            first = False
    report = replace(seed, expenses=tuple(rows))
    analysis = analyse(report, Context(Locator()))
    state = State(report, analysis.derived, analysis.findings)
    row = next(r for r in rows_of(state, "expenses") if r.kind == "node" and r.section == "activities"
               and report.activities[r.index].code == "04.0.02.2")
    assert f"В СРм: {verdict}" in detail_text("expenses", row, state).plain
    done = analysis.derived.evaluation.activities_done
    counted = analysis.derived.evaluation.activities_counted
    seed_eval = load(SEED).analysis.derived.evaluation
    assert counted == seed_eval.activities_counted
    assert done == seed_eval.activities_done - (not verdict.startswith("засчитано"))
