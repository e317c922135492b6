"""One writer: a second opener is told who edits and gets a read-only view; no stale locks."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from kedr_tui.core.session import Session, SessionError
from kedr_tui.core.store import lock_path, owner_path
from kedr_tui.core.edits import set_field

from safety_helpers import as_user, child_env, run_py

HOLDER = """
import sys, time
from kedr_tui.core.session import Session
from kedr_tui.core.edits import set_field
s = Session.open(sys.argv[1])
assert not s.read_only, s.read_only_reason
if len(sys.argv) > 2:
    s.perform(set_field(s.report, "signature", None, "name", sys.argv[2]))
print("locked", flush=True)
time.sleep(600)
"""


def start_holder(path, *extra, user=None) -> subprocess.Popen:
    cmd = [sys.executable, "-c", textwrap.dedent(HOLDER), str(path), *extra]
    env = child_env()
    if user is not None:
        cmd, env = as_user(user, cmd)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    assert line.strip() == "locked", proc.stderr.read()
    return proc


def kill9(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)


def test_second_process_is_read_only_and_told_who(report):
    holder = start_holder(report)
    try:
        session = Session.open(report)
        assert session.read_only and not session.locked
        assert session.lock_holder is not None and session.lock_holder.pid == holder.pid
        reason = session.read_only_reason
        assert reason.startswith("файл редактирует ")
        assert f"(pid {holder.pid}) с " in reason and "только для просмотра" in reason
        assert "@" in reason
        with pytest.raises(SessionError):
            session.perform(set_field(session.report, "signature", None, "name", "Х"))
    finally:
        kill9(holder)


def test_killed_holder_leaves_no_stale_lock(report):
    holder = start_holder(report)
    waiting = Session.open(report)
    assert waiting.read_only
    kill9(holder)
    assert lock_path(report).exists() and owner_path(report).exists()  # left behind, harmless
    fresh = Session.open(report)
    assert not fresh.read_only and fresh.locked
    fresh.close()
    assert not owner_path(report).exists()
    assert waiting.try_lock() and not waiting.read_only  # the waiting one may now edit
    waiting.close()


def test_same_process_second_session(report):
    first = Session.open(report)
    second = Session.open(report)
    assert second.read_only and "этой же программе" in second.read_only_reason
    first.close()
    assert second.try_lock()
    second.close()


def test_lock_file_replaced_while_locking_locks_the_new_one(report, monkeypatch):
    """Another process deletes and re-creates the lock file between our open and our
    flock: we must end up holding the file that is there now, or a third opener
    would lock a different file than ours and both would edit."""
    import fcntl

    from kedr_tui.core.store import lock as lock_module

    real_flock, calls = fcntl.flock, []

    def flock_after_a_swap(fd, op):
        calls.append(fd)
        if len(calls) == 1:
            path = lock_path(report)
            path.unlink()
            path.write_bytes(b"")
        return real_flock(fd, op)

    monkeypatch.setattr(lock_module.fcntl, "flock", flock_after_a_swap)
    session = Session.open(report)
    monkeypatch.setattr(lock_module.fcntl, "flock", real_flock)
    try:
        assert session.locked and len(calls) == 2
        third = Session.open(report)
        assert third.read_only and "этой же программе" in third.read_only_reason
        third.close()
    finally:
        session.close()


def test_review_mode_takes_no_lock(report):
    viewer = Session.open(report, read_only=True)
    editor = Session.open(report)
    assert viewer.read_only and viewer.read_only_reason is None and not viewer.locked
    assert editor.locked
    editor.close()


@pytest.mark.parametrize("report_mode, journal_mode", [(0o664, 0o660), (0o644, 0o640),
                                                      (0o600, 0o600)])
def test_lock_files_are_group_shared_and_private(report, report_mode, journal_mode):
    """Companion files grant no more than the report: the note only its writer may change,
    the journal only those who may write the report (issue 11, class 5)."""
    report.chmod(report_mode)
    os.umask(0o077)  # a strict umask must not lock colleagues out
    try:
        session = Session.open(report)
        session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
        for path, expected in ((lock_path(report), 0o660), (owner_path(report), 0o640),
                               (session.journal_path, journal_mode)):
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode == expected, (path, oct(mode))
        session.close(discard_journal=True)
    finally:
        os.umask(0o022)


# ---------------------------------------------------------------- another Unix user

OPEN_AS_OTHER = """
import json, sys
from kedr_tui.core.session import Session
s = Session.open(sys.argv[1])
out = {"read_only": s.read_only, "reason": s.read_only_reason,
       "recovery": s.recovery.changes if s.recovery else None}
if len(sys.argv) > 2 and s.recovery:
    s.recover(); s.save(); out["saved"] = True
print(json.dumps(out, ensure_ascii=False))
"""


def test_second_user_of_the_group(shared_folder, other_users):
    first, second = other_users["members"]
    holder = start_holder(shared_folder, "И.И. Иванов", user=first)
    try:
        seen = run_py(OPEN_AS_OTHER, shared_folder, user=second)
        assert seen["read_only"]
        assert seen["reason"].startswith(f"файл редактирует {first}@")
        assert f"(pid {holder.pid})" in seen["reason"]
    finally:
        kill9(holder)
    folder = shared_folder.parent
    gid = other_users["group"]
    for name, mode in ((".2021.toml.lock", 0o660), (".2021.toml.owner", 0o640),
                       (".2021.toml.journal", 0o660)):
        st = (folder / name).stat()
        assert st.st_gid == gid and stat.S_IMODE(st.st_mode) == mode, name
    # the first user's process is gone: the second edits, recovers the journal and saves
    after = run_py(OPEN_AS_OTHER, shared_folder, "recover", user=second)
    assert not after["read_only"] and after["saved"]
    assert any("И.И. Иванов" in line for line in after["recovery"])
    assert "И.И. Иванов" in shared_folder.read_text(encoding="utf-8")
    st = shared_folder.stat()
    assert st.st_gid == gid and stat.S_IMODE(st.st_mode) == 0o664


def test_outsider_reads_no_journal(shared_folder, other_users):
    first = other_users["members"][0]
    holder = start_holder(shared_folder, "Секретное имя", user=first)
    try:
        journal = shared_folder.parent / ".2021.toml.journal"
        code = """
        import json, sys
        try:
            open(sys.argv[1]).read(); out = "read"
        except PermissionError:
            out = "denied"
        print(json.dumps(out))
        """
        shared_folder.parent.chmod(0o2775)  # even if the folder itself may be listed
        assert run_py(code, journal, user=other_users["outsider"]) == "denied"
    finally:
        kill9(holder)


def test_retry_after_the_holder_saved_reads_the_new_version(report):
    holder = Session.open(report)
    waiting = Session.open(report)
    holder.perform(set_field(holder.report, "signature", None, "name", "И.И. Иванов"))
    holder.save()
    holder.close()
    assert waiting.try_lock()
    assert waiting.report.signature.name == "И.И. Иванов"
    assert waiting.recovery is None
    waiting.perform(set_field(waiting.report, "signature", None, "executor", "Петров"))
    waiting.save()  # no false «файл изменён»: the new version is the base
    waiting.close()


def test_retry_after_the_holder_died_offers_its_journal(report):
    holder = start_holder(report, "И.И. Иванов")
    waiting = Session.open(report)
    assert not waiting.try_lock()
    kill9(holder)
    assert waiting.try_lock()
    assert waiting.recovery is not None and waiting.recovery.recoverable
    waiting.recover()
    assert waiting.report.signature.name == "И.И. Иванов"
    waiting.close()
