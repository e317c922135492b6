"""Plausibility warnings (SPEC «Checks», turn 2): the typos a meeting would otherwise catch."""

from decimal import Decimal

import pytest

from kedr_tui.core.derive import NEGATIVE_LEFT_OUT, evaluation
from kedr_tui.core.loading import load
from tests.conftest import CLEAN

# CLEAN with a share indicator («Доля …, %») and no formula, so that only the check under test fires
BASE = CLEAN.replace('name = "Показатель"\n', 'name = "Доля услуг в электронном виде"\n', 1).replace(
    'formula = "П=(5/5)*10"\n', "")


def change(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def findings(write_report, text):
    path = write_report(text)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(f.code, lines[f.line - 1] if f.line else "", f.message) for f in load(path).findings]


def test_the_base_is_clean(write_report):
    assert findings(write_report, BASE) == []


CASES = [
    # a cash of −5 (and a negative plan and period), an indicator's negative plan and fact
    (change("cash = 100.00", "cash = -5.00"), "W-NEGATIVE", "cash = -5.00",
     "«04.0.01.1», Администрация: кассовое исполнение −5,00 меньше нуля"),
    (change("plan_period = 100.00", "plan_period = -1"), "W-NEGATIVE", "plan_period = -1", "план на период −1,00"),
    (change("plan_year = 100.00", "plan_year = -100.00"), "W-NEGATIVE", "plan_year = -100.00", "план на год"),
    (change("plan = 4\n", "plan = -4\n"), "W-NEGATIVE", "plan = -4",
     "«Показатель цели»: план −4 меньше нуля — показатель не учитывается в оценке эффективности"),
    (change("fact = 5\n", "fact = -5\n"), "W-NEGATIVE", "fact = -5", "факт −5 меньше нуля"),
    # a share of 150 %, and of −1 %
    (change("fact = 10\n", "fact = 150\n"), "W-RANGE", "fact = 150",
     "«Доля услуг в электронном виде»: факт 150 % вне 0–100 %"),
    (change("plan = 10\n", "plan = 100.5\n"), "W-RANGE", "plan = 100.5", "план 100,5 %"),
    # a fact of 470 against a plan of 9 and a previous 8; and 0,4 against 5 and 4
    (change("prev = 5\nplan = 4\nfact = 5\n", "prev = 8\nplan = 9\nfact = 470\n"), "W-OUTLIER",
     "fact = 470", "«Показатель цели»: факт 470 более чем в 10 раз больше и плана 9, и прошлого года 8 "
     "— возможно, опечатка"),
    (change("prev = 5\nplan = 4\nfact = 5\n", "prev = 5\nplan = 4\nfact = 0.3\n"), "W-OUTLIER",
     "fact = 0.3", "в 10 раз меньше"),
    # rows still holding the text the app put in
    (change('executor = "Администрация"', 'executor = "Новый исполнитель"'), "W-PLACEHOLDER",
     'executor = "Новый исполнитель"', "«Новый исполнитель»: строка добавлена, но не заполнена"),
    (change('executor = "Администрация"', 'executor = "Новый исполнитель 2"'), "W-PLACEHOLDER",
     'executor = "Новый исполнитель 2"', "не заполнена"),
    (change('title = "Мероприятие"', 'title = "Новое мероприятие"'), "W-PLACEHOLDER",
     'title = "Новое мероприятие"', "«Новое мероприятие»"),
    (change('name = "Показатель цели"', 'name = "Новый показатель"'), "W-PLACEHOLDER",
     'name = "Новый показатель"', "«Новый показатель»"),
    (change('title = "Задача один"', 'title = "Новая задача"'), "W-PLACEHOLDER",
     'title = "Новая задача"', "«Новая задача»"),
    # an activity with neither sub-activities nor executor rows
    (change("[[expenses]]", '[[activities]]\ncode = "04.0.01.2"\ntitle = "Пустое"\n\n[[expenses]]'),
     "W-PLACEHOLDER", 'code = "04.0.01.2"', "мероприятие «04.0.01.2» без вложенных мероприятий и без "
     "исполнителей"),
    # an executor row on a main activity that has activities of its own: its money went into
    # the totals but no row of Form 2 showed it (rows belong on activities without nested ones)
    (change("[[amendments]]", '[[expenses]]\ncode = "04.0.01.0"\nexecutor = "Администрация"\n'
            "plan_year = 1\nplan_period = 1\ncash = 1\n\n[[amendments]]"),
     "W-PLACEHOLDER", 'code = "04.0.01.0"', "«04.0.01.0», Администрация: у мероприятия «04.0.01.0» "
     "есть вложенные мероприятия — строку исполнителя нужно перенести в одно из них (в форме 2 "
     "она видна только в итогах)"),
]


@pytest.mark.parametrize("text, code, line, message", CASES, ids=[f"{c[1]}:{c[2]}" for c in CASES])
def test_each_plausibility_check_fires_on_its_line(write_report, text, code, line, message):
    found = [f for f in findings(write_report, text) if f[0] == code]
    assert len(found) == 1, findings(write_report, text)
    assert found[0][1].startswith(line)
    assert message in found[0][2]


@pytest.mark.parametrize("text", [
    change("fact = 10\n", "fact = 100\n"),                           # a share of exactly 100 %
    change("fact = 10\n", "fact = 0\n"),                             # … and 0 %
    change('name = "Доля услуг в электронном виде"', 'name = "Число услуг"', change("fact = 10\n", "fact = 15\n")),
    change('unit = "%"', 'unit = "ед."', change("fact = 10\n", "fact = 50\n")),
    change("prev = 5\nplan = 4\nfact = 5\n", "prev = 8\nplan = 9\nfact = 80\n"),   # under ten times
    change("prev = 5\nplan = 4\nfact = 5\n", "prev = 8\nplan = 9\nfact = 90\n"),   # 10× plan, not both
    change("prev = 5\nplan = 4\nfact = 5\n", "prev = 0\nplan = 4\nfact = 500\n"),  # prev zero
    change("prev = 5\nplan = 4\nfact = 5\n", "plan = 4\nfact = 500\n"),            # prev absent
    change('executor = "Администрация"', 'executor = "Новый исполнитель отдела"'),
], ids=["share-100", "share-0", "not-a-share-name", "not-in-percent", "8x", "10x-plan-only",
        "prev-zero", "prev-absent", "placeholder-edited"])
def test_plausible_values_pass(write_report, text):
    assert [f[0] for f in findings(write_report, text)
            if f[0] in ("W-RANGE", "W-OUTLIER", "W-PLACEHOLDER", "W-NEGATIVE")] == []


def test_a_negative_plan_leaves_the_indicator_out_instead_of_inverting_the_evaluation(write_report):
    clean = load(write_report(BASE)).analysis
    path = write_report(change("plan = 4\n", "plan = -4\n"))
    analysis = load(path).analysis
    ev = analysis.derived.evaluation
    assert ev.left_out == (1,)
    assert ev.left_out_reasons == (NEGATIVE_LEFT_OUT,)
    # СР is that of the one other indicator (10 of 10), not dragged down by a −125 % degree
    assert ev.sr == Decimal("1.0000")
    assert clean.derived.evaluation.sr == Decimal("1.0000")
    assert ev.rating == clean.derived.evaluation.rating
    # the relative deviation still shows what was typed (the warning says why it looks odd)
    assert analysis.derived.indicators[1].rel_deviation == Decimal("-125.00")


def test_the_text_output_says_why_an_indicator_is_left_out(write_report):
    from kedr_tui.export.text import render_text

    analysis = load(write_report(change("plan = 4\n", "plan = -4\n"))).analysis
    assert "план либо факт меньше нуля" in " ".join(render_text(analysis).split())


def test_the_seed_still_gives_exactly_its_one_formula_warning(seed_copy):
    loaded = load(seed_copy)
    assert [f.code for f in loaded.findings] == ["W-FORMULA"]
    assert evaluation(loaded.report).left_out_reasons == ("нет факта",)
