"""A representative subset of the hostile corpus in the real app over a real pseudo-terminal:
the bytes the terminal receives hold none of the data's control sequences (only Textual's
own), the app answers keys, and quits on ``q``."""

from __future__ import annotations

import sys

import pytest

from corpus import CASES
from harness import hold_lock, snapshot, unchanged
from safety_helpers import PtyApp, keys_then_see, screen_now, wait_for

PTY_CASES = [c for c in CASES if c.pty]
ESC, F1, F2, F3, F4, F5 = b"\x1b", b"\x1bOP", b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~"
# every tab in turn (each by its own key), seen by a column heading only it has
TABS = ((F2, "Мероприятие"), (F3, "Вид правового акта"), (F4, "Раздел"), (F5, "Сообщение"),
        (F1, "Наименование показателя"))
HELP = "Клавиши — вкладка"
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
        wait_for(lambda: "Показатели" in screen_now(app), what=f"{case.id}: first paint")
        if case.notes.get("symlink"):  # one writer: the real file behind the link is locked
            from kedr_tui.core.store import EditLock, LockHeld

            with pytest.raises(LockHeld):
                EditLock(report.resolve()).acquire()
        # each key waits for what it draws: an Esc read together with the next key would be
        # Alt+key, and a key sent before the dialog is up would go to the table behind it
        dialog = case.notes.get("dialog")
        if dialog:
            wait_for(lambda: dialog in screen_now(app), what=f"{case.id}: «{dialog}»")
            keys_then_see(app, ESC, TABS[-1][1], f"{case.id}: the dialog closed by Esc", gone=dialog)
        for key, heading in TABS:
            keys_then_see(app, key, heading, f"{case.id}: the tab with «{heading}»")
        keys_then_see(app, b"?", HELP, f"{case.id}: the help screen")
        keys_then_see(app, ESC, TABS[-1][1], f"{case.id}: the help closed", gone=HELP)
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
