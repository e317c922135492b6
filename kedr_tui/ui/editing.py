"""The report screen's editing commands: a cell's editor, the field list, rows added,
deleted and moved, undo and redo.

A mixin of ``ReportScreen`` (``screen.py``): it uses the screen's session, views,
state and ``after_change``.  What may be typed and what an edit does are decided in
``view.fields`` and ``view.structure``; this only asks and shows.
"""

from __future__ import annotations

from functools import partial

from kedr_tui.core import wording as core_wording
from kedr_tui.core.history import EditError
from kedr_tui.view.columns import EDITABLE, edit_target
from kedr_tui.view.detail import row_context
from kedr_tui.view.rows import ref_target, short_text
from kedr_tui.ui import wording as uw


# The field that names a row of each section: where the cursor goes on a row just added.
NAME_FIELDS = {"indicators": "name", "tasks": "title", "activities": "title", "expenses": "executor",
               "amendments": "act"}


class EditingCommands:
    def type_into_cell(self, key: str, char: str) -> bool:
        """Start editing the current cell with ``char`` (the spreadsheet habit); False lets the
        key go on (a comma is «?» on the Russian layout)."""
        view = self.current_view()
        row = view.current_row()
        target = None
        if row is not None and self.session.report is not None and view.TABLE not in ("findings", "changes"):
            target = edit_target(view.TABLE, row, view.table.current_column())
        if target is not None:
            from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

            if not F.digit_starts_value(target[0], target[2]):
                if key == "comma":
                    return False
                self.tell(uw.TEXT_BY_ENTER, timeout=4)
                return True
            self.open_editor(*target, context=row_context(self.state, row), typed=char)
        elif key == "comma":
            return False
        elif char.isdigit() or row is None or view.TABLE in ("findings", "changes"):
            self.tell(uw.DIGIT_HINT, timeout=4)
        else:
            self.tell(self._why_not(view.TABLE, row, view.table.current_column()), timeout=4)
        return True

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
        self.open_editor(*target, context=row_context(self.state, row))

    def _why_not(self, table: str, row, column: str) -> str:
        if row.kind in ("heading", "orphan"):
            return uw.SECTION_HEADING
        if row.kind == "line":
            return uw.EXECUTOR_TOTAL_COMPUTED
        if row.kind in ("node", "program") and column in ("plan_year", "plan_period", "cash"):
            return uw.TOTALS_FROM_EXECUTORS
        if column == "mark":
            return uw.MARK_COLUMN
        editable = EDITABLE.get(table, {}).get(row.kind, {})
        if editable:
            return uw.VALUE_COMPUTED
        return uw.ROW_NOT_EDITABLE

    def open_editor(self, section: str, index: int | None, field: str, context: str = "",
                    typed: str | None = None) -> None:
        """The editor of a field; ``typed``: the character that opened it, the start of the
        new value (a number, a date, a code: ``F.digit_starts_value``)."""
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
            if typed is not None and typed.isdigit() and int(typed) in [v for v, _ in options]:
                current = int(typed)             # «2» on a task cell: task 2
            screen = ChoiceEditor(title, context, options, current)
        else:
            initial = F.to_text(current) if typed is None else typed
            screen = FieldEditor(title, context, initial, F.hint(section, field),
                                 partial(F.parse, report, section, index, field,
                                         file_year=self.session.loaded.context.file_year),
                                 multiline=kind == "multiline", typed=typed is not None,
                                 number=kind in ("number", "integer"))
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
        if edit is not None:       # the cursor stays on the row, even when the edit renames it
            from kedr_tui.view.keys import After

            self.make_edit(edit, After(section, index, field) if index is not None else None)

    def make_edit(self, edit, focus=None) -> bool:
        """The one way an edit reaches the report; ``focus``: the key of the row the cursor
        goes to afterwards (view/keys.py)."""
        if self.refuse_while_saving():
            return False
        try:
            self.session.perform(edit)
        except EditError as exc:
            self.tell(str(exc), severity="error")
            return False
        from kedr_tui.view.keys import resolve

        self.after_change(edit, resolve(focus, self.session.report))
        return True

    def action_edit_field(self) -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used
        from kedr_tui.ui.editor import FieldPicker

        view = self.current_view()
        row = view.current_row()
        report = self.session.report
        if row is None or row.section is None or report is None:
            self.tell(uw.NO_FIELDS, timeout=3)
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
                                                        core_wording.BETTER_SHORT[
                                                            "lower" if F.value_of(report, section, index, f)
                                                            == "lower" else "higher"], 80))
                   for f in fields]
        context = row_context(self.state, row)

        def picked(field: str | None) -> None:
            if field is not None:
                self.open_editor(section, index, field, context)

        self.app.push_screen(FieldPicker(uw.WHICH_FIELD, context, entries), picked)

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
        elif self.make_edit(op.edit, op.focus):
            self._to_the_name_of_an_added_row(op)

    def _to_the_name_of_an_added_row(self, op) -> None:
        """A row just added is named first (it holds the app's placeholder until then): the
        cursor goes to its name, so Enter edits it, wherever the cursor stood («№», the marker)."""
        from kedr_tui.core.edits import InsertRow
        from kedr_tui.view.keys import resolve

        first = op.edit.edits[0] if hasattr(op.edit, "edits") else op.edit
        field = NAME_FIELDS.get(first.section) if isinstance(first, InsertRow) else None
        key = resolve(op.focus, self.session.report) if field else None
        if key is not None:
            self.call_next(self._show_place, self.current_view().TABLE, key, None, field)

    def action_add(self) -> None:
        self._op(lambda s, v: s.add_row(v.TABLE, v.current_row(), self.session.report))

    def action_add_task(self) -> None:
        self._op(lambda s, v: s.add_group(v.TABLE, v.current_row(), self.session.report))

    def action_add_activity(self) -> None:
        self._op(lambda s, v: s.add_group(v.TABLE, v.current_row(), self.session.report))

    def action_add_subprogram(self) -> None:
        self._op(lambda s, v: s.add_subprogram(v.TABLE, self.session.report))

    def action_delete(self) -> None:
        self._op(lambda s, v: s.delete_row(v.TABLE, v.current_row(), self.session.report))

    def action_move(self, delta: int) -> None:
        self._op(lambda s, v: s.move_row(v.TABLE, v.current_row(), self.session.report, delta))

    # ------------------------------------------------------------ history

    def _history(self, redo: bool) -> None:
        from kedr_tui.view import fields as F  # the editing helpers: loaded when first used

        if self.refuse_while_saving():
            return
        edit = self.session.redo() if redo else self.session.undo()
        if edit is None:
            self.tell(uw.NOTHING_TO_REDO if redo else uw.NOTHING_TO_UNDO, timeout=3)
            return
        where = F.place_of_step(edit, undone=not redo)
        place = None
        if where:      # the row as it is now: an undone delete's row is back, under its own key
            table, key, field = ref_target(self.session.report, *where)
            place = (table, key, None, field)
        self.after_change(edit, place[1] if place else None, place)
        self.tell(uw.undone(F.describe(edit), redo), timeout=3)

    def action_undo(self) -> None:
        self._history(redo=False)

    def action_redo(self) -> None:
        self._history(redo=True)
