"""Keys that do what is meant (issue 10, items 6–9), pressed as a user presses them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.ui.conftest import (active_tab, cell, current_key, move_to, notifications, running, table,
                               type_text, until)

from kedr_tui.ui.editor import FieldEditor
from kedr_tui.ui.help import HelpScreen
from kedr_tui.view.keys import ExecutorTotal
from tests.keys import OUTRO, amd, exp, ind


def report(app):
    return app.report_screen.session.report


async def wait_editor(pilot, app) -> FieldEditor:
    await pilot.pause()
    assert isinstance(app.screen, FieldEditor), app.screen
    return app.screen


# ---------------------------------------------------------------- item 6: typing starts editing

async def test_minus_five_enter_on_a_cell_sets_minus_five_the_spreadsheet_way(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("minus", "5")
        editor = await wait_editor(pilot, app)
        assert editor.query_one("#editor-input").value == "-5"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FieldEditor)
        assert report(app).indicators[3].fact == Decimal(-5)
        assert cell(app, "indicators", ind(3, app), "fact") == "−5"
        # still here: no tab switched, no row jumped
        assert active_tab(app) == "indicators" and current_key(app) == ind(3, app)


async def test_a_digit_or_a_comma_replaces_the_value_with_what_is_typed(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("9", "2", "comma", "5", "enter")
        await pilot.pause()
        assert report(app).indicators[3].fact == Decimal("92.5")
        await move_to(pilot, app, ind(3, app), "plan")
        await pilot.press("comma", "5", "enter")
        await pilot.pause()
        assert report(app).indicators[3].plan == Decimal("0.5")
        assert active_tab(app) == "indicators"


async def test_a_digit_on_a_text_cell_starts_the_text(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        await move_to(pilot, app, amd(0, app), "number")
        await pilot.press("5", "6", "enter")
        await pilot.pause()
        assert report(app).amendments[0].number == "56"


async def test_a_digit_on_a_text_of_words_opens_nothing_and_enter_edits_it(seed):
    """A digit typed on a name (the cursor one column off the number) opened the name's editor
    holding just «9», the name gone one Enter away; on the Доклад the same digit was added at
    the end of the text instead.  On a text of words a digit now opens nothing, on any such
    cell, and says that Enter edits it; a number, a date, a code or an act's number still
    start their new value with it (above)."""
    async with running(seed) as (app, pilot):
        name = report(app).indicators[3].name
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("9", "5")
        await until(pilot, lambda: any("по Enter" in n for n in notifications(app)), "told: Enter")
        assert app.screen is app.report_screen and report(app).indicators[3].name == name
        await pilot.press("enter")                      # Enter: the name as it is, to edit
        editor = await wait_editor(pilot, app)
        assert editor.query_one("Input").value == name
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.report_screen, "the editor closed")
        outro = report(app).narrative.outro
        await pilot.press("f4")
        await until(pilot, lambda: active_tab(app) == "narrative", "«Доклад»")
        await move_to(pilot, app, OUTRO, "text")
        await pilot.press("7")
        await pilot.pause()
        assert app.screen is app.report_screen and report(app).narrative.outro == outro
        await pilot.press("f3")
        await until(pilot, lambda: active_tab(app) == "amendments", "«Изменения»")
        await move_to(pilot, app, amd(0, app), "date")  # a date still starts with a digit
        await pilot.press("2")
        editor = await wait_editor(pilot, app)
        assert editor.query_one("Input").value == "2"


async def test_a_digit_where_nothing_is_typed_says_where_the_tabs_are(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "rel")         # a computed column
        await pilot.press("2")
        await pilot.pause()
        assert active_tab(app) == "indicators" and current_key(app) == ind(3, app)
        assert not isinstance(app.screen, FieldEditor)
        assert any("F1–F5" in n for n in notifications(app)), notifications(app)


async def test_tabs_are_on_f1_f5_and_alt_digits(seed):
    async with running(seed) as (app, pilot):
        for key, name in (("f2", "expenses"), ("f3", "amendments"), ("f4", "narrative"),
                          ("f5", "findings"), ("f1", "indicators"), ("alt+2", "expenses"),
                          ("alt+5", "findings"), ("alt+1", "indicators")):
            await pilot.press(key)
            await pilot.pause()
            assert active_tab(app) == name, key
        assert "F1 Показатели" in app.report_screen.query_one("#tabbar").render().plain


async def test_help_lists_the_tab_keys(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = [entry[1] for entry in app.screen.entries if entry[2].startswith("Вкладка")]
        assert keys == [f"F{n} Alt+{n}" for n in range(1, 7)]


async def test_in_review_digits_still_switch_tabs_and_edit_keys_say_they_are_off(seed):
    async with running(seed, review=True) as (app, pilot):
        await pilot.press("2")
        await pilot.pause()
        assert active_tab(app) == "expenses"
        await pilot.press("f4")
        await pilot.pause()
        assert active_tab(app) == "narrative"
        await pilot.press("1")
        await pilot.pause()
        assert active_tab(app) == "indicators"
        for key in ("a", "d", "enter", "ctrl+s", "ctrl+z"):     # (one notice at a time)
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            said = notifications(app)
            assert len(said) == 1 and "только чтение" in said[0].lower(), (key, said)
        assert not isinstance(app.screen, FieldEditor)
    assert not seed.with_name("2021.toml~").exists()


# ---------------------------------------------------------------- item 7: exports of unsaved edits

async def test_an_export_of_unsaved_edits_says_so_and_gives_the_absolute_path(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = [n for n in notifications(app) if "2021.txt" in n]
        assert saved == [f"Записан файл {tmp_path / 'out' / '2021.txt'}"]
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("9", "5", "enter")
        await pilot.pause()
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        made = [n for n in notifications(app) if "2021.pdf" in n]
        assert made == [f"Записан файл {tmp_path / 'out' / '2021.pdf'} — из несохранённых правок "
                        "(файл отчёта не сохранён)"]
    assert Path(tmp_path / "out" / "2021.pdf").exists()


# ---------------------------------------------------------------- item 8: stable layout

async def test_a_column_widened_by_an_edit_narrows_again_on_undo(seed):
    async with running(seed) as (app, pilot):
        t = table(app, "indicators")
        before = t.widths
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press(*"123456789,12345", "enter")
        await pilot.pause()
        assert cell(app, "indicators", ind(3, app), "fact") == "123\u00a0456\u00a0789,12345"
        wider = t.widths
        assert wider != before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert t.widths == before
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert t.widths == wider


def executors(app, code: str) -> list[str]:
    """The executors' lines under the aggregated activity ``code``, in the order shown."""
    return [row.key.executor for row in table(app, "expenses").shown
            if isinstance(row.key, ExecutorTotal) and row.key.code == code]


async def test_a_zero_executor_row_does_not_reorder_the_totals(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        file_order = ["Администрация города Кедрового", "МУ «Кедровская ЦБС»", "МУ «Культура»"]
        assert executors(app, "04.0.00.0") == file_order
        assert executors(app, "04.0.02.0") == file_order
        # a zero row for «Культура» in 04.0.02.1, before the ЦБС's row in the file
        index = next(i for i, e in enumerate(report(app).expenses) if e.code == "04.0.02.1")
        await move_to(pilot, app, exp(index, app), "name")
        await pilot.press("a")
        await pilot.pause()
        await move_to(pilot, app, exp(index + 1, app), "name")
        await pilot.press("enter")
        await wait_editor(pilot, app)
        app.screen.query_one("#editor-input").value = "МУ «Культура»"     # pasted: «» have no key
        await pilot.press("enter")
        await pilot.pause()
        assert report(app).expenses[index + 1].executor == "МУ «Культура»"
        assert executors(app, "04.0.00.0") == file_order
        assert executors(app, "04.0.02.0") == file_order


# ---------------------------------------------------------------- item 9: multi-line texts

async def test_the_doklad_editor_starts_at_the_end_and_ctrl_end_goes_there(seed):
    from textual.widgets import TextArea

    async with running(seed) as (app, pilot):
        outro = report(app).narrative.outro
        await pilot.press("f4")
        await pilot.pause()
        await move_to(pilot, app, OUTRO, "text")
        await pilot.press("enter")
        editor = await wait_editor(pilot, app)
        area = editor.query_one(TextArea)
        assert area.cursor_location == area.document.end
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        await type_text(pilot, " Отчёт проверен.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert report(app).narrative.outro == outro + " Отчёт проверен."


async def test_keys_typed_ahead_of_the_editor_go_into_it_in_order(seed):
    """Over a slow link «-5⏎» (or «⏎98») arrive in one read, before the editor is up: the keys
    after the first belong to the editor, not to the table behind it."""
    from textual import events

    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        for key, char in (("minus", "-"), ("5", "5"), ("enter", None)):
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: report(app).indicators[3].fact == Decimal(-5), "−5 saved in the row")
        await pilot.pause()                         # nothing left over for the table or an editor
        assert app.screen is app.report_screen
        assert report(app).indicators[3].fact == Decimal(-5)
        for key, char in (("enter", None), ("9", "9"), ("8", "8"), ("enter", None)):
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: report(app).indicators[3].fact == Decimal(98), "98 saved in the row")
        await pilot.pause()
        assert app.screen is app.report_screen
        assert report(app).indicators[3].fact == Decimal(98)
        assert active_tab(app) == "indicators"


async def test_the_minus_sign_the_app_shows_starts_a_negative_value_too(seed):
    """«−5» typed with the minus the app itself shows (U+2212: copied from the screen or a PDF,
    or a compose key): the «−» was dropped and the «5» behind it set the value to 5."""
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        await pilot.press("\u2212", "5")
        editor = await wait_editor(pilot, app)
        assert editor.query_one("#editor-input").value == "\u22125"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, FieldEditor), "the editor closed")
        assert report(app).indicators[3].fact == Decimal(-5)
        assert cell(app, "indicators", ind(3, app), "fact") == "−5"


def _side_by_side(lines: str) -> bool:
    """A key's name and what it does on one line: the help's three columns."""
    return any("Править ячейку" in line and "Изменить" in line for line in lines.splitlines())


def _help_lines(app) -> str:
    static = app.screen.query_one("#help-table")
    return "\n".join(static.render_line(y).text for y in range(static.size.height))


async def test_the_help_is_readable_at_60_columns_and_after_a_resize(seed):
    """At 60×20 the help's third column, what a key does, was 4 characters wide («Изм…», «зна…»):
    below 76 columns the name and what it does are one column, one under the other."""
    async with running(seed, size=(60, 20)) as (app, pilot):
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.pause()
        lines = _help_lines(app)
        assert "Изменить значение в текущей ячейке" in lines, lines
        assert not _side_by_side(lines)
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: _side_by_side(_help_lines(app)), "three columns again")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen), "the help closed")


async def test_esc_on_a_changed_multiline_text_asks_once_before_dropping_it(seed):
    """A paragraph of the Доклад typed, then Esc out of habit: it was gone at once (an edit
    never applied can't be undone).  The first Esc says what a second one drops; an unchanged
    text still closes at the first."""
    async with running(seed) as (app, pilot):
        outro = report(app).narrative.outro
        await pilot.press("f4")
        await until(pilot, lambda: active_tab(app) == "narrative", "the Доклад tab")
        await move_to(pilot, app, OUTRO, "text")
        await pilot.press("enter")
        editor = await wait_editor(pilot, app)
        await pilot.press("escape")                             # nothing typed: closes at once
        await until(pilot, lambda: not isinstance(app.screen, FieldEditor), "closed at once")
        await pilot.press("enter")
        editor = await wait_editor(pilot, app)
        await type_text(pilot, " Абзац, набранный на заседании.")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and "Esc ещё раз — отбросить" in editor.error
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FieldEditor), "dropped")
        assert report(app).narrative.outro == outro
        await pilot.press("enter")                              # and Ctrl+S after the warning
        editor = await wait_editor(pilot, app)
        await type_text(pilot, " Итог.")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: report(app).narrative.outro == outro + " Итог.", "applied")
