"""Saving, quitting, review mode, reports with errors, exports."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.ui.conftest import (active_tab, cell, header, move_to, notifications, running, save, table,
                               type_text, until)

from kedr_tui.ui.dialogs import QuitDialog
from kedr_tui.ui.editor import FieldEditor
from tests.keys import exp, finding, ind


async def change_fact(pilot, app, text: str = "95") -> None:
    await move_to(pilot, app, ind(3, app), "fact")
    await pilot.press("enter")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_unedited_save_is_byte_identical(seed):
    original = seed.read_bytes()
    async with running(seed) as (app, pilot):
        await save(pilot)
    assert seed.read_bytes() == original


async def test_save_writes_only_the_edited_line(seed):
    before = seed.read_text(encoding="utf-8").splitlines()
    async with running(seed) as (app, pilot):
        await change_fact(pilot, app)
        assert "изменён" in header(app)
        await save(pilot)
        assert "изменён" not in header(app)
        assert any("Сохранено" in n for n in notifications(app))
    after = seed.read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-fact = 91.2", "+fact = 95"]


async def test_quit_without_edits_just_quits(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_quit_with_unsaved_edits_asks_and_cancel_stays(seed):
    original = seed.read_bytes()
    async with running(seed) as (app, pilot):
        await change_fact(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitDialog) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("d")                      # discard
        await pilot.pause()
        assert not app.is_running
    assert seed.read_bytes() == original


async def test_quit_with_unsaved_edits_can_save(seed):
    async with running(seed) as (app, pilot):
        await change_fact(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog)
        await pilot.click("#save")
        await pilot.pause()
        assert not app.is_running
    assert "fact = 95\n" in seed.read_text(encoding="utf-8")


async def test_review_mode_refuses_edits_and_hides_their_keys(seed):
    original = seed.read_bytes()
    async with running(seed, review=True) as (app, pilot):
        assert "только чтение" in header(app)
        screen = app.report_screen
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "edit" not in shown and "save" not in shown and "add" not in shown
        assert {"next_finding", "search", "export('pdf')", "help", "quit"} <= shown
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FieldEditor)
        await pilot.press("a", "d", "e", "ctrl+z")
        await pilot.pause()
        assert app.screen is screen
        assert len(screen.session.report.indicators) == 10
        await save(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running                  # nothing to ask about
    assert seed.read_bytes() == original


async def test_report_with_errors_opens_read_only_on_the_findings(seed):
    text = seed.read_text(encoding="utf-8").replace('code = "04.0.02.5"\nexecutor',
                                                    'code = "04.0.09.5"\nexecutor')
    seed.write_text(text, encoding="utf-8")
    async with running(seed) as (app, pilot):
        assert active_tab(app) == "findings"
        assert "только чтение" in header(app) and "ошибок 1" in header(app)
        first = table(app, "findings").shown[0]           # errors come first
        assert first.cells[1].text == "E-REF"
        assert any("ошибки" in n for n in notifications(app))
        # the stray row is still shown, apart from the tree
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "expenses"
        assert table(app, "expenses").current_key() == exp(8, app)
        await pilot.press("p")
        await pilot.pause()
        assert any("вывод невозможен" in n for n in notifications(app))


async def test_report_that_is_not_toml_shows_the_syntax_error(seed):
    seed.write_text("format = 1\nyear = \n", encoding="utf-8")
    async with running(seed) as (app, pilot):
        assert active_tab(app) == "findings"
        assert cell(app, "findings", finding(0, app), "code") == "E-SYNTAX"
        assert app.report_screen.views["indicators"].rows == []
        await pilot.press("1", "down", "enter", "]", "slash")
        await pilot.pause()
        assert app.is_running
        assert table(app, "indicators").row_count == 0


async def test_export_pdf_and_text_in_the_background(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await pilot.press("p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notifications(app)           # (one notice at a time: each in turn)
        await pilot.press("t")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages += notifications(app)
    pdf, txt = Path("out/2021.pdf"), Path("out/2021.txt")
    assert not any("недоступен" in m for m in messages), messages
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert "Форма 1" in txt.read_text(encoding="utf-8")
    assert any("out/2021.pdf" in m for m in messages) and any("out/2021.txt" in m for m in messages)


async def test_export_not_available_is_said(seed, tmp_path, monkeypatch):
    import kedr_tui.export.files as files

    def missing(kind, analysis, warnings=None, draft=False):
        raise ImportError("no renderer")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "render", missing)
    async with running(seed) as (app, pilot):
        await pilot.press("p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Экспорт недоступен" in n for n in notifications(app))
        assert app.is_running


async def test_export_says_which_characters_the_pdf_left_out(seed, tmp_path, monkeypatch):
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        'name = "Н.А. Соловьева"', 'name = "Н.А. Соловьева ✍"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await pilot.press("p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notifications(app)
    assert any("out/2021.pdf" in m for m in messages)
    assert any("\nсимвола «✍» (U+270D) нет в шрифте PDF" in m and "Соловьева ✍" in m
               for m in messages), messages


async def test_the_quit_dialogs_buttons_fit_at_60_columns(seed):
    """At 60×20 the quit dialog's third button, «Отмена», was cut to «От»."""
    from textual.widgets import Button

    async with running(seed, size=(60, 20)) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("9", "5", "enter")
        await until(pilot, lambda: app.report_screen.session.modified, "an edit")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, QuitDialog), "the quit dialog")
        await pilot.pause()
        box = app.screen.query_one(".dialog").content_region
        for button in app.screen.query(Button):
            assert box.contains_region(button.region), (str(button.label), button.region, box)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, QuitDialog), "stayed")



async def test_the_collector_is_off_while_a_save_runs_and_back_on_after_it(seed, monkeypatch):
    """The cyclic collector's passes over what a save reads back held the interpreter for
    12-90 ms, and a key pressed then waited for them: it is off from the save's start until
    the screen's thread has its result, and back on after it, a failed save too."""
    import gc

    from kedr_tui.core.errors import ReportError
    from kedr_tui.core.session import Session

    seen = []
    real = Session.save

    def watched(self, *args, **kwargs):
        seen.append(gc.isenabled())
        if len(seen) == 2:
            raise ReportError(str(self.path), "диск полон")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Session, "save", watched)
    async with running(seed) as (app, pilot):
        app._resume_collector()                 # the start's own pause is over
        assert gc.isenabled()
        await change_fact(pilot, app)
        await save(pilot)
        assert seen == [False] and gc.isenabled()
        assert gc.get_freeze_count() > 0           # what the save made is out of its passes
        assert "изменён" not in header(app)
        await change_fact(pilot, app, "96")
        await save(pilot)
        assert seen == [False, False] and gc.isenabled()
        assert any("диск полон" in n for n in notifications(app))
    assert gc.get_freeze_count() == 0 and gc.isenabled()   # all given back as the app ends
    gc.disable()
    try:                    # an app run with the collector off leaves it off
        async with running(seed) as (app, pilot):
            app._resume_collector()
            await change_fact(pilot, app, "97")
            await save(pilot)
            assert not gc.isenabled()
    finally:
        gc.enable()
