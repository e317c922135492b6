"""A row added with the app's key is saved as a block of its own (issue 14: saved without
tomlkit parsing the whole file, ``store.layout``); undo, redo and a second save keep the
file what a person would have written."""

from __future__ import annotations

import shutil
import subprocess

from kedr_tui.core.loading import load
from tests.keys import ind
from tests.ui.conftest import move_to, running


def report(app):
    return app.report_screen.session.report


async def saved(pilot, app) -> None:
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert not app.report_screen.saving and not app.report_screen.session.modified


def added_lines(before, after) -> list[str]:
    """The lines ``git diff --no-index`` shows; none may be removed."""
    diff = subprocess.run(["git", "diff", "--no-index", "--unified=0", "--no-color", str(before),
                           str(after)], capture_output=True, text=True, check=False).stdout
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line.startswith("+") for line in changed), changed
    return [line[1:] for line in changed]


async def test_a_row_added_with_the_key_is_saved_as_its_own_block_and_undo_saves_it_away(
        seed, tmp_path, monkeypatch):
    from kedr_tui.core.store import apart, layout

    quick = []
    checked = layout.render_checked
    monkeypatch.setattr(layout, "render_checked", lambda *args: quick.append(checked(*args)) or quick[-1])
    monkeypatch.setattr(apart, "render_apart", None)     # tomlkit's way is not taken
    before = tmp_path / "before.toml"
    shutil.copy(seed, before)
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("a")                          # a new indicator after the fourth
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+y")           # undone and done again
        await pilot.pause()
        assert report(app).indicators[4].name == "Новый показатель"
        await saved(pilot, app)
        assert added_lines(before, seed) == [
            "[[indicators]]", "task = 1", 'name = "Новый показатель"', "plan = 0", ""]
        again = load(seed).report
        assert again == report(app)
        assert again.indicators[4].name == "Новый показатель" and len(again.indicators) == 11
        await pilot.press("ctrl+z")                     # the saved row undone, and saved away
        await pilot.pause()
        await saved(pilot, app)
    assert seed.read_bytes() == before.read_bytes()
    assert len(quick) == 2 and all(quick)


async def test_after_a_save_that_places_rows_anew_only_what_shows_places_is_drawn_again(seed):
    """A save that added a row reads the text back, and that is the report shown: no row's
    cells change, so the tabs keep their rows (rebuilding them all held the screen's thread
    150-300 ms at 2 000 / 10 000); the findings' places are new (the added row now has a
    line), and every tab then shows what a fresh open of the saved file shows."""
    from kedr_tui.view.columns import TABLES
    from kedr_tui.view.rows import Memo, State, build_rows, marks_of

    async with running(seed) as (app, pilot):
        screen = app.report_screen
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("a")                          # «Новый показатель»: W-PLACEHOLDER
        await pilot.pause()
        placeholder = [f for f in screen.session.analysis.findings if f.code == "W-PLACEHOLDER"]
        assert len(placeholder) == 1 and not placeholder[0].line          # not in the file yet
        for name in ("expenses", "findings"):
            await pilot.press({"expenses": "f2", "findings": "f5"}[name])
            await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        kept = {name: screen.views[name].rows for name in ("indicators", "expenses")}
        await saved(pilot, app)
        assert screen.session.saved_as_shown
        for name, rows in kept.items():                 # not built again
            assert screen.views[name].rows is rows
        placeholder = [f for f in screen.session.analysis.findings if f.code == "W-PLACEHOLDER"]
        assert len(placeholder) == 1 and placeholder[0].line > 0
        fresh = load(seed).analysis
        state = State(fresh.report, fresh.derived, fresh.findings)
        for name in TABLES:
            view = screen.views[name]
            if name in ("changes", "review") or not view.populated:
                continue
            expected = build_rows(name, state, Memo(), marks_of(fresh.findings))
            assert [(r.key, r.cells) for r in view.rows] == [(r.key, r.cells) for r in expected], name
        findings = screen.views["findings"]
        await pilot.press("f5")
        await pilot.pause()
        row = next(i for i, r in enumerate(findings.rows) if "W-PLACEHOLDER" in str(r.cells))
        findings.table.move_cursor(row=row)
        await pilot.pause()
        assert f"строка {placeholder[0].line}" in findings.detail.text
