"""Every hostile case opened in the app, headless (Textual's ``run_test``): it opens (or the
file is refused in one line, as ``kedr-tui`` would print it), every tab is drawn, and no raw
control character is on the screen, in a dialog or in a notification; the files are
unchanged.  The screen is read back as Textual renders it (``export_screenshot``), which
holds exactly the characters a terminal would be sent."""

from __future__ import annotations

import pytest

from corpus import CASES
from harness import RAW, assert_clean_stream, deadline, hold_lock, snapshot, unchanged
from kedr_tui.core.errors import ReportError
from kedr_tui.core.safe_text import visible
from kedr_tui.core.session import Session


def _no_raw(text: str, what: str) -> None:
    bad = RAW.search(text.replace("\r", ""))
    assert bad is None, f"{what}: raw {bad.group()!r} near «{text[max(0, bad.start() - 80):bad.end() + 20]}»"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_case_in_the_app(case, tmp_path, monkeypatch):
    from kedr_tui.ui.app import KedrApp

    report = case.build(tmp_path)
    locks = [hold_lock(report, case.notes.get("note"))] if case.notes.get("hold_lock") else []
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    try:
        with deadline(60, f"{case.id}: open"):
            try:
                session = Session.open(report)
            except ReportError as exc:  # what ``kedr-tui REPORT`` prints, exit 2
                line = visible(exc)
                assert "\n" not in line and exc.exit_code == 2
                assert_clean_stream(line, case.id)
                return
        app = KedrApp(session, str(report))
        try:
            with deadline(90, f"{case.id}: the app"):
                async with app.run_test(size=(80, 24)) as pilot:
                    await pilot.pause()
                    screens = []
                    if len(app.screen_stack) > 1:  # a dialog at start: recovery, read-only
                        screens.append(app.export_screenshot())
                        await pilot.press("escape")
                        await pilot.pause()
                    for key in ("1", "2", "3", "4", "5"):  # every tab drawn, as the terminal gets it
                        await pilot.press(key)
                        await pilot.pause()
                        screens.append(app.export_screenshot())
                    notes = [f"{n.title} {n.message}" for n in app._notifications]
        finally:
            session.close()
        for screen in screens:
            _no_raw(screen, f"{case.id}: screen")
        for note in notes:
            _no_raw(note, f"{case.id}: notification")
    finally:
        for lock in locks:
            lock.release()
    after = snapshot(tmp_path)
    if case.id == "journal-leftover-new-files":  # removed at open, as it should be
        assert not any(path.endswith(".new") for path in after)
        before = {p: w for p, w in before.items() if not p.endswith(".new")}
    unchanged(before, after)
