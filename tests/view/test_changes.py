"""The comparison's cells and rows, without the app (view/changes.py)."""

from __future__ import annotations

from kedr_tui.core.derive import derive
from kedr_tui.core.diff import compare
from kedr_tui.view.changes import CHANGED_MARK, cell_marks, change_rows, mark_rows
from kedr_tui.view.rows import Memo, State, build_rows
from tests.core.test_diff import SEED_TEXT, edit, model, three_changes
from tests.keys import INTRO, PROGRAMME, amd, ind, node, signature


def test_marks_name_the_cells_of_entered_values_and_moved_figures():
    old, new = model(SEED_TEXT), model(three_changes())
    marks = cell_marks(compare(old, new), new)
    assert marks["indicators"] == {ind(9, new): {"fact", "abs", "rel"}}
    assert marks["amendments"] == {amd(2, new): {"act", "date", "number", "summary"}}
    assert marks["expenses"] == {
        PROGRAMME: {"plan_year", "plan_period", "cash", "pct_year", "pct_period"},
        node(2, new): {"plan_year", "plan_period", "cash", "pct_year", "pct_period"},   # 04.0.02.0
        node(4, new): {"plan_year", "plan_period", "cash"},                              # 04.0.02.2
    }
    assert "narrative" not in marks


def test_marked_rows_start_their_changed_cells_with_delta_and_keep_the_rest():
    old, new = model(SEED_TEXT), model(three_changes())
    state = State(new, derive(new), ())
    rows = build_rows("indicators", state, Memo(), {})
    marked = mark_rows("indicators", rows, cell_marks(compare(old, new), new)["indicators"])
    changed = [(a, b) for a, b in zip(rows, marked) if a is not b]
    assert [b.key for _a, b in changed] == [ind(9, new)]
    before, after = changed[0]
    assert [c.text for c in after.cells if c.text.startswith(CHANGED_MARK)] == ["Δ10", "Δ0", "Δ100,00"]
    assert all("changed" in c.role for c in after.cells if c.text.startswith(CHANGED_MARK))
    assert sum(a != b for a, b in zip(before.cells, after.cells)) == 3
    assert mark_rows("indicators", rows, {}) is rows


def test_the_narrative_and_a_rename_mark_their_own_rows():
    text = edit(SEED_TEXT, "Информация о достигнутых показателях", "Сведения о показателях")
    text = edit(text, 'name = "Н.А. Соловьева"', 'name = "И.И. Иванов"')
    old, new = model(SEED_TEXT), model(text)
    assert cell_marks(compare(old, new), new) == {
        "narrative": {INTRO: {"text"}, signature("name"): {"text"}}}


def test_change_rows_know_where_enter_goes():
    old, new = model(SEED_TEXT), model(three_changes())
    rows, targets = change_rows(compare(old, new), new)
    assert [targets[r.key] for r in rows] == [
        ("indicators", ind(9, new), "fact"), None, ("expenses", PROGRAMME, "cash"),
        ("expenses", node(2, new), "cash"), ("expenses", node(4, new), "cash"),
        ("amendments", amd(2, new), "act"), ("findings", None, None)]
    assert change_rows(None, new) == ([], {})
