"""Every derived figure of a report: the one source for the app, the outputs and ``check``.

Percentages are rounded half-up to 2 decimals and evaluation coefficients to
4 here, once, so that every output shows the same digits.  Sums of money are
exact.  A figure that cannot be computed is ``None`` (shown as «—»).
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from msgspec import Struct, field
from msgspec.structs import replace

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

# ASCII digits only: ``\d`` also takes «٠٤» or «０４», which int() reads as 4, and such a code
# was called «written without the leading zero» instead of malformed.
CODE_RE = re.compile(r"([0-9]{2})\.([0-9])\.([0-9]{2})\.([0-9]{1,2})")


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
    degree: Decimal | None = None       # СДП for the evaluation, unrounded (None: left out)
    achieved: Decimal | None = None     # the same, rounded as the evaluation shows it
    left_out: str = ""                  # why the evaluation leaves it out


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
    degree = achievement(ind)
    return IndicatorFigures(absolute, relative, percent(fact, ind.prev), unfavourable(ind),
                            value, formula_mismatch(ind, value), degree,
                            None if degree is None else round_half_up(degree, FOUR),
                            "" if degree is not None else left_out_reason(ind) or "")


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


def cash_done(total: Amounts) -> bool:
    """Whether an activity's cash reaches 95 % of its year plan, so СРм counts it as done:
    exact, as the methodology says (949,99 of 1 000 is not, though shown «95,00 %»)."""
    return total.plan_year > 0 and total.cash >= CASH_THRESHOLD * total.plan_year


def cash_share_shown(total: Amounts) -> Decimal | None:
    """The year plan's percentage as the detail of an activity shows it beside its СРм
    verdict: two decimals, unless those would show a share short of 95 % as 95,00: then
    cut (not rounded) to four, «94,9975», so the figure and the verdict agree."""
    if total.plan_year <= 0:
        return None
    exact = total.cash / total.plan_year * HUNDRED
    shown = round_half_up(exact, TWO)
    if shown >= CASH_THRESHOLD * HUNDRED and not cash_done(total):
        return exact.quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return shown


def amounts(row: Expense) -> Amounts:
    return Amounts(row.plan_year, row.plan_period, row.cash)


class ExecutorLine(Struct, frozen=True):
    """One executor's share of a node: a real row on a leaf, a sum elsewhere."""

    executor: str
    amounts: Amounts
    justification: str
    first: int                      # the executor's first row under the node (index in report.expenses)
    first_amount: int | None        # its first row there with a non-zero amount
    texts: tuple[tuple[int, str], ...] = ()     # its distinct justifications, each with its first row


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
    texts: tuple[str, ...] = ()     # the distinct justifications of its rows, in tree order
    counted: int = 0                # activities in this subtree (itself too) with a year plan > 0
    done: int = 0                   # of them, those with cash ≥ 95 % of it

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def heading(self) -> "Node | None":
        """The main activity whose task's heading this node stands under in Form 2: itself,
        or a subprogram's first (the subprogram serves that task); ``None`` for others."""
        if self.kind == "main":
            return self
        if self.kind == "subprogram":
            return next((child for child in self.children if child.kind == "main"), None)
        return None

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


@lru_cache(maxsize=1 << 16)   # a code is split for each of its rows, checks and tree alike
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


def _sum(node: Node, expenses: tuple[Expense, ...], depth: int) -> None:
    node.depth = depth
    for child in node.children:
        _sum(child, expenses, depth + 1)
    combine(node, expenses)


def combine(node: Node, expenses: tuple[Expense, ...]) -> None:
    """A node's executor lines, total and justification from its own rows and its children's
    lines: the one computation of Form 2's sums, for the whole tree (bottom-up) and for the
    path an edit of one row touches (``changed_tree``).  An executor line is named by the
    executor's whitespace-normalised name.

    Executors are listed as they first appear in the file; on a total, as they first appear
    with an amount: a row of zeros added (or an executor's zero rows elsewhere) reorders nothing.
    A justification appears once, at its first row (on the node itself: in tree order)."""
    parts: dict[str, list] = {}     # executor -> [first, first_amount, plan_year, plan_period, cash, texts]
    node_texts: list[str] = []
    for index in node.own_rows:
        row = expenses[index]
        text = row.justification.strip()
        pair = ((index, text),) if text else ()
        if text and text not in node_texts:
            node_texts.append(text)
        nonzero = bool(row.plan_year or row.plan_period or row.cash)
        # one executor, however its name is spaced (a no-break space pasted from a document):
        # the same as a row's identity (core/identity.py), so a total never lists it twice
        executor = " ".join(row.executor.split())
        part = parts.get(executor)
        if part is None:
            parts[executor] = [index, index if nonzero else None, row.plan_year, row.plan_period,
                                   row.cash, list(pair)]
        else:
            if nonzero and part[1] is None:
                part[1] = index
            part[2] += row.plan_year
            part[3] += row.plan_period
            part[4] += row.cash
            part[5] += pair
    for child in node.children:
        for text in child.texts:
            if text not in node_texts:
                node_texts.append(text)
        for line in child.executors:
            share = line.amounts
            part = parts.get(line.executor)
            if part is None:
                parts[line.executor] = [line.first, line.first_amount, share.plan_year,
                                        share.plan_period, share.cash, list(line.texts)]
                continue
            if line.first < part[0]:
                part[0] = line.first
            if line.first_amount is not None and (part[1] is None or line.first_amount < part[1]):
                part[1] = line.first_amount
            part[2] += share.plan_year
            part[3] += share.plan_period
            part[4] += share.cash
            part[5] += line.texts
    if node.children:
        order = sorted(parts.items(), key=lambda item: (0, item[1][1]) if item[1][1] is not None
                       else (1, item[1][0]))
    else:
        order = sorted(parts.items(), key=lambda item: item[1][0])
    total = Amounts()
    lines = []
    for executor, (first, first_amount, plan_year, plan_period, cash, pairs) in order:
        share = Amounts(plan_year, plan_period, cash)
        total = total + share
        if len(pairs) > 1:
            earliest: dict[str, int] = {}
            for index, text in pairs:
                if text not in earliest or index < earliest[text]:
                    earliest[text] = index
            pairs = sorted(((index, text) for text, index in earliest.items()))
        lines.append(ExecutorLine(executor, share, "\n".join(text for _, text in pairs), first,
                                  first_amount, tuple(pairs)))
    node.executors = lines
    node.total = total
    counted = sum(child.counted for child in node.children)
    done = sum(child.done for child in node.children)
    if node.kind == "activity" and total.plan_year > 0:
        counted += 1
        done += cash_done(total)
    node.counted, node.done = counted, done
    node.texts = tuple(node_texts)
    node.justification = "\n".join(node_texts)


def path_to(tree: Node, code: str) -> list[Node]:
    """The nodes from the root down to the node of ``code`` (none: no such node), found
    along the code's ancestors without walking the tree (a node whose parent is missing
    hangs under the programme)."""
    ancestors = set()
    parent: str | None = code
    while parent:
        ancestors.add(parent)
        parent = parent_code(parent)
    path = [tree]
    while path[-1].code != code:
        step = next((child for child in path[-1].children if child.code in ancestors), None)
        if step is None:
            return []
        path.append(step)
    return path


def changed_tree(tree: Node, expenses: tuple[Expense, ...], code: str) -> tuple[Node, tuple[str, ...]]:
    """The tree after a value edit of a row on activity ``code``: the nodes from the root to
    that activity are copies, recomputed (``combine``); every other node is shared with
    ``tree``, which is left as it was (undo gives back its figures).  Also the codes of the
    nodes recomputed."""
    path = path_to(tree, code)
    if not path:
        return tree, ()                 # a row on an unknown activity is in no total (E-REF)
    copies = [replace(node, children=list(node.children)) for node in path]
    for at in range(len(copies) - 1, -1, -1):
        node = copies[at]
        if at + 1 < len(copies):
            old = path[at + 1]
            node.children = [copies[at + 1] if child is old else child for child in node.children]
        combine(node, expenses)
    return copies[0], tuple(node.code for node in copies)


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


def evaluation(report: Report, tree: Node | None = None,
               figures: tuple[IndicatorFigures, ...] | None = None) -> Evaluation:
    """The evaluation from each indicator's degree of achievement (``IndicatorFigures``) and
    the activities counted in the tree's nodes: cheap enough to redo after every edit."""
    tree = tree or expense_tree(report)
    if figures is None:
        figures = tuple(indicator_figures(ind) for ind in report.indicators)
    achieved: list[int] = []
    left_out: list[int] = []
    for index, f in enumerate(figures):
        (left_out if f.degree is None else achieved).append(index)
    sr = sum([figures[i].degree for i in achieved], Decimal(0)) / len(achieved) if achieved else None
    total = tree.total
    ss = total.cash / total.plan_year if total.plan_year else None
    srm = Decimal(tree.done) / tree.counted if tree.counted else None
    eis = srm / ss if srm is not None and ss else None
    er = sr * eis if sr is not None and eis is not None else None

    def r4(value):
        return None if value is None else round_half_up(value, FOUR)

    return Evaluation(tuple([(i, figures[i].achieved) for i in achieved]), tuple(left_out), r4(sr), r4(ss),
                      r4(srm), r4(eis), r4(er), rating(r4(er)), tree.counted, tree.done,
                      tuple([figures[i].left_out for i in left_out]))


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

    def node(self, code: str) -> Node | None:
        """``nodes.get(code)`` without walking the whole tree."""
        path = path_to(self.tree, code)
        return path[-1] if path else None


def form1(report: Report) -> tuple[tuple[IndicatorFigures, ...], tuple[IndicatorGroup, ...]]:
    """Form 1's figures and groups: all the first tab shows, without the expense tree."""
    return tuple(indicator_figures(i) for i in report.indicators), tuple(indicator_groups(report))


def derive(report: Report, previous: tuple[Report, Derived] | None = None,
           first: tuple[tuple[IndicatorFigures, ...], tuple[IndicatorGroup, ...]] | None = None
           ) -> Derived:
    """All figures of ``report``.  ``previous`` (an earlier state and its figures) lets an
    edit outside Form 2 reuse the expense tree: the edited report then shares the very
    same program, activities and expenses objects (the app re-derives after every edit).
    ``first``: ``form1(report)``, when it was worked out already."""
    tree = None
    if previous is not None:
        old, figures = previous
        if (old.program is report.program and old.activities is report.activities
                and old.expenses is report.expenses):
            tree = figures.tree
    tree = tree or expense_tree(report)
    figures, groups = first or form1(report)
    return Derived(figures, groups, tree, evaluation(report, tree, figures))


def activity_by_code(report: Report) -> dict[str, Activity]:
    return {a.code: a for a in report.activities}


# ---------------------------------------------------------------- figures of values not given

AMOUNT_FIELDS = ("plan_year", "plan_period", "cash")
_EVALUATION_USES = {"indicators": {"plan", "fact", "better", "task"},
                    "expenses": {"plan_year", "cash", "code"}, "activities": {"code"}}


class Unknown(Struct, frozen=True):
    """What would be worked out of values the file does not give (``schema.Parsed.unsure``):
    shown as unknown («—», a missing operand), never as if the default in their place were
    real.  Only a report with schema errors has any, and it is open read-only."""

    expenses: dict[int, frozenset[str]] = field(default_factory=dict)  # a row's amounts not given
    nodes: dict[str, frozenset[str]] = field(default_factory=dict)     # totals that miss a value
    evaluation: bool = False                    # the evaluation uses a value not given
    #: an executor's line on a node ((code, executor); executor ``None``: every line of it)
    lines: dict[tuple, frozenset[str]] = field(default_factory=dict)
    #: indicators whose ``better`` the file does not give: no relative deviation, not «worse»
    indicators: frozenset[int] = frozenset()

    def of_node(self, code: str) -> frozenset[str]:
        return self.nodes.get(code, frozenset())

    def of_line(self, code: str, executor: str) -> frozenset[str]:
        return self.lines.get((code, executor), frozenset()) | self.lines.get((code, None), frozenset())

    def of_row(self, index: int) -> frozenset[str]:
        return self.expenses.get(index, frozenset())


def unknown_of(report: Report, unsure: frozenset) -> Unknown | None:
    """The figures of ``report`` that use a value the file does not give; ``None``: none."""
    if not unsure:
        return None

    def given_not(section: str, src) -> set[str] | None:
        """The fields of a row the file does not give; ``None``: the whole row."""
        out: set[str] = set()
        for place_section, place_src, field_name in unsure:
            if place_section != section or place_src not in (src, None):
                continue
            if field_name is None:
                return None
            out.add(field_name)
        return out

    everything = frozenset(AMOUNT_FIELDS)
    rows: dict[int, frozenset[str]] = {}
    nodes: dict[str, set[str]] = {}
    lines: dict[tuple, set[str]] = {}
    anywhere: set[str] = set()        # fields whose rows may belong to any node
    for index, row in enumerate(report.expenses):
        if row.src is None:
            continue
        fields = given_not("expenses", row.src)
        if fields is None or "code" in fields:
            anywhere.update(AMOUNT_FIELDS)
            missing = everything if fields is None else frozenset(fields) & everything
        else:
            missing = frozenset(fields) & everything
        if not missing:
            continue
        rows[index] = missing
        executor = None if fields is None or "executor" in fields else " ".join(row.executor.split())
        code: str | None = row.code
        while code:
            nodes.setdefault(code, set()).update(missing)
            lines.setdefault((code, executor), set()).update(missing)
            code = parent_code(code)
    activity_codes = any(s == "activities" and f in (None, "code") for s, _i, f in unsure)
    if activity_codes or ("expenses", None, None) in unsure:
        anywhere.update(AMOUNT_FIELDS)      # which rows a node has is not known
    program = program_code(report)
    if anywhere:
        for code in [program, *(a.code for a in report.activities)]:
            nodes.setdefault(code, set()).update(anywhere)
            lines.setdefault((code, None), set()).update(anywhere)
    else:
        for (code, executor), missing in list(lines.items()):
            nodes.setdefault(program, set()).update(missing)
            lines.setdefault((program, executor), set()).update(missing)
    evaluation = any(section in _EVALUATION_USES and (field_name is None or field_name in _EVALUATION_USES[section])
                     for section, _src, field_name in unsure)
    better = frozenset(index for index, ind in enumerate(report.indicators) if ind.src is not None
                       and (given_not("indicators", ind.src) is None
                            or "better" in given_not("indicators", ind.src)))
    return Unknown(rows, {code: frozenset(f) for code, f in nodes.items()}, evaluation,
                   {key: frozenset(f) for key, f in lines.items()}, better)


def without_unknown(derived: Derived, unknown: Unknown | None) -> Derived:
    """``derived`` with the indicator figures that use a ``better`` not given as none."""
    if unknown is None or not unknown.indicators:
        return derived
    return replace(derived, indicators=indicators_without_unknown(derived.indicators, unknown))


def indicators_without_unknown(figures: tuple[IndicatorFigures, ...],
                               unknown: Unknown | None) -> tuple[IndicatorFigures, ...]:
    if unknown is None or not unknown.indicators:
        return figures
    out = list(figures)
    for index in unknown.indicators:
        out[index] = replace(out[index], rel_deviation=None, unfavourable=False)
    return tuple(out)


def shown_amounts(amounts: Amounts, missing: frozenset[str]) -> Amounts:
    """``amounts`` with the fields in ``missing`` as no value (shown «—», and so their %)."""
    if not missing:
        return amounts
    return Amounts(**{name: None if name in missing else getattr(amounts, name)
                      for name in AMOUNT_FIELDS})
