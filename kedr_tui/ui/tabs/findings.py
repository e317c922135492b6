"""«Проверка»: every finding (Enter jumps to its row) and the efficiency evaluation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kedr_tui.core.numbers import fmt_ratio
from kedr_tui.core.safe_text import visible
from kedr_tui.view import wording as vw
from kedr_tui.view.rows import State, place_of
from kedr_tui.ui.tabs.base import TabView
from kedr_tui.ui.widgets.detail import DetailPane
from kedr_tui.ui.widgets.table import ReportTable
from kedr_tui.ui import wording as uw


def evaluation_text(state: State, styles: dict | None = None) -> Text:
    """The evaluation (оценка эффективности) with what went into it."""
    styles = styles or {}
    text = Text(end="")
    derived = state.derived
    if derived is None:
        text.append(uw.EVALUATION_NOT_COMPUTED, styles.get("note", ""))
        return text
    if state.unknown is not None and state.unknown.evaluation:
        text.append(uw.EVALUATION_MISSING_VALUES, styles.get("note", ""))
        return text
    ev = derived.evaluation
    label = styles.get("label", "")
    text.append(uw.EVALUATION_LABEL, label)
    text.append(ev.rating, styles.get("total", "bold"))
    text.append(uw.er_value(fmt_ratio(ev.er)))
    rows = (
        (uw.SR_SHORT, ev.sr, uw.sr_what(len(ev.achievements))),
        (uw.SS_SHORT, ev.ss, uw.SS_WHAT),
        (uw.SRM_SHORT, ev.srm, uw.srm_what(ev.activities_done, ev.activities_counted)),
        (uw.EIS_SHORT, ev.eis, uw.EIS_WHAT),
        (uw.ER_SHORT, ev.er, uw.ER_WHAT),
    )
    for name, value, what in rows:
        text.append(f"{name} = ", label)
        text.append(f"{fmt_ratio(value):>7}", styles.get("derived", ""))
        text.append(f"  {what}\n")
    if ev.left_out:
        names = []
        for index, why in zip(ev.left_out, ev.left_out_reasons):
            place = place_of(_Ref(index), state.report, derived).replace(vw.indicator_number(""), "")
            names.append(f"{place} ({why})")
        text.append(uw.NOT_COUNTED, label)
        text.append(visible(", ".join(names)), styles.get("note", ""))
    return text


class _Ref:
    """Just enough of a Finding for ``place_of``."""

    def __init__(self, index: int):
        self.ref = ("indicators", index)
        self.field = None


class FindingsView(TabView):
    FOOTER_FOLLOWS_ROW = True       # Enter jumps, unless the finding is on the whole file
    TABLE = "findings"

    def compose(self) -> ComposeResult:
        yield ReportTable(self.TABLE, id=f"table-{self.TABLE}")
        yield Static(id="evaluation")
        yield DetailPane(id=f"detail-{self.TABLE}", classes="detail")

    def affected(self, sections, marks) -> bool:
        return True

    def set_state(self, state: State, marks: dict | None = None, focus: str | None = None) -> None:
        super().set_state(state, marks, focus)
        if self.populated:
            self.show_evaluation()

    def populate(self) -> None:
        super().populate()
        self.show_evaluation()

    def show_evaluation(self) -> None:
        if self.state is not None:
            self.query_one("#evaluation", Static).update(
                evaluation_text(self.state, self.table.role_styles()))
