"""«Расходы»: Form 2 as a tree — programme, main activities, activities, executors."""

from kedr_tui.ui.tabs.base import TabView


class ExpensesView(TabView):
    TABLE = "expenses"
