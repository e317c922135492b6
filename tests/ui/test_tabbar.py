"""The tab bar names every tab with its key, at 80 columns too, with «Сравнение» as a seventh."""

from __future__ import annotations

from rich.cells import cell_len

from kedr_tui.ui.widgets.tabbar import fit_labels
from tests.ui.conftest import active_tab, until
from tests.ui.test_compare import comparing, three

SEVEN = ["F1 Показатели", "F2 Расходы", "F3 Изменения", "F4 Доклад", "F5 Проверка (12)",
         "F6 Рассмотрение", "F7 Δ3"]


def test_labels_that_fit_are_left_whole():
    assert fit_labels(SEVEN, 90) == SEVEN
    assert fit_labels(SEVEN[:6], 80) == SEVEN[:6]


def test_the_longest_names_are_cut_first_never_a_key_or_a_count():
    shown = fit_labels(SEVEN, 80)
    # names cut to eight cells fit (79); to nine they would not (82)
    assert shown == ["F1 Показат…", "F2 Расходы", "F3 Изменен…", "F4 Доклад", "F5 Проверка (12)",
                     "F6 Рассмот…", "F7 Δ3"]
    assert cell_len(" ".join(shown)) == 79
    narrow = ["F1 Пок…", "F2 Рас…", "F3 Изм…", "F4 Док…", "F5 Про… (12)", "F6 Рас…", "F7 Δ3"]
    assert fit_labels(SEVEN, 58) == narrow                       # three letters at the least,
    assert fit_labels(SEVEN, 40) == narrow                       # the bar's end is cut then


async def test_at_80_columns_the_comparison_tab_is_on_the_bar(seed):
    base = three(seed)
    async with comparing(seed, str(base)) as (app, pilot):
        await until(pilot, lambda: active_tab(app) == "changes", "the «Сравнение» tab shown")
        bar = app.report_screen.query_one("#tabbar").render().plain.rstrip()
        assert cell_len(bar) <= 80
        assert "F7 Δ3" in bar and "F5 Проверка (" in bar
        assert all(f"F{n} " in bar for n in range(1, 8))


async def test_a_dialog_leaves_the_tab_bar_in_sight_at_80x24(seed):
    """A tall dialog (the field chooser of «e», the keys of «?», a long text's editor) was
    centred over the whole screen at 80×24 and hid the header and the tab bar: which tab it
    was about could not be seen.  Every dialog starts below the tab bar now."""
    from kedr_tui.ui.widgets.tabbar import TabBar
    from tests.keys import comment, ind
    from tests.ui.conftest import move_to, running

    async with running(seed) as (app, pilot):
        bar = app.report_screen.query_one(TabBar).region
        assert (bar.y, bar.height) == (1, 1)
        await move_to(pilot, app, ind(1), "name")       # an indicator: every field to choose
        for keys in (("e",), ("question_mark",), ("f4", "enter")):
            if keys[0] == "f4":
                await pilot.press("f4")
                await until(pilot, lambda: active_tab(app) == "narrative", "«Доклад»")
                await move_to(pilot, app, comment(0), "text")
                keys = keys[1:]
            await pilot.press(*keys)
            await until(pilot, lambda: app.screen is not app.report_screen, f"{keys}: a dialog")
            dialog = app.screen.query_one(".dialog").region
            assert dialog.height >= 17, keys         # a tall one
            assert dialog.y >= bar.bottom, keys
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.report_screen, f"{keys}: closed")
