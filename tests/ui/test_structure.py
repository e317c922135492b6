"""Adding, deleting (confirmed) and moving rows, tasks and activities."""

from __future__ import annotations

from tests.ui.conftest import cell, header, move_to, notifications, running, table, type_text

from kedr_tui.ui.dialogs import ConfirmDialog
from tests.keys import amd, exp, ind, line, node, task


def report(app):
    return app.report_screen.session.report


async def test_add_indicator_after_the_current_one_then_delete_it(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("a")
        await pilot.pause()
        assert len(report(app).indicators) == 11
        assert report(app).indicators[4].name == "Новый показатель"
        assert report(app).indicators[4].task == 1
        assert table(app, "indicators").current_key() == ind(4, app)
        assert cell(app, "indicators", ind(4, app), "num") == "3"       # numbered within task 1
        assert cell(app, "indicators", ind(5, app), "num") == "4"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(report(app).indicators) == 11
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(report(app).indicators) == 10
        assert app.report_screen.session.modified       # two steps made...
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert not app.report_screen.session.modified   # ...and undone: clean again
        assert len(report(app).indicators) == 10


async def test_move_indicator_within_its_group(seed):
    async with running(seed) as (app, pilot):
        first = report(app).indicators[5].name
        await move_to(pilot, app, ind(5, app), "name")
        await pilot.press("J")
        await pilot.pause()
        assert report(app).indicators[6].name == first
        assert table(app, "indicators").current_key() == ind(6, app)
        await pilot.press("alt+up")
        await pilot.pause()
        assert report(app).indicators[5].name == first
        await pilot.press("K")       # already the first of task 2: refused with a reason
        await pilot.pause()
        assert report(app).indicators[5].name == first
        assert any("первый" in n for n in notifications(app))


async def test_add_move_and_delete_a_task(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, task(3), "name")
        await pilot.press("A")
        await pilot.pause()
        assert len(report(app).tasks) == 4
        assert table(app, "indicators").current_key() == task(4)
        assert cell(app, "indicators", task(4), "name").startswith("Показатели задачи 4 «Новая задача")
        # a task with indicators can't go
        await move_to(pilot, app, task(3), "name")
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("нельзя удалить" in n for n in notifications(app))
        # move task 1 down: its indicators go with it
        await move_to(pilot, app, task(1), "name")
        await pilot.press("J")
        await pilot.pause()
        assert report(app).tasks[1].title.startswith("Повышение качества")
        assert report(app).indicators[2].task == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert report(app).indicators[2].task == 1
        await move_to(pilot, app, task(4), "name")
        await pilot.press("d", "y")
        await pilot.pause()
        assert len(report(app).tasks) == 3


async def test_add_executor_and_activity_and_delete_the_activity(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        await move_to(pilot, app, exp(8, app), "name")           # 04.0.02.5, Администрация
        await pilot.press("a")
        await pilot.pause()
        assert report(app).expenses[9].code == "04.0.02.5"
        assert report(app).expenses[9].executor == "Новый исполнитель"
        assert table(app, "expenses").current_key() == exp(9, app)
        await pilot.press("A")                                # a sibling activity
        await pilot.pause()
        codes = [a.code for a in report(app).activities]
        assert "04.0.02.6" in codes
        index = codes.index("04.0.02.6")
        assert table(app, "expenses").current_key() == node(index, app)
        await pilot.press("a")                                # its first executor
        await pilot.pause()
        assert report(app).expenses[-1].code == "04.0.02.6"
        await move_to(pilot, app, node(index, app), "name")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "1 строк" in app.screen.question
        await pilot.press("enter")                             # «Удалить» has the focus
        await pilot.pause()
        assert "04.0.02.6" not in [a.code for a in report(app).activities]
        assert all(e.code != "04.0.02.6" for e in report(app).expenses)


async def test_totals_rows_cannot_be_deleted(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f2")
        await pilot.pause()
        await move_to(pilot, app, line("04.0.00.0", "МУ «Культура»"), "name")
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)


async def test_amendment_add_move_delete(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f3")
        await pilot.pause()
        await move_to(pilot, app, amd(1, app), "act")
        await pilot.press("a")
        await pilot.pause()
        assert len(report(app).amendments) == 3
        assert report(app).amendments[2].act == "Постановление Администрации города Кедрового"
        await pilot.press("K")
        await pilot.pause()
        assert report(app).amendments[1].number == ""
        assert table(app, "amendments").current_key() == amd(1, app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert [a.number for a in report(app).amendments] == ["55", "22"]


async def test_pressing_add_twice_leaves_no_error_behind(seed):
    """«a a» on an indicator and on an amendment: two rows, each its own identity, so the
    report has no E-DUP (the header counts no errors) and stays savable as it was."""
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        names = [i.name for i in report(app).indicators]
        assert names[4:6] == ["Новый показатель", "Новый показатель 2"]
        assert report(app).indicators[5].task == 1
        await pilot.press("f3")
        await pilot.pause()
        await move_to(pilot, app, amd(1, app), "act")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dates = [a.date.isoformat() for a in report(app).amendments]
        assert dates == ["2021-03-24", "2022-01-31", "2021-01-01", "2021-01-02"]
        assert [f.code for f in app.report_screen.session.analysis.findings if f.is_error] == []
        assert "ошиб" not in header(app) and "изменён" in header(app)


async def test_a_row_added_from_the_first_column_is_named_with_enter(seed):
    """From the marker column (Home), after «a» the cursor stands on the new row's name, so
    Enter edits the name (it explained the marker column instead) — an indicator, an
    executor row and an amendment alike."""
    async with running(seed) as (app, pilot):
        t = table(app, "indicators")
        await pilot.press("home")
        assert t.cursor_column == 0
        await pilot.press("a")
        await pilot.pause()
        new = report(app).indicators[2]
        assert new.name == "Новый показатель" and new.task == 0
        assert t.current_key() == ind(2, app) and t.cursor_column == t.coordinate_of(ind(2, app), "name").column
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Число обращений")
        await pilot.press("enter")
        await pilot.pause()
        assert report(app).indicators[2].name == "Число обращений"
        await pilot.press("f3")
        await pilot.pause()
        t = table(app, "amendments")
        await move_to(pilot, app, amd(0, app), "num")
        await pilot.press("a")
        await pilot.pause()
        assert t.current_key() == amd(1, app) and t.cursor_column == t.coordinate_of(amd(1, app), "act").column


async def test_s_adds_a_subprogram_named_with_enter_filled_with_a_undone_and_saved(seed):
    """Form 2 has subprograms (``МП.Пп.00.0``) but no key added one: tasks and activities had
    «A».  «S» on «Расходы» adds the next free one, the cursor on its name; «A» on it adds a
    main activity in it; undo, redo and save take it as any row; the help lists it."""
    from kedr_tui.core.identity import ActivityId
    from kedr_tui.core.loading import load
    from kedr_tui.ui.help import HelpScreen
    from tests.ui.conftest import active_tab, save, until

    async with running(seed) as (app, pilot):
        await pilot.press("S")                              # not on Form 1: said so
        await until(pilot, lambda: any("Добавить подпрограмму" in n for n in notifications(app)),
                    "«S» is of «Расходы»")
        assert all(a.code != "04.1.00.0" for a in report(app).activities)
        await pilot.press("f2")
        await until(pilot, lambda: active_tab(app) == "expenses", "on «Расходы»")
        await pilot.press("S")
        await until(pilot, lambda: table(app, "expenses").current_key() == ActivityId("04.1.00.0"),
                    "on the new subprogram")
        added = [a for a in report(app).activities if a.code == "04.1.00.0"]
        assert [(a.title, a.task) for a in added] == [("Новая подпрограмма", None)]
        assert table(app, "expenses").current_column() == "name"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Связь")
        await pilot.press("enter")
        await until(pilot, lambda: any(a.title == "Связь" for a in report(app).activities), "named")
        await pilot.press("A")                              # a main activity in it
        await until(pilot, lambda: any(a.code == "04.1.01.0" for a in report(app).activities),
                    "04.1.01.0 added")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await until(pilot, lambda: all(a.code[:4] != "04.1" for a in report(app).activities),
                    "all undone")
        assert not app.report_screen.session.modified
        await pilot.press("ctrl+y", "ctrl+y")
        await until(pilot, lambda: any(a.title == "Связь" for a in report(app).activities), "redone")
        await save(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert ("S", "Добавить подпрограмму") in {(e[1], e[2]) for e in app.screen.entries}
    saved = [(a.code, a.title, a.task) for a in load(seed).report.activities if a.code.startswith("04.1")]
    assert saved == [("04.1.00.0", "Связь", None)]
