"""Helpers for the app's tests: open a report copy in the app, read the screen."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

from kedr_tui.core.session import Session
from kedr_tui.ui.app import KedrApp
from kedr_tui.ui.widgets.table import ReportTable

SMALL = (80, 24)
WIDE = (160, 45)


@contextlib.asynccontextmanager
async def running(path: Path, review: bool = False, size=SMALL, label: str = "reports/2021.toml"):
    """The app on ``path``, as a user would start it (``kedr-tui path [--review]``)."""
    session = Session.open(path, read_only=review)
    app = KedrApp(session, label)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        session.close()


async def until(pilot, condition, what: str, timeout: float = 30.0) -> None:
    """Let the app run until ``condition()`` holds: a state, never a fixed time.

    Each round lets the app handle what is pending (``pilot.pause()``, which also lets its
    timers fire); ``timeout`` is only a deadline for a state that never comes, generous
    because a loaded machine can be many times slower than an idle one."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened in {timeout:g} s: {what}")
        await pilot.pause()


def burst(app, *keys: str) -> None:
    """Keys that arrive in one read (typed fast over a slow link): posted at once, as the
    terminal driver posts them, without waiting for each to be handled.  A key is its
    name (``enter``, ``left``) or the character typed (``\x7f`` Backspace, ``\r`` Enter)."""
    from textual import events

    names = {"\x7f": "backspace", "\r": "enter"}
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(names.get(key, key), char))


def palette_offers(app, text: str) -> bool:
    """The command palette is open and the command it would run on Enter is ``text``
    (its hits are gathered in the background, after the typed text)."""
    from textual.command import CommandList, CommandPalette

    if not isinstance(app.screen, CommandPalette):
        return False
    hits = app.screen.query_one(CommandList)
    if hits.highlighted is None:
        return False
    prompt = hits.get_option_at_index(hits.highlighted).prompt
    return text.casefold() in getattr(prompt, "plain", str(prompt)).casefold()


def table(app, name: str) -> ReportTable:
    return app.report_screen.views[name].table


def cell(app, name: str, key: str, column: str) -> str:
    return table(app, name).cell_text(key, column)


def cell_style(app, name: str, key: str, column: str):
    return table(app, name).get_cell(key, column).style


def header(app) -> str:
    return app.report_screen.query_one("#header").text


def detail(app, name: str) -> str:
    return app.report_screen.views[name].detail.text


def active_tab(app) -> str:
    return app.report_screen.active


def current_key(app) -> str | None:
    view = app.report_screen.current_view()
    return view.table.current_key()


async def move_to(pilot, app, key: str, column: str) -> None:
    """Put the cursor on a cell at once (the table's ``goto``, as «Проверка» and search do).

    Walking there key by key cost a frame per key; the arrow keys themselves are
    tested with ``walk_to`` and in test_navigation.py."""
    t = app.report_screen.current_view().table
    target = t.coordinate_of(key, column)
    assert target is not None, (key, column)
    assert t.goto(key, column)
    await pilot.pause()
    assert (t.cursor_row, t.cursor_column) == (target.row, target.column), (key, column)


async def walk_to(pilot, app, key: str, column: str) -> None:
    """Walk the cursor to a cell with the arrow keys, like a user."""
    t = app.report_screen.current_view().table
    target = t.coordinate_of(key, column)
    assert target is not None, (key, column)
    while t.cursor_row != target.row:
        await pilot.press("down" if t.cursor_row < target.row else "up")
    while t.cursor_column != target.column:
        await pilot.press("right" if t.cursor_column < target.column else "left")
    await pilot.pause()


async def save(pilot) -> None:
    """Ctrl+S, and wait until the save (a worker thread) is done and shown."""
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def seed(seed_copy: Path) -> Path:
    return seed_copy
