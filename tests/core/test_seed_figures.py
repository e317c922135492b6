"""Every figure SPEC.md lists for the seed, computed by hand there."""

from decimal import Decimal

import pytest

from kedr_tui.core.numbers import NBSP, fmt_money, fmt_pct, fmt_ratio, fmt_value
from kedr_tui.core.loading import load
from tests.conftest import SEED


@pytest.fixture
def seed():
    # loaded for each test (20 ms): a figure computed once for the module would be
    # charged to its first test, and mutation testing would run only that one
    loaded = load(SEED)
    assert loaded.analysis is not None
    return loaded.analysis


def figures(seed, start: str):
    for ind, fig in zip(seed.report.indicators, seed.derived.indicators):
        if ind.name.startswith(start):
            return ind, fig
    raise AssertionError(start)


def test_seed_is_complete(seed):
    r = seed.report
    assert (len(r.tasks), len(r.indicators), len(r.activities), len(r.expenses), len(r.amendments)) \
        == (3, 10, 10, 17, 2)
    assert [i.task for i in r.indicators] == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3]
    assert r.amendments[1].date.isoformat() == "2022-01-31"
    assert r.signature.name == "Н.А. Соловьева"
    assert all(i.comment for i in r.indicators)


@pytest.mark.parametrize("start, absolute, relative, growth", [
    ("Доля муниципальных услуг, информация о которых размещена на Едином", "−8,8", "91,20", "98,06"),
    ("Доля граждан, имеющих доступ к получению государственных услуг по принципу «одного окна»",
     "9,5", "110,56", "101,63"),
    ("Количество проведенных общественных обсуждений", "−1", "88,89", "160,00"),
    ("Количество граждан, прошедших обучение в области цифровой грамотности", "−10", "0,00", "—"),
    ("Уровень удовлетворённости жителей", "—", "—", "—"),
    ("Доля отечественного офисного программного обеспечения", "−10", "66,67", "100,00"),
])
def test_indicator_deviations(seed, start, absolute, relative, growth):
    _ind, fig = figures(seed, start)
    assert (fmt_value(fig.abs_deviation), fmt_pct(fig.rel_deviation), fmt_pct(fig.growth)) == \
        (absolute, relative, growth)


def test_satisfaction_is_not_measured(seed):
    ind, _fig = figures(seed, "Уровень удовлетворённости жителей")
    assert ind.fact is None and ind.prev is None


def test_programme_totals(seed):
    total = seed.derived.tree.total
    assert [fmt_money(v) for v in (total.plan_year, total.plan_period, total.cash)] == \
        [f"1{NBSP}129,01", f"1{NBSP}129,01", f"1{NBSP}097,79"]
    assert fmt_pct(total.pct_year) == fmt_pct(total.pct_period) == "97,23"


def test_programme_executors(seed):
    shown = {line.executor: line for line in seed.derived.tree.shown_executors}
    assert list(shown) == ["Администрация города Кедрового", "МУ «Кедровская ЦБС»", "МУ «Культура»"]
    culture = shown["МУ «Культура»"].amounts
    assert (fmt_money(culture.plan_year), fmt_money(culture.cash), fmt_pct(culture.pct_year)) == \
        ("786,53", "755,31", "96,03")
    assert fmt_money(shown["Администрация города Кедрового"].amounts.cash) == "312,48"
    assert shown["МУ «Культура»"].justification.startswith("Не выполнение кассового плана")
    assert seed.derived.tree.justification.startswith("Не выполнение кассового плана")


def test_tree_nodes(seed):
    nodes = seed.derived.nodes
    assert fmt_money(nodes["04.0.02.2"].total.plan_year) == "250,88"
    assert fmt_money(nodes["04.0.02.0"].total.cash) == f"1{NBSP}097,79"
    assert nodes["04.0.02.0"].kind == "main" and nodes["04.0.02.4"].kind == "activity"
    assert nodes["04.0.01.0"].total.pct_year is None                    # 0 / 0 → «—»
    # an aggregated row with a zero total shows all its executors
    assert len(nodes["04.0.03.0"].shown_executors) == 8
    # a leaf shows all its rows, zero ones included
    assert [line.executor for line in nodes["04.0.02.3"].shown_executors] == \
        ["Администрация города Кедрового", "Отдел образования"]


def test_evaluation(seed):
    ev = seed.derived.evaluation
    assert [fmt_ratio(v) for v in (ev.sr, ev.ss, ev.srm, ev.eis, ev.er)] == \
        ["0,8297", "0,9723", "1,0000", "1,0284", "0,8533"]
    assert ev.srm == 1
    assert ev.rating == "средняя"
    assert len(ev.left_out) == 1 and seed.report.indicators[ev.left_out[0]].name.startswith("Уровень")
    assert ev.activities_counted == 4


def test_exactly_one_finding(seed):
    assert [(f.code, f.severity) for f in seed.findings] == [("W-FORMULA", "warning")]
    finding = seed.findings[0]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].startswith('formula = "ДПО=(20/30)*100"')
    assert "Доля отечественного офисного программного обеспечения" in finding.message
    assert seed.report.indicators[finding.ref[1]].name.startswith("Доля отечественного офисного")


def test_decimal_not_float(seed):
    assert all(isinstance(row.cash, Decimal) for row in seed.report.expenses)
    assert sum(row.cash for row in seed.report.expenses) == Decimal("1097.79")
