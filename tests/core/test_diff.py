"""The report diff (SPEC «Diff»): rows matched by identity, and the figures that moved.

The three-change case is computed by hand from the seed's figures (SPEC «Computations»):
see the comments at each expected value.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kedr_tui.core import identity as rid
from kedr_tui.core.diff import ADDED, CHANGED, REMOVED, SAME, compare
from kedr_tui.core.schema import parse
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
TRAINEES = "Количество граждан, прошедших обучение в области цифровой грамотности (электронный " \
           "гражданин) на базе Центра общественного доступа"
CBS_ROW = '''# Форма 2, 04.0.02.2, исполнитель
[[expenses]]
code = "04.0.02.2"
executor = "МУ «Кедровская ЦБС»"
plan_year = 30.00
plan_period = 30.00
cash = 30.00

'''
NEW_ACT = '''[[amendments]]
act = "Постановление Администрации города Кедрового"
date = 2021-06-01
number = "99"
summary = "О внесении изменений"

'''


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def model(text: str):
    parsed = parse(text)
    assert parsed.report is not None and not [f for f in parsed.findings if f.is_error]
    return parsed.report


def three_changes(text: str = SEED_TEXT) -> str:
    text = edit(text, "prev = 0\nplan = 10\nfact = 0\n", "prev = 0\nplan = 10\nfact = 10\n")
    text = edit(text, CBS_ROW, "")
    return edit(text, "# Доклад о ходе реализации", NEW_ACT + "# Доклад о ходе реализации")


@pytest.fixture(scope="module")
def seed():
    return model(SEED_TEXT)


@pytest.fixture(scope="module")
def three(seed):
    return compare(seed, model(three_changes()))


def test_three_changes_are_exactly_three_entries(three):
    entries = three.entries
    assert [(e.op, e.row) for e in entries] == [
        (CHANGED, rid.IndicatorId(3, TRAINEES)),
        (REMOVED, rid.ExpenseId("04.0.02.2", "МУ «Кедровская ЦБС»")),
        (ADDED, rid.AmendmentId("Постановление Администрации города Кедрового",
                                __import__("datetime").date(2021, 6, 1), "99")),
    ]
    fact = entries[0].fields
    assert [(f.field, f.old, f.new) for f in fact] == [("fact", D(0), D(10))]
    assert {f.field: f.old for f in entries[1].fields}["cash"] == D("30.00")


def test_the_changed_fact_moves_its_deviations_and_degree(three):
    figures = {f.name: (f.old, f.new) for f in three.entries[0].figures}
    assert figures == {
        "abs_deviation": (D(-10), D(0)),          # 0 − 10 → 10 − 10
        "rel_deviation": (D("0.00"), D("100.00")),  # 0/10×100 → 10/10×100
        "achievement": (D("0.0000"), D("1.0000")),  # СДП 0/10 → 10/10
    }                                              # growth: prev 0, «—» both times: not listed


def test_the_deleted_row_moves_the_totals_up_the_tree(three):
    totals = {node.code: {f.name: (f.old, f.new) for f in node.figures}
              for group in three.groups for node in group.totals}
    assert list(totals) == ["04.0.00.0", "04.0.02.0", "04.0.02.2"]   # Form 2's order
    # 04.0.02.2: 220,88 + 30,00 = 250,88 → 220,88 (all three amounts); 100 % both times
    assert totals["04.0.02.2"] == {"plan_year": (D("250.88"), D("220.88")),
                                   "plan_period": (D("250.88"), D("220.88")),
                                   "cash": (D("250.88"), D("220.88"))}
    # programme: 1 129,01 − 30 = 1 099,01 planned, 1 097,79 − 30 = 1 067,79 paid;
    # 1 067,79 / 1 099,01 = 97,159… % → 97,16 (was 97,23)
    program = {"plan_year": (D("1129.01"), D("1099.01")), "plan_period": (D("1129.01"), D("1099.01")),
               "cash": (D("1097.79"), D("1067.79")), "pct_year": (D("97.23"), D("97.16")),
               "pct_period": (D("97.23"), D("97.16"))}
    assert totals["04.0.00.0"] == program
    assert totals["04.0.02.0"] == program       # the only main activity with money


def test_the_evaluation_and_the_rating_move(three):
    # СДП before: 1 + 1 + 0,912 + 1 + 8/9 + 1 + 1 + 2/3 + 0 = 7,4676 over 9 → СР 0,8297;
    # the trainees' 0 → 1: 8,4676 / 9 = 0,94084 → 0,9408.
    # ССуз = 1 067,79 / 1 099,01 = 0,97159 → 0,9716.  СРм stays 4/4 = 1 (not listed).
    # Эис = 1 / 0,97159 = 1,02924 → 1,0292;  ЭР = 0,94084 × 1,02924 = 0,96835 → 0,9683 ≥ 0,90.
    assert {f.name: (f.old, f.new) for f in three.evaluation} == {
        "sr": (D("0.8297"), D("0.9408")), "ss": (D("0.9723"), D("0.9716")),
        "eis": (D("1.0284"), D("1.0292")), "er": (D("0.8533"), D("0.9683")),
        "rating": ("средняя", "высокая"),
    }


SPELLING = [
    ("# Форма 2, 04.0.02.2, исполнитель\n", "# другой комментарий\n# и ещё один\n"),
    ('code = "04.0.02.3"\nexecutor = "Администрация города Кедрового"\nplan_year = 17.90\n',
     'plan_year = 17.900\nexecutor = "Администрация города Кедрового"  # порядок ключей\ncode = "04.0.02.3"\n'),
    ('prev_note = "Показатель не подвергался мониторингу"\nplan = 90\n',
     'plan = 90.00\nprev_note = "Показатель не подвергался мониторингу"\n'),
    ("plan_year = 786.53\n", "plan_year = 786.5300\n"),
    ("fact = 450\n", "fact = 4.5e2\n"),
]


def test_comments_key_order_and_number_spelling_are_no_difference(seed):
    text = SEED_TEXT
    for old, new in SPELLING:
        text = edit(text, old, new)
    assert text != SEED_TEXT
    diff = compare(seed, model(text))
    assert diff.empty and diff.entries == [] and diff.evaluation == ()
    assert compare(seed, seed).empty


def test_moving_a_row_is_no_difference(seed):
    first, second = SEED_TEXT.split("# Форма 3, № 2\n")
    act2, rest = second.split("\n\n", 1)
    text = first.replace("# Форма 3, № 1\n", "# Форма 3, № 2\n" + act2 + "\n\n# Форма 3, № 1\n") + rest
    assert model(text).amendments[0].number == "22"
    assert compare(seed, model(text)).empty


def test_renaming_an_indicator_in_place_is_a_change_of_its_name(seed):
    new_name = "Количество обученных цифровой грамотности"
    renamed = model(edit(SEED_TEXT, f'name = "{TRAINEES}"', f'name = "{new_name}"'))
    diff = compare(seed, renamed)
    [entry] = diff.entries      # the paragraph of the Доклад follows its indicator: no entry
    assert (entry.op, entry.row, entry.old_index, entry.new_index) == (
        CHANGED, rid.IndicatorId(3, new_name), 9, 9)
    assert [(f.field, f.old, f.new) for f in entry.fields] == [("name", TRAINEES, new_name)]
    assert rid.renames(seed, renamed) == {9: 9}


def test_a_rename_with_another_change_is_a_removal_and_an_addition(seed):
    text = edit(SEED_TEXT, f'name = "{TRAINEES}"', 'name = "Обучено граждан"')
    text = edit(text, "prev = 0\nplan = 10\nfact = 0\n", "prev = 0\nplan = 12\nfact = 0\n")
    diff = compare(seed, model(text))
    ops = [(e.op, e.row) for e in diff.entries if e.section == "indicators"]
    assert ops[:2] == [(REMOVED, rid.IndicatorId(3, TRAINEES)), (ADDED, rid.IndicatorId(3, "Обучено граждан"))]
    # its paragraph goes and comes with it
    assert [e.op for e in diff.entries if isinstance(e.row, rid.NarrativeId)] == [REMOVED, ADDED]


def test_a_moved_indicator_renamed_is_not_a_rename(seed):
    # swap two indicators of task 3 and rename one: its position changed, so no rename
    text = edit(SEED_TEXT, f'name = "{TRAINEES}"', 'name = "Обучено граждан"')
    assert rid.renames(seed, model(text)) == {9: 9}
    other = model(text).indicators
    moved = seed.__class__(**{**{f: getattr(seed, f) for f in seed.__struct_fields__},
                              "indicators": other[:8] + (other[9], other[8])})
    assert rid.renames(seed, moved) == {}


def test_text_fields_and_the_narrative(seed):
    text = edit(SEED_TEXT, "данный показатель не выполнен", "показатель не выполнен")
    text = edit(text, 'name = "Н.А. Соловьева"', 'name = "И.И. Иванов"')
    text = edit(text, "Информация о достигнутых показателях и реализованных мероприятиях:",
                "Сведения о показателях:")
    diff = compare(seed, model(text))
    narrative = [g for g in diff.groups if g.name == "narrative"][0]
    assert [type(e.row).__name__ for e in narrative.entries] == ["NarrativeId", "NarrativeId", "TableId"]
    intro, comment, signature = narrative.entries
    assert intro.row == rid.NarrativeId("intro") and comment.row == rid.NarrativeId("comment", 3, TRAINEES)
    assert [(f.field, f.old, f.new) for f in signature.fields] == [("name", "Н.А. Соловьева", "И.И. Иванов")]
    assert not diff.evaluation


def test_duplicate_identities_pair_in_order(seed):
    doubled = SEED_TEXT.replace(CBS_ROW, CBS_ROW + CBS_ROW.replace("cash = 30.00", "cash = 25.00"))
    diff = compare(model(SEED_TEXT.replace(CBS_ROW, CBS_ROW + CBS_ROW)), model(doubled))
    [entry] = diff.entries
    assert (entry.op, entry.old_index, entry.new_index) == (CHANGED, 5, 5)
    assert [(f.field, f.old, f.new) for f in entry.fields] == [("cash", D("30.00"), D("25.00"))]


# ---------------------------------------------------------------- across years

def next_year(text: str) -> str:
    text = edit(text, "year = 2021", "year = 2022")
    # 2022: the one-window indicator's prev typed wrong, the trainees' plan raised, a task-3
    # indicator added, the goal's satisfaction indicator dropped, an activity added
    text = edit(text, "prev = 97.9\nplan = 90\nfact = 99.5", "prev = 98\nplan = 90\nfact = 99.7")
    text = edit(text, "prev = 0\nplan = 10\nfact = 0\n", "prev = 0\nplan = 15\nfact = 12\n")
    start = text.index("[[indicators]]\ntask = 0")
    end = text.index("# Форма 1, показатели цели, № 2")
    text = text[:start] + text[end:]
    text = edit(text, "# Форма 2, основное мероприятие 04.0.01.0",
                '[[indicators]]\ntask = 3\nname = "Доля электронного документооборота"\nunit = "%"\n'
                'plan = 50\nfact = 40\njustification = "Нет средств"\n\n'
                '[[activities]]\ncode = "04.0.03.2"\ntitle = "Электронный документооборот"\n\n'
                "# Форма 2, основное мероприятие 04.0.01.0")
    return text


def test_two_years_side_by_side(seed):
    diff = compare(seed, model(next_year(SEED_TEXT)))
    assert diff.cross_year and not diff.empty and (diff.old_year, diff.new_year) == (2021, 2022)
    assert [g.name for g in diff.groups] == ["program", "indicators", "expenses", "narrative"]
    form1 = {e.row.name: e for e in diff.entries if e.section == "indicators"}
    assert len(form1) == 9 + 1 + 1                # 9 in both years, one dropped, one added
    dropped = [e for e in form1.values() if e.op == REMOVED]
    added = [e for e in form1.values() if e.op == ADDED]
    assert [e.row.name[:20] for e in dropped] == ["Уровень удовлетворён"]
    assert [e.row for e in added] == [rid.IndicatorId(3, "Доля электронного документооборота")]
    window = next(e for n, e in form1.items() if "одного окна" in n)
    fields = {(f.field, f.check): (f.old, f.new) for f in window.fields}
    assert fields == {("plan", False): (D(90), D(90)), ("fact", False): (D("99.5"), D("99.7")),
                      ("prev", True): (D("99.5"), D(98))}      # 2021's fact ≠ 2022's prev
    assert window.mismatch and window.op == CHANGED
    regulations = next(e for n, e in form1.items() if "административные регламенты" in n)
    assert regulations.op == SAME and not regulations.mismatch and not regulations.figures
    trainees = form1[TRAINEES]
    assert {f.name: (f.old, f.new) for f in trainees.figures}["rel_deviation"] == (D("0.00"), D("80.00"))
    assert [(e.op, e.row) for e in diff.entries if e.section == "activities"] == [
        (ADDED, rid.ActivityId("04.0.03.2"))]
    # amendments and the narrative are each year's own: not compared
    assert not [e for e in diff.entries if e.section in ("amendments", "narrative")]


def test_entries_follow_the_newer_order_with_removed_rows_where_they_stood(seed):
    text = edit(SEED_TEXT, "prev = 100\nplan = 100\nfact = 100\nformula = \"Пв",
                "prev = 100\nplan = 100\nfact = 99\nformula = \"Пв")          # row 1 changed
    start = text.index("# Форма 1, показатели задачи 2, № 1")                 # row 5 removed
    text = text[:start] + text[text.index("# Форма 1, показатели задачи 2, № 2"):]
    text = edit(text, "# Форма 2, основное мероприятие 04.0.01.0",          # one added at the end
                '[[indicators]]\ntask = 3\nname = "Новый"\nplan = 1\n\n# Форма 2, основное мероприятие 04.0.01.0')
    entries = [e for e in compare(seed, model(text)).entries if e.section == "indicators"
               and isinstance(e.row, rid.IndicatorId)]
    assert [(e.op, e.old_index, e.new_index) for e in entries] == [
        (CHANGED, 1, 1), (REMOVED, 5, None), (ADDED, None, 9)]
