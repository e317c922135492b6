"""Every derived figure of a report: the one source for the app, the outputs and ``check``.

Percentages are rounded half-up to 2 decimals and evaluation coefficients to
4 here, once, so that every output shows the same digits.  Sums of money are
exact.  A figure that cannot be computed is ``None`` (shown as «—»).
"""

from __future__ import annotations

import re
from decimal import Decimal

from msgspec import Struct, field

from kedr_tui.core.formula import FormulaValue, evaluate
from kedr_tui.core.model import LOWER, Activity, Expense, Indicator, Report
from kedr_tui.core.numbers import FOUR, TWO, decimals_of, round_half_up
from kedr_tui.core import wording

HUNDRED = Decimal(100)
ZERO = Decimal(0)
CASH_THRESHOLD = Decimal("0.95")
RATINGS = ((Decimal("0.90"), wording.RATING_HIGH), (Decimal("0.80"), wording.RATING_MEDIUM),
           (Decimal("0.70"), wording.RATING_SATISFACTORY))
RATING_LOW = wording.RATING_LOW
RATING_NONE = wording.RATING_NONE

CODE_RE = re.compile(r"(\d{2})\.(\d)\.(\d{2})\.(\d{1,2})")


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part / whole × 100`` rounded half-up to 2 decimals; «—» when it can't be."""
    if part is None or whole is None or whole == 0:
        return None
    return round_half_up(part / whole * HUNDRED, TWO)


# ---------------------------------------------------------------- Form 1

class IndicatorFigures(Struct, frozen=True):
    abs_deviation: Decimal | None
    rel_deviation: Decimal | None
    growth: Decimal | None
    unfavourable: bool          # off plan in the direction that is worse
    formula: FormulaValue
    formula_mismatch: bool      # the formula's value disagrees with the fact


def unfavourable(ind: Indicator) -> bool:
    if ind.fact is None or ind.plan is None:
        return False
    return ind.fact > ind.plan if ind.better == LOWER else ind.fact < ind.plan


def formula_value(ind: Indicator) -> FormulaValue:
    return evaluate(ind.formula) if ind.formula else FormulaValue()


def formula_mismatch(ind: Indicator, value: FormulaValue) -> bool:
    if value.error:
        return True
    if value.value is None or ind.fact is None:
        return False
    places = Decimal(1).scaleb(-decimals_of(ind.fact))
    return round_half_up(value.value, places) != ind.fact


def indicator_figures(ind: Indicator) -> IndicatorFigures:
    fact, plan = ind.fact, ind.plan
    absolute = fact - plan if fact is not None and plan is not None else None
    relative = percent(plan, fact) if ind.better == LOWER else percent(fact, plan)
    value = formula_value(ind)
    return IndicatorFigures(absolute, relative, percent(fact, ind.prev), unfavourable(ind),
                            value, formula_mismatch(ind, value))


class IndicatorGroup(Struct, frozen=True):
    task: int                       # 0 for the programme goal
    title: str                      # the goal or the task's title ("" if the task is unknown)
    known: bool                     # False: indicators on a task the report does not have
    rows: tuple[tuple[int, int], ...]   # (number within group, index in report.indicators)

    @property
    def heading(self) -> str:
        if self.task == 0:
            return wording.goal_indicators(self.title)
        if not self.known:
            return wording.task_indicators_no_task(self.task)
        return wording.task_indicators(self.task, self.title)


def indicator_groups(report: Report) -> list[IndicatorGroup]:
    """Form 1's groups: the goal, then each task in order; numbering within a group."""
    by_task: dict[int, list[int]] = {}
    for index, ind in enumerate(report.indicators):
        by_task.setdefault(ind.task, []).append(index)
    order = [0, *range(1, len(report.tasks) + 1)]
    order += sorted(t for t in by_task if t not in order)
    groups = []
    for task in order:
        known = 0 <= task <= len(report.tasks)
        if task == 0:
            title = report.program.goal
        else:
            title = report.tasks[task - 1].title if known else ""
        indices = by_task.get(task, [])
        groups.append(IndicatorGroup(task, title, known,
                                     tuple((n, i) for n, i in enumerate(indices, start=1))))
    return groups


# ---------------------------------------------------------------- Form 2

class Amounts(Struct, frozen=True):
    plan_year: Decimal = ZERO
    plan_period: Decimal = ZERO
    cash: Decimal = ZERO

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(self.plan_year + other.plan_year, self.plan_period + other.plan_period,
                       self.cash + other.cash)

    @property
    def pct_year(self) -> Decimal | None:
        return percent(self.cash, self.plan_year)

    @property
    def pct_period(self) -> Decimal | None:
        return percent(self.cash, self.plan_period)

    @property
    def is_zero(self) -> bool:
        return not (self.plan_year or self.plan_period or self.cash)


def amounts(row: Expense) -> Amounts:
    return Amounts(row.plan_year, row.plan_period, row.cash)


class ExecutorLine(Struct, frozen=True):
    """One executor's share of a node: a real row on a leaf, a sum elsewhere."""

    executor: str
    amounts: Amounts
    justification: str
    rows: tuple[int, ...]          # indices in report.expenses


class Node(Struct):
    """A node of Form 2's tree: the programme, a subprogram, a main activity or an activity."""

    code: str
    kind: str                      # "program" | "subprogram" | "main" | "activity"
    title: str
    task: int | None
    activity: int | None           # index in report.activities (None for the programme)
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    own_rows: list[int] = field(default_factory=list)
    total: Amounts = Amounts()
    executors: list[ExecutorLine] = field(default_factory=list)
    justification: str = ""

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def shown_executors(self) -> list[ExecutorLine]:
        """A leaf's own rows; on an aggregated row the executors with a non-zero
        amount, or all of them when the total is zero."""
        if self.is_leaf or self.total.is_zero:
            return list(self.executors)
        return [line for line in self.executors if not line.amounts.is_zero]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def split_code(code: str) -> tuple[int, int, int, int] | None:
    match = CODE_RE.fullmatch(code)
    return tuple(int(part) for part in match.groups()) if match else None  # type: ignore[return-value]


def parent_code(code: str) -> str | None:
    """The code with its last non-zero part zeroed; ``None`` for the programme itself."""
    parts = CODE_RE.fullmatch(code)
    if not parts:
        return None
    mp, pp, om, m = parts.groups()
    if int(m):
        return f"{mp}.{pp}.{om}.0"
    if int(om):
        return f"{mp}.{pp}.00.0"
    if int(pp):
        return f"{mp}.0.00.0"
    return None


def program_code(report: Report) -> str:
    return f"{report.program.code}.0.00.0"


def node_kind(code: str) -> str:
    parts = split_code(code)
    if parts is None:
        return "activity"
    _mp, pp, om, m = parts
    if m:
        return "activity"
    if om:
        return "main"
    return "subprogram" if pp else "program"


def _distinct(texts) -> str:
    seen: list[str] = []
    for text in texts:
        text = text.strip()
        if text and text not in seen:
            seen.append(text)
    return "\n".join(seen)


def _sort_key(code: str):
    parts = split_code(code)
    return (0, parts) if parts else (1, code)


def expense_tree(report: Report) -> Node:
    """Form 2 as a tree of totals; children in code order, rows in file order.

    Activities whose parent is missing hang under the programme (checks
    report them); expense rows on unknown codes are left out (E-REF).
    """
    return _build_tree(report)


def _build_tree(report: Report) -> Node:
    root = Node(program_code(report), "program", report.program.title, None, None)
    nodes: dict[str, Node] = {root.code: root}
    for index, act in enumerate(report.activities):
        if act.code not in nodes:
            nodes[act.code] = Node(act.code, node_kind(act.code), act.title, act.task, index)
    for code in sorted(nodes, key=_sort_key):
        node = nodes[code]
        if node is root:
            continue
        parent = nodes.get(parent_code(code) or "", root)
        parent.children.append(node)
    for index, row in enumerate(report.expenses):
        node = nodes.get(row.code)
        if node is not None and node is not root:
            node.own_rows.append(index)
    _sum(root, report.expenses, 0)
    return root


def _sum(node: Node, expenses: tuple[Expense, ...], depth: int) -> list[int]:
    node.depth = depth
    rows = list(node.own_rows)
    for child in node.children:
        rows += _sum(child, expenses, depth + 1)
    by_executor: dict[str, list[int]] = {}
    for index in sorted(rows):
        by_executor.setdefault(expenses[index].executor, []).append(index)
    order = list(by_executor.items())
    if node.children:
        # a total lists executors as they first appear in the file with an amount: a row of
        # zeros added (or an executor's zero rows elsewhere) reorders nothing
        def first_amount(item):
            with_amount = [i for i in item[1] if not amounts(expenses[i]).is_zero]
            return (0, with_amount[0]) if with_amount else (1, item[1][0])
        order.sort(key=first_amount)
    total = Amounts()
    for executor, indices in order:
        # plain Decimal sums: the app re-derives after every edit (a 2 000-row report)
        share = Amounts(sum([expenses[i].plan_year for i in indices], ZERO),
                        sum([expenses[i].plan_period for i in indices], ZERO),
                        sum([expenses[i].cash for i in indices], ZERO))
        total = total + share
        node.executors.append(ExecutorLine(
            executor, share, _distinct(expenses[i].justification for i in indices), tuple(indices)))
    node.total = total
    node.justification = _distinct(expenses[i].justification for i in rows)
    return rows


def task_of(node: Node, report: Report) -> int | None:
    """The task a node belongs to: its own, or its nearest main activity's."""
    if node.task is not None:
        return node.task
    parent = parent_code(node.code)
    for act in report.activities:
        if act.code == parent and act.task is not None:
            return act.task
    return None


# ---------------------------------------------------------------- evaluation

class Evaluation(Struct, frozen=True):
    achievements: tuple[tuple[int, Decimal], ...]   # (indicator index, СДП capped at 1)
    left_out: tuple[int, ...]                      # indicators without fact or with plan 0
    sr: Decimal | None       # СР, mean degree of achievement
    ss: Decimal | None       # ССуз, cash / plan of the programme
    srm: Decimal | None      # СРм, share of activities with cash ≥ 95 % of plan
    eis: Decimal | None      # Эис = СРм / ССуз
    er: Decimal | None       # ЭР = СР × Эис
    rating: str
    activities_counted: int = 0
    activities_done: int = 0
    left_out_reasons: tuple[str, ...] = ()         # why, one per ``left_out``


NEGATIVE_LEFT_OUT = wording.LEFT_OUT_NEGATIVE


def left_out_reason(ind: Indicator) -> str | None:
    """Why the evaluation leaves an indicator out, or ``None`` when it counts.

    A negative plan or fact (a typo: W-NEGATIVE) would invert СДП, so such an
    indicator is left out rather than counted upside down.
    """
    if ind.fact is None:
        return wording.LEFT_OUT_NO_FACT
    if ind.plan is None or ind.plan == 0:
        return wording.LEFT_OUT_PLAN_ZERO
    if ind.plan < 0 or ind.fact < 0:
        return NEGATIVE_LEFT_OUT
    return None


def achievement(ind: Indicator) -> Decimal | None:
    if left_out_reason(ind) is not None:
        return None
    if ind.better == LOWER:
        if ind.fact == 0:
            return Decimal(1)
        degree = ind.plan / ind.fact
    else:
        degree = ind.fact / ind.plan
    return min(degree, Decimal(1))


def rating(er: Decimal | None) -> str:
    if er is None:
        return RATING_NONE
    for threshold, name in RATINGS:
        if er >= threshold:
            return name
    return RATING_LOW


def evaluation(report: Report, tree: Node | None = None) -> Evaluation:
    tree = tree or expense_tree(report)
    achieved, left_out, reasons = [], [], []
    for index, ind in enumerate(report.indicators):
        degree = achievement(ind)
        if degree is None:
            left_out.append(index)
            reasons.append(left_out_reason(ind) or "")
        else:
            achieved.append((index, degree))
    sr = sum((d for _, d in achieved), Decimal(0)) / len(achieved) if achieved else None
    total = tree.total
    ss = total.cash / total.plan_year if total.plan_year else None
    counted = [n for n in tree.walk() if n.kind == "activity" and n.total.plan_year > 0]
    done = [n for n in counted if n.total.cash >= CASH_THRESHOLD * n.total.plan_year]
    srm = Decimal(len(done)) / len(counted) if counted else None
    eis = srm / ss if srm is not None and ss else None
    er = sr * eis if sr is not None and eis is not None else None

    def r4(value):
        return None if value is None else round_half_up(value, FOUR)

    return Evaluation(tuple((i, r4(d)) for i, d in achieved), tuple(left_out), r4(sr), r4(ss),
                      r4(srm), r4(eis), r4(er), rating(r4(er)), len(counted), len(done),
                      tuple(reasons))


# ---------------------------------------------------------------- everything

class Derived(Struct, frozen=True):
    """All computed figures of one report state."""

    indicators: tuple[IndicatorFigures, ...]
    groups: tuple[IndicatorGroup, ...]
    tree: Node
    evaluation: Evaluation

    @property
    def nodes(self) -> dict[str, Node]:
        return {node.code: node for node in self.tree.walk()}


def derive(report: Report, previous: tuple[Report, Derived] | None = None) -> Derived:
    """All figures of ``report``.  ``previous`` (an earlier state and its figures) lets an
    edit outside Form 2 reuse the expense tree: the edited report then shares the very
    same program, activities and expenses objects (the app re-derives after every edit)."""
    tree = None
    if previous is not None:
        old, figures = previous
        if (old.program is report.program and old.activities is report.activities
                and old.expenses is report.expenses):
            tree = figures.tree
    tree = tree or expense_tree(report)
    return Derived(tuple(indicator_figures(i) for i in report.indicators),
                   tuple(indicator_groups(report)), tree, evaluation(report, tree))


def activity_by_code(report: Report) -> dict[str, Activity]:
    return {a.code: a for a in report.activities}
