"""Atomic save: killed at any moment the file is the whole old or the whole new version."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import tomllib
from decimal import Decimal

import pytest

from kedr_tui.core.edits import set_field
from kedr_tui.core.errors import ReportError
from kedr_tui.core.session import Session
from kedr_tui.core.store import backup_path, journal_path, temporaries, write_atomic
from kedr_tui.core.loading import load

from safety_helpers import big_report_text, child_env, run_py, uid_of

SAVER = """
import os, sys
from pathlib import Path
from kedr_tui.core.store import EditLock, clean_temporaries, write_atomic
path = Path(sys.argv[1])
texts = [Path(sys.argv[2]).read_text(encoding="utf-8"), Path(sys.argv[3]).read_text(encoding="utf-8")]
EditLock(path).acquire()
clean_temporaries(path)
os.write(1, b"R")
i = 0
while True:
    write_atomic(path, texts[i % 2])
    os.write(1, b".")
    i += 1
"""


ROUNDS = 24          # kills; the size is fixed, whatever the machine's load
MOST_SAVES = 8       # whole saves a saver makes before the kill that falls in the next one


def read_exactly(stream, n: int, timeout: float = 60) -> bytes:
    """``n`` bytes from a child's pipe, or an assertion after ``timeout`` seconds."""
    import select
    import time

    data, deadline = b"", time.monotonic() + timeout
    while len(data) < n:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"the saver said {data!r} in {timeout} s, not {n} bytes"
        chunk = os.read(stream.fileno(), n - len(data))
        assert chunk, f"the saver ended after {data!r}"
        data += chunk
    return data


def test_kill_9_during_hundreds_of_saves(tmp_path):
    """A saver replaces a 640 KB report again and again and is killed after 0 to 8 whole
    saves, at a random moment of the next one: the file is always one version, whole."""
    import time

    old = big_report_text()
    new = old.replace('executor = "', 'executor = "Новый ', 50)
    assert len(new) != len(old)
    tomllib.loads(old), tomllib.loads(new)
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "2021.toml"
    path.write_text(old, encoding="utf-8")
    (tmp_path / "a").write_text(old, encoding="utf-8")
    (tmp_path / "b").write_text(new, encoding="utf-8")
    versions = {old.encode("utf-8"), new.encode("utf-8")}
    rng = random.Random(20211)
    saves = interrupted = 0
    for rounds in range(1, ROUNDS + 1):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path), str(tmp_path / "a"),
                                 str(tmp_path / "b")], stdout=subprocess.PIPE, env=child_env())
        try:
            assert read_exactly(proc.stdout, 1) == b"R"
            whole = rng.randint(0, MOST_SAVES)
            began = time.monotonic()
            read_exactly(proc.stdout, whole)
            one_save = (time.monotonic() - began) / whole if whole else 0.02
            time.sleep(rng.uniform(0, one_save))          # somewhere in the next save
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        saves += whole + len(proc.stdout.read())
        proc.stdout.close()
        data = path.read_bytes()
        assert data in versions, f"round {rounds}: the report is neither version"
        tomllib.loads(data.decode("utf-8"))
        assert backup_path(path).read_bytes() in versions if backup_path(path).exists() else True
        interrupted += bool(temporaries(path))
    assert saves >= ROUNDS
    # the next opener cleans what the killed saves left and may edit at once
    session = Session.open(path)
    assert not session.read_only
    assert temporaries(path) == []
    session.close()
    print(f"{saves} saves in {ROUNDS} kills, {interrupted} left a temporary file")


JOURNALING_EDITOR = """
import os, sys
from decimal import Decimal
from kedr_tui.core.edits import set_field
from kedr_tui.core.session import Session
s = Session.open(sys.argv[1])
if s.recovery:
    s.recover()
assert not s.read_only, s.read_only_reason
k = int(s.report.expenses[0].cash)
os.write(1, b"R")
while True:
    k += 1
    s.perform(set_field(s.report, "expenses", 0, "cash", Decimal(k)))
    os.write(1, b"a%d;" % k)
    if k % 3 == 0:
        s.save()
        os.write(1, b"s%d;" % k)
"""


def test_kill_9_never_loses_a_committed_edit(report):
    """Edits and saves killed at random: every edit reported done is on disk or in the journal."""
    rng = random.Random(5)
    committed = int(load(report).report.expenses[0].cash)
    for _round in range(12):
        proc = subprocess.Popen([sys.executable, "-c", JOURNALING_EDITOR, str(report)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
        assert proc.stdout.read(1) == b"R", proc.stderr.read()
        import time

        time.sleep(rng.uniform(0.01, 0.12))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        log = proc.stdout.read().decode()
        proc.stdout.close(), proc.stderr.close()
        done = [int(x[1:]) for x in log.split(";") if x.startswith("a")]
        if done:
            committed = done[-1]
        session = Session.open(report)
        assert not session.read_only
        if session.recovery:
            assert session.recovery.status == "match", session.recovery.reason
            session.recover()
        value = int(session.report.expenses[0].cash)
        # the edit being made when killed may have reached the journal before it was reported
        assert value in (committed, committed + 1), (value, committed, log[-80:])
        committed = value
        session.close()  # the journal stays for the next round: its edits are unsaved


def edited(session: Session) -> Session:
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.perform(set_field(session.report, "expenses", 0, "cash", Decimal("1.50")))
    return session


def assert_failed_save_kept_everything(report, session, before: bytes, excinfo, words: str):
    message = str(excinfo.value)
    assert words in message and "файл на диске не изменён" in message
    assert "правки остаются в программе" in message
    assert "\n" not in message and message.startswith(str(report))
    assert report.read_bytes() == before
    assert temporaries(report) == []
    assert session.modified and session.report.signature.name == "И.И. Иванов"
    assert journal_path(report).exists()


@pytest.mark.parametrize("failing, error, words", [
    ("replace", errno.ENOSPC, "на диске нет места"),
    ("fsync", errno.EIO, "ошибка ввода-вывода"),
    ("write", errno.EDQUOT, "превышена дисковая квота"),
    ("mkstemp", errno.EROFS, "только для чтения"),
])
def test_write_error_keeps_original_and_edits(report, monkeypatch, failing, error, words):
    session = edited(Session.open(report))
    before = report.read_bytes()
    import kedr_tui.core.store.atomic as atomic

    def boom(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    if failing == "mkstemp":
        monkeypatch.setattr(atomic.tempfile, "mkstemp", boom)
    elif failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[:1000])
                raise OSError(error, os.strerror(error))

        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(atomic.os, failing, boom)
    with pytest.raises(ReportError) as excinfo:
        session.save()
    monkeypatch.undo()
    assert_failed_save_kept_everything(report, session, before, excinfo, words)
    session.save()  # the disk is fine again: the same session saves
    assert load(report).report.signature.name == "И.И. Иванов"
    assert not journal_path(report).exists() and not session.modified


def test_mode_group_and_backup_kept(report):
    report.chmod(0o640)
    before = report.read_bytes()
    session = edited(Session.open(report))
    session.save()
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert backup_path(report).read_bytes() == before
    session.close()


def test_new_file_gets_ordinary_mode(tmp_path):
    os.umask(0o002)
    try:
        write_atomic(tmp_path / "new.toml", "format = 1\n")
    finally:
        os.umask(0o022)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o664


def test_stray_temporaries_are_only_ours(report):
    folder = report.parent
    ours = folder / ".2021.toml.abc_1234.tmp"
    ours.write_text("half a save")
    foreign = [folder / ".2020.toml.abc_1234.tmp", folder / "notes.tmp",
               folder / ".2021.toml.journal", folder / ".2021.toml.longer_name.tmp"]
    for path in foreign:
        path.write_text("keep")
    session = Session.open(report)
    assert session.cleaned == [ours] and not ours.exists()
    assert all(path.exists() for path in foreign)
    session.close()


READ_ONLY_FOLDER = """
import json, os, sys
from pathlib import Path
from kedr_tui.core.edits import set_field
from kedr_tui.core.errors import ReportError
from kedr_tui.core.session import Session
path = Path(sys.argv[1])
s = Session.open(path)
out = {"at_open": s.read_only_reason}
s.close()
os.chmod(path.parent, 0o2770)
s = Session.open(path)
s.perform(set_field(s.report, "signature", None, "name", "И.И. Иванов"))
os.chmod(path.parent, 0o2550)      # the folder becomes read-only while editing
try:
    s.save()
except ReportError as exc:
    out["at_save"] = str(exc)
out["modified"] = s.modified
out["name"] = s.report.signature.name
out["journal"] = s.journal_path.read_text(encoding="utf-8").count("И.И. Иванов")
print(json.dumps(out, ensure_ascii=False))
"""


def test_read_only_folder(shared_folder, other_users):
    """As a group member who is not root (root may write anywhere)."""
    folder = shared_folder.parent
    os.chown(folder, uid_of(other_users["members"][0]), -1)
    folder.chmod(0o2550)
    before = shared_folder.read_bytes()
    out = run_py(READ_ONLY_FOLDER, shared_folder, user=other_users["members"][0])
    assert out["at_open"] == f"нет прав на запись в папку «{folder}» — открыт только для просмотра"
    assert "не удалось сохранить: нет прав на запись в папку" in out["at_save"]
    assert "файл на диске не изменён" in out["at_save"]
    assert out["modified"] and out["name"] == "И.И. Иванов" and out["journal"] == 1
    assert shared_folder.read_bytes() == before
