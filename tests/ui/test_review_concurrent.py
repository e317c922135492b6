"""«x» on an assignment while a colleague changed the review file: the assignment the officer
stands on is the one done, found by what it is, not by its place in the file (the app read
the file at start and takes its lock only at the first change)."""

from __future__ import annotations

import datetime as dt

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.store.review import load_review, render_review, write_review
from tests.keys import assignment
from tests.ui.conftest import move_to, notifications, running, until


def _assignment(text: str) -> R.Assignment:
    return R.Assignment(identity.REPORT, text, "Узварик В.П.", dt.date(2022, 6, 1))


async def test_done_goes_to_the_assignment_stood_on(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = seed.with_name("2021.review.toml")
    start = R.Review("2021.toml", assignments=(_assignment("первое"), _assignment("второе")))
    write_review(path, render_review(start))
    async with running(seed, review=True) as (app, pilot):
        await pilot.press("f6")
        await until(pilot, lambda: app.report_screen.active == "review", "the review tab")
        await move_to(pilot, app, assignment(1), "text")                 # «второе»
        # a colleague's assignment lands above it in the file
        write_review(path, render_review(R.replace(start, assignments=(
            _assignment("коллеги"), *start.assignments))))
        await pilot.press("x")
        await until(pilot, lambda: any(a.done for a in load_review(seed).review.assignments),
                    "an assignment saved done")
        assert not [n for n in notifications(app) if "не записано" in n.lower()]
    assert [(a.text, a.done) for a in load_review(seed).review.assignments] == [
        ("коллеги", False), ("первое", False), ("второе", True)]
