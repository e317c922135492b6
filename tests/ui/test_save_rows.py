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
