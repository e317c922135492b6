"""Opening a report: header, tabs, the five forms, the detail pane."""

from __future__ import annotations

from tests.ui.conftest import WIDE, active_tab, cell, cell_style, detail, header, move_to, running, table

from kedr_tui.view.columns import COLUMNS
from tests.keys import GOAL, INTRO, PROGRAMME, amd, exp, finding, ind, line, node, signature, task


async def test_header_shows_title_year_file_and_findings(seed):
    async with running(seed) as (app, pilot):
        text = header(app)
        assert "Развитие информационного общества" in text
        assert "2021" in text and "reports/2021.toml" in text
        assert "замечаний 1" in text
        assert "изменён" not in text and "только чтение" not in text


async def test_tabs_switch_by_number_and_by_mouse(seed):
    async with running(seed) as (app, pilot):
        assert active_tab(app) == "indicators"
        for key, name in (("f2", "expenses"), ("f3", "amendments"), ("f4", "narrative"),
                          ("f5", "findings"), ("f1", "indicators")):
            await pilot.press(key)
            await pilot.pause()
            assert active_tab(app) == name
            assert app.focused is table(app, name)
        bar = app.report_screen.query_one("#tabbar")
        await pilot.click(bar, offset=(bar.offset_of("amendments"), 0))
        await pilot.pause()
        assert active_tab(app) == "amendments"


async def test_indicators_has_every_column_and_the_seed_figures(seed):
    async with running(seed) as (app, pilot):
        keys = [c.key for c in COLUMNS["indicators"]]
        for column in ("num", "name", "unit", "prev", "plan", "fact", "abs", "rel", "growth",
                       "justification", "formula"):
            assert column in keys
        # «Доля муниципальных услуг ... на Едином портале»
        assert cell(app, "indicators", ind(3, app), "rel") == "91,20"
        assert cell(app, "indicators", ind(3, app), "growth") == "98,06"
        assert cell(app, "indicators", ind(2, app), "rel") == "110,56"
        assert cell(app, "indicators", ind(5, app), "rel") == "88,89"
        assert cell(app, "indicators", ind(9, app), "growth") == "—"
        assert cell(app, "indicators", ind(0, app), "abs") == "—"
        assert cell(app, "indicators", GOAL, "num") == "Ц"
        assert cell(app, "indicators", task(3), "num") == "З3"


async def test_derived_bad_and_mismatch_cells_look_different(seed):
    async with running(seed) as (app, pilot):
        entered = cell_style(app, "indicators", ind(2, app), "plan")
        derived = cell_style(app, "indicators", ind(2, app), "rel")
        assert derived != entered and derived.italic
        bad = cell_style(app, "indicators", ind(3, app), "fact")     # 91,2 below the plan 100
        assert bad.bold and bad.color is not None
        assert cell_style(app, "indicators", ind(2, app), "fact") != bad
        mismatch = cell_style(app, "indicators", ind(8, app), "formula")
        assert mismatch.underline
        # the row with the W-FORMULA finding is marked, the others are not
        assert cell(app, "indicators", ind(8, app), "mark") == "!"
        assert cell(app, "indicators", ind(3, app), "mark") == ""


async def test_expenses_tree_totals_bold_and_indented(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        assert cell(app, "expenses", PROGRAMME, "plan_year") == "1\u00a0129,01"
        assert cell(app, "expenses", PROGRAMME, "cash") == "1\u00a0097,79"
        assert cell(app, "expenses", PROGRAMME, "pct_year") == "97,23"
        assert cell(app, "expenses", PROGRAMME, "pct_period") == "97,23"
        culture = line("04.0.00.0", "МУ «Культура»")
        assert cell(app, "expenses", culture, "cash") == "755,31"
        assert cell(app, "expenses", culture, "pct_year") == "96,03"
        assert cell_style(app, "expenses", PROGRAMME, "cash").bold
        names = [table(app, "expenses").cell_text(k, "name") for k in (PROGRAMME, node(2, app), node(6, app), exp(7, app))]
        indents = [len(n) - len(n.lstrip()) for n in names]
        assert indents == sorted(indents) and indents[0] < indents[-1]
        assert cell(app, "expenses", node(6, app), "code") == "04.0.02.4"


async def test_amendments_and_narrative_and_findings_tabs(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        assert cell(app, "amendments", amd(0, app), "date") == "24.03.2021"
        assert cell(app, "amendments", amd(1, app), "number") == "22"
        await pilot.press("f4")
        await pilot.pause()
        assert cell(app, "narrative", signature("name"), "text") == "Н.А. Соловьева"
        assert cell(app, "narrative", INTRO, "text").startswith("Эффективность работы")
        await pilot.press("f5")
        await pilot.pause()
        assert cell(app, "findings", finding(0, app), "code") == "W-FORMULA"
        evaluation = str(app.report_screen.query_one("#evaluation").content)
        assert "средняя" in evaluation and "0,8533" in evaluation and "0,8297" in evaluation


async def test_detail_pane_shows_the_row_in_full(seed):
    async with running(seed) as (app, pilot):
        t = table(app, "indicators")
        t.goto(ind(8, app))
        await pilot.pause()
        text = detail(app, "indicators")
        assert "от общего количества используемых операционных систем" in text   # the whole name
        assert "Отсутствие финансирования" in text
        assert "ДПО=(20/30)*100" in text and "66,6667" in text and "не совпадает" in text
        assert "W-FORMULA" in text


async def test_wide_terminal_gives_names_more_room(seed):
    async with running(seed, size=WIDE) as (app, pilot):
        narrow = COLUMNS["indicators"][2].width
        assert table(app, "indicators").column_width("name") > narrow + 10


async def test_the_collector_is_paused_only_while_the_app_starts(seed, monkeypatch):
    import gc

    from kedr_tui.ui import app as app_module

    # the settling timer never fires by itself here: the test takes the resume step, so a
    # busy machine can't make it race the timer
    monkeypatch.setattr(app_module, "GC_SETTLE", 3600)
    timers = []
    set_timer = app_module.KedrApp.set_timer

    def recorded(self, delay, callback=None, **kwargs):
        timers.append((delay, callback))
        return set_timer(self, delay, callback, **kwargs)

    monkeypatch.setattr(app_module.KedrApp, "set_timer", recorded)
    assert gc.isenabled()
    async with running(seed) as (app, pilot):
        assert not gc.isenabled()                  # paused through the first frames
        settle = [callback for delay, callback in timers if delay == 3600]
        assert settle == [app._resume_collector]   # the step the timer will take
        settle[0]()
        assert gc.isenabled()
    async with running(seed) as (app, pilot):
        assert not gc.isenabled()
    assert gc.isenabled()      # an app that ends sooner resumes it too
    gc.disable()
    try:                       # and one started with the collector off leaves it off
        async with running(seed) as (app, pilot):
            app._resume_collector()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    # and the timer itself resumes it (due at once here: 10 ms) without the app ending
    monkeypatch.setattr(app_module, "GC_SETTLE", 0.01)
    async with running(seed) as (app, pilot):
        for _ in range(500):   # the timer's turn on the event loop, however loaded the machine
            if gc.isenabled():
                break
            await pilot.pause()
        assert gc.isenabled()
        assert app.is_running


async def test_a_report_a_colleague_edits_becomes_editable_on_retry(seed):
    from kedr_tui.core.edits import set_field
    from kedr_tui.core.session import Session
    from kedr_tui.ui.safety import LockHeldScreen
    from kedr_tui.ui.widgets.keybar import KeyBar

    holder = Session.open(seed)
    try:
        async with running(seed) as (app, pilot):
            assert isinstance(app.screen, LockHeldScreen)
            await pilot.press("r")                          # «Повторить»: still held
            await pilot.pause()
            assert isinstance(app.screen, LockHeldScreen)
            assert "Правка" not in app.report_screen.query_one(KeyBar).render().plain   # nothing to edit yet
            assert "только чтение" in header(app)
            holder.perform(set_field(holder.report, "signature", None, "name", "И.И. Иванов"))
            holder.save()
            holder.close()
            await pilot.press("r")
            await pilot.pause()
            assert app.screen is app.report_screen
            assert "только чтение" not in header(app)
            assert "Правка" in app.report_screen.query_one(KeyBar).render().plain
            assert app.report_screen.session.report.signature.name == "И.И. Иванов"  # read again
            await move_to(pilot, app, ind(3, app), "fact")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("ctrl+u", "9", "7", "enter")
            await pilot.pause()
            assert cell(app, "indicators", ind(3, app), "fact") == "97"
    finally:
        holder.close()
