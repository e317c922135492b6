"""What the screens look like (pytest-textual-snapshot).  Plain ``def`` tests: snap_compare
runs its own event loop.  Update with ``--snapshot-update`` and look at the SVGs."""

from __future__ import annotations

import shutil

import pytest

from kedr_tui.core.session import Session
from kedr_tui.ui.app import KedrApp
from tests.conftest import SEED
from tests.keys import ind
from tests.ui.conftest import until

SMALL = (80, 24)
WIDE = (160, 45)


@pytest.fixture
def make_app(tmp_path):
    sessions = []

    def make(review: bool = False) -> KedrApp:
        folder = tmp_path / "reports"
        folder.mkdir(exist_ok=True)
        path = folder / "2021.toml"
        shutil.copy(SEED, path)
        session = Session.open(path, read_only=review)
        sessions.append(session)
        return KedrApp(session, "reports/2021.toml")

    yield make
    for session in sessions:
        session.close()


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_indicators_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_settle)


def test_expenses_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f2", *["down"] * 6, "right", "right", "right"],
                        run_before=_settle)


def test_findings_and_evaluation_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f5"], run_before=_settle)


def test_refused_number_in_the_editor_80x24(snap_compare, make_app):
    async def before(pilot):
        await _settle(pilot)
        pilot.app.report_screen.views["indicators"].table.goto(ind(3), "fact")
        await pilot.pause()
        await pilot.press("enter", "a", "b", "c", "enter")
        await pilot.pause()
        from textual.widgets import Input

        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=before)


def test_indicators_160x45(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, press=["right_square_bracket"],
                        run_before=_settle)


def test_review_light_theme_expenses_160x45(snap_compare, make_app):
    async def before(pilot):
        await _settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("T", "2")
        await until(pilot, lambda: pilot.app.theme == "textual-light"
                    and pilot.app.report_screen.active == "expenses", "light, on «Расходы»")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(review=True), terminal_size=WIDE, run_before=before)
