"""The report screen: header, the five tabs, footer; which commands apply where.

The commands themselves live by concern in ``editing.py``, ``file.py``,
``navigation.py``, ``comparing.py``, ``review.py`` and ``meeting_commands.py``, and how a
key reaches its command in ``keys.py``; a big report's first frame before its whole
analysis in ``first_frame.py`` (mixins of this screen).

All changes go through ``Session.perform / undo / redo``, saving through
``Session.save`` and quitting through ``KedrApp.request_quit``: the seams the
safety features (journal, lock, recovery) will hook into.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import Reactive
from textual.screen import Screen

from kedr_tui.ui.commands import COMMANDS, bindings, eval_params, footer_label, key_text
from kedr_tui.ui.comparing import ComparingCommands
from kedr_tui.ui.editing import EditingCommands
from kedr_tui.ui.file import SAVED, FileCommands
from kedr_tui.ui.first_frame import FirstFrame
from kedr_tui.ui.navigation import NavigationCommands
from kedr_tui.ui.keys import KeyHandling
from kedr_tui.ui.meeting_commands import MeetingCommands
from kedr_tui.ui.review import REVIEW_CHANGES, ReviewCommands
from kedr_tui.ui.tabs import TabView, Views
from kedr_tui.ui.widgets.header import ReportHeader
from kedr_tui.ui.widgets.keybar import KeyBar
from kedr_tui.ui.widgets.tabbar import TabBar
from kedr_tui.view.columns import TAB_TITLES, TABLES, field_column
from kedr_tui.view.rows import State, marks_of
from kedr_tui.ui import wording as uw

EDITING = {c.action.partition("(")[0] for c in COMMANDS if c.edits}
ROW_TABLES = ("indicators", "expenses", "amendments")


class ReportScreen(FirstFrame, KeyHandling, EditingCommands, FileCommands, NavigationCommands,
                   ComparingCommands, ReviewCommands, MeetingCommands, Screen):
    BINDINGS = bindings()

    # Textual's Screen repaints itself whole when the focus moves; the widgets whose
    # look depends on focus repaint themselves.  Over SSH a screen is 10–20 KB.
    focused = Reactive(None, repaint=False)

    def __init__(self, session, file_label: str, review_session=None, since=None, **kwargs):
        super().__init__(id="report", **kwargs)
        self.session = session
        self.review_session = review_session
        self.file_label = file_label
        self.since = since              # (label, Report): compare with it from the start
        self.comparison = None          # (label, base Report, its figures) while comparing
        self.views: dict[str, TabView] = Views(self)
        self.marks: dict = {}
        self.active = "indicators"
        self.state: State | None = None
        self.query_text = ""
        report = session.report
        broken = report is None or session.loaded.has_errors
        self.first_tab = "findings" if broken else "indicators"
        self.decide_checking(session, broken)   # (first_frame.py)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ReportHeader(id="header")
        self.active = self.first_tab
        yield TabBar([(name, f"F{n} {TAB_TITLES[name]}") for n, name in enumerate(TABLES, start=1)],
                     self.first_tab, id="tabbar")
        with Vertical(id="views"):
            yield self.views[self.first_tab]       # the others are mounted when first shown
        yield KeyBar(id="keybar")

    def on_mount(self) -> None:
        if not self.checking:
            self.session.analysis                   # (worked out now, before the first frame)
        self.state = self.make_state()
        self.marks = marks = self.review_marks(marks_of(self.state.findings))
        for view in self.views.values():
            view.set_state(self.state, marks)
        first = self.views[self.first_tab]
        if self.checking:
            first.rows_as_drawn()                   # (first_frame.py)
        first.populate()
        first.table.focus()
        self.update_header()
        self.review_on_mount()
        if self.checking:
            self.call_after_refresh(self.after_first_frame)
        # the other tabs are mounted (hidden, their tables still empty) once the first
        # frame is out, so that keys pressed right after «4» reach the new tab
        self.call_after_refresh(self._mount_other_tabs)
        if self.errors():
            self.tell(uw.opened_with_errors(len(self.errors())), title=uw.REPORT_WITH_ERRORS,
                        severity="error", timeout=10)
        elif self.session.read_only and not getattr(self.session, "held_elsewhere", False):
            # (a colleague editing is told in its own dialog, with «Повторить»)
            reason = getattr(self.session, "read_only_reason", None) or uw.VIEW_MODE
            self.tell(uw.read_only_because(reason), timeout=6)
        if self.since is not None:
            self.call_after_refresh(self.compare_with, *self.since)

    def tell(self, message: str, **kwargs) -> None:
        """A notification; it may quote user text, so it is never read as markup."""
        self.notify(message, markup=False, **kwargs)

    # ------------------------------------------------------------ state

    def make_state(self) -> State:
        session = self.session
        if self.checking and not session.analysed:
            return self.early_state()
        analysis = session.analysis
        if analysis is not None:
            review = self.review
            return State(analysis.report, analysis.derived, analysis.findings, session.read_only,
                         review, self.review_today() if review is not None else None, analysis.change,
                         analysis.unknown)
        findings = tuple(getattr(session.loaded, "findings", ()))
        return State(None, None, findings, True)

    def errors(self) -> list:
        return [f for f in self.state.findings if f.is_error] if self.state else []

    @property
    def read_only(self) -> bool:
        return self.session.read_only or self.session.report is None

    def current_view(self) -> TabView:
        return self.views[self.active]

    def all_rows(self) -> dict:
        return {name: self.views[name].rows for name in TABLES}

    def update_header(self) -> None:
        report = self.session.report
        errors = len(self.errors())
        # while the report is being checked there is no count to show yet (None)
        warnings = None if self.checking else len(self.state.findings) - errors
        self.query_one(ReportHeader).show(report.program.title if report else "", report.year if report else None,
                                          self.file_label, self.session.modified, self.read_only,
                                          errors, warnings, self.review_status())
        count = 0 if self.checking else len(self.state.findings)
        self.query_one(TabBar).set_label("findings", f"F5 {TAB_TITLES['findings']}"
                                         + (f" ({count})" if count else ""))
        self.app.sub_title = self.file_label

    def after_change(self, edit=None, focus=None, place=None) -> None:
        """Show the session's new state: changed cells, header, findings, evaluation.
        ``edit``: what changed (None: anything; ``SAVED``: nothing a row shows, only places
        in the file, so only the tabs whose marks differ and those that show places redraw)."""
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

        self.state = state = self.make_state()
        self.marks = marks = self.review_marks(marks_of(state.findings))
        sections = set() if edit is SAVED else F.sections_of(edit) if edit is not None else None
        current = self.current_view()
        target_table = place[0] if place else current.TABLE
        for view in self.views.values():
            if view.affected(sections, marks):
                view.set_state(state, marks, focus if view.TABLE == target_table else None)
            else:
                view.state, view.marks = state, marks
        self.update_header()
        self._refresh_history_keys()
        if self.comparison is not None:
            self._recompare()
        if place is not None:
            self.call_next(self._show_place, *place)

    def _refresh_history_keys(self) -> None:
        """The footer's undo / redo keys change only when there becomes something (or
        nothing) to undo or redo: redrawing the footer on every edit costs a frame."""
        history = self.session.history
        state = (bool(history and history.done), bool(history and history.undone), self.read_only)
        if state != getattr(self, "_history_state", None):
            self._history_state = state
            self.refresh_bindings()

    async def _show_place(self, table: str, key, column: str | None, field: str | None = None) -> None:
        """Put the cursor on row ``key`` of ``table``, in ``column`` or the column of ``field``."""
        if table != self.current_view().TABLE:
            await self.show_tab(table)
        view = self.views[table]
        if field is not None and column is None:
            from kedr_tui.view.navigate import target

            found = target(view.rows, table, key)
            column = field_column(table, view.rows[found.row], field) if found is not None else None
        if key is None or not view.table.goto(key, column):
            view.show_detail()

    # ------------------------------------------------------------ tabs

    async def _mount_other_tabs(self) -> None:
        hidden = [view for view in map(self.views.__getitem__, TABLES) if not view.is_mounted]
        for view in hidden:
            view.display = False
        if hidden:
            await self.query_one("#views").mount_all(hidden)

    async def _mounted(self, name: str) -> TabView:
        """The view of a tab, mounted (views other than the first are mounted on demand)."""
        view = self.views[name]
        if not view.is_mounted:
            view.display = False
            await self.query_one("#views").mount(view)
        view.populate()
        return view

    async def show_tab(self, name: str) -> None:
        view = await self._mounted(name)
        if self.active != name:
            self.views[self.active].display = False
            view.display = True
            self.active = name
            self.query_one(TabBar).active = name
        # at once, not with focus() (call_later): keys typed right after «4» go here
        self.set_focus(view.table)
        self.refresh_bindings()
        self.look_at_review_holder()

    async def on_tab_bar_selected(self, event: TabBar.Selected) -> None:
        self.land_analysis()
        await self.show_tab(event.name)

    async def action_tab(self, name: str) -> None:
        await self.show_tab(name)

    # ------------------------------------------------------------ footer

    def footer_label(self, binding) -> str | None:
        """The footer's label for a key (see KeyBar): the review labels while read-only;
        Enter on «Рассмотрение» says what it does on the row under the cursor."""
        label = footer_label(binding, self.read_only)
        if label and binding.id == "review_enter":
            return self.review_enter_label(label)
        if label and binding.id == "jump" and self.current_view().TABLE == "findings":
            row = self.current_view().current_row()
            if row is None or row.kind != "finding" or self.finding_place(row) is None:
                return None         # a finding on the whole file: Enter goes nowhere
        return label

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self._applies(action, parameters)
        if state and action in REVIEW_CHANGES:
            return self.review_change_applies(action)
        return state

    def _applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITING and self.read_only:
            return False
        try:
            view = self.current_view().TABLE
        except Exception:
            return True
        if action == "edit":
            return view not in ("findings", "changes", "review")
        if action == "jump":
            return view in ("findings", "changes")
        if action == "tab" and parameters == ("changes",) or action == "compare_off":
            return self.comparison is not None
        if action == "edit_field":
            return view not in ("findings", "changes", "review")
        if action in ("review_enter", "toggle_done"):
            return view == "review"
        if action in ("meeting_view", "card"):
            return view not in ("review", "changes") and self.session.report is not None
        if action in ("add", "delete", "move"):
            return view in ROW_TABLES
        if action == "add_task":
            return view == "indicators"
        if action in ("add_activity", "add_subprogram"):
            return view == "expenses"
        if action == "undo":
            return True if self.session.history and self.session.history.done else None
        if action == "redo":
            return True if self.session.history and self.session.history.undone else None
        return True

    # ------------------------------------------------------------ view

    def action_help(self) -> None:
        from kedr_tui.ui.help import HelpScreen

        entries = []
        for command in COMMANDS:
            if not command.keys:
                continue
            name, _, params = command.action.partition("(")
            state = self.check_action(name, eval_params(params))
            if state is False:
                continue
            entries.append((command.group, key_text(command), command.name, command.help, bool(state)))
        entries.sort(key=lambda e: [c.group for c in COMMANDS].index(e[0]))
        title = uw.keys_of_tab(TAB_TITLES[self.current_view().TABLE], self.read_only)
        self.app.push_screen(HelpScreen(title, entries))

    def action_toggle_theme(self) -> None:
        self.app.toggle_theme()

    def action_choose_theme(self) -> None:
        self.app.action_change_theme()

    def restyle(self) -> None:
        for view in self.views.values():
            if view.is_mounted and not view.populated:
                view.table.resolve_styles()
            if view.populated:
                view.table.restyle()
                view.show_detail()
                if hasattr(view, "show_evaluation"):
                    view.show_evaluation()
