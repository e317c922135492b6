"""The file changed on disk while the app had it open: ask, never overwrite silently."""

from __future__ import annotations

from tests.ui.conftest import cell, header, notifications, running, save
from tests.ui.test_file import change_fact as edit_fact

from kedr_tui.ui.safety.screens import ConflictScreen
from tests.keys import ind


async def test_save_over_a_changed_file_asks_and_cancel_keeps_both(seed):
    async with running(seed) as (app, pilot):
        await edit_fact(pilot, app, "95")
        theirs = seed.read_text(encoding="utf-8").replace('name = "Н.А. Соловьева"', 'name = "Другой"')
        seed.write_text(theirs, encoding="utf-8")
        await save(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert "изменён" in header(app)                       # our edit is still there, unsaved
        assert seed.read_text(encoding="utf-8") == theirs      # theirs untouched


async def test_save_as_another_name_keeps_the_changed_file(seed):
    async with running(seed) as (app, pilot):
        await edit_fact(pilot, app, "95")
        theirs = seed.read_text(encoding="utf-8").replace("plan = 90\n", "plan = 91\n", 1)
        seed.write_text(theirs, encoding="utf-8")
        await save(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert seed.read_text(encoding="utf-8") == theirs
    others = [p for p in seed.parent.glob("2021-*.toml")]
    assert len(others) == 1 and "fact = 95\n" in others[0].read_text(encoding="utf-8")


async def test_reload_takes_the_file_from_disk(seed):
    async with running(seed) as (app, pilot):
        await edit_fact(pilot, app, "95")
        theirs = seed.read_text(encoding="utf-8").replace("fact = 91.2\n", "fact = 80\n", 1)
        seed.write_text(theirs, encoding="utf-8")
        await save(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("r")                                 # reloading drops edits: asked twice
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert cell(app, "indicators", ind(3, app), "fact") == "80"
        assert "изменён" not in header(app)
    assert seed.read_text(encoding="utf-8") == theirs


async def test_a_touch_with_the_same_content_is_not_a_change(seed):
    import os
    import time

    async with running(seed) as (app, pilot):
        await edit_fact(pilot, app, "95")
        later = time.time() + 5
        os.utime(seed, (later, later))
        await save(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        assert "изменён" not in header(app)
    assert "fact = 95\n" in seed.read_text(encoding="utf-8")


async def test_ctrl_s_with_no_edits_on_a_changed_file_reads_it_again(seed):
    """No edits here, a colleague saved: Ctrl+S asked «reload or save as» about «правки» that did
    not exist, «Перечитать» wanted a second press to drop them, and Esc said they were kept in
    the journal.  With nothing to keep the file is read again, and that is said."""
    async with running(seed) as (app, pilot):
        theirs = seed.read_text(encoding="utf-8").replace("fact = 91.2\n", "fact = 80\n", 1)
        seed.write_text(theirs, encoding="utf-8")
        await save(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        assert cell(app, "indicators", ind(3, app), "fact") == "80"
        assert any("сохранять нечего" in n for n in notifications(app))
        assert "изменён" not in header(app)
    assert seed.read_text(encoding="utf-8") == theirs
