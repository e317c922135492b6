"""The report screen's moving around: next and previous finding, jump to a finding's
row, search across the tabs.

A mixin of ``ReportScreen`` (``screen.py``); where to go is computed by
``view.navigate`` over the rows of every tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kedr_tui.view.columns import TABLES, column_keys, field_column
from kedr_tui.view.rows import finding_target
from kedr_tui.ui import wording as uw

if TYPE_CHECKING:  # navigate is imported where used: not needed to start
    from kedr_tui.view.navigate import Target


class NavigationCommands:
    def _position(self) -> tuple[str, int]:
        view = self.current_view()
        return view.TABLE, (view.table.cursor_row if view.populated else -1)

    async def goto(self, target: Target) -> None:
        await self.show_tab(target.table)
        table = self.views[target.table].table
        if target.key is None or not table.goto(target.key, target.column):
            table.goto_index(target.row, target.column)

    async def _finding(self, forward: bool) -> None:
        if self.state is None or not (self.state.findings or self.review and self.review.marks):
            self.tell(uw.NO_FINDINGS, timeout=3)
            return
        from kedr_tui.view.navigate import finding_targets, step

        targets = self.with_mark_targets(finding_targets(self.state.findings, self.all_rows(),
                                                         self.session.report))
        target, wrapped = step(targets, *self._position(), forward=forward)
        if target is None:
            self.tell(uw.NO_FINDINGS, timeout=3)
            return
        await self.goto(target)
        if wrapped:
            self.tell(uw.findings_wrapped(forward), timeout=3)

    async def action_next_finding(self) -> None:
        await self._finding(True)

    async def action_prev_finding(self) -> None:
        await self._finding(False)

    async def action_jump(self) -> None:
        view = self.current_view()
        row = view.current_row()
        if row is not None and row.kind == "change":
            await self._jump_to_change(view, row)          # comparing.py
            return
        if row is None or row.kind != "finding":
            return
        found = self.finding_place(row)
        if found is None:
            self.tell(uw.finding_of_file(self.state.findings[row.index].line), timeout=4)
            return
        await self.goto(found)

    def finding_place(self, row) -> Target | None:
        """Where Enter on a finding's row of «Проверка» goes, or None: the finding concerns
        the whole file (the footer then offers no jump)."""
        finding = self.state.findings[row.index]
        table, key, field = finding_target(finding, self.session.report)
        from kedr_tui.view.navigate import target

        rows = self.views[table].rows if table != "findings" else []
        found = target(rows, table, key)
        if found is None:
            return None
        from msgspec.structs import replace

        return replace(found, column=field_column(table, rows[found.row], field))

    def action_search(self) -> None:
        from kedr_tui.ui.search import SearchBar

        async def searched(query: str | None) -> None:
            if query:
                self.query_text = query
                await self._search(True)

        self.app.push_screen(SearchBar(self.query_text), searched)

    async def _search(self, forward: bool) -> None:
        if not self.query_text:
            self.action_search()
            return
        from kedr_tui.view.navigate import search

        columns = {name: column_keys(name) for name in TABLES}
        target, wrapped = search(self.all_rows(), columns, self.query_text, *self._position(),
                                 forward=forward)
        if target is None:
            self.tell(uw.not_found(self.query_text), severity="warning", timeout=3)
            return
        await self.goto(target)
        if wrapped:
            self.tell(uw.search_wrapped(forward), timeout=3)

    async def action_search_next(self) -> None:
        await self._search(True)

    async def action_search_prev(self) -> None:
        await self._search(False)
