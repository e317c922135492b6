"""The review commands of the report screen: marks, assignments, the meeting, the protocol.

A mixin of ``ReportScreen``: the report screen stays the one place keys are bound
(``commands.py``), this is what the review keys do.  Every change goes through
``ReviewSession.change`` (journaled) and is saved at once: a meeting never has
unsaved marks, and the report itself is never written (it may be read-only).
"""

from __future__ import annotations

import datetime as _dt
from functools import partial


from kedr_tui.core.errors import ReportError
from kedr_tui.ui import wording as uw


class _Lazy:
    """A module imported when first used: a session that never reviews doesn't load it."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        from importlib import import_module

        return getattr(import_module(self._name), attr)


R = _Lazy("kedr_tui.core.review")
V = _Lazy("kedr_tui.view.review")
identity = _Lazy("kedr_tui.core.identity")
NOTICE_WIDTH = 60       # a notice names its row in short: the whole name covered the next dialog at 80×24


def short_text(text: str, width: int) -> str:
    from kedr_tui.view.rows import short_text as short

    return short(text, width)


def parse_date(text: str) -> _dt.date | None:
    """A meeting's or an assignment's date, typed as the report's dates are (core/numbers.py:
    ``01.06.2022``, ``1.6.2022``, ``01,06,2022``, ``2022-06-01``; «31.02» says there is no such
    day); empty: no date."""
    from kedr_tui.core.history import EditError
    from kedr_tui.core.numbers import NumberError, parse_date as parse

    text = text.strip()
    if not text:
        return None
    try:
        return parse(text)
    except NumberError as exc:
        raise EditError(str(exc)) from None


def _text(value: str) -> str:
    return value.strip("\n")


# The commands that change the review: refused while a colleague holds it (and the mark,
# on «Рассмотрение», off a mark's row); Enter there edits a meeting's detail.
REVIEW_CHANGES = frozenset({"mark", "assign", "toggle_done", "new_meeting", "review_enter"})


class ReviewCommands:
    """Mixed into ReportScreen: ``self.session`` (the report), ``self.review_session``."""

    review_session = None
    review_problem: str | None = None
    review_held: str | None = None      # who holds the review elsewhere, as last looked

    def look_at_review_holder(self) -> None:
        """Look who holds the review (its lock's note; no lock taken: most sessions never
        mark), so the footer dims what would be refused.  Done after the first frame and at
        each tab switch; a dimmed key pressed still asks the lock itself (``run_refused``)."""
        session = self.review_session
        if session is not None and (session.locked or session.read_only) or self.session is None:
            held = None
        elif not _owner_note(self.session.path).exists():
            held = None                 # (nobody holds it: the common case, no more to load)
        else:
            from kedr_tui.core.reviewing import held_elsewhere

            held = held_elsewhere(self.session.path)
        if held != self.review_held:
            self.review_held = held
            self.refresh_bindings()

    def review_refusal(self) -> str | None:
        """Why a change of the review would be refused now, as far as is known without
        taking its lock; None: it would be tried."""
        if self.review_problem:
            return uw.review_not_open(self.review_problem)
        session = self.review_session
        if session is not None and session.read_only:
            return session.read_only_reason or uw.REVIEW_READ_ONLY
        return self.review_held

    def review_change_applies(self, action: str) -> bool | None:
        """``check_action`` for a command that changes the review: None (dimmed) while it
        would be refused; the mark on «Рассмотрение» only on a mark's row."""
        view = self.current_view()
        if action == "review_enter":
            row = view.current_row()
            if row is None or row.kind != "meeting":
                return True             # (a jump changes nothing)
        if action == "mark" and view.TABLE == "review":
            row = view.current_row()
            if row is None or row.kind != "mark":
                return None
        return None if self.review_refusal() else True

    async def run_refused(self, action: str, params: tuple) -> None:
        """A dimmed review key pressed: do it all the same — it asks the lock itself and
        says who holds it, or does what was asked when the colleague has gone."""
        result = getattr(self, f"action_{action}")(*params)
        if hasattr(result, "__await__"):
            await result

    def review_on_mount(self) -> None:
        """Say what is wrong with the review file, or offer the changes a lost session left."""
        if self.review_problem:
            self.tell(uw.review_not_open(self.review_problem), severity="error",
                      timeout=10)
            return
        self.call_after_refresh(self.look_at_review_holder)
        session = self.review_session
        if session is None:
            return
        if session.read_only and session.read_only_reason and session.loaded.findings:
            first = session.loaded.findings[0]
            self.tell(f"{session.read_only_reason}: {first.format(str(session.path))}",
                      severity="error", timeout=10)
        if session.recovery is not None:
            from kedr_tui.ui.dialogs import ConfirmDialog

            changes = "; ".join(session.recovery.changes) or session.recovery.reason

            def answered(yes: bool | None) -> None:
                if yes:
                    try:
                        session.recover()
                        session.save()
                    except ReportError as exc:
                        self.tell(exc.message, severity="error", timeout=10)
                else:
                    session.discard_journal()
                self.after_change(None)

            self.app.push_screen(ConfirmDialog(
                uw.review_journal_found(changes),
                yes=uw.RECOVER, no=uw.DISCARD), answered)

    # ------------------------------------------------------------ state

    @property
    def review(self) -> R.Review | None:
        return self.review_session.review if self.review_session is not None else None

    def review_marks(self, marks: dict) -> dict:
        """The finding marks with each marked row's review mark in its place."""
        if self.review is None:
            return marks
        cells = V.marker_cells(self.review, self.session.report)
        if not cells:
            return marks
        merged = dict(marks)
        merged.update(cells)
        return merged

    def _review_now(self) -> _dt.datetime:
        return _dt.datetime.now().replace(microsecond=0)

    def _open_review(self):
        """The review session, made at the first change; None (and said why) if it can't be."""
        session = self.review_session
        if session is None:
            from kedr_tui.core.reviewing import ReviewSession

            if self.review_problem:
                self.tell(uw.review_not_open(self.review_problem), severity="error")
                return None
            try:
                session = self.review_session = ReviewSession.open(self.session.path, lock=False)
            except ReportError as exc:
                self.tell(str(exc), severity="error")
                return None
        return session

    def review_writable(self) -> bool:
        """Before a mark, an assignment or a meeting's detail is asked for: can the review be
        written here?  Said at once (a colleague holds it, a journal waits, the file has
        errors), not after the comment was typed: it was refused then, and the text lost."""
        session = self._open_review()
        if session is None:
            return False
        why = session.why_not_writable()
        if why is not None:
            self.tell(why, severity="error", timeout=8)
            self.refresh_bindings()             # (its keys are dimmed from now on)
            return False
        if self.review_held is not None:        # the colleague has gone
            self.review_held = None
            self.refresh_bindings()
        return True

    def _change_review(self, make, told: str | None = None) -> bool:
        """Make a change of the review, journal it and save it; say why not if it can't be,
        else ``told`` (one notice at a time: a refusal is never covered by «done»)."""
        from kedr_tui.core.history import EditError

        session = self._open_review()
        if session is None:
            return False
        try:
            # the file as it is now, if a colleague changed it since it was read: the change
            # is made on theirs, by what it names (rows, assignments), never by position
            session.refresh()
            review = make(session.current())
            session.change(review)
        except (ReportError, EditError, ValueError) as exc:
            self.tell(getattr(exc, "message", None) or str(exc), title=uw.MARK_NOT_WRITTEN,
                      severity="error", timeout=8)
            self.after_change(None)     # (the review read again shows)
            return False
        try:
            session.save()
        except ReportError as exc:
            self.tell(uw.review_kept_in_journal(exc.message), title=uw.NOT_SAVED,
                      severity="error", timeout=10)
        else:
            if told:
                self.tell(told, timeout=3)
        self.after_change(None)
        return True

    # ------------------------------------------------------------ marks

    def _current_rid(self):
        view = self.current_view()
        row = view.current_row()
        if view.TABLE == "review":
            if row is not None and row.kind == "mark" and self.review is not None:
                return self.review.marks[row.index].row
            return None
        return V.row_id(self.session.report, row)

    def action_mark(self, then=None) -> None:
        """``then``: called when the marking is over, done or not (the meeting view comes back)."""
        from kedr_tui.ui.editor import ChoiceEditor, FieldEditor

        def over() -> None:
            if then is not None:
                then()

        report = self.session.report
        rid = self._current_rid()
        if rid is None or report is None:
            self.tell(uw.CANNOT_MARK_ROW, timeout=5)
            return over()
        if not self.review_writable():
            return over()
        existing = [m for m in (self.review.marks if self.review else ()) if m.row == rid]
        last = existing[-1] if existing else None
        from kedr_tui.core.reviewing import login_name

        author = last.author if last else login_name()
        context = identity.describe(rid)

        def commented(status: str, result) -> None:
            if result is not None:
                comment = _text(result.value)
                self._change_review(lambda review: R.set_mark(
                    review, R.new_mark(report, rid, status, comment, author, self._review_now())),
                                    told=uw.mark_done(status, short_text(context, NOTICE_WIDTH)))
            over()

        def chosen(result) -> None:
            if result is None:
                return over()
            status = result.value
            self.app.push_screen(
                FieldEditor(uw.mark_comment_title(status), context,
                            last.comment if last else "", uw.author_is(author), _text,
                            multiline=True),
                partial(commented, status))

        self.app.push_screen(ChoiceEditor(uw.MARK_ON_ROW, context,
                                          [(s, s) for s in R.MARK_STATUSES],
                                          last.status if last else R.QUESTION), chosen)

    # ------------------------------------------------------------ assignments

    def action_assign(self) -> None:
        from kedr_tui.ui.editor import FieldEditor

        view = self.current_view()
        rid = None if view.TABLE == "review" else V.row_id(self.session.report, view.current_row())
        rid = rid or identity.REPORT
        if not self.review_writable():
            return
        context = identity.describe(rid)
        answers: dict = {}

        def nonempty(text: str) -> str:
            from kedr_tui.core.history import EditError

            if not text.strip():
                raise EditError(uw.ASSIGNMENT_TEXT_NEEDED)
            return _text(text)

        steps = [("text", uw.ASSIGNMENT_WHAT, "", nonempty, True),
                 ("responsible", uw.ASSIGNMENT_WHO, uw.NAME_OR_POSITION,
                  lambda t: " ".join(t.split()), False),
                 ("due", uw.ASSIGNMENT_DUE, uw.DUE_HINT, self._due_after_meeting, False)]

        def ask(step: int) -> None:
            if step == len(steps):
                item = R.Assignment(rid, answers["text"], answers["responsible"], answers["due"])
                self._change_review(lambda review: R.add_assignment(review, item),
                                    told=uw.assignment_added(short_text(context, NOTICE_WIDTH)))
                return
            key, title, hint, check, multiline = steps[step]

            def answered(result) -> None:
                if result is None:
                    return
                answers[key] = result.value
                ask(step + 1)

            self.app.push_screen(FieldEditor(title, context, "", hint, check, multiline=multiline),
                                 answered)

        ask(0)

    def _due_after_meeting(self, text: str) -> _dt.date | None:
        """The due date of an assignment given now: not before the meeting that gives it (it
        would be overdue from the start: a slip of the year or the month)."""
        from kedr_tui.core.history import EditError

        due = parse_date(text)
        meeting = self.review.meeting.date if self.review is not None else None
        if due is not None and meeting is not None and due < meeting:
            raise EditError(uw.due_before_meeting(due.strftime("%d.%m.%Y"),
                                                  meeting.strftime("%d.%m.%Y")))
        return due

    def action_toggle_done(self) -> None:
        view = self.current_view()
        row = view.current_row()
        if view.TABLE != "review" or row is None or row.kind != "assignment":
            self.tell(uw.STAND_ON_ASSIGNMENT, timeout=3)
            return
        shown = self.review.assignments[row.index]
        self._change_review(lambda review: R.toggle_assignment(review, shown))


def _review_file(report_path):
    from pathlib import Path

    report_path = Path(report_path)
    return report_path.with_name(f"{report_path.stem}.review.toml")


def _owner_note(report_path):
    """The note its holder leaves beside the review's lock."""
    from kedr_tui.core.store.lock import owner_path

    return owner_path(_review_file(report_path))


def open_review(report_path):
    """(the report's review session, a problem to tell) — ``None`` while there is no review
    file and no journal of one: it is made at the first mark (nothing to load at start-up)."""
    from pathlib import Path

    report_path = Path(report_path)
    review = _review_file(report_path)
    journal = review.with_name(f".{review.name}.journal")
    if not (review.exists() or journal.exists()):
        return None, None
    from kedr_tui.core.reviewing import ReviewSession

    try:
        return ReviewSession.open(report_path, lock=False), None
    except ReportError as exc:
        return None, str(exc)
