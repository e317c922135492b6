"""A review file changed by someone else while a session has it open but unlocked (the app
takes the review's lock at the first change, not at start).

Marks name their rows by identity; within the review file, marks and assignments are a list,
and the app once toggled an assignment by its place in that list.  Now a change is made on
the file as it is (read again when a colleague changed it), and an assignment is found by
what it is: a colleague's assignment written above it no longer takes its «done», and the
colleague's marks are kept, not written over by the review as it was at start."""

from __future__ import annotations

import datetime as dt

import pytest

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.errors import EditError
from kedr_tui.core.loading import load
from kedr_tui.core.reviewing import ReviewSession
from kedr_tui.core.store.review import load_review, render_review, write_review

MADE = dt.datetime(2022, 3, 15, 10, 42)


def _write(seed, review: R.Review) -> None:
    write_review(seed.with_name("2021.review.toml"), render_review(review))


def _assignment(text: str, done: bool = False) -> R.Assignment:
    return R.Assignment(identity.REPORT, text, "Узварик В.П.", dt.date(2022, 6, 1), done)


def _start(seed) -> R.Review:
    review = R.Review("2021.toml", assignments=(_assignment("первое"), _assignment("второе")))
    _write(seed, review)
    return review


def _change(session: ReviewSession, make) -> None:
    """What the app does for a change (ui/review.py ``_change_review``)."""
    session.refresh()
    session.change(make(session.current()))
    session.save()


def test_an_assignment_is_toggled_by_what_it_is_not_where_it_stands(seed_copy):
    _start(seed_copy)
    mine = ReviewSession.open(seed_copy, lock=False)      # as the app opens it
    shown = mine.review.assignments[1]                    # the officer stands on «второе»
    # meanwhile a colleague (or a merge in git) puts an assignment above it
    theirs = load_review(seed_copy).review
    _write(seed_copy, R.replace(theirs, assignments=(_assignment("коллеги"), *theirs.assignments)))
    _change(mine, lambda review: R.toggle_assignment(review, shown))
    mine.close()
    saved = load_review(seed_copy).review
    assert [(a.text, a.done) for a in saved.assignments] == [
        ("коллеги", False), ("первое", False), ("второе", True)]


def test_an_assignment_gone_meanwhile_is_told_not_put_on_another(seed_copy):
    _start(seed_copy)
    mine = ReviewSession.open(seed_copy, lock=False)
    shown = mine.review.assignments[1]
    theirs = load_review(seed_copy).review
    _write(seed_copy, R.replace(theirs, assignments=theirs.assignments[:1] + (_assignment("другое"),)))
    with pytest.raises(EditError, match="этого поручения больше нет"):
        _change(mine, lambda review: R.toggle_assignment(review, shown))
    mine.close()
    assert [(a.text, a.done) for a in load_review(seed_copy).review.assignments] == [
        ("первое", False), ("другое", False)]


def test_toggling_twice_alike_assignments_takes_the_one_in_the_state_seen(seed_copy):
    review = R.Review("2021.toml", assignments=(_assignment("то же", True), _assignment("то же")))
    after = R.toggle_assignment(review, review.assignments[1])
    assert [a.done for a in after.assignments] == [True, True]


def test_a_colleagues_marks_are_kept_when_a_mark_is_made_here(seed_copy):
    report = load(seed_copy).report
    _start(seed_copy)
    mine = ReviewSession.open(seed_copy, lock=False)
    theirs = ReviewSession.open(seed_copy)
    theirs.change(R.set_mark(theirs.current(), R.new_mark(
        report, identity.of(report, "indicators", 3), R.QUESTION, "коллеги", "petrov", MADE)))
    theirs.save()
    theirs.close()
    _change(mine, lambda review: R.set_mark(review, R.new_mark(
        report, identity.of(report, "indicators", 8), R.REWORK_MARK, "моё", "ivanov", MADE)))
    mine.close()
    saved = load_review(seed_copy).review
    assert [(m.row, m.comment) for m in saved.marks] == [
        (identity.of(report, "indicators", 3), "коллеги"), (identity.of(report, "indicators", 8), "моё")]
    assert len(saved.assignments) == 2


def test_nothing_unsaved_here_is_dropped_by_reading_again(seed_copy):
    """A change journaled but not saved (a disk error) is never replaced by the file's."""
    report = load(seed_copy).report
    _start(seed_copy)
    mine = ReviewSession.open(seed_copy, lock=False)
    mine.refresh()
    mine.change(R.set_mark(mine.current(), R.new_mark(
        report, identity.of(report, "indicators", 8), R.REWORK_MARK, "моё", "ivanov", MADE)))
    assert mine.modified
    assert mine.refresh() is False and [m.comment for m in mine.current().marks] == ["моё"]
    mine.close(discard=True)
