"""One report state, analysed: the model, all its derived figures and findings.

After a value edit of one row (an indicator's or an expense row's field that names
nothing: not its task, name, code or executor) only what the edit touches is
recomputed: the row's figures, the expense tree's path from the programme down to
the row's activity, the evaluation, and the per-row checks of that row.  Everything
else is shared with the state before.  Any other edit (structural ones included)
is analysed whole.  ``tests/core/test_incremental.py`` proves both ways agree.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from operator import is_not

from msgspec import Struct

from kedr_tui.core import checks
from kedr_tui.core.derive import (Derived, IndicatorFigures, IndicatorGroup, Unknown, changed_tree,
                                  derive, evaluation, form1, indicator_figures,
                                  indicators_without_unknown, unknown_of, without_unknown)
from kedr_tui.core.errors import Finding
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import Report


class Context(Struct, frozen=True):
    """What checks need besides the model: places in the file, and the file's neighbours."""

    locator: Locator
    file_year: int | None = None
    previous: dict[str, Decimal | None] | None = None
    #: the file's values that could not be read (``schema.Parsed.unsure``)
    unsure: frozenset = frozenset()


class Change(Struct, frozen=True):
    """What a value edit changed, for views that update rows rather than rebuild them."""

    base: Derived                   # the figures of the state the edit was made on
    section: str                    # "indicators" | "expenses"
    index: int
    nodes: tuple[str, ...] = ()     # codes of Form 2's nodes whose totals were recomputed
    findings: bool = False          # the findings differ from the state before


class Analysis(Struct, frozen=True):
    report: Report
    derived: Derived
    findings: tuple[Finding, ...]
    #: each finding's place in the full order: (line == 0, line, column, stage, row, sequence)
    order: tuple[tuple, ...] = ()
    extra: tuple[Finding, ...] = ()
    #: set when this state was computed from the one before a value edit
    change: Change | None = None
    #: the figures that would use a value the file does not give (``derive.Unknown``)
    unknown: Unknown | None = None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)


class Early(Struct, frozen=True):
    """What is known of a report before its whole analysis (``early``): Form 1's figures
    and groups, all the first tab shows, and every error.  Errors come from parsing and
    from the checks that need no figures (``checks.collect_errors``): the warnings' checks
    find none, so ``errors`` says whether the report may be edited, exactly."""

    indicators: tuple[IndicatorFigures, ...]
    groups: tuple[IndicatorGroup, ...]
    found: checks.Found             # what the error checks found (all errors)
    errors: tuple[Finding, ...]     # the errors of parsing and of those checks


def early(report: Report, context: Context, extra: tuple[Finding, ...] = ()) -> Early:
    figures, groups = form1(report)
    figures = indicators_without_unknown(figures, unknown_of(report, context.unsure))
    found = checks.collect_errors(report, context.locator, file_year=context.file_year,
                                  unsure=context.unsure)
    errors = tuple(f for f in extra if f.is_error) + found.findings
    return Early(figures, groups, found, errors)


def analyse(report: Report, context: Context, extra: tuple[Finding, ...] = (),
            previous: Analysis | None = None, edit=None, first: Early | None = None) -> Analysis:
    """Derive every figure and run every check; ``extra`` are findings from parsing.

    ``previous``: the analysis of the state before ``edit`` (the edit that made ``report``
    from it), whose unchanged parts are reused.  ``first``: ``early(report, context, extra)``,
    worked out already (its figures are reused as they are)."""
    if previous is not None and edit is not None:
        quick = _after_value_edit(report, context, tuple(extra), previous, edit)
        if quick is not None:
            return quick
    derived = derive(report, (previous.report, previous.derived) if previous else None,
                     (first.indicators, first.groups) if first is not None else None)
    out = checks.collect(report, derived, context.locator, file_year=context.file_year,
                         previous=context.previous, unsure=context.unsure,
                         errors=first.found if first is not None else None)
    keyed = [(_place(f, (-1, k, 0)), f) for k, f in enumerate(extra)]
    keyed += [(_place(f, order), f) for f, order in zip(out.findings, out.order)]
    keyed.sort(key=lambda pair: pair[0])
    unknown = unknown_of(report, context.unsure)
    return Analysis(report, without_unknown(derived, unknown), tuple(f for _, f in keyed),
                    tuple(k for k, _ in keyed), tuple(extra), unknown=unknown)


def _place(finding: Finding, order: tuple) -> tuple:
    return (finding.line == 0, finding.line, finding.column, *order)


# Fields whose edit changes which rows there are in a group, a total or an identity.
_NAMING = {"indicators": {"task", "name"}, "expenses": {"code", "executor"}}
_OTHER_PARTS = ("year", "program", "signature", "tasks", "indicators", "activities", "expenses",
                "amendments", "narrative", "format")


def _after_value_edit(report: Report, context: Context, extra: tuple, previous: Analysis,
                      edit) -> Analysis | None:
    # a SetField (core/edits.py, which the store's analysis on load must not import)
    field = getattr(edit, "field", None)
    if not isinstance(field, str) or getattr(edit, "section", None) not in _NAMING \
            or field in _NAMING[edit.section]:
        return None
    # (``context`` is the one ``previous`` was analysed with: a session keeps it for the
    # file it read, and a save that rewrites only values keeps every place in it)
    if previous.extra != extra:
        return None
    section, index, old = edit.section, edit.index, previous.report
    if index is None or not all(getattr(report, part) is getattr(old, part)
                                for part in _OTHER_PARTS if part != section):
        return None
    rows, old_rows = getattr(report, section), getattr(old, section)
    if len(rows) != len(old_rows) or not 0 <= index < len(rows) \
            or sum(map(is_not, rows, old_rows)) > (rows[index] is not old_rows[index]):
        return None                     # not one row changed in place
    base = previous.derived
    if section == "indicators":
        changed = list(base.indicators)
        changed[index] = indicator_figures(rows[index])
        figures = tuple(changed)
        derived = Derived(figures, base.groups, base.tree, evaluation(report, base.tree, figures))
        nodes: tuple[str, ...] = ()
    else:
        tree, nodes = changed_tree(base.tree, rows, rows[index].code)
        derived = Derived(base.indicators, base.groups, tree, evaluation(report, tree, base.indicators))
    out = checks.collect(report, derived, context.locator, file_year=context.file_year,
                         previous=context.previous, only=(section, index),
                         unsure=context.unsure)
    stages = checks.ROW_STAGES[section]
    gone = [k for k, place in enumerate(previous.order) if place[4] == index and place[3] in stages]
    new = sorted(((_place(f, order), f) for f, order in zip(out.findings, out.order)),
                 key=lambda pair: pair[0])
    if [previous.findings[k] for k in gone] == [f for _, f in new]:
        findings, order, changed = previous.findings, previous.order, False
    else:
        drop = set(gone)
        order_list = [p for k, p in enumerate(previous.order) if k not in drop]
        found = [f for k, f in enumerate(previous.findings) if k not in drop]
        for place, finding in new:
            at = bisect_left(order_list, place)
            order_list.insert(at, place)
            found.insert(at, finding)
        findings, order, changed = tuple(found), tuple(order_list), True
    return Analysis(report, derived, findings, order, extra,
                    Change(base, section, index, nodes, changed), previous.unknown)
