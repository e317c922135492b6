"""Derived figures at their edges, on small reports built here, every value computed by hand.

Each test pins a rule of SPEC «Computations» and «Efficiency evaluation» where a
plausible slip in ``core/derive.py`` would change the digits: half-up against
half-even ties, «lower is better», ``≥`` against ``>`` at every threshold, the
year plan against the period plan.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kedr_tui.core.derive import (Amounts, achievement, derive, evaluation, indicator_figures, percent,
                                  rating, unfavourable)
from kedr_tui.core.model import LOWER, Activity, Expense, Indicator, Program, Report, Task
from kedr_tui.core.numbers import fmt_pct, fmt_ratio


def ind(plan=None, fact=None, prev=None, better="higher", formula="") -> Indicator:
    as_d = (lambda v: None if v is None else D(v))
    return Indicator(task=0, name="x", plan=as_d(plan), fact=as_d(fact), prev=as_d(prev),
                     better=better, formula=formula)


def report(indicators=(), rows=()) -> Report:
    """A programme «04» with main activity 04.0.01.0 and one activity per row
    (04.0.01.1, 04.0.01.2 …); ``rows`` are (plan_year, plan_period, cash)."""
    activities = [Activity(code="04.0.01.0", task=1, title="ОМ")]
    expenses = []
    for n, (plan_year, plan_period, cash) in enumerate(rows, start=1):
        activities.append(Activity(code=f"04.0.01.{n}", title=f"М{n}"))
        expenses.append(Expense(code=f"04.0.01.{n}", executor="Администрация",
                                plan_year=D(plan_year), plan_period=D(plan_period), cash=D(cash)))
    return Report(year=2021, program=Program(code="04"), tasks=(Task(title="Задача"),),
                  indicators=tuple(indicators), activities=tuple(activities),
                  expenses=tuple(expenses))


# ---------------------------------------------------------------- percentages

def test_percent_ties_round_half_up_not_half_even():
    # 1,01 / 8 × 100 = 12,625: half-up 12,63 (half-even would give 12,62)
    assert percent(D("1.01"), D("8")) == D("12.63")
    # 0,0125 % of the whole: 0,125 → 0,13 (half-even 0,12)
    assert percent(D("1"), D("800")) == D("0.13")
    # and an exact one stays as it is
    assert percent(D("1"), D("4")) == D("25.00")
    assert percent(None, D(1)) is None and percent(D(1), None) is None
    assert percent(D(1), D(0)) is None


def test_indicator_ties_half_up_in_every_percentage():
    figures = indicator_figures(ind(plan="8", fact="1.01", prev="4"))
    assert figures.abs_deviation == D("-6.99")
    assert figures.rel_deviation == D("12.63")        # 12,625
    assert figures.growth == D("25.25")                # fact / prev, not fact / plan
    figures = indicator_figures(ind(plan="4", fact="1.01", prev="8"))
    assert (figures.rel_deviation, figures.growth) == (D("25.25"), D("12.63"))


def test_lower_is_better_inverts_the_relative_deviation_only():
    figures = indicator_figures(ind(plan="1.01", fact="8", prev="4", better=LOWER))
    assert figures.rel_deviation == D("12.63")         # plan / fact × 100 = 12,625
    assert figures.abs_deviation == D("6.99")          # fact − plan, whichever is better
    assert figures.growth == D("200.00")               # fact / prev, never inverted
    assert figures.unfavourable                        # above plan is worse here
    higher = indicator_figures(ind(plan="1.01", fact="8", prev="4"))
    assert higher.rel_deviation == D("792.08")         # 8 / 1,01 × 100 = 792,0792…
    assert not higher.unfavourable


def test_lower_is_better_with_fact_zero():
    figures = indicator_figures(ind(plan="5", fact="0", prev="2", better=LOWER))
    assert figures.rel_deviation is None               # plan / 0: «—»
    assert figures.abs_deviation == D("-5")
    assert figures.growth == D("0.00")
    assert not figures.unfavourable
    assert achievement(ind(plan="5", fact="0", better=LOWER)) == 1   # nothing is best
    assert achievement(ind(plan="5", fact="0")) == 0                 # higher is better: none done


@pytest.mark.parametrize("plan, fact, better, expected", [
    ("10", "10", "higher", False), ("10", "10", LOWER, False),     # on plan: never unfavourable
    ("10", "9.99", "higher", True), ("10", "10.01", "higher", False),
    ("10", "10.01", LOWER, True), ("10", "9.99", LOWER, False),
    ("10", None, "higher", False), (None, "5", LOWER, False),
])
def test_unfavourable_direction(plan, fact, better, expected):
    assert unfavourable(ind(plan=plan, fact=fact, better=better)) is expected


@pytest.mark.parametrize("plan, fact, better, expected", [
    ("10", "8", "higher", D("0.8")),
    ("10", "12", "higher", D(1)),            # capped at 1
    ("8", "10", LOWER, D("0.8")),            # plan / fact
    ("10", "8", LOWER, D(1)),                # 1,25 capped
    ("10", "10", LOWER, D(1)),
    ("-1", "0", LOWER, None),                # a negative plan with fact 0: nothing to measure
    ("0", "5", "higher", None),              # plan 0: left out
    ("0", "5", LOWER, None),
    ("5", None, "higher", None),             # no fact: left out
    (None, "5", "higher", None),
])
def test_degree_of_achievement(plan, fact, better, expected):
    assert achievement(ind(plan=plan, fact=fact, better=better)) == expected


# ---------------------------------------------------------------- Form 2 totals

def test_pct_year_and_pct_period_use_their_own_plans():
    tree = derive(report(rows=[("8.00", "4.00", "1.01"), ("16.00", "8.00", "1.01")])).tree
    first, second = (node for node in tree.walk() if node.kind == "activity")
    assert (first.total.pct_year, first.total.pct_period) == (D("12.63"), D("25.25"))
    assert (second.total.pct_year, second.total.pct_period) == (D("6.31"), D("12.63"))
    # the programme: 2,02 of 24 = 8,41666… and of 12 = 16,8333…
    assert (tree.total.plan_year, tree.total.plan_period, tree.total.cash) == \
        (D("24.00"), D("12.00"), D("2.02"))
    assert (fmt_pct(tree.total.pct_year), fmt_pct(tree.total.pct_period)) == ("8,42", "16,83")


# ---------------------------------------------------------------- evaluation

def test_activity_threshold_is_95_percent_inclusive():
    # 95,00 of 100 is done (≥ 95 %), 94,99 is not; a row without a year plan is not counted
    ev = evaluation(report(rows=[("100", "100", "95.00"), ("100", "100", "94.99"), ("0", "0", "0")]))
    assert (ev.activities_counted, ev.activities_done) == (2, 1)
    assert ev.srm == D("0.5000")
    # ССуз = 189,99 / 200 = 0,94995 → 0,9500; Эис = 0,5 / 0,94995 = 0,52634…
    assert (ev.ss, ev.eis) == (D("0.9500"), D("0.5263"))


def test_activity_just_below_95_percent_is_not_done():
    ev = evaluation(report(rows=[("1000", "1000", "949.99")]))
    assert (ev.activities_counted, ev.activities_done, ev.srm) == (1, 0, D(0))
    ev = evaluation(report(rows=[("1000", "1000", "950")]))
    assert (ev.activities_counted, ev.activities_done, ev.srm) == (1, 1, D(1))


def test_main_activities_and_the_programme_are_not_counted():
    # the main activity's total (189,99 of 200 = 94,995 %) would count as not done
    ev = evaluation(report(rows=[("100", "100", "95"), ("100", "100", "94.99")]))
    assert ev.activities_counted == 2


def test_fourth_decimal_ties_round_half_up():
    # СДП = 2469 / 20000 = 0,12345 → 0,1235 (half-even would give 0,1234)
    ev = evaluation(report([ind(plan="20000", fact="2469")], rows=[("200", "200", "24.69")]))
    assert ev.achievements == ((0, D("0.1235")),)
    assert ev.sr == D("0.1235")
    assert ev.ss == D("0.1235")                        # 24,69 / 200 = 0,12345
    assert (ev.srm, ev.eis, ev.er) == (D(0), D(0), D(0))
    assert ev.rating == "неудовлетворительная"


def test_mean_degree_and_left_out_indicators():
    indicators = [ind(plan="10", fact="10"), ind(plan="10", fact="5"), ind(plan="10"),
                  ind(plan="0", fact="3"), ind(plan="4", fact="5", better=LOWER)]
    ev = evaluation(report(indicators, rows=[("100", "100", "100")]))
    # (1 + 0,5 + 0,8) / 3 = 0,76666…
    assert ev.achievements == ((0, D(1)), (1, D("0.5000")), (4, D("0.8000")))
    assert ev.left_out == (2, 3)
    assert (ev.sr, ev.ss, ev.srm, ev.eis, ev.er) == \
        (D("0.7667"), D(1), D(1), D(1), D("0.7667"))
    assert ev.rating == "удовлетворительная"


def test_eis_and_er_are_computed_from_unrounded_figures():
    # СР = 2/3; ССуз = 95 / 100; СРм = 1; Эис = 1 / 0,95 = 1,05263…; ЭР = 0,70175…
    ev = evaluation(report([ind(plan="3", fact="2")], rows=[("100", "100", "95")]))
    assert [fmt_ratio(v) for v in (ev.sr, ev.ss, ev.srm, ev.eis, ev.er)] == \
        ["0,6667", "0,9500", "1,0000", "1,0526", "0,7018"]
    assert ev.rating == "удовлетворительная"


def test_no_indicator_and_no_money_give_no_rating():
    ev = evaluation(report())
    assert (ev.sr, ev.ss, ev.srm, ev.eis, ev.er) == (None,) * 5
    assert ev.rating == "не определена"
    ev = evaluation(report([ind(plan="1", fact="1")], rows=[("0", "0", "0")]))
    assert (ev.sr, ev.ss, ev.srm, ev.er) == (D(1), None, None, None)


@pytest.mark.parametrize("er, name", [
    ("1", "высокая"), ("0.90", "высокая"), ("0.9000", "высокая"), ("0.8999", "средняя"),
    ("0.80", "средняя"), ("0.7999", "удовлетворительная"),
    ("0.70", "удовлетворительная"), ("0.6999", "неудовлетворительная"),
    ("0", "неудовлетворительная"),
])
def test_rating_thresholds_are_inclusive(er, name):
    assert rating(D(er)) == name


@pytest.mark.parametrize("fact, name", [
    # ССуз = 1 and СРм = 1, so ЭР = СР = fact / 100000
    ("90000", "высокая"), ("89995", "высокая"),        # 0,89995 is 0,9000 to four decimals
    ("89994", "средняя"), ("80000", "средняя"), ("79995", "средняя"), ("79994", "удовлетворительная"),
    ("70000", "удовлетворительная"), ("69994", "неудовлетворительная"),
])
def test_rating_of_a_report_at_each_threshold(fact, name):
    ev = evaluation(report([ind(plan="100000", fact=fact)], rows=[("10", "10", "10")]))
    assert ev.rating == name


# ---------------------------------------------------------------- Form 1 groups

def test_indicator_groups_order_titles_and_numbering():
    from kedr_tui.core.derive import indicator_groups

    tasks = (Task(title="Первая"), Task(title="Вторая"), Task(title="Третья"))
    rows = [Indicator(task=t, name=f"п{i}") for i, t in enumerate([1, 0, 5, 3, 1, 4, 0])]
    r = Report(year=2021, program=Program(code="04", goal="Цель"), tasks=tasks, indicators=tuple(rows))
    groups = indicator_groups(r)
    assert [(g.task, g.title, g.known, g.rows) for g in groups] == [
        (0, "Цель", True, ((1, 1), (2, 6))),
        (1, "Первая", True, ((1, 0), (2, 4))),
        (2, "Вторая", True, ()),                       # a task without indicators still heads a group
        (3, "Третья", True, ((1, 3),)),                # the last task is known
        (4, "", False, ((1, 5),)),                     # unknown tasks after, in order
        (5, "", False, ((1, 2),)),
    ]
    assert [g.heading for g in groups] == [
        "Показатели цели «Цель»", "Показатели задачи 1 «Первая»", "Показатели задачи 2 «Вторая»",
        "Показатели задачи 3 «Третья»", "Показатели задачи 4 (такой задачи нет)",
        "Показатели задачи 5 (такой задачи нет)"]
    assert derive(r).groups == tuple(groups)


# ---------------------------------------------------------------- Form 2 tree

def test_node_kinds():
    from kedr_tui.core.derive import node_kind

    assert [node_kind(c) for c in ("04.0.02.1", "04.0.02.12", "04.0.02.0", "04.1.00.0", "04.0.00.0",
                                   "04.1")] == \
        ["activity", "activity", "main", "subprogram", "program", "activity"]


def test_tree_order_depth_titles_and_orphans():
    from kedr_tui.core.derive import amounts, expense_tree

    acts = (Activity(code="04.0.02.10", title="десятое"), Activity(code="04.0.02.9", title="девятое"),
            Activity(code="04.0.02.0", task=2, title="ОМ 2"), Activity(code="04.0.01.0", task=1, title="ОМ 1"),
            Activity(code="04.0.05.1", title="сирота"), Activity(code="04.x", title="плохой код"))
    rows = (Expense(code="04.0.02.9", executor="Б", plan_year=D("2"), plan_period=D("1"), cash=D("1"),
                    justification=" нет денег "),
            Expense(code="04.0.02.10", executor="А", plan_year=D("3"), plan_period=D("3"), cash=D("0")),
            Expense(code="04.0.02.9", executor="А", plan_year=D("5"), plan_period=D("4"), cash=D("4"),
                    justification="нет денег"),
            Expense(code="04.0.02.9", executor="Б", plan_year=D("7"), plan_period=D("7"), cash=D("7"),
                    justification="позже"),
            Expense(code="04.0.09.1", executor="А", plan_year=D("100"), plan_period=D("100"), cash=D("1")))
    r = Report(year=2021, program=Program(code="04", title="Программа"), tasks=(Task(), Task()),
               activities=acts, expenses=rows)
    tree = expense_tree(r)
    walk = [(n.code, n.kind, n.title, n.task, n.activity, n.depth) for n in tree.walk()]
    assert walk == [
        ("04.0.00.0", "program", "Программа", None, None, 0),
        ("04.0.01.0", "main", "ОМ 1", 1, 3, 1),
        ("04.0.02.0", "main", "ОМ 2", 2, 2, 1),
        ("04.0.02.9", "activity", "девятое", None, 1, 2),       # 9 before 10: numbers, not text
        ("04.0.02.10", "activity", "десятое", None, 0, 2),
        ("04.0.05.1", "activity", "сирота", None, 4, 1),         # no parent: under the programme
        ("04.x", "activity", "плохой код", None, 5, 1),          # malformed codes last
    ]
    nine = tree.children[1].children[0]
    assert nine.own_rows == [0, 2, 3]
    assert [(e.executor, e.amounts, e.justification, e.first, e.first_amount)
            for e in nine.executors] == [
        ("Б", Amounts(D("9"), D("8"), D("8")), "нет денег\nпозже", 0, 0),
        ("А", Amounts(D("5"), D("4"), D("4")), "нет денег", 2, 2),
    ]
    assert nine.justification == "нет денег\nпозже"
    main = tree.children[1]
    assert [(e.executor, e.amounts) for e in main.executors] == [
        ("Б", Amounts(D("9"), D("8"), D("8"))), ("А", Amounts(D("8"), D("7"), D("4")))]
    assert main.total == Amounts(D("17"), D("15"), D("12"))
    assert tree.total == main.total                      # the row on 04.0.09.1 is left out
    assert amounts(rows[0]) == Amounts(D("2"), D("1"), D("1"))


def test_task_of_a_node():
    from kedr_tui.core.derive import expense_tree, task_of

    acts = (Activity(code="04.0.01.0", task=2, title="ОМ"), Activity(code="04.0.01.1", title="М"),
            Activity(code="04.0.03.0", title="ОМ без задачи"), Activity(code="04.0.03.1", title="М2"),
            Activity(code="04.0.01.2", task=1, title="своя задача"))
    r = Report(year=2021, program=Program(code="04"), tasks=(Task(), Task()), activities=acts)
    nodes = {n.code: n for n in expense_tree(r).walk()}
    assert [task_of(nodes[c], r) for c in ("04.0.01.0", "04.0.01.1", "04.0.01.2", "04.0.03.1",
                                           "04.0.00.0")] == [2, 2, 1, None, None]


def test_derive_reuses_the_tree_only_when_form_2_is_the_same_object():
    from msgspec.structs import replace

    r = report([ind(plan="10", fact="9")], rows=[("100", "100", "95")])
    first = derive(r)
    edited = replace(r, indicators=(ind(plan="10", fact="10"),))
    again = derive(edited, (r, first))
    assert again.tree is first.tree
    assert again.evaluation.sr == 1 and again.evaluation.srm == 1
    assert again.groups[0].rows == ((1, 0),)
    spent = replace(r, expenses=(replace(r.expenses[0], cash=D("50")),))
    third = derive(spent, (r, first))
    assert third.tree is not first.tree and third.tree.total.cash == 50
    assert third.evaluation.srm == 0                     # from the new tree, not the old one


def test_small_plans_count_and_lower_is_better_with_a_small_plan():
    ev = evaluation(report(rows=[("0.5", "0.5", "0.5")]))
    assert (ev.activities_counted, ev.activities_done) == (1, 1)
    assert achievement(ind(plan="0.5", fact="0", better=LOWER)) == 1


def test_one_executor_spelled_with_other_spaces_is_one_line_of_a_total():
    """«МУ «Культура»» on one activity and «МУ\u00a0«Культура»» (pasted from a document) on
    another are one executor, as their rows' identity says: the main activity's total lists
    it once, 100 + 50 / 80 + 50 / 70 + 40, named with single spaces."""
    from msgspec.structs import replace
    base = report(rows=[("100", "80", "70"), ("50", "50", "40")])
    spelled = (replace(base.expenses[0], executor="МУ «Культура»"),
               replace(base.expenses[1], executor="МУ\u00a0 «Культура» "))
    tree = derive(replace(base, expenses=spelled)).tree
    main = tree.children[0]
    assert [(line.executor, line.amounts) for line in main.shown_executors] == [
        ("МУ «Культура»", Amounts(D("150"), D("130"), D("110")))]
    assert [line.executor for line in tree.shown_executors] == ["МУ «Культура»"]
    assert main.total == Amounts(D("150"), D("130"), D("110"))
