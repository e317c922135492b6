"""The real app (``python -m kedr_tui REPORT``) in a real pseudo-terminal, as over SSH.

Two edits by keystrokes, then the connection drops (the pty master closes),
or SIGTERM, or a hang-up with SIGHUP ignored: the app is gone within a second,
both edits are in the journal, the next start offers recovery, and recover +
save writes exactly what a normal save writes.  Two instances: the second is
read-only and names the first; after the first is killed the next one edits.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from kedr_tui.core.store import journal_path
from kedr_tui.core.loading import load

from safety_helpers import SEED, PtyApp, journal_ops, keys_then_see, wait_for

DOWN, RIGHT, ENTER, CTRL_S = b"\x1b[B", b"\x1b[C", b"\r", b"\x13"
TABS = "1 Показатели"  # the tab bar: drawn at start, above any dialog


def screen_text(app: PtyApp, since: int = 0) -> str:
    """What was written to the terminal (from byte ``since`` on), without the escape sequences."""
    return re.sub(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[=>()][0-9A-Za-z]?)", "",
                  bytes(app.output[since:]).decode("utf-8", errors="replace"))


def copy_of_seed(folder: Path) -> Path:
    (folder / "reports").mkdir(parents=True)
    target = folder / "reports" / "2021.toml"
    shutil.copy(SEED, target)
    return target


def start(report: Path, **kwargs) -> PtyApp:
    app = PtyApp([sys.executable, "-m", "kedr_tui", str(report)], cwd=report.parent.parent,
                 **kwargs)
    try:
        wait_for(lambda: TABS in screen_text(app), what="the app's first paint")
    except AssertionError:
        app.kill()
        raise AssertionError(app.output.decode(errors="replace")[-2000:]) from None
    return app


def two_edits(app: PtyApp, report: Path) -> None:
    """Plan and fact of the goal's second indicator, by arrow keys, Enter, digits, Enter.

    Each step waits for what it draws (the detail pane of the row the cursor reached, the
    editor of the field): the table takes focus around the first paint, and a key sent
    before it has focus would be lost."""
    keys_then_see(app, DOWN, "Показатель цели, № 1", "the cursor on the goal's first indicator")
    keys_then_see(app, DOWN, "Показатель цели, № 2", "the cursor on the goal's second indicator")
    keys_then_see(app, RIGHT * 6 + ENTER, "План на конец отчётного года", "the editor of «План»")
    app.send(b"77" + ENTER)
    wait_for(lambda: journal_ops(report) == ["apply"], what="the first edit in the journal")
    keys_then_see(app, RIGHT + ENTER, "Факт на конец отчётного периода", "the editor of «Факт»")
    app.send(b"88" + ENTER)
    wait_for(lambda: journal_ops(report) == ["apply", "apply"], what="the second edit")


def quit_app(app: PtyApp) -> int:
    app.send(b"q")
    took = app.wait(timeout=5)
    assert took is not None, "q did not quit"
    return app.exit_code


@pytest.fixture(scope="module")
def normally_saved(tmp_path_factory) -> bytes:
    """The file an app writes when the same two edits are saved the ordinary way."""
    report = copy_of_seed(tmp_path_factory.mktemp("normal"))
    app = start(report)
    try:
        two_edits(app, report)
        app.send(CTRL_S)
        wait_for(lambda: not journal_path(report).exists(), what="the save")
        assert quit_app(app) == 0
    finally:
        app.kill()
    saved = report.read_bytes()
    indicator = load(report).report.indicators[1]
    assert (indicator.plan, indicator.fact) == (77, 88)
    return saved


def recover_and_save(report: Path) -> None:
    app = start(report)
    try:
        wait_for(lambda: "Найдены несохранённые правки" in screen_text(app),
                 what="the recovery offer")
        keys_then_see(app, b"r", "восстановлены", "the edits recovered")
        assert journal_path(report).exists() and load(report).report.indicators[1].plan == 100
        app.send(CTRL_S)
        wait_for(lambda: not journal_path(report).exists(), what="the save after recovery")
        assert quit_app(app) == 0
    finally:
        app.kill()


@pytest.mark.parametrize("how", ["hang-up", "sigterm", "hang-up with SIGHUP ignored"])
def test_lost_terminal_keeps_every_edit(tmp_path, normally_saved, how):
    report = copy_of_seed(tmp_path)
    app = start(report, ignore_hup=how.endswith("ignored"))
    try:
        two_edits(app, report)
        app.end_by(how)
    finally:
        app.kill()
    assert journal_ops(report) == ["apply", "apply"]
    assert report.read_bytes() == SEED.read_bytes()  # nothing saved behind the user's back
    recover_and_save(report)
    assert report.read_bytes() == normally_saved


def test_two_instances(tmp_path):
    report = copy_of_seed(tmp_path)
    first = start(report)
    try:
        second = start(report)
        try:
            wait_for(lambda: f"(pid {first.pid})" in screen_text(second),
                     what="the second instance naming the first")
            assert "айл редактирует" in screen_text(second)
            keys_then_see(second, ENTER, "Показателей: 2", "the notice dismissed by Enter",
                          gone="айл редактирует")
            keys_then_see(second, DOWN, "Показатель цели, № 1", "the cursor on the first indicator")
            keys_then_see(second, DOWN, "Показатель цели, № 2", "the cursor on the second indicator")
            # try to edit, then open the help: once it is drawn, every key before it was
            # taken, and none of them wrote to the journal
            keys_then_see(second, RIGHT * 6 + ENTER + b"5" + ENTER + b"?", "— закрыть",
                          "the help after the keys")
            assert journal_ops(report) == [] and report.read_bytes() == SEED.read_bytes()
        finally:
            second.kill()
    finally:
        first.kill()  # kill -9: the kernel drops its lock
    third = start(report)
    try:
        two_edits(third, report)  # the next opener edits
    finally:
        third.kill()
