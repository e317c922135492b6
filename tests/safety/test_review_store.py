"""The review file's safety: journal before it shows, atomic save with backup, one writer,
recovery, never overwriting a changed file, and the report's bytes never touched."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.reviewing import ReviewError, ReviewSession
from kedr_tui.core.store import FileChangedError, journal_path
from kedr_tui.core.loading import load
from kedr_tui.core.store.review import load_review, review_path, write_review

MADE = dt.datetime(2022, 3, 15, 10, 42)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def marked(session: ReviewSession, report, i: int, status=R.QUESTION) -> R.Review:
    rid = identity.of(report, "indicators", i)
    return session.change(R.set_mark(session.current(), R.new_mark(report, rid, status, f"№{i}",
                                                                    "ivanov", MADE)))


def test_changes_are_journaled_saved_atomically_and_the_report_is_untouched(seed_copy):
    before = sha(seed_copy)
    report = load(seed_copy).report
    session = ReviewSession.open(seed_copy)
    assert not session.read_only and not session.exists
    marked(session, report, 3)
    assert journal_path(session.path).exists() and not session.path.exists()
    session.save()
    assert not journal_path(session.path).exists()
    first = session.path.read_text(encoding="utf-8")
    marked(session, report, 8)
    session.save()
    backup = session.path.with_name(session.path.name + "~")
    assert backup.read_text(encoding="utf-8") == first          # the previous version kept
    session.close()
    assert [m.comment for m in load_review(seed_copy).review.marks] == ["№3", "№8"]
    assert sha(seed_copy) == before
    assert review_path(seed_copy).name == "2021.review.toml"


def test_unsaved_changes_are_recovered_at_the_next_open(seed_copy):
    report = load(seed_copy).report
    session = ReviewSession.open(seed_copy)
    marked(session, report, 3)
    marked(session, report, 8, R.REWORK_MARK)
    session._lock.release()       # the process died: the kernel drops the lock, the journal stays
    session._journal.close()
    again = ReviewSession.open(seed_copy)
    assert again.recovery is not None and again.recovery.changes == ("замечаний: 0 → 2",)
    with pytest.raises(ReviewError, match="сначала восстановите или отбросьте"):
        marked(again, report, 1)
    review = again.recover()
    assert [m.status for m in review.marks] == [R.QUESTION, R.REWORK_MARK] and again.modified
    again.save()
    again.close()
    assert len(load_review(seed_copy).review.marks) == 2
    assert not journal_path(review_path(seed_copy)).exists()


def test_a_second_session_reads_but_does_not_write(seed_copy):
    first = ReviewSession.open(seed_copy)
    second = ReviewSession.open(seed_copy)
    try:
        assert second.read_only and second.read_only_reason.startswith("рассмотрение ведёт ")
        with pytest.raises(ReviewError, match="рассмотрение ведёт"):
            second.change(R.Review("2021.toml"))
    finally:
        second.close()
        first.close()


def test_a_review_file_changed_by_someone_else_is_never_overwritten(seed_copy):
    report = load(seed_copy).report
    session = ReviewSession.open(seed_copy)
    marked(session, report, 3)
    session.save()
    write_review(session.path, session.path.read_text(encoding="utf-8") + "# правка\n")
    marked(session, report, 8)
    with pytest.raises(FileChangedError):
        session.save()
    assert session.path.read_text(encoding="utf-8").endswith("# правка\n")
    session.close(discard=True)


def test_a_broken_review_opens_read_only_and_is_left_as_it_is(seed_copy):
    path = review_path(seed_copy)
    path.write_text("format = 1\nstatus = \"готово\"\n", encoding="utf-8")
    session = ReviewSession.open(seed_copy)
    assert session.read_only and "ошибки" in session.read_only_reason
    assert session.loaded.findings[0].line == 2
    session.close()
    assert path.read_text(encoding="utf-8") == "format = 1\nstatus = \"готово\"\n"


def test_only_review_files_are_written(seed_copy):
    with pytest.raises(Exception, match="не файл рассмотрения"):
        write_review(seed_copy, "format = 1\n")
