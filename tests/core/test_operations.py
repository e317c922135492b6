"""Structural operations in the core (core/operations.py), on the seed, without a screen:
each is one undoable edit that keeps the report consistent, and undoing it restores
the report exactly."""

from __future__ import annotations

import pytest

from kedr_tui.core import operations as ops
from kedr_tui.core.edits import Batch, EditError, InsertRow, MoveRow
from kedr_tui.core.history import History
from kedr_tui.core.loading import load
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return load(SEED).report


def done_and_undone(report, edit):
    history = History(report)
    after = history.push(edit)
    history.undo()
    assert history.report == report
    return after


def tasks_of(report):
    return [i.task for i in report.indicators], [a.task for a in report.activities]


def test_a_task_added_in_the_middle_shifts_the_later_tasks_references(seed):
    edit = ops.add_task(seed, 1)
    after = done_and_undone(seed, edit)
    assert [t.title for t in after.tasks][1] == "Новая задача" and len(after.tasks) == 4
    before_ind, before_act = tasks_of(seed)
    after_ind, after_act = tasks_of(after)
    assert after_ind == [t + 1 if t > 1 else t for t in before_ind]
    assert after_act == [t + 1 if t is not None and t > 1 else t for t in before_act]
    assert isinstance(ops.add_task(seed, 3), InsertRow)          # last: nothing shifts


def test_moving_a_task_takes_its_indicators_and_activities_along(seed):
    after = done_and_undone(seed, ops.move_task(seed, 0, 2))
    assert [t.title for t in after.tasks] == [seed.tasks[1].title, seed.tasks[2].title, seed.tasks[0].title]
    for old, new in zip(seed.indicators, after.indicators):
        if old.task:
            assert after.tasks[new.task - 1].title == seed.tasks[old.task - 1].title
    for old, new in zip(seed.activities, after.activities):
        if old.task:
            assert after.tasks[new.task - 1].title == seed.tasks[old.task - 1].title


def test_a_task_in_use_is_not_deleted_and_an_unused_one_renumbers_the_rest(seed):
    with pytest.raises(EditError, match="задачу 1 нельзя удалить"):
        ops.delete_task(seed, 0)
    grown = ops.add_task(seed, 0).apply(seed)                    # a new, unused task 1
    after = done_and_undone(grown, ops.delete_task(grown, 0))
    assert after == seed


def test_changing_an_activity_code_renames_its_expense_rows(seed):
    index = next(i for i, a in enumerate(seed.activities) if a.code == "04.0.02.3")
    edit = ops.change_activity_code(seed, index, "04.0.02.9")
    after = done_and_undone(seed, edit)
    assert after.activities[index].code == "04.0.02.9"
    assert [e.executor for e in after.expenses if e.code == "04.0.02.9"] == \
        [e.executor for e in seed.expenses if e.code == "04.0.02.3"] == ["Администрация города Кедрового",
                                                                         "Отдел образования"]
    assert not [e for e in after.expenses if e.code == "04.0.02.3"]
    assert ops.change_activity_code(seed, index, "04.0.02.3") is None
    with pytest.raises(EditError, match="вложенные"):
        ops.change_activity_code(seed, 2, "04.0.09.0")            # 04.0.02.0 has children


def test_changing_the_programme_code_renames_every_code_under_it(seed):
    after = done_and_undone(seed, ops.change_program_code(seed, "05"))
    assert after.program.code == "05"
    assert all(a.code.startswith("05.") for a in after.activities)
    assert all(e.code.startswith("05.") for e in after.expenses)
    with pytest.raises(EditError, match="занят"):
        ops.check_activity_code(seed, 7, "04.0.02.4")
    with pytest.raises(EditError, match="родительского"):
        ops.check_activity_code(seed, 7, "04.0.05.1")


def test_an_executor_row_gets_a_free_name_and_lands_with_its_activity(seed):
    edit = ops.add_executor(seed, "04.0.02.3")
    after = done_and_undone(seed, edit)
    assert edit.index == 7 and after.expenses[7].code == "04.0.02.3"
    assert after.expenses[7].executor == "Новый исполнитель"
    again = ops.add_executor(after, "04.0.02.3")
    assert again.row.executor == "Новый исполнитель 2"
    with pytest.raises(EditError, match="вложенные"):
        ops.add_executor(seed, "04.0.02.0")


def test_an_activity_is_deleted_with_its_expense_rows(seed):
    index = next(i for i, a in enumerate(seed.activities) if a.code == "04.0.03.1")
    edit = ops.delete_activity(seed, index)
    after = done_and_undone(seed, edit)
    assert isinstance(edit, Batch) and len(edit.edits) == 9       # 8 expense rows and the activity
    assert "04.0.03.1" not in {a.code for a in after.activities}
    assert "04.0.03.1" not in {e.code for e in after.expenses}
    with pytest.raises(EditError, match="вложенные"):
        ops.delete_activity(seed, 2)


def test_new_activities_take_the_next_free_code_in_code_order(seed):
    edit = ops.add_activity(seed, "04.0.02.5")
    assert edit.row.code == "04.0.02.6" and edit.index == 8
    edit = ops.add_activity(seed, "04.0.02.0")
    assert edit.row.code == "04.0.02.6"
    edit = ops.add_activity(seed, None, task=2)
    assert edit.row.code == "04.0.04.0" and edit.row.task == 2 and edit.index == len(seed.activities)


def test_moves_stay_within_the_group(seed):
    assert ops.move_indicator(seed, 3, -1) == MoveRow("indicators", 3, 2)
    with pytest.raises(EditError, match="первый"):
        ops.move_indicator(seed, 2, -1)
    assert ops.move_executor(seed, 4, -1) == MoveRow("expenses", 4, 3)
    with pytest.raises(EditError, match="первая в мероприятии"):
        ops.move_executor(seed, 3, -1)
    with pytest.raises(EditError, match="последняя"):
        ops.move_amendment(seed, len(seed.amendments) - 1, 1)


def test_adding_twice_never_makes_a_duplicate_row(seed):
    """A second row added before the first is filled in must not be an E-DUP the app
    made itself: indicators get «Новый показатель 2», amendments the next free day."""
    from kedr_tui.core.identity import duplicates
    first = ops.add_indicator(seed, 0)
    grown = first.apply(seed)
    second = ops.add_indicator(grown, 0)
    more = second.apply(grown)
    third = ops.add_indicator(more, 0, after=second.index)
    assert (first.row.name, second.row.name, third.row.name) == (
        "Новый показатель", "Новый показатель 2", "Новый показатель 3")
    assert third.row.task == 0 and duplicates(third.apply(more), "indicators") == []
    assert ops.add_indicator(grown, 1).row.name == "Новый показатель"     # another task: free
    last = len(seed.amendments) - 1
    one = ops.add_amendment(seed, last)
    with_one = one.apply(seed)
    two = ops.add_amendment(with_one, one.index)
    assert (one.row.act, one.row.date.isoformat()) == (seed.amendments[last].act, "2021-01-01")
    assert (two.row.act, two.row.date.isoformat()) == (one.row.act, "2021-01-02")
    assert duplicates(two.apply(with_one), "amendments") == []


def test_an_activity_added_on_a_subprogram_goes_into_it_and_m_runs_to_99(seed):
    from msgspec.structs import replace
    from kedr_tui.core.model import Activity
    sub = replace(seed, activities=(*seed.activities,
                                    Activity(code="04.2.00.0", title="Подпрограмма 2"),
                                    Activity(code="04.2.01.0", title="ОМ", task=2),
                                    *[Activity(code=f"04.2.01.{m}", title=f"М{m}") for m in range(1, 10)]))
    edit = ops.add_activity(sub, "04.2.00.0")
    assert edit.row.code == "04.2.02.0" and edit.row.task == 2     # the subprogram's task, not the last
    assert ops.add_activity(sub, None).row.task == 3                  # on the programme: the last task
    assert ops.add_activity(sub, "04.2.01.9").row.code == "04.2.01.10"
    assert ops.add_activity(sub, "04.2.01.0").row.code == "04.2.01.10"


def test_a_subprogram_takes_the_next_free_code_and_stops_at_9(seed):
    from msgspec.structs import replace
    from kedr_tui.core.model import Activity
    edit = ops.add_subprogram(seed)                            # the seed has none
    assert (edit.row.code, edit.row.title, edit.row.task) == ("04.1.00.0", "Новая подпрограмма", None)
    assert edit.index == len(seed.activities)                 # after 04.0.…: the file in code order
    two = replace(seed, activities=(*seed.activities, Activity(code="04.3.01.0", title="ОМ", task=1)))
    assert ops.add_subprogram(two).row.code == "04.4.00.0"    # after the largest Пп in use
    full = replace(seed, activities=(*seed.activities, Activity(code="04.9.00.0", title="П9")))
    with pytest.raises(EditError, match="подпрограмм нет"):
        ops.add_subprogram(full)
