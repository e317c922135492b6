"""Next year's report from this year's: the edits that make it."""

from __future__ import annotations

from decimal import Decimal

from msgspec.structs import replace

from kedr_tui.core.model import Report

ZERO_MONEY = Decimal("0.00")


def next_year(report: Report, year: int) -> Report:
    """prev ← last fact (its note when unmeasured); plans and texts kept; facts removed,
    cash set to 0, justifications emptied, amendments cleared."""
    indicators = tuple(
        replace(ind, prev=ind.fact, prev_note=ind.fact_note if ind.fact is None else "",
                fact=None, fact_note="", justification="")
        for ind in report.indicators)
    expenses = tuple(replace(row, cash=ZERO_MONEY, justification="") for row in report.expenses)
    return replace(report, year=year, indicators=indicators, expenses=expenses, amendments=())
