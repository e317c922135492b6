"""A big report's first frame comes before its whole analysis (issue 14).

Form 1 is painted with its figures and the header says «проверяется…»; the expense tree,
the evaluation and the warnings land right after the first frame, or before the first
key that comes sooner.  The seed is analysed first (it is small): here ``DEFER_ROWS`` is
set to 0 to see the seed's hand-computed figures through the deferred path.
"""

from __future__ import annotations

import pytest
from textual import events

from kedr_tui.core.analysis import analyse
from kedr_tui.core.loading import load
from kedr_tui.core.session import Session
from kedr_tui.ui import first_frame
from kedr_tui.ui.screen import ReportScreen
from tests.gen import generate
from tests.keys import PROGRAMME, ind
from tests.ui.conftest import active_tab, cell, current_key, header, move_to, running, save, table, until

CHECKING = "проверяется…"


@pytest.fixture
def deferred(monkeypatch):
    """Every report, the seed too, painted before its analysis."""
    monkeypatch.setattr(first_frame, "DEFER_ROWS", 0)


@pytest.fixture
def never_lands(monkeypatch):
    """The analysis does not land after the first frame by itself: as if the first key came
    before it (it then lands before that key is handled, or not at all)."""
    monkeypatch.setattr(ReportScreen, "after_first_frame", lambda self: None)


def _tab_label(app, name: str) -> str:
    return app.report_screen.query_one("#tabbar").labels[name]


@pytest.fixture
def big(tmp_path):
    """A generated report above DEFER_ROWS, with warnings of its own."""
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "2021.toml"
    path.write_text(generate(n_indicators=300, n_expenses=1000, seed=3), encoding="utf-8")
    return path


async def test_the_first_frame_shows_form_1_checking_then_the_findings_land(seed, deferred, monkeypatch):
    seen = {}
    land = ReportScreen.after_first_frame

    def after_first_frame(self):
        # what the first frame showed, before the rest of the analysis
        seen.update(header=header(self.app), tab=_tab_label(self.app, "findings"),
                    mark=cell(self.app, "indicators", ind(8, self.app), "mark"),
                    rel=cell(self.app, "indicators", ind(3, self.app), "rel"),
                    analysed=self.session.analysed)
        land(self)

    monkeypatch.setattr(ReportScreen, "after_first_frame", after_first_frame)
    async with running(seed) as (app, pilot):
        await until(pilot, lambda: seen and not app.report_screen.checking, "the analysis landed")
        # Form 1's own figures at once; no count of findings, nor a mark, until it is known
        assert CHECKING in seen["header"] and "замечаний" not in seen["header"]
        assert seen["tab"].endswith("Проверка") and seen["mark"] == ""
        assert seen["rel"] == "91,20" and not seen["analysed"]
        # then the seed's one W-FORMULA, its mark, its count, the evaluation and the totals
        assert "замечаний 1" in header(app) and CHECKING not in header(app)
        assert _tab_label(app, "findings").endswith("Проверка (1)")
        assert cell(app, "indicators", ind(8, app), "mark") == "!"
        await pilot.press("f5")
        await until(pilot, lambda: active_tab(app) == "findings", "«Проверка» shown")
        view = app.report_screen.views["findings"]
        assert [r.cells[1].text for r in view.rows if r.kind == "finding"] == ["W-FORMULA"]
        assert "средняя" in str(view.query_one("#evaluation").render())
        await pilot.press("f2")
        await until(pilot, lambda: active_tab(app) == "expenses", "«Расходы» shown")
        assert cell(app, "expenses", PROGRAMME, "plan_year") == "1\u00a0129,01"


async def test_a_key_before_the_analysis_lands_sees_the_whole_report(seed, deferred, never_lands):
    async with running(seed) as (app, pilot):
        screen = app.report_screen
        assert screen.checking and CHECKING in header(app)
        assert not app.session.analysed
        await pilot.press("]")                   # the next finding: the seed's W-FORMULA
        await until(pilot, lambda: current_key(app) == ind(8, app), "the cursor on the finding")
        assert not screen.checking and "замечаний 1" in header(app)


async def test_an_edit_typed_at_once_on_a_big_report_lands_correctly(big, never_lands):
    async with running(big) as (app, pilot):
        screen, session = app.report_screen, app.session
        assert screen.checking and not session.analysed
        index = 20
        await move_to(pilot, app, ind(index, app), "fact")     # (the table's goto: no key)
        assert screen.checking
        for key in ("7", "5", "enter"):              # typed at once, in one read
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: session.modified, "the edit made")
        await until(pilot, lambda: cell(app, "indicators", ind(index, app), "fact") == "75",
                    "the new fact shown")
        assert session.report.indicators[index].fact == 75
        whole = analyse(session.report, session.loaded.context, session.loaded.parsed.findings)
        assert session.analysis.derived == whole.derived
        assert session.analysis.findings == whole.findings
        warnings = sum(not f.is_error for f in whole.findings)
        assert f"замечаний {warnings}" in header(app) and not screen.checking
        await save(pilot)
        saved = load(big)
        assert saved.report.indicators[index].fact == 75
        assert saved.findings == whole.findings


async def test_the_big_report_lands_by_itself_with_the_counts_of_a_whole_analysis(big):
    whole = load(big)
    warnings = len(whole.findings)
    assert warnings and not whole.has_errors
    async with running(big) as (app, pilot):
        await until(pilot, lambda: not app.report_screen.checking, "the analysis landed")
        assert f"замечаний {warnings}" in header(app)
        assert _tab_label(app, "findings").endswith(f"Проверка ({warnings})")
        assert app.session.analysis.findings == whole.findings
        # landing changed the marks' cells of Form 1, not its rows: no second rebuild
        assert app.report_screen.views["indicators"].table.rebuilds == 1


async def test_a_big_report_with_an_error_is_read_only_from_the_first_frame(big, monkeypatch):
    text = big.read_text(encoding="utf-8")
    big.write_text(text + '\n[[expenses]]\ncode = "04.0.99.9"\nexecutor = "Никто"\n'
                   'plan_year = 1\nplan_period = 1\ncash = 1\n', encoding="utf-8")
    opened = Session.open(big)
    try:   # decided from the errors alone, before (and without) the whole analysis
        assert opened.read_only and not opened.analysed
        assert [f.code for f in opened.loaded.errors] == ["E-REF"]
    finally:
        opened.close()
    seen = []
    mount = ReportScreen.on_mount

    def on_mount(self):
        mount(self)
        seen.append((self.read_only, self.first_tab, header(self.app)))

    monkeypatch.setattr(ReportScreen, "on_mount", on_mount)
    async with running(big) as (app, pilot):
        assert seen[0][:2] == (True, "findings") and "только чтение" in seen[0][2]
        assert "ошибок 1" in header(app) and not app.report_screen.checking
        await pilot.press("f1")
        await until(pilot, lambda: active_tab(app) == "indicators", "«Показатели» shown")
        await move_to(pilot, app, ind(20, app), "fact")
        await pilot.press("7", "enter")
        await pilot.pause()
        assert not app.session.modified
    assert big.read_text(encoding="utf-8").endswith('cash = 1\n')


async def test_a_key_typed_before_the_screen_is_up_waits_for_the_whole_analysis(seed, deferred, monkeypatch):
    """«F2» read before the report screen was even mounted (typed while the app started):
    the expense tree is there when «Расходы» is built, and nothing breaks."""
    from kedr_tui.ui.app import KedrApp

    make_screen = KedrApp.get_default_screen

    def get_default_screen(self):
        screen = make_screen(self)
        self.post_message(events.Key("f2", None))       # ahead of the screen's own mount
        return screen

    monkeypatch.setattr(KedrApp, "get_default_screen", get_default_screen)
    async with running(seed) as (app, pilot):
        await until(pilot, lambda: active_tab(app) == "expenses", "«Расходы» shown")
        assert not app.report_screen.checking and "замечаний 1" in header(app)
        assert cell(app, "expenses", PROGRAMME, "plan_year") == "1\u00a0129,01"


# ---------------------------------------------------------------- Form 1's rows made as drawn

def _whole_rows_at_once(monkeypatch):
    """As before rows were made as drawn: the first frame made all of Form 1's rows."""
    from kedr_tui.ui.tabs.base import TabView

    monkeypatch.setattr(TabView, "rows_as_drawn", lambda self: None)


def _screen(app) -> tuple:
    view = app.report_screen.current_view()
    return (active_tab(app), current_key(app), view.table.cursor_row, view.table.cursor_column,
            tuple(view.table.visible_text()), header(app))


def _row(app) -> int:
    return app.report_screen.current_view().table.cursor_row


def _count(app) -> int:
    return app.report_screen.current_view().table.row_count


# keys, and what they did (so that the test fails if they never arrived)
KEYS = {
    "last row": (["ctrl+end"], lambda app: _row(app) == _count(app) - 1 > 300),
    "last column": (["end"], lambda app: table(app, "indicators").cursor_column == 12),
    "page down twice": (["pagedown", "pagedown"], lambda app: _row(app) > 20),
    "page down twice, up": (["pagedown", "pagedown", "up"], lambda app: _row(app) > 20),
    "last row, page up": (["G", "pageup"], lambda app: _count(app) - 40 < _row(app) < _count(app) - 1),
    "search": (["slash", *"(250)", "enter"],
               lambda app: "(250)" in cell(app, "indicators", current_key(app), "name")),
    "next finding": (["right_square_bracket"], lambda app: _row(app) > 0),
    "tabs": (["f2", "f4", "f1"], lambda app: active_tab(app) == "indicators"
             and app.report_screen.views["expenses"].populated
             and app.report_screen.views["narrative"].populated),
}


@pytest.mark.parametrize("keys, did", KEYS.values(), ids=KEYS.keys())
@pytest.mark.parametrize("landed", [False, True], ids=["typed-at-once", "after-landing"])
async def test_keys_right_after_the_start_land_where_they_would_with_every_row_made(
        big, keys, did, landed, monkeypatch):
    """A big report's first frame makes only the rows it draws (view/first_rows.py); End,
    PgDn, search, «]», the tabs pressed at once (before the rest of the analysis, or right
    after it landed) end on the same row, with the same screen, as when the first frame
    made them all."""
    made = []
    land = ReportScreen.after_first_frame

    def after_first_frame(self):
        rows = self.views["indicators"]._rows
        made.append((type(rows).__name__, getattr(rows, "made", None), len(rows)))
        if landed:
            land(self)

    monkeypatch.setattr(ReportScreen, "after_first_frame", after_first_frame)
    seen = []
    for at_once in (False, True):
        if at_once:
            _whole_rows_at_once(monkeypatch)
        async with running(big) as (app, pilot):
            await until(pilot, lambda: len(made) == 1 + at_once, "the first frame")
            if landed:
                await until(pilot, lambda: not app.report_screen.checking, "the analysis landed")
            await pilot.press(*keys)
            await until(pilot, lambda: not app.report_screen.checking, "the analysis landed")
            await pilot.pause()
            seen.append(_screen(app))
            assert did(app), seen[-1][:4]
            # the memo holds Form 1's rows as shown, as after a whole build: the next
            # build (an edit) reuses them
            view = app.report_screen.views["indicators"]
            assert all(view.memo.rows[row.key][1] is row for row in view.rows)
    kind, count, total = made[0]
    assert kind == "FirstRows" and count <= 30 < total     # a screenful made, of 310
    assert made[1][0] == "list"
    assert seen[0] == seen[1]
