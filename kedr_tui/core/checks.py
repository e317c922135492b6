"""Every check of a report: errors (the file can't be trusted) and warnings.

Pure: the model, its derived figures and a line index in; findings out.
"""

from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from kedr_tui.core import identity, wording
from kedr_tui.core.derive import Derived, left_out_reason, parent_code, program_code, split_code
from kedr_tui.core.errors import Finding
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import PLACEHOLDERS, Report, is_placeholder
from kedr_tui.core.numbers import fmt_date, fmt_money, fmt_value

NAME_WIDTH = 70
MAX_TASKS = 10 ** 6


def canonical_code(code: str) -> str:
    """An activity code as the forms write it: the activity number without a leading zero."""
    mp, pp, om, m = code.split(".")
    return f"{mp}.{pp}.{om}.{int(m)}"


def short(text: str, width: int = NAME_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# Stages of the checks, in the order ``check`` runs them.  A finding's place in the full
# order is (line, column, stage, row, sequence): the stable order ``check`` emits them in,
# made explicit so that the findings of one row can be replaced after a value edit
# (core/analysis.py) without running the other rows' checks.
(YEAR, CODES, PARENTS, ACTIVITY_REFS, INDICATOR_REFS, EXPENSE_REFS, EXPENSE_DUPS, INDICATOR_DUPS,
 AMENDMENT_DUPS, INDICATORS, EXPENSES, INDICATOR_VALUES, EXPENSE_VALUES) = range(13)
PLACEHOLDER_STAGES = {section: 13 + n for n, section in enumerate(PLACEHOLDERS)}
EMPTY_ACTIVITIES = 13 + len(PLACEHOLDERS)
# the stages that look at one row alone: a value edit of a row re-runs these for it
ROW_STAGES = {"indicators": (INDICATORS, INDICATOR_VALUES, PLACEHOLDER_STAGES["indicators"]),
              "expenses": (EXPENSES, EXPENSE_VALUES, PLACEHOLDER_STAGES["expenses"])}


class _Collector:
    def __init__(self, report: Report, locator: Locator, only: tuple[str, int] | None = None,
                 unsure: frozenset = frozenset()):
        self.report = report
        self.unsure = unsure        # values the file did not give (``schema.Parsed.unsure``)
        self.locator = locator
        self.only = only            # (section, index): run the per-row checks of that row only
        self.findings: list[Finding] = []
        self.order: list[tuple[int, int, int]] = []     # (stage, row, sequence) of each finding
        self.stage = YEAR

    def rows(self, section: str, stage: int):
        """The indices of ``section`` a per-row check looks at, as ``stage``."""
        self.stage = stage
        if self.only is None:
            return range(len(getattr(self.report, section)))
        return (self.only[1],) if self.only[0] == section else ()

    def unsure_of(self, section: str, index: int | None, fields) -> bool:
        """Whether a value of ``fields`` of the row (``index`` ``None``: the table) is one the
        file did not give: a schema error stands in its place, and nothing is worked out of
        the default the model holds instead (a missing ``plan_period`` is not a 0)."""
        unsure = self.unsure
        if not unsure:
            return False
        if (section, None, None) in unsure:
            return True
        src = None if index is None else getattr(getattr(self.report, section)[index], "src", None)
        if index is not None and src is None:
            return False        # a row added since the file was read holds what was typed
        return (section, src, None) in unsure or any((section, src, f) in unsure for f in fields)

    def any_unsure(self, section: str, field: str) -> bool:
        """Whether some row of ``section`` lacks its ``field`` (or the section is missing)."""
        unsure = self.unsure
        return bool(unsure) and any(
            place[0] == section and (place[2] is None or place[2] == field) for place in unsure)

    def add(self, code: str, message: str, section: str, index: int | None, key: str | None = None,
            order: int | None = None, uses: tuple[str, ...] | None = None):
        """Record a finding on ``key`` of a row, unless a value it is worked out from (``uses``,
        by default ``key``) is missing from the file."""
        if self.unsure_of(section, index, uses if uses is not None else (key,) if key else ()):
            return
        row = getattr(self.report, section)[index] if index is not None else None
        src = getattr(row, "src", None) if row is not None else None
        if index is not None and src is None:
            line, column = 0, 1  # a row added since the file was read
        else:
            path = (section,) if index is None else (section, src)
            line, column = self.locator.find(*(path + ((key,) if key else ())))
        self.findings.append(Finding(code, message, line, column, (section, index), key))
        self.order.append((self.stage, index if order is None else order, len(self.order)))


def check(report: Report, derived: Derived, locator: Locator, *,
          file_year: int | None = None,
          previous: dict[str, Decimal | None] | None = None) -> list[Finding]:
    """All semantic findings of a parsed report, in file order within each check.

    ``file_year``: the year in the file's name, if it has one.
    ``previous``: name -> fact of last year's report, if that file exists.
    """
    return collect(report, derived, locator, file_year=file_year, previous=previous).findings


def collect(report: Report, derived: Derived, locator: Locator, *, file_year: int | None = None,
            previous: dict[str, Decimal | None] | None = None,
            only: tuple[str, int] | None = None, unsure: frozenset = frozenset(),
            errors: Found | None = None) -> _Collector:
    """``check``'s findings with their order (``_Collector.order``).  ``only``: a row
    (section, index) whose per-row checks (``ROW_STAGES``) alone are run.  ``unsure``: the
    values the file did not give (``schema.Parsed.unsure``), which no finding is drawn from.
    ``errors``: what ``collect_errors`` found on this report, locator and ``unsure``, not
    looked for again."""
    out = _Collector(report, locator, only, unsure)
    if only is not None:
        _indicators(report, derived, out, previous)
        _expenses(report, out)
        _plausibility(report, derived, out)
        return out
    if errors is None:
        errors = collect_errors(report, locator, file_year=file_year, unsure=unsure)
    out.findings, out.order = list(errors.findings), list(errors.order)
    if problem := getattr(previous, "problem", None):     # store.report.UnreadablePrevious
        line, column = locator.find("year")
        out.findings.append(Finding("W-PREV", wording.previous_unreadable(report.year - 1, previous.name, problem),
                                    line, column, (), "year"))
        out.order.append((YEAR, -1, 1))
    _indicators(report, derived, out, previous)
    _expenses(report, out)
    _plausibility(report, derived, out)
    return out


class Found(Struct, frozen=True):
    """Findings with their places in the order (see ``_Collector.order``)."""

    findings: tuple[Finding, ...]
    order: tuple[tuple[int, int, int], ...]


def collect_errors(report: Report, locator: Locator, *, file_year: int | None = None,
                   unsure: frozenset = frozenset()) -> Found:
    """The checks that find errors (``E-*``), and only errors: the year, the codes, the
    references and the repeated rows (the stages up to AMENDMENT_DUPS).  They need no
    derived figure, so the app knows whether a report is to be read-only before it has
    worked out the rest; the stages after these find only warnings."""
    out = _Collector(report, locator, unsure=unsure)
    if file_year is not None and report.year and report.year != file_year:
        line, column = locator.find("year")
        out.order.append((YEAR, -1, 0))
        out.findings.append(Finding("E-YEAR", wording.year_differs(report.year, file_year), line, column, (), "year"))
    _codes(report, out)
    _references(report, out)
    _duplicates(report, out)
    return Found(tuple(out.findings), tuple(out.order))


def _codes(report: Report, out: _Collector) -> None:
    if not report.program.code.strip():
        # Without the programme's code no activity can be checked against it: one line says
        # so (a missing key is already E-SCHEMA), instead of one per activity.
        if out.locator.place("program", "code") is not None:
            out.add("E-CODE", wording.program_code_empty(), "program", None, "code")
        return
    program = program_code(report)
    known = {program}
    seen: set[str] = set()
    seen_parts: dict[tuple, str] = {}
    out.stage = CODES
    split = [split_code(act.code) for act in report.activities]     # (a report has thousands)
    for index, act in enumerate(report.activities):
        parts = split[index]
        if parts is None:
            out.add("E-CODE", wording.code_malformed(short(act.code, 40)),
                    "activities", index, "code")
            continue
        canonical = canonical_code(act.code)
        if canonical != act.code:  # 04.0.02.01 and 04.0.02.1 would be two activities
            out.add("E-CODE", wording.code_leading_zero(act.code, canonical), "activities", index, "code")
        elif parts in seen_parts and seen_parts[parts] != act.code:
            out.add("E-CODE", wording.code_repeats_as(act.code, seen_parts[parts]), "activities",
                    index, "code")
        seen_parts.setdefault(parts, act.code)
        if act.code.split(".")[0] != report.program.code:
            out.add("E-CODE", wording.code_of_other_program(act.code, report.program.code),
                    "activities", index, "code")
        elif act.code == program:
            out.add("E-CODE", wording.code_of_program_listed(act.code),
                    "activities", index, "code")
        elif act.code in seen:
            out.add("E-CODE", wording.code_repeated(act.code), "activities", index, "code")
        seen.add(act.code)
        known.add(act.code)
    out.stage = PARENTS
    if out.any_unsure("activities", "code"):
        return      # the parent may be the activity whose code could not be read
    for index, act in enumerate(report.activities):
        if split[index] and (parent := parent_code(act.code)) and parent not in known:
            out.add("E-CODE", wording.parent_missing(act.code, parent), "activities",
                    index, "code")


def _references(report: Report, out: _Collector) -> None:
    tasks = len(report.tasks)
    if ("tasks", None, None) in out.unsure:
        tasks = MAX_TASKS     # «[[task]]»: which tasks there are is unknown
    codes = {a.code for a in report.activities}
    out.stage = ACTIVITY_REFS
    for index, act in enumerate(report.activities):
        parts = split_code(act.code)
        if act.task is None:
            if parts and parts[2] and not parts[3]:
                out.add("E-SCHEMA", wording.main_activity_needs_task(act.code),
                        "activities", index, uses=("code", "task"))
        elif not 1 <= act.task <= tasks:
            out.add("E-REF", wording.activity_unknown_task(act.code, act.task, tasks), "activities", index, "task")
    out.stage = INDICATOR_REFS
    for index, ind in enumerate(report.indicators):
        if not 0 <= ind.task <= tasks:
            out.add("E-REF", wording.indicator_unknown_task(short(ind.name), ind.task, tasks), "indicators", index, "task")
    out.stage = EXPENSE_REFS
    for index, row in enumerate(report.expenses):
        if row.code not in codes and not out.any_unsure("activities", "code"):
            out.add("E-REF", wording.expense_unknown_activity(row.code), "expenses", index, "code")


AMENDMENT_IDENTITY = ("act", "date", "number")


def _duplicates(report: Report, out: _Collector) -> None:
    """Two rows of one section with the same identity (SPEC, «Row identity»)."""
    out.stage = EXPENSE_DUPS
    for first, index in identity.duplicates(report, "expenses"):
        row = report.expenses[index]
        if out.unsure_of("expenses", first, ("code", "executor")):
            continue
        out.add("E-CODE", wording.executor_repeated(short(row.executor), row.code),
                "expenses", index, "executor", uses=("code", "executor"))
    out.stage = INDICATOR_DUPS
    for first, index in identity.duplicates(report, "indicators"):
        ind = report.indicators[index]
        if out.unsure_of("indicators", first, ("task", "name")):
            continue
        out.add("E-DUP", wording.indicator_repeated(short(ind.name), ind.task, first + 1), "indicators", index, "name",
                uses=("task", "name"))
    out.stage = AMENDMENT_DUPS
    for first, index in identity.duplicates(report, "amendments"):
        amd = report.amendments[index]
        if out.unsure_of("amendments", first, AMENDMENT_IDENTITY):
            continue
        out.add("E-DUP", wording.amendment_repeated(short(amd.act), amd.number or '—', fmt_date(amd.date) if amd.date else '—'), "amendments", index,
                "act", uses=AMENDMENT_IDENTITY)


def _indicators(report: Report, derived: Derived, out: _Collector,
                previous: dict[str, Decimal | None] | None) -> None:
    for index in out.rows("indicators", INDICATORS):
        ind, figures = report.indicators[index], derived.indicators[index]
        name = f"«{short(ind.name)}»"
        justified = bool(ind.justification.strip())
        if ind.fact is None and not justified:
            out.add("W-NOFACT", wording.no_fact_no_justification(name), "indicators", index, "justification",
                    uses=("fact", "justification"))
        elif figures.unfavourable and not justified:
            out.add("W-JUSTIFY", wording.indicator_unjustified(name, fmt_value(ind.fact), fmt_value(ind.plan)), "indicators", index, "fact",
                    uses=("fact", "plan", "better", "justification"))
        value = figures.formula
        if value.error:
            out.add("W-FORMULA", wording.formula_not_computed(name, short(value.expression, 60), value.error),
                    "indicators", index, "formula")
        elif figures.formula_mismatch:
            out.add("W-FORMULA", wording.formula_mismatch(name, short(value.expression, 60), fmt_money(value.value), fmt_value(ind.fact)), "indicators", index, "formula",
                    uses=("formula", "fact"))
        known = " ".join(ind.name.split()) if previous else ""     # as previous_facts keys it
        # the same indicator (task, name); else the one of that name, if only one had it
        same = (ind.task, known) if previous else None
        if previous is not None and (same in previous or known in previous):
            last = previous[same] if same in previous else previous[known]
            if last != ind.prev:
                out.add("W-PREV", wording.prev_differs(name, fmt_value(ind.prev), report.year - 1, fmt_value(last)),
                        "indicators", index, "prev", uses=("prev", "name"))


def _expenses(report: Report, out: _Collector) -> None:
    for index in out.rows("expenses", EXPENSES):
        row = report.expenses[index]
        where = f"«{row.code}», {short(row.executor, 40)}"
        if row.cash < row.plan_year and not row.justification.strip():
            out.add("W-JUSTIFY", wording.cash_below_plan(where, fmt_money(row.cash), fmt_money(row.plan_year)), "expenses", index, "cash",
                    uses=("cash", "plan_year", "justification"))
        if row.cash > row.plan_period:
            out.add("W-OVERSPEND", wording.cash_above_period_plan(where, fmt_money(row.cash), fmt_money(row.plan_period)), "expenses", index, "cash",
                    uses=("cash", "plan_period"))
        if row.plan_period > row.plan_year:
            out.add("W-OVERSPEND", wording.period_plan_above_year_plan(where, fmt_money(row.plan_period), fmt_money(row.plan_year)), "expenses", index, "plan_period",
                    uses=("plan_period", "plan_year"))


# ---------------------------------------------------------------- plausibility (typos a meeting catches)

TEN = Decimal(10)
HUNDRED = Decimal(100)
_INDICATOR_VALUES = ("plan", "fact")
_EXPENSE_VALUES = ("plan_year", "plan_period", "cash")


def is_share(ind) -> bool:
    """An indicator in «%» named «Доля…», «Процент…» or «Уровень…»: it lies within 0–100."""
    words = ind.name.split()
    return ind.unit.strip() == "%" and bool(words) and words[0].lower() in wording.SHARE_WORDS


def outlier(fact: Decimal | None, plan: Decimal | None, prev: Decimal | None) -> str | None:
    """``"larger"`` / ``"smaller"`` when ``fact`` is over ten times off both plan and prev (all non-zero)."""
    if fact is None or plan is None or prev is None or not (fact and plan and prev):
        return None
    f, p, q = abs(fact), abs(plan), abs(prev)
    if f > TEN * p and f > TEN * q:
        return "larger"
    if f * TEN < p and f * TEN < q:
        return "smaller"
    return None


def _plausibility(report: Report, derived: Derived, out: _Collector) -> None:
    for index in out.rows("indicators", INDICATOR_VALUES):
        ind = report.indicators[index]
        name = f"«{short(ind.name)}»"
        for key in _INDICATOR_VALUES:
            value = getattr(ind, key)
            if value is not None and value < 0:
                out.add("W-NEGATIVE", wording.negative_indicator_value(
                    name, key, fmt_value(value), left_out=left_out_reason(ind) is not None),
                        "indicators", index, key)
        if is_share(ind):
            for key in _INDICATOR_VALUES:
                value = getattr(ind, key)
                if value is not None and not 0 <= value <= HUNDRED:
                    out.add("W-RANGE", wording.share_out_of_range(name, key, fmt_value(value)),
                            "indicators", index, key, uses=("name", "unit", key))
        if way := outlier(ind.fact, ind.plan, ind.prev):
            out.add("W-OUTLIER", wording.outlier(name, fmt_value(ind.fact), way, fmt_value(ind.plan),
                                                 fmt_value(ind.prev)), "indicators", index, "fact",
                uses=("fact", "plan", "prev"))
    for index in out.rows("expenses", EXPENSE_VALUES):
        row = report.expenses[index]
        for key in _EXPENSE_VALUES:
            value = getattr(row, key)
            if value < 0:
                out.add("W-NEGATIVE", wording.negative_expense_value(
                    row.code, short(row.executor, 40), key, fmt_money(value)), "expenses", index, key)
    for section, (key, _texts) in PLACEHOLDERS.items():
        for index in out.rows(section, PLACEHOLDER_STAGES[section]):
            text = getattr(getattr(report, section)[index], key)
            if is_placeholder(section, text):
                out.add("W-PLACEHOLDER", wording.placeholder_row(short(text)),
                        section, index, key)
    if out.only is not None:
        return
    out.stage = EMPTY_ACTIVITIES
    if out.any_unsure("expenses", "code") or out.any_unsure("activities", "code"):
        return      # its rows or sub-activities may be the ones the file did not give
    wrong = {f.ref[1] for f in out.findings if f.is_error and f.ref[:1] == ("activities",)}
    for place, node in enumerate(derived.tree.walk()):
        # (an activity already named by an error is not also called empty)
        if node.activity is not None and node.is_leaf and not node.own_rows and node.activity not in wrong:
            out.add("W-PLACEHOLDER", wording.empty_activity(node.code), "activities", node.activity, "code",
                    order=place)
        elif not node.is_leaf:      # rows belong on activities without nested ones
            for index in node.own_rows:
                row = report.expenses[index]
                out.add("W-PLACEHOLDER", wording.row_on_a_parent(node.code, short(row.executor, 40)),
                        "expenses", index, "code", order=place)
