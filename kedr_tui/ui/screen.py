"""The report screen: header, the five tabs, footer; every command of the app.

All changes go through ``Session.perform / undo / redo``, saving through
``Session.save`` and quitting through ``KedrApp.request_quit``: the seams the
safety features (journal, lock, recovery) will hook into.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import Reactive
from textual.screen import Screen

from kedr_tui.core.history import EditError
from kedr_tui.core.errors import ReportError
from kedr_tui.core.store import FileChangedError
from kedr_tui.ui.commands import COMMANDS, bindings, eval_params, footer_label, key_text
from kedr_tui.view.columns import EDITABLE, TAB_TITLES, TABLES, column_keys, edit_target, field_column
from kedr_tui.view.rows import State, finding_target, marks_of, ref_target, short_text
from kedr_tui.ui.tabs import TabView, Views
from kedr_tui.ui.widgets.header import ReportHeader
from kedr_tui.ui.widgets.keybar import KeyBar
from kedr_tui.ui.widgets.tabbar import TabBar

if TYPE_CHECKING:  # navigate and the safety screens are imported where used: not needed to start
    from kedr_tui.view.navigate import Target

EDITING = {c.action.partition("(")[0] for c in COMMANDS if c.edits}
ROW_TABLES = ("indicators", "expenses", "amendments")


class ReportScreen(Screen):
    BINDINGS = bindings()

    # Textual's Screen repaints itself whole when the focus moves; the widgets whose
    # look depends on focus repaint themselves.  Over SSH a screen is 10–20 KB.
    focused = Reactive(None, repaint=False)

    def __init__(self, session, file_label: str, **kwargs):
        super().__init__(id="report", **kwargs)
        self.session = session
        self.file_label = file_label
        self.views: dict[str, TabView] = Views(self)
        self.marks: dict = {}
        self.active = "indicators"
        self.state: State | None = None
        self.query_text = ""

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ReportHeader(id="header")
        broken = self.session.report is None or self.session.loaded.has_errors
        self.first_tab = "findings" if broken else "indicators"
        self.active = self.first_tab
        yield TabBar([(name, f"{n} {TAB_TITLES[name]}") for n, name in enumerate(TABLES, start=1)],
                     self.first_tab, id="tabbar")
        with Vertical(id="views"):
            yield self.views[self.first_tab]       # the others are mounted when first shown
        yield KeyBar(id="keybar")

    def on_mount(self) -> None:
        self.state = self.make_state()
        self.marks = marks = marks_of(self.state.findings)
        for view in self.views.values():
            view.set_state(self.state, marks)
        first = self.views[self.first_tab]
        first.populate()
        first.table.focus()
        self.update_header()
        # the other tabs are mounted (hidden, their tables still empty) once the first
        # frame is out, so that keys pressed right after «4» reach the new tab
        self.call_after_refresh(self._mount_other_tabs)
        if self.errors():
            self.tell(f"В отчёте ошибки ({len(self.errors())}): он открыт только для чтения. "
                        "Исправьте файл и откройте снова.", title="Отчёт с ошибками",
                        severity="error", timeout=10)
        elif self.session.read_only and not getattr(self.session, "held_elsewhere", False):
            # (a colleague editing is told in its own dialog, with «Повторить»)
            reason = getattr(self.session, "read_only_reason", None) or "режим просмотра"
            self.tell(f"Только чтение: {reason}.", timeout=6)

    def tell(self, message: str, **kwargs) -> None:
        """A notification; it may quote user text, so it is never read as markup."""
        self.notify(message, markup=False, **kwargs)

    # ------------------------------------------------------------ state

    def make_state(self) -> State:
        session = self.session
        analysis = session.analysis
        if analysis is not None:
            return State(analysis.report, analysis.derived, analysis.findings, session.read_only)
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
        warnings = len(self.state.findings) - errors
        self.query_one(ReportHeader).show(report.program.title if report else "", report.year if report else None,
                                          self.file_label, self.session.modified, self.read_only,
                                          errors, warnings)
        count = len(self.state.findings)
        self.query_one(TabBar).set_label("findings", f"5 {TAB_TITLES['findings']}"
                                         + (f" ({count})" if count else ""))
        self.app.sub_title = self.file_label

    def after_change(self, edit=None, focus: str | None = None, place=None) -> None:
        """Show the session's new state: changed cells, header, findings, evaluation."""
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

        self.state = state = self.make_state()
        self.marks = marks = marks_of(state.findings)
        sections = F.sections_of(edit) if edit is not None else None
        current = self.current_view()
        target_table = place[0] if place else current.TABLE
        for view in self.views.values():
            if view.affected(sections, marks):
                view.set_state(state, marks, focus if view.TABLE == target_table else None)
            else:
                view.state, view.marks = state, marks
        self.update_header()
        self._refresh_history_keys()
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

    async def _show_place(self, table: str, key: str, column: str | None) -> None:
        if table != self.current_view().TABLE:
            await self.show_tab(table)
        view = self.views[table]
        if not view.table.goto(key, column):
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

    async def on_tab_bar_selected(self, event: TabBar.Selected) -> None:
        await self.show_tab(event.name)

    async def action_tab(self, name: str) -> None:
        await self.show_tab(name)

    # ------------------------------------------------------------ footer

    def footer_label(self, binding) -> str | None:
        """The footer's label for a key (see KeyBar): the review labels while read-only."""
        return footer_label(binding, self.read_only)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITING and self.read_only:
            return False
        try:
            view = self.current_view().TABLE
        except Exception:
            return True
        if action == "edit":
            return view != "findings"
        if action == "jump":
            return view == "findings"
        if action == "edit_field":
            return view != "findings"
        if action in ("add", "delete", "move"):
            return view in ROW_TABLES
        if action == "add_task":
            return view == "indicators"
        if action == "add_activity":
            return view == "expenses"
        if action == "undo":
            return True if self.session.history and self.session.history.done else None
        if action == "redo":
            return True if self.session.history and self.session.history.undone else None
        return True

    # ------------------------------------------------------------ editing

    def _row_context(self, view: TabView, row) -> str:
        """Which row an editor is about, in a line: «Задача 1, № 2 · Доля …»."""
        report = self.session.report
        if row is None or report is None:
            return ""
        if row.kind == "indicator":
            from kedr_tui.view.detail import where

            text = f"{where(self.state, row.index)} · {report.indicators[row.index].name}"
        elif row.kind == "expense":
            exp = report.expenses[row.index]
            text = f"{exp.code} · {exp.executor}"
        elif row.kind == "node":
            act = report.activities[row.index]
            text = f"{act.code} · {act.title}"
        elif row.kind == "amendment":
            text = f"Изменение № {row.index + 1} · {report.amendments[row.index].act}"
        elif row.kind == "text":
            text = row.cells[1].text
        else:
            text = " · ".join(c.text.strip() for c in row.cells[1:3] if c.text.strip())
        return short_text(text, 120)

    def action_edit(self) -> None:
        view = self.current_view()
        row = view.current_row()
        if row is None or self.session.report is None:
            return
        column = view.table.current_column()
        target = edit_target(view.TABLE, row, column)
        if target is None:
            self.tell(self._why_not(view.TABLE, row, column), timeout=4)
            return
        self.open_editor(*target, context=self._row_context(view, row))

    def _why_not(self, table: str, row, column: str) -> str:
        if row.kind in ("heading", "orphan"):
            return "Это заголовок раздела."
        if row.kind == "line":
            return "Итог по исполнителю вычисляется: правьте строки вложенных мероприятий."
        if row.kind in ("node", "program") and column in ("plan_year", "plan_period", "cash"):
            return "Итоги вычисляются из строк исполнителей (ниже)."
        if column == "mark":
            return "Здесь отмечены замечания: подробности — в панели снизу и на вкладке «Проверка»."
        editable = EDITABLE.get(table, {}).get(row.kind, {})
        if editable:
            return "Это значение вычисляется; его нельзя ввести."
        return "Эта строка не редактируется."

    def open_editor(self, section: str, index: int | None, field: str, context: str = "") -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used
        from kedr_tui.ui.editor import ChoiceEditor, FieldEditor

        report = self.session.report
        title = F.label(section, field)
        current = F.value_of(report, section, index, field)
        kind = F.editor_kind(section, field)
        if kind == "choice":
            try:
                options = F.choices(report, section, index, field)
            except EditError as exc:
                self.tell(str(exc), severity="error")
                return
            screen = ChoiceEditor(title, context, options, current)
        else:
            screen = FieldEditor(title, context, F.to_text(current), F.hint(section, field),
                                 partial(F.parse, report, section, index, field),
                                 multiline=kind == "multiline")
        self.app.push_screen(screen, partial(self._edited, section, index, field))

    def _edited(self, section: str, index: int | None, field: str, result) -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

        if result is None:
            return
        try:
            edit = F.edit_for(self.session.report, section, index, field, result.value)
        except EditError as exc:
            self.tell(str(exc), severity="error")
            return
        if edit is not None:
            self.make_edit(edit)

    def make_edit(self, edit, focus: str | None = None) -> bool:
        """The one way an edit reaches the report."""
        try:
            self.session.perform(edit)
        except EditError as exc:
            self.tell(str(exc), severity="error")
            return False
        self.after_change(edit, focus)
        return True

    def action_edit_field(self) -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used
        from kedr_tui.ui.editor import FieldPicker

        view = self.current_view()
        row = view.current_row()
        report = self.session.report
        if row is None or row.section is None or report is None:
            self.tell("У этой строки нет полей для правки.", timeout=3)
            return
        section, index = row.section, row.index
        if row.field is not None:
            fields = [row.field]
        elif section == "report":
            fields = ["year"]
        else:
            from kedr_tui.core.edits import editable_fields

            fields = list(editable_fields(section))
        entries = [(f, F.label(section, f), short_text(F.to_text(F.value_of(report, section, index, f))
                                                        if f != "better" else
                                                        ("меньше" if F.value_of(report, section, index, f)
                                                         == "lower" else "больше"), 80))
                   for f in fields]
        context = self._row_context(view, row)

        def picked(field: str | None) -> None:
            if field is not None:
                self.open_editor(section, index, field, context)

        self.app.push_screen(FieldPicker("Какое поле править?", context, entries), picked)

    # ------------------------------------------------------------ rows

    def _op(self, make) -> None:
        from kedr_tui.view import structure

        view = self.current_view()
        try:
            op = make(structure, view)
        except EditError as exc:
            self.tell(str(exc), severity="warning", timeout=5)
            return
        if op.question:
            from kedr_tui.ui.dialogs import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    self.make_edit(op.edit, op.focus)

            self.app.push_screen(ConfirmDialog(op.question), answered)
        else:
            self.make_edit(op.edit, op.focus)

    def action_add(self) -> None:
        self._op(lambda s, v: s.add_row(v.TABLE, v.current_row(), self.session.report))

    def action_add_task(self) -> None:
        self._op(lambda s, v: s.add_group(v.TABLE, v.current_row(), self.session.report))

    def action_add_activity(self) -> None:
        self._op(lambda s, v: s.add_group(v.TABLE, v.current_row(), self.session.report))

    def action_delete(self) -> None:
        self._op(lambda s, v: s.delete_row(v.TABLE, v.current_row(), self.session.report))

    def action_move(self, delta: int) -> None:
        self._op(lambda s, v: s.move_row(v.TABLE, v.current_row(), self.session.report, delta))

    # ------------------------------------------------------------ history

    def _history(self, redo: bool) -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

        edit = self.session.redo() if redo else self.session.undo()
        if edit is None:
            self.tell("Нечего повторять." if redo else "Нечего отменять.", timeout=3)
            return
        where = F.place_of_step(edit, undone=not redo)
        place = ref_target(*where) if where else None
        if place is not None:
            table, key, field = place
            row = next((r for r in self.views[table].rows if r.key == key), None)
            column = field_column(table, row, field) if row is not None else None
            place = (table, key, column)
        self.after_change(edit, place[1] if place else None, place)
        self.tell(("Повторено: " if redo else "Отменено: ") + F.describe(edit), timeout=3)

    def action_undo(self) -> None:
        self._history(redo=False)

    def action_redo(self) -> None:
        self._history(redo=True)

    # ------------------------------------------------------------ file

    def action_save(self) -> bool:
        if self.read_only:
            self.tell("Отчёт открыт только для чтения.", severity="warning")
            return False
        try:
            path = self.session.save()
        except FileChangedError as exc:
            # someone changed the file since it was read: ask (reload / save as / cancel)
            from kedr_tui.ui.safety.flow import resolve_conflict

            resolve_conflict(self.app, self.session, exc, on_change=self.after_change)
            return False
        except (ReportError, OSError) as exc:
            self.tell(str(exc), title="Не сохранено", severity="error", timeout=10)
            return False
        self.after_change(None)
        self.tell(f"Сохранено: {path}", timeout=3)
        if self.errors():
            self.tell("В отчёте есть ошибки: файл откроется только для чтения, пока их не "
                        "исправить.", severity="warning", timeout=8)
        return True

    def action_export(self, kind: str) -> None:
        analysis = self.session.analysis
        if analysis is None or analysis.errors:
            self.tell("В отчёте ошибки: вывод невозможен (см. вкладку «Проверка»).",
                        severity="error")
            return
        self.tell(f"Вывод {'PDF' if kind == 'pdf' else 'текста'}…", timeout=2)
        self._export(kind, analysis)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, kind: str, analysis) -> None:
        notify = partial(self.app.call_from_thread, self.tell)
        try:
            from kedr_tui.export.files import default_path, write_output

            warnings: list[str] = []
            path = write_output(kind, analysis, default_path(kind, analysis.report.year), warnings)
        except ImportError:
            notify("Экспорт недоступен: модуль вывода не установлен.", severity="warning")
        except ReportError as exc:
            notify(str(exc), title="Вывод не записан", severity="error", timeout=10)
        except Exception as exc:  # an export bug must not take the editor down
            notify(f"{type(exc).__name__}: {exc}", title="Ошибка вывода", severity="error", timeout=10)
        else:
            notify(f"Записан файл {path}", title="Вывод", timeout=6)
            if warnings:
                notify("; ".join(warnings[:3]) + (f" (и ещё {len(warnings) - 3})" if len(warnings) > 3 else ""),
                       title="Не всё напечатано", severity="warning", timeout=12)

    def action_quit(self) -> None:
        self.app.request_quit()

    # ------------------------------------------------------------ moving around

    def _position(self) -> tuple[str, int]:
        view = self.current_view()
        return view.TABLE, (view.table.cursor_row if view.populated else -1)

    async def goto(self, target: Target) -> None:
        await self.show_tab(target.table)
        self.views[target.table].table.goto_index(target.row, target.column)

    async def _finding(self, forward: bool) -> None:
        if self.state is None or not self.state.findings:
            self.tell("Замечаний нет.", timeout=3)
            return
        from kedr_tui.view.navigate import finding_targets, step

        targets = finding_targets(self.state.findings, self.all_rows())
        target, wrapped = step(targets, *self._position(), forward=forward)
        if target is None:
            self.tell("Замечаний нет.", timeout=3)
            return
        await self.goto(target)
        if wrapped:
            self.tell("Замечания пройдены: снова с " + ("начала." if forward else "конца."), timeout=3)

    async def action_next_finding(self) -> None:
        await self._finding(True)

    async def action_prev_finding(self) -> None:
        await self._finding(False)

    async def action_jump(self) -> None:
        view = self.current_view()
        row = view.current_row()
        if row is None or row.kind != "finding":
            return
        finding = self.state.findings[row.index]
        table, key, field = finding_target(finding)
        rows = self.views[table].rows
        index = next((i for i, r in enumerate(rows) if r.key == key), None)
        if table == "findings" or index is None:
            self.tell("Замечание относится к файлу в целом: строка " + str(finding.line), timeout=4)
            return
        from kedr_tui.view.navigate import Target

        await self.goto(Target(table, index, field_column(table, rows[index], field)))

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
            self.tell(f"«{self.query_text}» не найдено.", severity="warning", timeout=3)
            return
        await self.goto(target)
        if wrapped:
            self.tell("Поиск продолжен с " + ("начала." if forward else "конца."), timeout=3)

    async def action_search_next(self) -> None:
        await self._search(True)

    async def action_search_prev(self) -> None:
        await self._search(False)

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
        title = f"Клавиши — вкладка «{TAB_TITLES[self.current_view().TABLE]}»"
        if self.read_only:
            title += " (только чтение)"
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
