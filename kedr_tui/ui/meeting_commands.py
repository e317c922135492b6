"""The meeting commands of the report screen: its details and decisions, a new meeting,
the «Рассмотрение» tab's Enter, the protocol, the row card and the meeting view.

A mixin of ``ReportScreen`` beside ``review.py`` (marks and assignments): every change goes
through the review session, as there.
"""

from __future__ import annotations

import datetime as _dt
from functools import partial

from textual import work

from kedr_tui.core.errors import ReportError
from kedr_tui.ui import wording as uw
from kedr_tui.ui.review import R, V, _text, identity, parse_date


class MeetingCommands:
    def edit_meeting_field(self, key: str) -> None:
        from msgspec.structs import replace

        from kedr_tui.ui.editor import ChoiceEditor, FieldEditor

        if not self.review_writable():
            return
        meeting = (self.review or R.Review("")).meeting
        label = dict(V.MEETING_FIELDS)[key]
        current = getattr(meeting, key)

        def apply(result) -> None:
            if result is None:
                return
            self._change_review(lambda review: R.set_meeting(
                review, replace(review.meeting, **{key: result.value})))

        if key in V.MEETING_CHOICES:
            options = [("", uw.NOT_CHOSEN)] + [(v, v) for v in V.MEETING_CHOICES[key]]
            if key == "rating":
                analysis = self.session.analysis
                computed = analysis.derived.evaluation.rating if analysis and not (
                    analysis.unknown is not None and analysis.unknown.evaluation) else ""
                options = [("", uw.NOT_CHOSEN)] + [
                    (v, uw.rating_option(v, v == computed))
                    for v in V.MEETING_CHOICES[key]]
            self.app.push_screen(ChoiceEditor(uw.meeting_field(label), "", options, current), apply)
            return
        if key == "date":
            initial, check, hint = (current.strftime("%d.%m.%Y") if current else ""), parse_date, \
                uw.DATE_HINT
        elif key == "participants":
            initial = ", ".join(current)
            hint = uw.COMMA_SEPARATED

            def check(text: str):
                return tuple(p for p in (" ".join(part.split()) for part in text.split(",")) if p)
        else:
            initial, hint = current, ""

            def check(text: str):
                return " ".join(text.split()) if key != "rating_reason" else _text(text)
        self.app.push_screen(FieldEditor(uw.meeting_field(label), "", initial, hint, check,
                                         multiline=key == "rating_reason"), apply)

    def action_new_meeting(self) -> None:
        from kedr_tui.ui.dialogs import ConfirmDialog

        if not self.review_writable():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._change_review(R.start_meeting, told=uw.NEW_MEETING_STARTED)

        self.app.push_screen(ConfirmDialog(uw.NEW_MEETING_QUESTION,
                                           yes=uw.START, no=uw.CANCEL), answered)

    def review_enter_label(self, jump: str) -> str | None:
        """The footer's word for Enter on the «Рассмотрение» row under the cursor: it edits a
        detail of the meeting, jumps (``jump``) from a mark or an assignment to its row, or
        does nothing (a heading, a row gone, an assignment on the whole report)."""
        view = self.current_view()
        row = view.current_row() if view.TABLE == "review" else None
        if row is None:
            return None
        if row.kind == "meeting":
            return uw.FOOTER_CHANGE
        report = self.session.report
        if row.kind not in ("mark", "assignment") or self.review is None or report is None:
            return None
        items = self.review.marks if row.kind == "mark" else self.review.assignments
        if not 0 <= row.index < len(items) or V.place(report, items[row.index].row) is None:
            return None
        return jump

    async def action_review_enter(self) -> None:
        """Enter on the «Рассмотрение» tab: jump to a mark's or assignment's row, or edit
        a detail of the meeting."""
        view = self.current_view()
        row = view.current_row()
        if row is None or self.review is None and row.kind != "meeting":
            return
        if row.kind == "meeting":
            self.edit_meeting_field(row.field)
            return
        if row.kind not in ("mark", "assignment"):
            return
        item = (self.review.marks if row.kind == "mark" else self.review.assignments)[row.index]
        report = self.session.report
        where = V.place(report, item.row) if report is not None else None
        if where is None:
            self.tell(uw.ROW_GONE if item.row != identity.REPORT
                      else uw.ASSIGNMENT_ON_REPORT, timeout=4)
            return
        table, key, _field = where
        from kedr_tui.view.navigate import target

        found = target(self.views[table].rows, table, key)
        if found is not None:
            await self.goto(found)

    # ------------------------------------------------------------ the protocol

    def action_protocol(self) -> None:
        analysis = self.session.analysis
        if analysis is None or analysis.errors:
            self.tell(uw.PROTOCOL_REFUSED_ERRORS,
                      severity="error")
            return
        if self.review is None:
            self.tell(uw.NOT_REVIEWED_YET,
                      severity="warning")
            return
        self.tell(uw.WRITING_PROTOCOL, timeout=2)
        self._write_protocol(analysis, self.review, self.session.modified)

    @work(thread=True, group="protocol", exit_on_error=False)
    def _write_protocol(self, analysis, review, unsaved: bool = False) -> None:
        from pathlib import Path

        notify = partial(self.app.call_from_thread, self.tell)
        try:
            from kedr_tui.export.files import write_bytes
            from kedr_tui.export.protocol import protocol_pdf, protocol_text

            year = analysis.report.year
            written = []
            data, missing = protocol_pdf(analysis, review)
            written.append(write_bytes(Path("out") / f"{year}.protocol.pdf", data))
            written.append(write_bytes(Path("out") / f"{year}.protocol.txt",
                                       protocol_text(analysis, review).encode("utf-8")))
        except ReportError as exc:
            notify(str(exc), title=uw.PROTOCOL_NOT_WRITTEN, severity="error", timeout=10)
        except Exception as exc:  # a bug in the protocol must not take the meeting down
            notify(f"{type(exc).__name__}: {exc}", title=uw.PROTOCOL_ERROR, severity="error",
                   timeout=10)
        else:
            # unsaved: its evaluation and findings are not what the report file says (as p, t)
            said = uw.protocol_written(", ".join(str(Path(p).resolve()) for p in written), unsaved)
            if missing:         # one notice at a time: what was left out, under where it went
                notify(f"{said}\n{uw.not_all_printed(missing)}", title=uw.NOT_ALL_PRINTED,
                       severity="warning", timeout=12)
            else:
                notify(said, title=uw.PROTOCOL, timeout=8 if unsaved else 6)

    # ------------------------------------------------------------ status, navigation

    def review_status(self) -> str:
        return R.status_of(self.review) if self.review is not None else R.DRAFT

    def review_today(self) -> _dt.date:
        from kedr_tui.core.store.review import today

        try:
            return today()
        except ReportError:
            return _dt.date.today()

    def with_mark_targets(self, targets: list) -> list:
        """The findings' rows and the marked rows, in tab and row order (for ``]`` / ``[``)."""
        from kedr_tui.view.columns import TABLES

        extra = V.mark_targets(self.review, self.session.report, self.all_rows())
        if not extra:
            return targets
        seen = {(t.table, t.row) for t in targets}
        merged = list(targets) + [t for t in extra if (t.table, t.row) not in seen]
        merged.sort(key=lambda t: (TABLES.index(t.table), t.row))
        return merged

    # ------------------------------------------------------------ the card and the meeting view

    def action_card(self, then=None) -> None:
        """``then``: called when the card (and a mark made from it) is closed."""
        from kedr_tui.ui.card import RowCard
        from kedr_tui.view.detail import detail_text

        view = self.current_view()
        row = view.current_row()
        if row is None:
            if then is not None:
                then()
            return
        from kedr_tui.view.columns import TAB_TITLES

        title = uw.row_card_title(TAB_TITLES[view.TABLE])
        text = detail_text(view.TABLE, row, self.state, view.table.role_styles())

        def closed(answer) -> None:
            if answer == "mark":
                self.action_mark(then)
            elif then is not None:
                then()

        self.app.push_screen(RowCard(title, text), closed)

    def action_meeting_view(self) -> None:
        from kedr_tui.ui.meeting import MeetingView
        from kedr_tui.view.review import meeting_lines

        table = self.current_view().TABLE
        if table not in ("indicators", "expenses"):
            table = "indicators"
        lines = meeting_lines(self.state, table)
        title = uw.meeting_view_title(table, self.review_status())
        current = self.current_view().table.current_key() if self.current_view().populated else None

        async def picked(answer) -> None:
            if answer is None:
                return
            what, key = answer
            from kedr_tui.view.navigate import target

            found = target(self.views[table].rows, table, key)
            if found is None:
                return
            await self.goto(found)
            # a mark or a card is a step of walking the rows: the meeting view comes back after
            # it, on the same row (Esc on the card left the room on the tab instead)
            if what == "mark":
                self.action_mark(self.action_meeting_view)
            elif what == "card":
                self.action_card(self.action_meeting_view)

        self.app.push_screen(MeetingView(title, table, lines, current), picked)
