"""Last year's report beside a big one is read after the first frame (for W-PREV, in the
analysis that lands then), and through the cache of parsed reports: the warnings are
the ones ``check`` finds, on the first opening and on the next (from the cache)."""

from __future__ import annotations

import re

import pytest

from kedr_tui.core.loading import load
from kedr_tui.core.store import report as store_report
from kedr_tui.ui.screen import ReportScreen
from tests.gen import generate
from tests.ui.conftest import active_tab, running, until


@pytest.fixture
def big_with_last_year(tmp_path):
    """A report above DEFER_ROWS (painted before its analysis), big enough for the cache,
    and last year's beside it whose facts differ from this year's prev."""
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "2021.toml"
    text = generate(n_indicators=300, n_expenses=1000, seed=3)
    path.write_text(text, encoding="utf-8")
    # last year's facts of five indicators are not this year's prev
    last = re.sub(r"(?m)^fact = (\d+)$", r"fact = \g<1>7", text.replace("year = 2021", "year = 2020", 1),
                  count=5)
    (folder / "2020.toml").write_text(last, encoding="utf-8")
    return path


def _prev_warnings(app) -> list[str]:
    view = app.report_screen.views["findings"]
    return [r.cells[4].text for r in view.rows if r.kind == "finding" and r.cells[1].text == "W-PREV"]


async def test_w_prev_lands_with_the_analysis_after_the_first_frame(big_with_last_year, monkeypatch):
    expected = [f.message for f in load(big_with_last_year).findings if f.code == "W-PREV"]
    assert len(expected) >= 3         # (``load`` kept both files in the cache, too)
    reads, seen = [], {}
    facts_of = store_report._facts_of
    monkeypatch.setattr(store_report, "_facts_of", lambda p: reads.append(p.name) or facts_of(p))
    land = ReportScreen.after_first_frame

    def after_first_frame(self):
        seen.update(checking=self.checking, reads=list(reads))   # what the first frame had
        land(self)

    monkeypatch.setattr(ReportScreen, "after_first_frame", after_first_frame)
    async with running(big_with_last_year) as (app, pilot):
        await until(pilot, lambda: seen and not app.report_screen.checking, "the analysis landed")
        assert seen == {"checking": True, "reads": []}        # not read before the first frame
        assert reads == ["2020.toml"]
        await pilot.press("f5")
        await until(pilot, lambda: active_tab(app) == "findings", "«Проверка» shown")
        got = _prev_warnings(app)
        assert len(got) == len(expected)
        assert [" ".join(text.split()) for text in got] == [" ".join(m.split()) for m in expected]
