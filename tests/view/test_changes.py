"""The comparison's cells and rows, without the app (view/changes.py)."""

from __future__ import annotations

from kedr_tui.core.derive import derive
from kedr_tui.core.diff import compare
from kedr_tui.view.changes import CHANGED_MARK, cell_marks, change_rows, mark_rows
from kedr_tui.view.rows import Memo, State, build_rows
from tests.core.test_diff import SEED_TEXT, edit, model, three_changes


def test_marks_name_the_cells_of_entered_values_and_moved_figures():
    old, new = model(SEED_TEXT), model(three_changes())
    marks = cell_marks(compare(old, new), new)
    assert marks["indicators"] == {"ind:9": {"fact", "abs", "rel"}}
    assert marks["amendments"] == {"amd:2": {"act", "date", "number", "summary"}}
    assert marks["expenses"] == {
        "program": {"plan_year", "plan_period", "cash", "pct_year", "pct_period"},
        "node:2": {"plan_year", "plan_period", "cash", "pct_year", "pct_period"},   # 04.0.02.0
        "node:4": {"plan_year", "plan_period", "cash"},                              # 04.0.02.2
    }
    assert "narrative" not in marks


def test_marked_rows_start_their_changed_cells_with_delta_and_keep_the_rest():
    old, new = model(SEED_TEXT), model(three_changes())
    state = State(new, derive(new), ())
    rows = build_rows("indicators", state, Memo(), {})
    marked = mark_rows("indicators", rows, cell_marks(compare(old, new), new)["indicators"])
    changed = [(a, b) for a, b in zip(rows, marked) if a is not b]
    assert [b.key for _a, b in changed] == ["ind:9"]
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
        "narrative": {"narrative:intro": {"text"}, "signature:name": {"text"}}}


def test_change_rows_know_where_enter_goes():
    old, new = model(SEED_TEXT), model(three_changes())
    rows, targets = change_rows(compare(old, new), new)
    assert [targets[r.key] for r in rows] == [
        ("indicators", "ind:9", "fact"), None, ("expenses", "program", "cash"),
        ("expenses", "node:2", "cash"), ("expenses", "node:4", "cash"),
        ("amendments", "amd:2", "act"), ("findings", "", None)]
    assert change_rows(None, new) == ([], {})
