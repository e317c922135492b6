"""One report state, analysed: the model, all its derived figures and findings."""

from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from kedr_tui.core.checks import check
from kedr_tui.core.derive import Derived, derive
from kedr_tui.core.errors import Finding
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import Report


class Context(Struct, frozen=True):
    """What checks need besides the model: places in the file, and the file's neighbours."""

    locator: Locator
    file_year: int | None = None
    previous: dict[str, Decimal | None] | None = None


class Analysis(Struct, frozen=True):
    report: Report
    derived: Derived
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)


def analyse(report: Report, context: Context, extra: tuple[Finding, ...] = (),
            previous: Analysis | None = None) -> Analysis:
    """Derive every figure and run every check; ``extra`` are findings from parsing.

    ``previous``: the analysis of the state before an edit, whose unchanged parts are reused."""
    derived = derive(report, (previous.report, previous.derived) if previous else None)
    semantic = check(report, derived, context.locator, file_year=context.file_year,
                     previous=context.previous)
    findings = sorted((*extra, *semantic), key=lambda f: (f.line == 0, f.line, f.column))
    return Analysis(report, derived, tuple(findings))
