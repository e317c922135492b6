"""«Изменения»: Form 3, the acts that amended the programme."""

from kedr_tui.ui.tabs.base import TabView


class AmendmentsView(TabView):
    TABLE = "amendments"
