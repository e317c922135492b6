"""The typed row identity (SPEC, «Row identity»): what names a row, whatever its position."""

import datetime as dt

import pytest

from kedr_tui.core import identity as rid
from kedr_tui.core.loading import load
from tests.conftest import CLEAN, SEED

from tests.core.test_checks import change, codes


@pytest.fixture(scope="module")
def seed():
    return load(SEED).report


def test_each_kind_of_row_is_named_by_what_it_is(seed):
    assert rid.of(seed, "tasks", 1) == rid.TaskId(2)
    epgu = rid.of(seed, "indicators", 3)
    assert epgu.task == 1 and epgu.name.startswith("Доля муниципальных услуг, информация о которых")
    assert rid.of(seed, "activities", 0) == rid.ActivityId(seed.activities[0].code)
    assert rid.of(seed, "expenses", 2) == rid.ExpenseId("04.0.02.1", "Администрация города Кедрового")
    assert rid.of(seed, "amendments", 0) == rid.AmendmentId(
        "Постановление Администрации города Кедрового", dt.date(2021, 3, 24), "55")
    assert rid.of(seed, "narrative", None, "outro") == rid.NarrativeId("outro")
    assert rid.of(seed, "indicators", 3, "comment") == rid.NarrativeId("comment", 1, epgu.name)
    assert rid.of(seed, "program") == rid.TableId("program")
    assert rid.of(seed, "report") == rid.REPORT


def test_names_are_whitespace_normalised_and_keep_case():
    from kedr_tui.core.model import Indicator

    a = rid.of_row("indicators", 0, Indicator(task=1, name="Доля  услуг\n в МФЦ "))
    assert a == rid.IndicatorId(1, "Доля услуг в МФЦ")
    assert a != rid.IndicatorId(1, "доля услуг в мфц")


def test_every_row_of_the_seed_is_found_again_by_its_identity(seed):
    index = rid.index(seed)
    for section in ("tasks", "indicators", "activities", "expenses", "amendments"):
        for i in range(len(getattr(seed, section))):
            name = rid.of(seed, section, i)
            assert index[name] == (section, i)
            assert rid.find(seed, name) == (section, i)
    assert rid.find(seed, rid.of(seed, "indicators", 5, "comment")) == ("indicators", 5)
    assert rid.find(seed, rid.IndicatorId(1, "Нет такого показателя")) is None
    assert rid.find(seed, rid.TaskId(9)) is None


def test_an_identity_survives_a_plain_table_and_back(seed):
    for section in ("tasks", "indicators", "activities", "expenses", "amendments"):
        for i in range(len(getattr(seed, section))):
            name = rid.of(seed, section, i)
            table = rid.to_table(name)
            assert table["section"] == type(name).__struct_config__.tag
            assert rid.from_table(table) == name
    assert rid.to_table(rid.REPORT) == {"section": "report"}
    assert rid.to_table(rid.of(seed, "amendments", 0))["date"] == dt.date(2021, 3, 24)


@pytest.mark.parametrize("bad", [{"section": "indicator", "task": "1", "name": "x"},
                                 {"section": "nothing"}, {"section": "task"}, "task:3",
                                 {"section": "activity", "code": "04.0.01.1", "extra": 1}])
def test_a_malformed_identity_is_refused_in_russian(bad):
    with pytest.raises(ValueError, match="строка указана неверно"):
        rid.from_table(bad)


def test_the_words_for_a_row(seed):
    assert rid.describe(rid.of(seed, "expenses", 2)) == "Расход 04.0.02.1, Администрация города Кедрового"
    assert rid.describe(rid.of(seed, "amendments", 0)) == \
        "Постановление Администрации города Кедрового от 24.03.2021 № 55"
    assert rid.describe(rid.TaskId(2)) == "Задача 2"
    assert rid.describe(rid.IndicatorId(0, "Уровень")) == "Показатель цели «Уровень»"
    # an activity as what its code says it is (a mark on a subprogram said «Мероприятие»)
    assert [rid.describe(rid.ActivityId(code)) for code in
            ("04.0.02.1", "04.0.02.0", "07.1.00.0", "07.1.01.12", "bad")] == [
        "Мероприятие 04.0.02.1", "Основное мероприятие 04.0.02.0", "Подпрограмма 07.1.00.0",
        "Мероприятие 07.1.01.12", "Мероприятие bad"]


DUP_INDICATOR = '\n[[indicators]]\ntask = 1\nname = "Показатель "\nunit = "%"\nplan = 1\nfact = 1\n'
DUP_AMENDMENT = ('\n[[amendments]]\nact = "Постановление"\ndate = 2021-03-24\nnumber = "55"\n'
                 'summary = "Другая суть"\n')


def test_two_indicators_of_one_task_with_one_name_are_an_error(write_report):
    path = write_report(change("[[activities]]", DUP_INDICATOR + "\n[[activities]]"))
    found = load(path).findings
    assert [f.code for f in found] == ["E-DUP"]
    assert "повторяется в задаче 1" in found[0].message
    assert path.read_text(encoding="utf-8").splitlines()[found[0].line - 1] == 'name = "Показатель "'


def test_the_same_name_under_another_task_is_no_duplicate(write_report):
    assert codes(write_report(change("[[activities]]", DUP_INDICATOR.replace("task = 1", "task = 0")
                                     + "\n[[activities]]"))) == []


def test_two_amendments_with_one_act_date_and_number_are_an_error(write_report):
    assert "date = 2021-03-24" in CLEAN and 'number = "55"' in CLEAN
    assert codes(write_report(CLEAN + DUP_AMENDMENT)) == ["E-DUP"]
    assert codes(write_report(CLEAN + DUP_AMENDMENT.replace('"55"', '"56"'))) == []


def test_a_duplicate_among_the_goals_indicators_is_named_so_not_task_0(write_report):
    twice = DUP_INDICATOR.replace("task = 1", "task = 0")
    path = write_report(change("[[activities]]", twice + twice + "\n[[activities]]"))
    found = load(path).findings
    assert [f.code for f in found] == ["E-DUP"]
    assert found[0].message.endswith("повторяется среди показателей цели (как № 3 в файле)")
