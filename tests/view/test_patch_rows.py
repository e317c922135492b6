"""After a value edit the tabs build again only the rows it touched (``patch_rows``);
whatever the sequence of edits, undo and redo, those rows are the rows a whole build
gives (tests/core/test_incremental.py proves the same of the figures underneath)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from kedr_tui.core.edits import SetField
from kedr_tui.core.identity import of_row
from kedr_tui.view.keys import PROGRAMME
from kedr_tui.core.session import Session
from kedr_tui.view.rows import Memo, State, build_rows, marks_of, patch_rows
from tests.core.test_incremental import STEADY, a_step, loaded

TABLES = ("indicators", "expenses", "narrative", "findings", "amendments")


def state_of(session: Session) -> State:
    a = session.analysis
    return State(a.report, a.derived, a.findings, change=a.change)


@STEADY
@given(st.data())
def test_patched_rows_are_the_rows_a_whole_build_gives(data):
    session = Session(loaded(data.draw(st.sampled_from(["seed", "0", "1", "2"]), label="report")))
    state = state_of(session)
    marks = marks_of(state.findings)
    memos = {t: Memo() for t in TABLES}
    rows = {t: build_rows(t, state, memos[t], marks) for t in TABLES}
    for _ in range(data.draw(st.integers(1, 12), label="steps")):
        a_step(data.draw, session)
        before, state = state, state_of(session)
        marks = marks_of(state.findings)
        for table in TABLES:
            patched = None
            if state.change is not None and state.change.base is before.derived:
                positions = {row.key: at for at, row in enumerate(rows[table])}
                patched = patch_rows(table, state, memos[table], marks, rows[table], positions)
            if patched is None:
                patched = build_rows(table, state, memos[table], marks)
            assert patched == build_rows(table, state, Memo(), marks), table
            rows[table] = patched


def test_a_cash_edit_builds_again_only_its_row_and_the_totals_above_it():
    session = Session(loaded("seed"))
    state = state_of(session)
    marks = marks_of(state.findings)
    memo = Memo()
    rows = build_rows("expenses", state, memo, marks)
    index = next(i for i, row in enumerate(session.report.expenses) if row.cash)
    row = session.report.expenses[index]
    session.perform(SetField("expenses", index, "cash", row.cash, row.cash + 1))
    new = state_of(session)
    patched = patch_rows("expenses", new, memo, marks_of(new.findings), rows,
                         {r.key: at for at, r in enumerate(rows)})
    changed = {r.key for r, old in zip(patched, rows) if r is not old}
    assert of_row("expenses", index, row) in changed and PROGRAMME in changed
    assert len(changed) <= 2 + len(new.change.nodes) + 12     # the row, its path and their executor lines
    assert patched == build_rows("expenses", new, Memo(), marks_of(new.findings))
