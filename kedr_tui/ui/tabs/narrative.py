"""«Доклад»: programme fields, the narrative and each indicator's paragraph, the signature."""

from kedr_tui.ui.tabs.base import TabView


class NarrativeView(TabView):
    TABLE = "narrative"
