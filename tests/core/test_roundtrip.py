"""Comments and layout a person wrote survive load and save."""

import difflib
from decimal import Decimal

from msgspec.structs import replace

from kedr_tui.core.edits import DeleteRow, InsertRow, MoveRow, parse_input, set_field
from kedr_tui.core.operations import new_row
from kedr_tui.core.session import Session
from kedr_tui.core.store import render
from kedr_tui.core.loading import load


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in "+-"]


def test_unedited_save_is_byte_identical(seed_copy):
    before = seed_copy.read_bytes()
    session = Session.open(seed_copy)
    session.save()
    assert seed_copy.read_bytes() == before


def test_tomlkit_rewrite_of_unchanged_model_is_identical(seed_copy):
    loaded = load(seed_copy)
    # force the tomlkit path with a model equal to the base but a different object
    report = replace(loaded.report, indicators=tuple(loaded.report.indicators))
    assert render(report, loaded.text, loaded.report) == loaded.text


def test_one_value_changes_one_line(seed_copy):
    before = seed_copy.read_text(encoding="utf-8")
    session = Session.open(seed_copy)
    index = next(i for i, ind in enumerate(session.report.indicators) if ind.name.startswith("Доля муниципальных услуг, информация"))
    session.perform(set_field(session.report, "indicators", index, "fact",
                            parse_input("indicators", "fact", "92,50")))
    session.save()
    after = seed_copy.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["- fact = 91.2", "+ fact = 92.50"]
    assert load(seed_copy).report.indicators[index].fact == Decimal("92.50")


def test_text_edits_keep_comments(seed_copy):
    before = seed_copy.read_text(encoding="utf-8")
    session = Session.open(seed_copy)
    session.perform(set_field(session.report, "signature", None, "name", "И.И. Иванов"))
    session.perform(set_field(session.report, "indicators", 0, "comment", "Первая строка.\nВторая строка."))
    session.save()
    after = seed_copy.read_text(encoding="utf-8")
    assert [l for l in before.splitlines() if l.startswith("#")] == \
        [l for l in after.splitlines() if l.startswith("#")]
    reloaded = load(seed_copy).report
    assert reloaded.signature.name == "И.И. Иванов"
    assert reloaded.indicators[0].comment == "Первая строка.\nВторая строка."


def test_insert_delete_move_rows_survive_reload(seed_copy):
    session = Session.open(seed_copy)
    report = session.report
    session.perform(InsertRow("expenses", 1, replace(new_row("expenses", report, report.expenses[0]),
                                                    executor="Новый исполнитель", plan_year=Decimal("5.00"),
                                                    plan_period=Decimal("5.00"), cash=Decimal("5.00"))))
    session.perform(DeleteRow("amendments", 0, session.report.amendments[0]))
    session.perform(MoveRow("tasks", 0, 1))
    expected = session.report
    session.save()
    reloaded = load(seed_copy).report
    assert reloaded == expected
    assert reloaded.expenses[1].executor == "Новый исполнитель"
    assert len(reloaded.amendments) == 1
    # and a second save after the first does not duplicate the new row
    session.perform(set_field(session.report, "expenses", 1, "cash", Decimal("4.00")))
    session.save()
    assert len(load(seed_copy).report.expenses) == len(expected.expenses)


def test_undo_to_saved_state_is_clean(seed_copy):
    session = Session.open(seed_copy)
    session.perform(set_field(session.report, "program", None, "title", "Другое"))
    assert session.modified
    session.undo()
    assert not session.modified
    session.redo()
    session.save()
    assert not session.modified
    session.undo()
    assert session.modified


def test_an_edit_outside_form_2_reuses_the_expense_tree_and_one_inside_does_not(seed_copy):
    session = Session.open(seed_copy)
    tree = session.analysis.derived.tree
    session.perform(set_field(session.report, "indicators", 1, "fact", Decimal("99")))
    assert session.analysis.derived.tree is tree
    session.perform(set_field(session.report, "expenses", 0, "cash", Decimal("1.00")))
    assert session.analysis.derived.tree is not tree
    assert session.analysis.derived.tree.total.cash == Decimal("1098.79")
    session.undo()
    assert session.analysis.derived.tree.total.cash == Decimal("1097.79")
    session.close()
