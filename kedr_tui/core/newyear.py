"""Next year's report from this year's: the edits that make it."""

from __future__ import annotations

import re
from decimal import Decimal

from msgspec.structs import replace

from kedr_tui.core.locate import lines_with_ends
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


def first_report(year: int) -> str:
    """A programme's first report: the keys to fill in, one task (W-PLACEHOLDER until named)."""
    from kedr_tui.core import wording
    from kedr_tui.core.model import placeholder

    return wording.first_report(year, wording.PROGRAM_PLACEHOLDER, placeholder("tasks"))


def retitle(text: str, old: int, new: int) -> str:
    """The report's text with the year in its header comments (those above the first table,
    «… за 2021 год») changed to the new year; every other line as it was."""
    lines = lines_with_ends(text)  # TOML's lines: a U+2028 in a comment ends none
    year = re.compile(rf"(?<!\d){old}(?!\d)")
    for n, line in enumerate(lines):
        if line.lstrip().startswith("["):
            break
        if line.lstrip().startswith("#"):
            lines[n] = year.sub(str(new), line)
    return "".join(lines)
