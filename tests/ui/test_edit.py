"""Editing from the keyboard: typed values checked, derived figures and header live."""

from __future__ import annotations

from decimal import Decimal

from tests.ui.conftest import (active_tab, burst, cell, detail, header, move_to, notifications, running, save,
                               table, type_text, until)

from kedr_tui.ui.editor import ChoiceEditor, FieldEditor
from tests.keys import OUTRO, PROGRAMME, amd, exp, ind, line, node, task


async def edit_cell(pilot, app, key: str, column: str, text: str) -> None:
    await move_to(pilot, app, key, column)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, FieldEditor)
    await type_text(pilot, text)       # the old value is selected: typing replaces it
    await pilot.press("enter")
    await pilot.pause()


async def test_edit_fact_updates_deviation_growth_and_header(seed):
    async with running(seed) as (app, pilot):
        t = table(app, "indicators")
        rebuilds = t.rebuilds
        await edit_cell(pilot, app, ind(3, app), "fact", "95")
        assert not isinstance(app.screen, FieldEditor)
        assert app.report_screen.session.report.indicators[3].fact == Decimal("95")
        assert cell(app, "indicators", ind(3, app), "fact") == "95"
        assert cell(app, "indicators", ind(3, app), "abs") == "−5"
        assert cell(app, "indicators", ind(3, app), "rel") == "95,00"
        assert cell(app, "indicators", ind(3, app), "growth") == "102,15"
        assert "● изменён" in header(app)
        assert "95,00 %" in detail(app, "indicators")
        # 95 no longer matches «ДМУ=(52/57)*100»: a second finding, marked on the row
        assert "замечаний 2" in header(app)
        assert cell(app, "indicators", ind(3, app), "mark") == "!"
        # only the changed cells were rewritten (fact, three derived, formula, mark): no rebuild
        assert t.rebuilds == rebuilds
        assert t.cell_updates == 6


async def test_fixing_the_formula_mismatch_clears_the_finding_everywhere(seed):
    async with running(seed) as (app, pilot):
        assert "замечаний 1" in header(app)
        await edit_cell(pilot, app, ind(8, app), "fact", "66,67")
        assert "замечаний 0" in header(app)
        assert cell(app, "indicators", ind(8, app), "mark") == ""
        assert not table(app, "indicators").get_cell(ind(8, app), "formula").style.underline
        await pilot.press("f5")
        await pilot.pause()
        assert table(app, "findings").row_count == 0
        evaluation = str(app.report_screen.query_one("#evaluation").content)
        assert "0,8297" not in evaluation      # СР changed with the fact


async def test_a_bad_number_is_refused_in_the_editor(seed):
    original = seed.read_bytes()
    async with running(seed) as (app, pilot):
        await edit_cell(pilot, app, ind(3, app), "fact", "abc")
        assert isinstance(app.screen, FieldEditor)           # still open
        assert "не число" in app.screen.error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FieldEditor)
        session = app.report_screen.session
        assert session.report.indicators[3].fact == Decimal("91.2")
        assert not session.modified
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"
        assert "изменён" not in header(app)
    assert seed.read_bytes() == original


async def test_a_stray_space_in_a_number_is_refused_not_glued(seed):
    """``1 2`` was read as 12, ``12 34,5`` as 1234,5: a space groups thousands only."""
    original = seed.read_bytes()
    async with running(seed) as (app, pilot):
        for typed in ("1 2", "91 2", "12 34,5"):
            await edit_cell(pilot, app, ind(3, app), "fact", typed)
            assert isinstance(app.screen, FieldEditor), typed
            assert app.screen.error == (f"«{typed}»: пробел допустим только между группами по три "
                                        "цифры (пример: 1 129,01)")
            await pilot.press("escape")
            await pilot.pause()
        session = app.report_screen.session
        assert session.report.indicators[3].fact == Decimal("91.2") and not session.modified
        await edit_cell(pilot, app, ind(3, app), "fact", "1 234,5")
        assert session.report.indicators[3].fact == Decimal("1234.5")
        assert cell(app, "indicators", ind(3, app), "fact") == "1\u00a0234,5"
    assert seed.read_bytes() == original


async def test_numbers_typed_the_russian_way_or_not(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        report = lambda: app.report_screen.session.report     # noqa: E731
        await edit_cell(pilot, app, exp(8, app), "plan_year", "1 129,01")
        assert report().expenses[8].plan_year == Decimal("1129.01")
        await edit_cell(pilot, app, exp(8, app), "plan_period", "1129.01")
        assert report().expenses[8].plan_period == Decimal("1129.01")
        await pilot.press("f1")
        await pilot.pause()
        await edit_cell(pilot, app, ind(9, app), "fact", "-4")
        assert report().indicators[9].fact == Decimal("-4")
        # the minus sign «−» (a paste from a document) as well
        await pilot.press("enter")
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one(Input).value = "−5"
        await pilot.press("enter")
        await pilot.pause()
        assert report().indicators[9].fact == Decimal("-5")
        assert cell(app, "indicators", ind(9, app), "fact") == "−5"


async def test_empty_fact_means_not_measured(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(6, app), "fact")
        await pilot.press("enter", "backspace", "enter")
        await pilot.pause()
        assert app.report_screen.session.report.indicators[6].fact is None
        assert cell(app, "indicators", ind(6, app), "abs") == "—"


async def test_escape_cancels(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("enter")
        await type_text(pilot, "другое")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.report_screen.session.modified


async def test_expense_edit_updates_activity_main_activity_and_programme(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        t = table(app, "expenses")
        rebuilds = t.rebuilds
        # МУ «Культура» in 04.0.02.4: cash 755,31 -> 786,53 (the whole plan)
        await edit_cell(pilot, app, exp(7, app), "cash", "786,53")
        assert cell(app, "expenses", exp(7, app), "pct_year") == "100,00"
        assert cell(app, "expenses", node(6, app), "cash") == "786,53"          # activity 04.0.02.4
        assert cell(app, "expenses", node(2, app), "cash") == "1\u00a0129,01"   # main activity 04.0.02.0
        assert cell(app, "expenses", PROGRAMME, "cash") == "1\u00a0129,01"  # programme
        assert cell(app, "expenses", PROGRAMME, "pct_year") == "100,00"
        assert cell(app, "expenses", line("04.0.00.0", "МУ «Культура»"), "pct_period") == "100,00"
        assert t.rebuilds == rebuilds
        await pilot.press("f5")
        await pilot.pause()
        evaluation = str(app.report_screen.query_one("#evaluation").content)
        assert "ССуз =  1,0000" in evaluation


async def test_totals_are_read_only(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        await move_to(pilot, app, PROGRAMME, "cash")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FieldEditor)
        assert any("вычисляются" in n for n in notifications(app))


async def test_undo_redo_and_the_modified_mark(seed):
    async with running(seed) as (app, pilot):
        await edit_cell(pilot, app, ind(3, app), "fact", "95")
        await edit_cell(pilot, app, ind(3, app), "plan", "90")
        assert cell(app, "indicators", ind(3, app), "abs") == "5"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cell(app, "indicators", ind(3, app), "plan") == "100"
        assert "изменён" in header(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"
        assert "изменён" not in header(app)          # back to the saved state
        assert not app.report_screen.session.modified
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert cell(app, "indicators", ind(3, app), "fact") == "95"
        assert "изменён" in header(app)


async def test_undo_of_an_edit_on_another_tab_goes_there(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        await edit_cell(pilot, app, exp(7, app), "cash", "786,53")
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert active_tab(app) == "expenses"
        assert table(app, "expenses").current_key() == exp(7, app)
        assert cell(app, "expenses", PROGRAMME, "cash") == "1\u00a0097,79"


async def test_choice_for_better_and_task(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "better")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceEditor)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.report_screen.session.report.indicators[3].better == "lower"
        assert cell(app, "indicators", ind(3, app), "rel") == "109,65"      # plan / fact × 100
        # the № column chooses the task: the indicator moves to task 2's group
        await move_to(pilot, app, ind(3, app), "num")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceEditor)
        await pilot.press("down", "enter")       # task 1 -> task 2
        await pilot.pause()
        assert app.report_screen.session.report.indicators[3].task == 2
        keys = [row.key for row in table(app, "indicators").shown]
        assert keys.index(ind(3, app)) > keys.index(task(2))
        assert table(app, "indicators").current_key() == ind(3, app)


async def test_dates_and_text_of_amendments(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        await edit_cell(pilot, app, amd(1, app), "date", "31.02.2022")
        assert isinstance(app.screen, FieldEditor)
        assert app.screen.error == "«31.02.2022»: такого дня нет — в феврале 2022 года 28 дней"
        await pilot.press("escape")
        await edit_cell(pilot, app, amd(1, app), "date", "01.02.2022")
        assert cell(app, "amendments", amd(1, app), "date") == "01.02.2022"
        await edit_cell(pilot, app, amd(1, app), "number", "23-п")
        assert cell(app, "amendments", amd(1, app), "number") == "23-п"


async def open_outro(pilot, app):
    """The multi-line editor on the «Доклад» closing text."""
    from textual.widgets import TextArea

    await pilot.press("f4")
    await pilot.pause()
    await move_to(pilot, app, OUTRO, "text")
    await pilot.press("enter")
    await pilot.pause()
    return app.screen.query_one(TextArea)


async def test_narrative_is_edited_as_multiline_text(seed):
    async with running(seed) as (app, pilot):
        area = await open_outro(pilot, app)
        area.text = "Первая строка.\nВторая строка."
        await save(pilot)
        assert app.report_screen.session.report.narrative.outro == "Первая строка.\nВторая строка."
        assert "Вторая строка" in detail(app, "narrative")


async def test_every_field_through_the_field_list(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(0, app), "name")
        await pilot.press("e")
        await pilot.pause()
        from kedr_tui.ui.editor import FieldPicker

        assert isinstance(app.screen, FieldPicker)
        labels = [f[0] for f in app.screen.fields]
        assert "fact_note" in labels and "comment" in labels and "prev_note" in labels
        index = labels.index("fact_note")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, FieldEditor)
        await type_text(pilot, "опрос не проводился")
        await pilot.press("enter")
        await pilot.pause()
        assert app.report_screen.session.report.indicators[0].fact_note == "опрос не проводился"
        assert cell(app, "indicators", ind(0, app), "fact") == "опрос не проводился"


async def test_activity_code_edit_is_checked_and_moves_its_rows(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        await edit_cell(pilot, app, node(7, app), "code", "04.0.02.4")       # taken
        assert isinstance(app.screen, FieldEditor) and "занят" in app.screen.error
        await pilot.press("escape")
        await edit_cell(pilot, app, node(7, app), "code", "04.0.02.6")
        report = app.report_screen.session.report
        assert report.activities[7].code == "04.0.02.6"
        assert report.expenses[8].code == "04.0.02.6"
        assert cell(app, "expenses", node(7, app), "code") == "04.0.02.6"


async def test_keys_typed_in_a_burst_are_done_in_order(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")        # 91,2
        await pilot.press("enter")
        await pilot.pause()
        burst(app, "end", *"\x7f" * 4, "9", "8", "\r")   # Textual alone: 98 typed, then erased
        await until(pilot, lambda: app.screen is app.report_screen, "the editor closed by the Enter")
        await pilot.pause()
        assert app.screen is app.report_screen
        assert cell(app, "indicators", ind(3, app), "fact") == "98"
        area = await open_outro(pilot, app)
        area.text = ""
        burst(app, "a", "b", "c", "left", "left", "X", "end", "!")
        await until(pilot, lambda: "!" in area.text, "the last key typed")
        await pilot.pause()
        assert area.text == "aXbc!"
