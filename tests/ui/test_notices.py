"""One notice at a time: each new one takes the place of the one shown.

Undo pressed again and again stacked a notice per press from the bottom of the screen up
over the tabs and the header (at 80×24, five of them reach the top)."""

from __future__ import annotations

from textual import events

from tests.keys import ind
from tests.ui.conftest import cell, move_to, notifications, running, until


async def test_undo_after_undo_shows_one_notice(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")                   # 91,2
        for value in ("1", "2", "3", "4", "5"):
            await pilot.press(value, "enter")
            await until(pilot, lambda: cell(app, "indicators", ind(3, app), "fact") == value, value)
        for _ in range(6):                  # the sixth: «Нечего отменять.»
            app.post_message(events.Key("ctrl+z", None))
        await until(pilot, lambda: any("Нечего отменять" in n for n in notifications(app)),
                    "the last undo told")
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"
        assert notifications(app) == ["Нечего отменять."]


async def test_hints_typed_in_a_row_do_not_pile_up(seed):
    from tests.keys import task

    async with running(seed) as (app, pilot):
        await move_to(pilot, app, task(1), "fact")
        for digit in "123456789":
            app.post_message(events.Key(digit, digit))
        for _ in range(20):
            await pilot.pause()
        assert len(notifications(app)) == 1
