"""A big report's first frame before its whole analysis (a mixin of the report screen).

A report of ``DEFER_ROWS`` rows or more paints Form 1 first, with its own figures and
every error already known (``Loaded.early``: a report with errors opens read-only on
«Проверка» and never waits); the Form 2 tree, the evaluation and the warnings land right
after the first frame, or before the first key or click if that comes sooner
(``KedrApp.on_event``).  A smaller report is analysed first, so its first frame is
complete (the seed's analysis takes under 1 ms; 2 000 / 10 000 about 0.2 s).  The first
frame makes only the rows of Form 1 it draws (``TabView.rows_as_drawn``,
view/first_rows.py): the rest are made as the analysis lands.
"""

from __future__ import annotations

from kedr_tui.core.derive import Derived
from kedr_tui.view.rows import State

# rows (indicators, activities, expense rows) from which the analysis waits for the first frame
DEFER_ROWS = 1000


class FirstFrame:
    """``checking``: the analysis is still to land; the screen then shows Form 1 alone,
    and the header says that the report is being checked."""

    checking = False

    def decide_checking(self, session, broken: bool) -> None:
        """Decided when the screen is made, before any key can reach it."""
        report = session.report
        self.checking = (not broken and not session.analysed
                         and len(report.indicators) + len(report.activities) + len(report.expenses)
                         >= DEFER_ROWS)

    def after_first_frame(self) -> None:
        """Once the first frame (Form 1) is out: the rest of the analysis."""
        self.land_analysis()

    def land_analysis(self) -> None:
        """The whole analysis, shown: right after the first frame, or before the first key
        or click that comes sooner."""
        if not self.checking:
            return
        self.session.analysis                       # worked out (once) if nothing asked yet
        self.checking = False
        if self.state is not None:                  # (else on_mount is still to show it)
            self.after_change()

    def early_state(self) -> State:
        """Form 1 only: its figures and groups, and no finding yet (the report has no
        error, or it would not wait); nothing else is shown until ``land_analysis``."""
        session = self.session
        early, report = session.loaded.early, session.report
        review = self.review
        return State(report, Derived(early.indicators, early.groups, None, None), (),
                     session.read_only, review, self.review_today() if review is not None else None)
