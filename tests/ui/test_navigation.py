"""Findings navigation, search, help, the command palette, the light theme, literal text."""

from __future__ import annotations

from tests.ui.conftest import (active_tab, cell, current_key, detail, header, notifications, palette_offers,
                               running, table, type_text, until, walk_to)

from kedr_tui.ui.commands import COMMANDS
from kedr_tui.ui.help import HelpScreen
from kedr_tui.ui.search import SearchBar
from tests.keys import PROGRAMME, comment, exp, ind, signature


def column(app) -> str:
    return app.report_screen.current_view().table.current_column()


async def test_next_finding_lands_on_the_w_formula_row(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert active_tab(app) == "indicators"
        assert current_key(app) == ind(8, app) and column(app) == "formula"
        assert "W-FORMULA" in detail(app, "indicators")
        await pilot.press("right_square_bracket")      # the only one: around again
        await pilot.pause()
        assert current_key(app) == ind(8, app)
        assert any("снова" in n for n in notifications(app))


async def test_findings_across_tabs_both_ways(seed):
    # an expense row without justification below plan: a second finding, on «Расходы»
    text = seed.read_text(encoding="utf-8").replace(
        "plan_year = 73.70\nplan_period = 73.70\ncash = 73.70",
        "plan_year = 73.70\nplan_period = 73.70\ncash = 70.00")
    seed.write_text(text, encoding="utf-8")
    async with running(seed) as (app, pilot):
        assert "замечаний 2" in header(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (active_tab(app), current_key(app)) == ("indicators", ind(8, app))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (active_tab(app), current_key(app)) == ("expenses", exp(8, app))
        assert cell(app, "expenses", exp(8, app), "mark") == "!"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert (active_tab(app), current_key(app)) == ("indicators", ind(8, app))


async def test_enter_on_a_finding_jumps_to_its_row(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f5")
        await pilot.pause()
        assert "Enter" in detail(app, "findings")
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "indicators"
        assert current_key(app) == ind(8, app) and column(app) == "formula"


async def test_search_all_tabs_and_repeat(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchBar)
        await type_text(pilot, "культура")
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "expenses"
        first = current_key(app)
        assert "Культура" in table(app, "expenses").cell_text(first, column(app))
        await pilot.press("n")
        await pilot.pause()
        second = current_key(app)
        assert second != first
        await pilot.press("N")
        await pilot.pause()
        assert current_key(app) == first
        # ё and е are the same letter to the search
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "удовлетворенности")
        await pilot.press("enter")
        await pilot.pause()
        assert (active_tab(app), current_key(app)) in {("indicators", ind(0, app)), ("narrative", comment(0, app))}


async def test_search_not_found_says_so(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "zzzz")
        await pilot.press("enter")
        await pilot.pause()
        assert any("не найдено" in n for n in notifications(app))


async def test_help_lists_the_keys_of_this_screen(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        names = {e[2] for e in app.screen.entries}
        assert {"Править ячейку", "Сохранить", "Следующее замечание", "Искать", "Вывести PDF",
                "Добавить задачу", "Выход"} <= names
        assert "Добавить мероприятие" not in names       # that one is for «Расходы»
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_in_review_mode_has_no_editing_keys(seed):
    async with running(seed, review=True) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        names = {e[2] for e in app.screen.entries}
        assert "Править ячейку" not in names and "Сохранить" not in names
        assert "Вывести PDF" in names


async def test_command_palette_lists_every_command(seed):
    async with running(seed) as (app, pilot):
        from kedr_tui.ui.palette import ReportCommands

        provider = ReportCommands(app.report_screen)
        found = [hit.text async for hit in provider.discover()]
        applicable = {c.name for c in COMMANDS  # (the comparison's own appear once comparing)
                      if c.action not in ("jump", "add_activity", "add_subprogram", "tab('changes')",
                                          "compare_off", "review_enter", "toggle_done")}
        assert applicable <= set(found)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "светлая")
        await until(pilot, lambda: palette_offers(app, "светлая"), "the command found")
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "textual-light", "the light theme")
        assert app.screen is app.report_screen


async def test_light_theme_one_key_away_restyles_cells(seed):
    async with running(seed) as (app, pilot):
        dark = table(app, "indicators").get_cell(ind(3, app), "fact").style
        await pilot.press("T")
        await until(pilot, lambda: app.theme == "textual-light", "the light theme")
        await until(pilot, lambda: table(app, "indicators").get_cell(ind(3, app), "fact").style != dark,
                    "the cells restyled")
        light = table(app, "indicators").get_cell(ind(3, app), "fact").style
        assert light.bold and light.color != dark.color


async def test_user_text_is_never_markup(seed):
    text = seed.read_text(encoding="utf-8").replace(
        'name = "Н.А. Соловьева"', 'name = "[bold]Н.А.[/x] [link=http://x]Соловьева"').replace(
        'title = "Развитие информационного общества',
        'title = "[red]Развитие[/] информационного общества')
    seed.write_text(text, encoding="utf-8")
    async with running(seed) as (app, pilot):
        assert "[red]Развитие[/]" in header(app)
        await pilot.press("f4")
        await pilot.pause()
        assert cell(app, "narrative", signature("name"), "text") == "[bold]Н.А.[/x] [link=http://x]Соловьева"
        table(app, "narrative").goto(signature("name"))
        await pilot.pause()
        assert "[bold]Н.А.[/x]" in detail(app, "narrative")
        await pilot.press("f2")
        await pilot.pause()
        assert "[red]Развитие[/]" in cell(app, "expenses", PROGRAMME, "name")


async def test_keys_work_on_a_russian_keyboard_layout(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("ъ")                  # the «]» key
        await pilot.pause()
        assert current_key(app) == ind(8, app)
        await pilot.press("й")                  # the «q» key
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_right_after_a_tab_key_go_to_the_new_tab(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f4", "down", "down", "down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        from kedr_tui.ui.editor import FieldEditor

        assert active_tab(app) == "narrative"
        assert isinstance(app.screen, FieldEditor) and app.screen.multiline   # «Вступление»


async def test_messages_quoting_user_text_are_not_markup(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("slash")
        await type_text(pilot, "[/x]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert any("«[/x]» не найдено" in n for n in notifications(app))


async def test_footer_shows_the_keys_that_apply_and_a_click_presses_one(seed):
    from kedr_tui.ui.help import HelpScreen
    from kedr_tui.ui.widgets.keybar import KeyBar

    async with running(seed) as (app, pilot):
        bar = app.query_one(KeyBar)
        line = bar.render().plain
        assert line.startswith("Enter Правка a Добавить d Удалить ") and "q Выход" in line
        await pilot.click(KeyBar, offset=(line.index("? Клавиши") + 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    async with running(seed, review=True) as (app, pilot):
        line = app.query_one(KeyBar).render().plain
        assert "Правка" not in line and "Сохранить" not in line and "q Выход" in line


async def test_arrow_keys_walk_the_table_and_the_detail_follows(seed):
    """The other tests put the cursor on a cell at once; here it goes by arrow keys."""
    async with running(seed) as (app, pilot):
        await walk_to(pilot, app, ind(3, app), "fact")
        assert (current_key(app), column(app)) == (ind(3, app), "fact")
        name = app.report_screen.session.report.indicators[3].name
        assert name[:40] in " ".join(detail(app, "indicators").split())
        await walk_to(pilot, app, ind(0, app), "name")
        assert (current_key(app), column(app)) == (ind(0, app), "name")
        assert "Уровень удовлетворённости" in detail(app, "indicators")


async def test_a_jump_to_another_tab_draws_the_found_row_in_the_detail_pane(seed):
    """`]` from «Показатели» to a finding on «Расходы» showed, on screen, the detail of the
    row the cursor had left on «Расходы» (the pane's text was right, its drawing stale)."""
    text = seed.read_text(encoding="utf-8").replace(
        "plan_year = 73.70\nplan_period = 73.70\ncash = 73.70",
        "plan_year = 73.70\nplan_period = 73.70\ncash = 70.00").replace(
        'formula = "ДПО=(20/30)*100"', 'formula = "ДПО=(20/100)*100"')
    seed.write_text(text, encoding="utf-8")
    async with running(seed) as (app, pilot):
        assert "замечаний 1" in header(app)
        await pilot.press("f2", "down", "down", "down")
        await pilot.pause()
        assert "Итог" in app.export_screenshot()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert active_tab(app) == "expenses"
        assert "W-JUSTIFY" in detail(app, "expenses")
        screen = app.export_screenshot()
        assert "W-JUSTIFY" in screen and "Итог" not in screen


async def test_the_cursor_starts_on_the_name_not_on_the_marker(seed):
    """On open and on each tab's first visit the cursor stands on the row's name, so that
    Enter edits it (on the marker column Enter only explained the marks)."""
    from kedr_tui.ui.editor import FieldEditor

    async with running(seed) as (app, pilot):
        assert column(app) == "name"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FieldEditor), "the editor of the goal")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FieldEditor), "the editor closed")
        for key, tab, start in (("f2", "expenses", "name"), ("f3", "amendments", "act"),
                                ("f4", "narrative", "text")):
            await pilot.press(key)
            await until(pilot, lambda: active_tab(app) == tab, tab)
            assert column(app) == start, tab


def footer(app) -> str:
    """The footer as the terminal shows it (drawn, not worked out afresh)."""
    from kedr_tui.ui.widgets.keybar import KeyBar

    return app.report_screen.query_one(KeyBar).drawn


async def test_enter_on_a_repeated_activity_code_goes_to_the_node_of_that_code(tmp_path):
    """E-CODE «код … повторяется» promised a jump (footer, detail pane) and then said the
    finding concerned the whole file: Form 2 shows one node per code, the repeating activity
    had no row of its own.  Enter goes to the node of that code now."""
    from kedr_tui.core.identity import ActivityId
    from tests.conftest import SEED

    path = tmp_path / "reports" / "2021.toml"
    path.parent.mkdir()
    path.write_text(SEED.read_text(encoding="utf-8").replace(
        '[[activities]]\ncode = "04.0.02.4"',
        '[[activities]]\ncode = "04.0.02.3"\ntitle = "Повтор кода"\n\n'
        '[[activities]]\ncode = "04.0.02.4"'), encoding="utf-8")
    async with running(path) as (app, pilot):
        assert active_tab(app) == "findings"            # a report with errors opens there
        await until(pilot, lambda: "Enter Перейти" in footer(app), "the footer offers the jump")
        assert "E-CODE" in detail(app, "findings") and "Enter — перейти к строке" in detail(app, "findings")
        await pilot.press("enter")
        await until(pilot, lambda: active_tab(app) == "expenses", "on Form 2")
        assert current_key(app) == ActivityId("04.0.02.3") and column(app) == "code"
        assert not [n for n in notifications(app) if "в целом" in n]


async def test_a_finding_on_the_whole_file_promises_no_jump(tmp_path):
    """An unknown key at the top of the file has no row to go to: neither the footer nor the
    detail pane offers Enter there (Enter still says why it goes nowhere)."""
    from tests.conftest import SEED

    path = tmp_path / "reports" / "2021.toml"
    path.parent.mkdir()
    path.write_text(SEED.read_text(encoding="utf-8").replace("year = 2021\n", "year = 2021\ncolour = 1\n", 1),
                    encoding="utf-8")
    async with running(path) as (app, pilot):
        assert active_tab(app) == "findings"
        assert "E-SCHEMA" in detail(app, "findings")
        await until(pilot, lambda: "F1–F5" in footer(app), "the footer drawn")
        assert "Перейти" not in footer(app) and "Enter" not in detail(app, "findings")
        await pilot.press("enter")
        await until(pilot, lambda: any("в целом" in n for n in notifications(app)), "why not")
        await pilot.press("down")                       # the W-FORMULA: a row to go to
        await until(pilot, lambda: "Enter Перейти" in footer(app), "the jump offered there")
