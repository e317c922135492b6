"""The five tabs: each a table of rows and a detail pane."""

from kedr_tui.ui.tabs.amendments import AmendmentsView
from kedr_tui.ui.tabs.base import TabView
from kedr_tui.ui.tabs.expenses import ExpensesView
from kedr_tui.ui.tabs.findings import FindingsView
from kedr_tui.ui.tabs.indicators import IndicatorsView
from kedr_tui.ui.tabs.narrative import NarrativeView

VIEWS: dict[str, type[TabView]] = {
    "indicators": IndicatorsView,
    "expenses": ExpensesView,
    "amendments": AmendmentsView,
    "narrative": NarrativeView,
    "findings": FindingsView,
}

__all__ = ["VIEWS", "TabView"]
