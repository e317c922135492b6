"""The journal: every committed edit on disk before it is done; recovery replays it exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from msgspec.structs import replace

from kedr_tui.core.edits import DeleteRow, InsertRow, MoveRow, set_field
from kedr_tui.core.operations import move_task, new_row
from kedr_tui.core.session import JournalError, Session, SessionError
from kedr_tui.core.recovery import find_journal
from kedr_tui.core.store import MATCH, MISMATCH, SAVED, journal_path, journal_warning, render
from kedr_tui.core.loading import load

from safety_helpers import ROOT, child_env


def crash(session: Session) -> None:
    """What kill -9 leaves: the journal as written, the lock released by the kernel."""
    session._journal.close()
    session._lock.release()


def many_edits(session: Session) -> None:
    report = session.report
    i = next(i for i, ind in enumerate(report.indicators) if ind.fact is not None)
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("92.50")))
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("93.00")))
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.perform(set_field(session.report, "narrative", None, "intro", "Строка 1.\nСтрока 2."))
    row = replace(new_row("expenses", session.report, session.report.expenses[0]),
                  executor="Новый исполнитель", plan_year=Decimal("5.00"))
    session.perform(InsertRow("expenses", 1, row))
    session.perform(DeleteRow("amendments", 0, session.report.amendments[0]))
    session.perform(move_task(session.report, 0, 1))
    session.perform(MoveRow("activities", 2, 3))
    session.undo()
    session.undo()
    session.redo()
    session.perform(set_field(session.report, "program", None, "goal", "Новая цель"))


def test_each_edit_is_on_disk_when_perform_returns(report):
    session = Session.open(report)
    path = journal_path(report)
    assert not path.exists()
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    lines = path.read_text(encoding="utf-8").splitlines()
    header, entry = json.loads(lines[0]), json.loads(lines[1])
    assert header["sha256"] == session.loaded.stamp.sha256 and header["pid"] == os.getpid()
    assert entry["op"] == "apply" and entry["edit"]["new"] == "И.И. Иванов"
    session.undo()
    session.redo()
    ops = [json.loads(line)["op"] for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    assert ops == ["apply", "undo", "redo"]
    session.save()
    assert not path.exists()  # a clean save removes it
    session.perform(set_field(session.report, "signature", None, "name", "П.П. Петров"))
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["sha256"] == load(report).stamp.sha256  # a new journal for the saved version
    session.close(discard_journal=True)
    assert not path.exists()


def test_recovery_equals_the_state_before_the_crash(report, seed_normal_save=None):
    before_crash = Session.open(report)
    many_edits(before_crash)
    expected = before_crash.report
    expected_text = render(expected, before_crash.base_text, before_crash.base_report)
    crash(before_crash)

    session = Session.open(report)
    info = session.recovery
    assert info is not None and info.status == MATCH and info.recoverable
    assert session.report == load(report).report  # nothing applied until asked
    with pytest.raises(SessionError, match="сначала восстановите или отбросьте"):
        session.perform(set_field(session.report, "signature", None, "name", "Х"))
    session.recover()
    assert session.report == expected  # field for field
    for section in ("tasks", "indicators", "activities", "expenses", "amendments"):
        assert [r.src for r in getattr(session.report, section)] == \
            [r.src for r in getattr(expected, section)]
    assert session.modified
    assert report.read_bytes() != expected_text.encode()  # recovery does not save
    session.save()
    assert report.read_text(encoding="utf-8") == expected_text  # same bytes as a normal save
    assert not journal_path(report).exists()


def test_recovered_session_keeps_journaling(report):
    first = Session.open(report)
    first.perform(set_field(first.report, "signature", None, "name", "И.И. Иванов"))
    crash(first)
    second = Session.open(report)
    second.recover()
    second.perform(set_field(second.report, "signature", None, "executor", "Петров"))
    expected = second.report
    crash(second)
    third = Session.open(report)
    third.recover()
    assert third.report == expected


def test_what_it_would_change_is_readable(report):
    session = Session.open(report)
    many_edits(session)
    crash(session)
    info = find_journal(report)
    text = "\n".join(info.changes)
    assert "Показатели, стр. " in text and "факт 100 → 93,00" in text  # two settings shown as one
    assert "Подпись: ФИО «Н.А. Соловьева» → «И.И. Иванов»" in text
    assert "Расходы: добавлена стр. 2 «04.0.01.1 · Новый исполнитель»" in text
    assert "Изменения: удалена стр. 1" in text
    assert "Задачи, стр. 1" in text and "перемещена на место 2" in text
    assert "Программа: цель" in text and "«Новая цель»" in text
    assert "перемещена на место 4" not in text  # the activity moved and undone
    assert "Строка 1. ⏎ Строка 2." in text
    assert info.summary().startswith("журнал правок «.2021.toml.journal»: ")
    assert "изменени" in info.summary() and "@" in info.summary()


def test_mismatching_journal_is_reported_not_applied(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    crash(session)
    outside = report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Кто-то Другой")
    report.write_text(outside, encoding="utf-8")  # e.g. git pull meanwhile
    session = Session.open(report)
    info = session.recovery
    assert info.status == MISMATCH and not info.recoverable and info.changes == ()
    assert "для другой версии файла" in info.reason
    with pytest.raises(SessionError, match="правки не восстановлены"):
        session.recover()
    assert session.report.signature.name == "Кто-то Другой"
    session.discard_journal()
    assert not journal_path(report).exists()
    session.perform(set_field(session.report, "signature", None, "executor", "Петров"))


def test_journal_of_a_finished_save_is_dropped_quietly(report, monkeypatch):
    from kedr_tui.core.store.journal import Journal

    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    monkeypatch.setattr(Journal, "remove", Journal.close)  # killed right after the rename
    session.save()
    monkeypatch.undo()
    assert journal_path(report).exists()
    assert find_journal(report).status == SAVED
    assert journal_warning(report) is None
    session.close()
    again = Session.open(report)
    assert again.recovery is None and not journal_path(report).exists()


def test_torn_last_line_is_ignored_and_cut(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    expected = session.report
    crash(session)
    with journal_path(report).open("a", encoding="utf-8") as handle:
        handle.write('{"n": 2, "op": "apply", "edit": {"op": "se')  # killed mid-write
    session = Session.open(report)
    assert session.recovery.status == MATCH
    session.recover()
    assert session.report == expected
    session.perform(set_field(session.report, "signature", None, "executor", "Петров"))
    lines = journal_path(report).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("op") for line in lines[1:]] == ["apply", "apply"]


def test_damaged_journal_is_reported(report):
    journal_path(report).write_text("not a journal\n{}\n", encoding="utf-8")
    session = Session.open(report)
    assert session.recovery.status == "damaged" and "повреждён" in session.recovery.reason
    with pytest.raises(SessionError):
        session.recover()
    session.discard_journal()
    assert not journal_path(report).exists()


def test_edits_that_cancel_out_leave_nothing_to_recover(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.undo()
    crash(session)
    again = Session.open(report)
    assert again.recovery is None and not journal_path(report).exists()


def test_discard_drops_edits_in_memory_too(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.discard_journal()
    assert not session.modified and session.report == load(report).report
    assert not journal_path(report).exists()


def test_read_only_instead_keeps_the_journal(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    crash(session)
    viewer = Session.open(report)
    viewer.read_only_instead()
    assert viewer.read_only and "остались в журнале" in viewer.read_only_reason
    assert journal_path(report).exists() and not viewer.locked
    assert Session.open(report).recovery is not None


def test_journal_write_failure_refuses_the_edit(report, monkeypatch):
    session = Session.open(report)
    import kedr_tui.core.store.journal as journal

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal.os, "write", full)
    with pytest.raises(JournalError, match="на диске нет места"):
        session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    assert not session.modified and session.report == load(report).report


def test_cli_check_warns_about_a_journal(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.perform(set_field(session.report, "signature", None, "executor", "Петров"))
    warning = journal_warning(report)
    assert warning.startswith(f"{report}: есть несохранённый журнал правок (2 правки, ")
    assert "\n" not in warning
    done = subprocess.run([sys.executable, "-m", "kedr_tui", "check", str(report)], cwd=ROOT,
                          capture_output=True, text=True, env=child_env())
    assert "есть несохранённый журнал правок" in done.stderr and done.returncode == 0
    session.close(discard_journal=True)
    assert journal_warning(report) is None


def test_a_row_added_and_deleted_again_is_no_change_to_recover(report):
    """The recovery listed «добавлена стр. 2» and «удалена стр. 2» for a row that is not there
    either way: the officer could not tell that nothing of it remains.  Such a row (and what
    was typed into it) is left out, and the other rows are named by their places in what
    would be recovered."""
    session = Session.open(report)
    base = session.report
    row = replace(new_row("expenses", base, base.expenses[0]), executor="Новый исполнитель")
    session.perform(InsertRow("expenses", 1, row))
    session.perform(set_field(session.report, "expenses", 1, "cash", Decimal("5.00")))
    session.perform(set_field(session.report, "expenses", 3, "cash", Decimal("7.00")))  # file's 3rd
    session.perform(MoveRow("expenses", 1, 0))
    session.perform(DeleteRow("expenses", 0, session.report.expenses[0]))
    crash(session)
    info = find_journal(report)
    third = base.expenses[2]
    assert info.changes == (
        f"Расходы, стр. 3 «{third.code} · {third.executor}»: кассовое исполнение "
        "0,00 → 7,00",)
    assert "Новый исполнитель" not in info.summary()

    again = Session.open(report)                # the add and delete alone: nothing to recover
    again.discard_journal()
    again.perform(InsertRow("expenses", 1, row))
    again.perform(DeleteRow("expenses", 1, row))
    crash(again)
    last = Session.open(report)
    assert last.recovery is None and not journal_path(report).exists()
    last.close()
