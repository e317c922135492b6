"""A representative subset of the hostile corpus in the real app over a real pseudo-terminal:
the bytes the terminal receives hold none of the data's control sequences (only Textual's
own), the app answers keys, and quits on ``q``."""

from __future__ import annotations

import sys
import time

import pytest

from corpus import CASES
from harness import hold_lock, snapshot, unchanged
from safety_helpers import PtyApp, wait_for

PTY_CASES = [c for c in CASES if c.pty]
# What the data tried to send; Textual itself never writes these.
FORBIDDEN = (b"\x1b]0;PWNED", b"\xc2\x9b", b"\x1b[6n", b"\x1b[2J\x1b[6n", b"\x00", b"\x7f",
             b"\x08", b"\x1a", b"h\x1b[2J")


def test_the_subset_covers_the_terminal_paths():
    assert len(PTY_CASES) >= 6
    assert {c.klass for c in PTY_CASES} >= {1, 2, 5}


@pytest.mark.parametrize("case", PTY_CASES, ids=lambda c: c.id)
def test_case_in_a_real_terminal(case, tmp_path):
    report = case.build(tmp_path)
    locks = [hold_lock(report, case.notes.get("note"))] if case.notes.get("hold_lock") else []
    before = snapshot(tmp_path)
    app = PtyApp([sys.executable, "-m", "kedr_tui", str(report)], cwd=tmp_path)
    try:
        wait_for(lambda: "Показатели".encode() in bytes(app.output), timeout=30,
                 what=f"{case.id}: first paint")
        if case.notes.get("symlink"):  # one writer: the real file behind the link is locked
            from kedr_tui.core.store import EditLock, LockHeld

            with pytest.raises(LockHeld):
                EditLock(report.resolve()).acquire()
        for key in (b"\x1b", b"2", b"3", b"4", b"5", b"1"):
            app.send(key)
            time.sleep(0.15)
        mark = len(app.output)
        app.send(b"?")  # the help screen: proves the keys arrived and were handled
        wait_for(lambda: "Esc".encode() in bytes(app.output[mark:]), what="the help screen")
        app.send(b"\x1b")
        time.sleep(0.2)
        app.send(b"q")
        assert app.wait(timeout=10) is not None, "q did not quit"
    finally:
        app.kill()
        for lock in locks:
            lock.release()
    out = bytes(app.output)
    for needle in FORBIDDEN:
        assert needle not in out, f"{case.id}: {needle!r} reached the terminal"
    if b"PWNED" in out:  # shown, but only as text: the escape drawn as a picture
        assert out.count(b"PWNED") == out.count("␛]0;PWNED".encode())
    unchanged({p: w for p, w in before.items() if ".journal" not in p and ".owner" not in p},
              snapshot(tmp_path))
