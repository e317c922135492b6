"""The journal when a write fails (a full disk) and when its file is not what it should be.

An append that fails part-way leaves part of a line; the journal is cut back
to its last whole entry before going on, so edits made after the disk frees
up are recovered whole.  Tried with ENOSPC injected at every byte offset of an
entry.
"""

from __future__ import annotations

import errno
import os
from decimal import Decimal

import pytest

from kedr_tui.core.edits import set_field
from kedr_tui.core.session import JournalError, Session
from kedr_tui.core.recovery import find_journal
from kedr_tui.core.store import DAMAGED, MATCH, journal_path
from kedr_tui.core.store import journal as journal_module
from kedr_tui.core.store.journal import read_entries

from test_journal import crash


def _fact_index(report) -> int:
    return next(i for i, ind in enumerate(report.indicators) if ind.fact is not None)


def _entry_size(report_path) -> int:
    """Bytes of one «set fact» entry, measured on a scratch session."""
    session = Session.open(report_path)
    i = _fact_index(session.report)
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("1.00")))
    before = journal_path(report_path).stat().st_size
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("2.00")))
    size = journal_path(report_path).stat().st_size - before
    session.discard_journal()
    session.close()
    return size


def test_enospc_at_every_byte_of_an_entry_loses_no_committed_edit(report, monkeypatch):
    size = _entry_size(report)
    real_write = os.write
    session = Session.open(report)
    i = _fact_index(session.report)
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("10.00")))
    committed = 1
    for cut in range(0, size + 1):
        def full_disk(fd, data, cut=cut):
            if cut:
                real_write(fd, bytes(data[:cut]))
            raise OSError(errno.ENOSPC, "No space left on device")

        shown = session.report
        monkeypatch.setattr(journal_module.os, "write", full_disk)
        with pytest.raises(JournalError, match="на диске нет места"):
            session.perform(set_field(session.report, "indicators", i, "fact", Decimal("11.00")))
        assert session.report == shown  # refused, not made
        monkeypatch.setattr(journal_module.os, "write", real_write)
        # space is back: the next edit goes on a whole line of its own
        session.perform(set_field(session.report, "indicators", i, "fact", Decimal(1000 + cut)))
        committed += 1
        _header, entries, end = read_entries(journal_path(report))
        assert [e["n"] for e in entries] == list(range(1, committed + 1)), cut
        assert end == journal_path(report).stat().st_size, cut
    session.perform(set_field(session.report, "indicators", i, "plan", Decimal("13.00")))
    crash(session)  # the connection drops
    info = find_journal(report)
    assert info.status == MATCH and info.recoverable, info.reason
    again = Session.open(report)
    again.recover()
    assert again.report.indicators[i].fact == Decimal(1000 + size)
    assert again.report.indicators[i].plan == Decimal("13.00")
    again.discard_journal()
    again.close()


def test_a_failed_cut_back_is_retried_before_the_next_entry(report, monkeypatch):
    session = Session.open(report)
    i = _fact_index(session.report)
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("10.00")))
    real_write, real_truncate = os.write, os.ftruncate

    def half(fd, data):
        real_write(fd, bytes(data[:5]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def broken(fd, length):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(journal_module.os, "write", half)
    monkeypatch.setattr(journal_module.os, "ftruncate", broken)
    with pytest.raises(JournalError):
        session.perform(set_field(session.report, "indicators", i, "fact", Decimal("11.00")))
    monkeypatch.setattr(journal_module.os, "write", real_write)
    with pytest.raises(JournalError):  # still ragged: refused rather than glued on
        session.perform(set_field(session.report, "indicators", i, "fact", Decimal("11.00")))
    monkeypatch.setattr(journal_module.os, "ftruncate", real_truncate)
    session.perform(set_field(session.report, "indicators", i, "fact", Decimal("12.00")))
    crash(session)
    _header, entries, _end = read_entries(journal_path(report))
    assert [e["n"] for e in entries] == [1, 2]


def test_a_really_full_small_filesystem(report, tmp_path):
    """When the machine lets us mount a tiny tmpfs, fill it for real."""
    import shutil
    import subprocess

    opened = None
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        target = mount / "2021.toml"
        shutil.copy(report, target)
        session = opened = Session.open(target)
        i = _fact_index(session.report)
        session.perform(set_field(session.report, "indicators", i, "fact", Decimal("10.00")))
        filler = mount / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 512)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        refused = 0
        for value in range(20, 120):  # past the end of the journal's last page
            try:
                session.perform(set_field(session.report, "indicators", i, "fact", Decimal(value)))
            except JournalError:
                refused += 1
        filler.unlink()
        session.perform(set_field(session.report, "indicators", i, "plan", Decimal("77")))
        shown = session.report.indicators[i]
        crash(session)
        opened = again = Session.open(target)
        again.recover()
        assert refused > 0
        assert again.report.indicators[i].fact == shown.fact
        assert again.report.indicators[i].plan == Decimal("77")
        again.discard_journal()
    finally:
        if opened is not None:
            opened.close()
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_leftover_new_journals_of_killed_starts_are_removed(report):
    stale = journal_path(report).with_name(journal_path(report).name + ".99999.new")
    stale.write_text("{}", encoding="utf-8")
    unrelated = report.with_name(".2021.toml.journal.notes.new")
    unrelated.write_text("x", encoding="utf-8")
    session = Session.open(report)
    assert not stale.exists() and unrelated.exists()
    session.close()


@pytest.mark.parametrize("edit", [
    '{"op": "set", "section": "indicators", "index": 0, "field": "fact", "old": null, "new": "abc"}',
    '{"op": "set", "section": "indicators", "index": 0, "field": "fact", "old": null, '
    '"new": {"decimal": "NaN"}}',
    '{"op": "set", "section": "indicators", "index": 0, "field": "fact", "old": null, '
    '"new": {"decimal": "1E+999999999"}}',
    '{"op": "set", "section": "indicators", "index": 0, "field": "fact", "old": null, '
    '"new": {"decimal": "zz"}}',
    '{"op": "set", "section": "indicators", "index": -1, "field": "fact", "old": null, "new": null}',
    '{"op": "set", "section": "indicators", "index": 0, "field": "__class__", "old": 1, "new": 2}',
    '{"op": "set", "section": "report", "index": null, "field": "year", "old": 2021, "new": 99999999}',
    '{"op": "insert", "section": "indicators", "index": 0, "row": {"type": "Expense"}}',
    '{"op": "batch", "edits": 5}',
    '{"op": "set", "section": "amendments", "index": 0, "field": "date", "old": null, '
    '"new": {"date": "2021-99-99"}}',
])
def test_bad_journal_values_make_it_damaged(report, edit):
    header = ('{"kedr_journal": 1, "report": "2021.toml", "sha256": "%s", "size": 1, "user": "u",'
              ' "host": "h", "pid": 1, "since": "2021-01-01T00:00:00"}')
    from kedr_tui.core.loading import load

    sha = load(report).stamp.sha256
    journal_path(report).write_text(header % sha + "\n" + '{"n": 1, "op": "apply", "edit": '
                                    + edit + ', "at": "x"}\n', encoding="utf-8")
    info = find_journal(report)
    assert info.status == DAMAGED and "повреждён" in info.reason, info.reason


def test_a_journal_that_is_a_folder_is_one_line(report):
    journal_path(report).mkdir()
    info = find_journal(report)
    assert info.status == DAMAGED and info.reason == "журнал: это папка, а не файл"
