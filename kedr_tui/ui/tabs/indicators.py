"""«Показатели»: Form 1 — goal and task groups, eleven columns, derived ones marked."""

from kedr_tui.ui.tabs.base import TabView


class IndicatorsView(TabView):
    TABLE = "indicators"
