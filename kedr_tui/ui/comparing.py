"""The report screen's comparison with an earlier version (``--since``, «Сравнить с версией…»).

A mixin of ``ReportScreen`` (``screen.py``).  The diff is ``core.diff``'s; which
cells it marks and the «Сравнение» tab's rows are worked out in
``view.changes``; the tab itself is ``tabs/changes.py``.  While comparing, every
change of the report is compared again (``after_change`` calls ``_recompare``).
"""

from __future__ import annotations

from kedr_tui.core.errors import ReportError
from kedr_tui.ui.widgets.tabbar import TabBar
from kedr_tui.view.columns import TABLES
from kedr_tui.ui import wording as uw


class ComparingCommands:
    comparison = None               # (label, base Report, its figures) while comparing

    async def compare_with(self, label: str, base) -> None:
        """Mark what changed since ``base`` and list it on the «Сравнение» tab."""
        from kedr_tui.core.derive import derive

        if self.session.report is None:
            self.tell(uw.NOT_READ_NOTHING_TO_COMPARE, severity="warning")
            return
        self.comparison = (label, base, derive(base))
        diff = self._recompare()
        await self.show_tab("changes")
        self.refresh_bindings()
        count = len(diff.entries) if diff is not None else 0
        self.tell(uw.compared_with(label, count), timeout=6)

    def _recompare(self):
        """The diff of the report as it is now against the base; marks the changed cells."""
        from kedr_tui.core.diff import compare
        from kedr_tui.view.changes import cell_marks

        label, base, base_figures = self.comparison
        report, derived = self.session.report, self.state.derived if self.state else None
        diff = compare(base, report, base_figures, derived) if report is not None else None
        marks = cell_marks(diff, report) if diff is not None else {}
        for name in TABLES:
            view = self.views[name]
            mine = marks.get(name, {})
            if mine != view.changes:
                view.changes = mine
                if view.state is not None:
                    view.set_state(view.state, view.marks)
        self.views["changes"].show_diff(diff, label, report)
        # «F7 Δ3»: short, the bar has a few columns left at 80×24 (F6 is «Рассмотрение»)
        self.query_one(TabBar).set_label("changes", f"F7 Δ{len(diff.entries) if diff else 0}")
        return diff

    def action_compare(self) -> None:
        from kedr_tui.ui.search import PromptBar

        async def asked(answer: str | None) -> None:
            if not answer:
                return
            from pathlib import Path

            from kedr_tui.core.store.versions import base_version

            try:
                label, base = base_version(Path(self.session.path), answer.strip())
            except ReportError as exc:
                self.tell(str(exc), title=uw.COMPARISON_IMPOSSIBLE, severity="error", timeout=10)
                return
            await self.compare_with(label, base)

        self.app.push_screen(PromptBar("≈", uw.VERSION_PROMPT,
                                       self.comparison[0] if self.comparison else ""), asked)

    async def action_compare_off(self) -> None:
        if self.comparison is None:
            return
        self.comparison = None
        for name in TABLES:
            view = self.views[name]
            if view.changes:
                view.changes = {}
                view.set_state(view.state, view.marks)
        if self.active == "changes":
            await self.show_tab(self.first_tab if self.first_tab != "changes" else "indicators")
        bar = self.query_one(TabBar)
        bar.labels.pop("changes", None)
        bar.refresh()
        self.refresh_bindings()
        self.tell(uw.COMPARISON_OFF, timeout=3)

    async def _jump_to_change(self, view, row) -> None:
        target = view.targets.get(row.key)
        if target is None:
            self.tell(uw.ROW_DELETED, timeout=4)
            return
        table, key, column = target
        if table == "findings":
            await self.show_tab("findings")
            return
        await self._show_place(table, key, column)

    async def action_compare_meeting(self) -> None:
        """«Что изменилось с прошлого заседания»: the report as git held it at the end of the
        day of the last meeting (before today) that the review file records."""
        from pathlib import Path

        from kedr_tui.core.store.review import load_review, today
        from kedr_tui.core.store.versions import base_version, revision_on

        path = Path(self.session.path)
        try:
            review = load_review(path).review
            meetings = [] if review is None else [review.meeting, *review.history]
            days = [m.date for m in meetings if m.date is not None and m.date < today()]
            if not days:
                self.tell(uw.NO_PAST_MEETINGS,
                          severity="warning", timeout=6)
                return
            day = max(days)
            rev = revision_on(path, day)
            if rev is None:
                self.tell(uw.no_version_on(day),
                          severity="warning", timeout=6)
                return
            _label, base = base_version(path, rev)
        except ReportError as exc:
            self.tell(str(exc), title=uw.COMPARISON_IMPOSSIBLE, severity="error", timeout=10)
            return
        await self.compare_with(uw.meeting_of(day), base)
