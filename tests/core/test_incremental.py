"""After every edit the app's analysis is incremental (core/analysis.py): a value edit
recomputes only the row, its activity's path of totals, the evaluation and the row's
checks.  Here a random sequence of edits — value edits of every field of random rows
(empty, negative, huge, ones that make and remove findings), undo, redo and a few
structural operations — must leave exactly what ``analyse`` computes from scratch:
every figure, every total, the evaluation, the findings in the same order."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kedr_tui.core import operations
from kedr_tui.core.analysis import analyse
from kedr_tui.core.edits import DeleteRow, EditError, SetField, editable_fields
from kedr_tui.core.fields import FIELDS
from kedr_tui.core.model import HIGHER, LOWER, placeholder
from kedr_tui.core.session import Session
from kedr_tui.core.loading import analysed
from kedr_tui.core.store.report import Stamp, report_file
from tests.conftest import SEED
from tests.gen import generate

# derandomized: the same examples on every run, well inside the suite's time budget
STEADY = settings(max_examples=70, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=None)
def loaded(source: str):
    from pathlib import Path

    if source == "seed":
        text = SEED.read_text(encoding="utf-8")
        path = SEED
    else:
        n = int(source)
        text = generate(n_indicators=4 + n, n_expenses=10 + 4 * n, seed=n)
        path = Path("/nonexistent/reports/2021.toml")
    return analysed(report_file(path, text, Stamp(0, len(text), text.encode("utf-8"))))


NUMBERS = st.one_of(
    st.sampled_from([Decimal(0), Decimal("-5"), Decimal("100"), Decimal("95"), Decimal("94.99"),
                     Decimal("0.0000000001"), Decimal("999999999999999.9999999999"),
                     Decimal("-999999999999999"), Decimal("1E+3"), Decimal("1000000")]),
    st.decimals(min_value=-10 ** 6, max_value=10 ** 6, places=2, allow_nan=False, allow_infinity=False),
)
TEXTS = st.sampled_from(["", "  ", "Экономия по результатам закупок", "позже", placeholder("expenses"),
                         placeholder("indicators"), "Доля услуг", "x" * 90, "Дг=(2981/2996)*100",
                         "(1/0)", "ДПО=(20/30)*100"])


def value_for(draw, section: str, field: str, report):
    kind = FIELDS[(section, field)].kind
    if kind == "number":
        optional = section == "indicators"
        return draw(st.one_of(st.none(), NUMBERS) if optional else NUMBERS)
    if kind == "integer":
        return draw(st.integers(0, len(report.tasks) + 1))
    if kind == "better":
        return draw(st.sampled_from([HIGHER, LOWER]))
    if section == "expenses" and field == "code":
        return draw(st.sampled_from([a.code for a in report.activities] or [""]))
    return draw(TEXTS)


def a_step(draw, session: Session):
    report = session.report
    what = draw(st.sampled_from(["value"] * 8 + ["undo", "redo", "structure"]))
    if what == "undo":
        session.undo()
        return
    if what == "redo":
        session.redo()
        return
    section = draw(st.sampled_from(["indicators", "expenses"]))
    rows = getattr(report, section)
    if not rows:
        return
    index = draw(st.integers(0, len(rows) - 1))
    if what == "value":
        # mostly the figures' own fields, now and then one that names the row
        fields = editable_fields(section)
        common = [f for f in fields if f in ("plan", "fact", "prev", "plan_year", "plan_period", "cash",
                                             "justification", "formula", "better", "unit")]
        field = draw(st.sampled_from(common * 4 + list(fields)))
        old = getattr(rows[index], field)
        new = value_for(draw, section, field, report)
        if new != old:
            session.perform(SetField(section, index, field, old, new))
        return
    row = rows[index]
    kind = draw(st.sampled_from(["add", "move", "delete"]))
    try:
        if kind == "delete":
            edit = DeleteRow(section, index, row)
        elif section == "indicators":
            edit = (operations.add_indicator(report, row.task, index) if kind == "add"
                    else operations.move_indicator(report, index, draw(st.sampled_from([-1, 1]))))
        else:
            edit = (operations.add_executor(report, row.code, index) if kind == "add"
                    else operations.move_executor(report, index, draw(st.sampled_from([-1, 1]))))
        session.perform(edit)
    except EditError:
        pass


def assert_same(analysis, context) -> None:
    full = analyse(analysis.report, context)
    assert analysis.derived.indicators == full.derived.indicators
    assert analysis.derived.groups == full.derived.groups
    assert [(n.code, n.total, n.executors, n.justification, n.counted, n.done)
            for n in analysis.derived.tree.walk()] == \
        [(n.code, n.total, n.executors, n.justification, n.counted, n.done) for n in full.derived.tree.walk()]
    assert analysis.derived == full.derived
    assert analysis.derived.evaluation == full.derived.evaluation
    assert analysis.findings == full.findings


@STEADY
@given(st.data())
def test_the_incremental_analysis_equals_a_full_one_after_every_step(data):
    source = data.draw(st.sampled_from(["seed", "0", "1", "2", "3"]), label="report")
    base = loaded(source)
    session = Session(base)
    seen = [session.analysis]
    incremental = 0
    for _ in range(data.draw(st.integers(1, 14), label="steps")):
        before = session.analysis
        a_step(data.draw, session)
        if session.analysis is not before:
            assert_same(session.analysis, base.context)
            incremental += session.analysis.change is not None
            seen.append(session.analysis)
    # every state held (for undo, and by the views) still has its own figures: an edit
    # copied the path of nodes it changed instead of changing them in place
    for analysis in seen:
        assert_same(analysis, base.context)


def test_a_value_edit_is_analysed_incrementally_and_undo_gives_back_the_old_figures():
    base = loaded("seed")
    session = Session(base)
    before = session.analysis
    report = session.report
    index = next(i for i, row in enumerate(report.expenses) if row.cash)
    row = report.expenses[index]
    old_total = before.derived.tree.total
    session.perform(SetField("expenses", index, "cash", row.cash, row.cash + 1000))
    after = session.analysis
    assert after.change is not None and after.change.base is before.derived
    assert after.change.nodes[0] == before.derived.tree.code and after.change.nodes[-1] == row.code
    assert after.derived.tree.total.cash == old_total.cash + 1000
    assert before.derived.tree.total == old_total                     # the old tree untouched
    assert {f.code for f in after.findings} == {"W-FORMULA", "W-OVERSPEND"}
    assert after.change.findings
    session.undo()
    assert session.analysis.derived.tree.total == old_total
    assert session.analysis.findings == before.findings
    # an edit that names the row (its code) is analysed whole
    session.perform(SetField("expenses", index, "executor", row.executor, "Другой исполнитель"))
    assert session.analysis.change is None
    assert_same(session.analysis, base.context)
