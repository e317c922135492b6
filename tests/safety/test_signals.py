"""A lost terminal, SIGTERM, SIGHUP ignored: a real process in a real pseudo-terminal.

The harness app is wired to the safety net as the real app should be
(``run_safely``, ``check_on_open``); ``test_app_pty.py`` does the same with
the real app once it is integrated.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from kedr_tui.core.session import Session
from kedr_tui.core.loading import load

from safety_helpers import PtyApp, journal_ops, wait_for

HARNESS = Path(__file__).with_name("harness_app.py")


def start(report: Path, tmp_path: Path, **kwargs) -> PtyApp:
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    app = PtyApp([sys.executable, str(HARNESS), str(report), str(ready)], **kwargs)
    try:
        wait_for(ready.exists, what="the app to start")
    except AssertionError:
        app.kill()
        raise AssertionError(app.output.decode(errors="replace")[-2000:])
    return app


def two_edits(app: PtyApp, report: Path) -> None:
    app.send(b"e")
    wait_for(lambda: journal_ops(report) == ["apply"], what="the first edit in the journal")
    app.send(b"e")
    wait_for(lambda: journal_ops(report) == ["apply", "apply"], what="the second edit")


def expect_recovery_of_two_edits(report: Path) -> None:
    before = load(report).report.expenses[0].cash
    session = Session.open(report)
    assert session.recovery is not None and session.recovery.recoverable
    session.recover()
    assert session.report.expenses[0].cash == before + 2
    session.close()


@pytest.mark.parametrize("how", ["hang-up", "sigterm", "hang-up with SIGHUP ignored"])
def test_app_ends_within_a_second_with_the_journal_intact(report, tmp_path, how):
    app = start(report, tmp_path, ignore_hup=how.endswith("ignored"))
    try:
        two_edits(app, report)
        app.end_by(how)
    finally:
        app.kill()
    assert journal_ops(report) == ["apply", "apply"]
    expect_recovery_of_two_edits(report)


def test_sigterm_restores_the_terminal(report, tmp_path):
    app = start(report, tmp_path)
    try:
        import os

        os.kill(app.pid, signal.SIGTERM)
        assert app.wait(timeout=5) is not None
        # left the alternate screen: a usable shell again (the reader may still be draining)
        wait_for(lambda: b"\x1b[?1049l" in app.output, timeout=5, what="the alternate screen left")
    finally:
        app.kill()


def test_second_instance_in_a_terminal_is_read_only(report, tmp_path):
    first = start(report, tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path)
    try:
        second = start(report, tmp_path)
        try:
            wait_for(lambda: b"pid" in second.output and b"read_only=True" in second.output,
                     what="the lock notice")
            # the notice is modal: Enter on «Понятно» closes it (the frame of its closing is no sign that
            # the next key reaches the app, so «e» is pressed until it is refused); the
            # refusal gives the reason in lower case, the notice says it as a sentence
            mark = len(second.output)
            second.send(b"\r")     # not Esc: Esc and the «e» after it would read as Alt+E
            refused = lambda: "файл редактирует" in bytes(second.output[mark:]).decode(errors="replace")
            for _attempt in range(30):
                second.send(b"e")
                try:
                    wait_for(refused, timeout=0.5, what="the edit refused")
                    break
                except AssertionError:
                    continue
            assert refused(), "the edit was never refused"
            assert journal_ops(report) == []
        finally:
            second.kill()
    finally:
        first.kill()
    again = Session.open(report)
    assert not again.read_only  # the killed first one left no stale lock
    again.close()
