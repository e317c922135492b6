"""A value the file does not give (a misspelt «plan_perod») is no 0 on the screen: its cell,
the totals it goes into and their % show «—»; what it does not go into shows as before."""

from __future__ import annotations

from tests.conftest import SEED
from tests.keys import PROGRAMME, exp, line
from tests.ui.conftest import cell, detail, running, until


ADMIN = "Администрация города Кедрового"


async def test_a_misspelt_period_plan_shows_as_unknown(tmp_path):
    path = tmp_path / "reports" / "2021.toml"
    path.parent.mkdir()
    text = SEED.read_text(encoding="utf-8")
    assert text.count("plan_period = 220.88") == 1
    path.write_text(text.replace("plan_period = 220.88", "plan_perod = 220.88"), encoding="utf-8")
    async with running(path) as (app, pilot):
        await pilot.press("f2")
        await until(pilot, lambda: app.report_screen.active == "expenses", "«Расходы»")
        report = app.report_screen.session.report
        index = next(i for i, r in enumerate(report.expenses) if r.code == "04.0.02.2" and r.executor == ADMIN)
        assert cell(app, "expenses", exp(index, app), "plan_period") == "—"
        assert cell(app, "expenses", exp(index, app), "pct_period") == "—"
        assert cell(app, "expenses", exp(index, app), "plan_year") == "220,88"
        assert cell(app, "expenses", PROGRAMME, "plan_period") == "—"
        assert cell(app, "expenses", PROGRAMME, "plan_year") == "1\u00a0129,01"
        assert cell(app, "expenses", PROGRAMME, "pct_year") == "97,23"
        assert cell(app, "expenses", line("04.0.00.0", ADMIN), "plan_period") == "—"
        assert cell(app, "expenses", line("04.0.00.0", "МУ «Культура»"), "plan_period") == "786,53"
        assert "На период: —" in detail(app, "expenses")                 # the programme's


async def test_an_evaluation_of_a_value_not_given_is_not_shown(tmp_path):
    path = tmp_path / "reports" / "2021.toml"
    path.parent.mkdir()
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text.replace("cash = 220.88", 'cash = "220.88"', 1), encoding="utf-8")
    async with running(path) as (app, pilot):
        await pilot.press("f5")
        await until(pilot, lambda: app.report_screen.active == "findings", "«Проверка»")
        shown = str(app.report_screen.query_one("#evaluation").render())
        assert "не вычисляется" in shown and "средняя" not in shown
