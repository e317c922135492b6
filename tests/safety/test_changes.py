"""A file changed on disk since it was read is never overwritten silently."""

from __future__ import annotations

import os

import pytest

from kedr_tui.core.edits import set_field
from kedr_tui.core.errors import ReportError
from kedr_tui.core.session import Session
from kedr_tui.core.store import FileChangedError, journal_path
from kedr_tui.core.loading import load


def edited(report):
    session = Session.open(report)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    return session


def test_different_content_is_refused(report):
    session = edited(report)
    outside = report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Кто-то Другой")
    report.write_text(outside, encoding="utf-8")
    with pytest.raises(FileChangedError) as excinfo:
        session.save()
    assert excinfo.value.kind == "changed"
    assert "файл изменён на диске после открытия" in str(excinfo.value)
    assert "перечитайте его или сохраните правки под другим именем" in str(excinfo.value)
    assert report.read_text(encoding="utf-8") == outside
    assert session.modified and journal_path(report).exists()


def test_same_size_same_mtime_different_content_is_refused(report):
    session = edited(report)
    st = report.stat()
    text = report.read_text(encoding="utf-8")
    changed = text.replace('year = 2021', 'year = 2022', 1)
    assert len(changed.encode()) == st.st_size
    report.write_text(changed, encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))  # even the time put back
    with pytest.raises(FileChangedError):
        session.save()
    assert report.read_text(encoding="utf-8") == changed


def test_touch_only_is_not_a_change(report):
    session = edited(report)
    st = report.stat()
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    session.save()
    assert load(report).report.signature.name == "И.И. Иванов"


def test_deleted_file(report):
    session = edited(report)
    report.unlink()
    with pytest.raises(FileChangedError) as excinfo:
        session.save()
    assert excinfo.value.kind == "deleted" and "под другим именем" in str(excinfo.value)
    assert not report.exists()


def test_reload_drops_local_edits_and_journal(report):
    session = edited(report)
    outside = report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Кто-то Другой")
    report.write_text(outside, encoding="utf-8")
    with pytest.raises(FileChangedError):
        session.save()
    session.reload()
    assert session.report.signature.name == "Кто-то Другой"
    assert not session.modified and not journal_path(report).exists()
    session.perform(set_field(session.report, "signature", None, "executor", "Петров"))
    session.save()  # after a reload the new version is the base: no conflict
    saved = load(report).report.signature
    assert (saved.name, saved.executor) == ("Кто-то Другой", "Петров")


def test_save_as_another_name(report):
    session = edited(report)
    outside = report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Кто-то Другой")
    report.write_text(outside, encoding="utf-8")
    with pytest.raises(FileChangedError):
        session.save()
    other = report.with_name("2021-мои-правки.toml")
    assert session.save(other) == other
    assert load(other).report.signature.name == "И.И. Иванов"
    assert report.read_text(encoding="utf-8") == outside
    with pytest.raises(ReportError, match="такой файл уже есть"):
        session.save(other)
    session.save(other, overwrite=True)


def test_read_only_session_saves_only_as(report):
    session = Session.open(report, read_only=True)
    with pytest.raises(ReportError, match="только под другим именем"):
        session.save()
    session.save(report.with_name("copy.toml"))
    assert report.with_name("copy.toml").read_bytes() == report.read_bytes()
