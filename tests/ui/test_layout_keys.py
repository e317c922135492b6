"""A number typed fast in either keyboard layout (ЙЦУКЕН or Latin).

On ЙЦУКЕН the key right of «Ю» gives «.», with Shift «,»; on the Latin layout the same key
gives «/» and «?», and the Latin «,» and «.» keys give «б» and «ю» on ЙЦУКЕН.  The help
(«?», and «,» for ЙЦУКЕН) and the search («/», and «.») share those keys.  «3,5» typed on a
task row once opened the help between the 3 and the 5; in the editor, «3ю5» was refused.
"""

from __future__ import annotations

import pytest
from textual import events

from kedr_tui.ui.help import HelpScreen
from tests.keys import ind, task
from tests.ui.conftest import cell, move_to, running, until

SEPARATORS = [("comma", ","), ("question_mark", "?"), ("full_stop", "."), ("slash", "/"),
              ("б", "б"), ("ю", "ю"), ("Б", "Б"), ("Ю", "Ю")]


def burst(app, *keys: tuple[str, str]) -> None:
    """Keys as one read of the terminal brings them: all posted before the first is handled."""
    for key, char in keys:
        app.post_message(events.Key(key, char))


async def quiet(pilot, app) -> None:
    """Until every key posted has been handled (the app's queue is empty)."""
    for _ in range(10):
        await pilot.pause()


@pytest.mark.parametrize(("key", "char"), SEPARATORS, ids=[k for k, _ in SEPARATORS])
async def test_a_number_typed_on_a_row_that_takes_none_opens_nothing(seed, key, char):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, task(1), "fact")
        before = app.report_screen.session.report
        burst(app, ("3", "3"), (key, char), ("5", "5"))
        await quiet(pilot, app)
        assert app.screen is app.report_screen, type(app.screen).__name__      # no help, no search
        assert app.report_screen.session.report is before
        assert app.report_screen.current_view().table.current_key() == task(1)


@pytest.mark.parametrize(("key", "char"), SEPARATORS, ids=[k for k, _ in SEPARATORS])
async def test_a_decimal_separator_in_either_layout_is_the_comma(seed, key, char):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")                   # 91,2
        burst(app, ("3", "3"), (key, char), ("5", "5"), ("enter", None))
        await until(pilot, lambda: cell(app, "indicators", ind(3, app), "fact") == "3,5", "3,5 saved")
        assert str(app.report_screen.session.report.indicators[3].fact) == "3.5"


async def test_the_help_still_opens_on_its_own_key_in_either_layout(seed):
    """Not in the middle of a number, «?» (and «,» where ЙЦУКЕН has the «?» key) is the help."""
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, task(1), "fact")
        for key, char in (("question_mark", "?"), ("comma", ",")):
            burst(app, (key, char))
            await until(pilot, lambda: isinstance(app.screen, HelpScreen), f"the help on {char}")
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.report_screen, "the help closed")
        burst(app, ("3", "3"))                            # a digit, then on its own: «?»
        await quiet(pilot, app)
        burst(app, ("question_mark", "?"))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help after a digit")


async def test_a_separator_then_another_key_runs_its_command_first(seed):
    """«3 ? Down» in one burst: the «?» stood alone (no digit behind it): the help opens, and
    Down is the help's, not the table's."""
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, task(1), "fact")
        burst(app, ("3", "3"), ("question_mark", "?"), ("down", None))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await quiet(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        assert app.report_screen.current_view().table.current_key() == task(1)
