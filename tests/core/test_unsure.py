"""A value the file does not give (missing, mistyped, under a misspelt key) is no value.

Its E-SCHEMA error says so; no warning, and no other error, may be worked out of the
default the model holds in its place: a misspelt ``plan_perod`` once gave a false
W-OVERSPEND (the missing period plan read as 0).

The property, for every field of every row of the seed and every way of breaking it:
the warnings of the broken report are exactly those the report has *whatever* value the
field holds (the intersection over a spread of values, the original among them), and its
errors are E-SCHEMA only.
"""

from __future__ import annotations

import copy
import datetime as _dt
import difflib
from decimal import Decimal

import pytest
import tomli

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.fields import BETTER, DATE, INTEGER, NUMBER, of_section
from kedr_tui.core.loading import load
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import LISTS, PLACEHOLDERS, SINGLETONS
from kedr_tui.core.schema import build
from tests.conftest import SEED

DATA = tomli.loads(SEED.read_text(encoding="utf-8"), parse_float=Decimal)
ABSENT = object()

NUMBERS = [Decimal(v) for v in ("0", "1", "-1", "0.01", "50", "99.5", "100", "150", "1000000")]
TEXTS = ["", "x", "Доля услуг", "04.0.01.0"]
INTEGERS = [0, 1, 2, 3, 9]
DATES = [_dt.date(2021, 1, 1), _dt.date(2021, 3, 24)]


def _analysed(data: dict):
    parsed = build(data, Locator())
    assert parsed.report is not None
    context = Context(parsed.locator, 2021, None, parsed.unsure)
    return analyse(parsed.report, context, parsed.findings)


def _findings(data: dict) -> tuple[set, set]:
    analysis = _analysed(data)
    key = {(f.code, f.ref, f.field) for f in analysis.findings}
    return {k for k in key if not k[0].startswith("E-")}, {k for k in key if k[0].startswith("E-")}


def _table(data: dict, section: str, index: int | None) -> dict:
    return data[section] if index is None else data[section][index]


def _candidates(section: str, field, index: int | None) -> list:
    """A spread of values for ``field``: the kind's usual ones, every other row's, the placeholders."""
    if field.kind == NUMBER:
        values = list(NUMBERS)
    elif field.kind == INTEGER:
        values = list(INTEGERS)
    elif field.kind == DATE:
        values = list(DATES)
    elif field.kind == BETTER:
        values = ["higher", "lower"]
    else:
        values = list(TEXTS)
        if section in PLACEHOLDERS and PLACEHOLDERS[section][0] == field.name:
            values += list(PLACEHOLDERS[section][1])
    if index is not None:
        values += [row[field.name] for row in DATA[section] if field.name in row]
    elif field.name in DATA.get(section, {}):
        values.append(DATA[section][field.name])
    if not field.required:
        values.append(ABSENT)
    return values


def _with(section: str, index: int | None, name: str, value) -> dict:
    data = copy.deepcopy(DATA)
    table = _table(data, section, index)
    if value is ABSENT:
        table.pop(name, None)
    else:
        table[name] = value
    return data


def _typo(name: str, names) -> str | None:
    """``name`` with one letter dropped that the schema takes for ``name`` («plan_perod»)."""
    for at in range(len(name) - 2, 0, -1):
        typo = name[:at] + name[at + 1:]
        if typo not in names and difflib.get_close_matches(typo, list(names), n=1) == [name]:
            return typo
    return None


def _breakages(section: str, field, index: int | None):
    """(how, data) for each way the file can fail to give ``field``'s value."""
    names = [f.name for f in of_section(section)]
    original = _table(DATA, section, index).get(field.name, ABSENT)
    given = original if original is not ABSENT else _candidates(section, field, index)[0]
    if field.required:
        data = copy.deepcopy(DATA)
        del _table(data, section, index)[field.name]
        yield "missing", data
    typo = _typo(field.name, names)
    if typo is not None:
        data = copy.deepcopy(DATA)
        table = _table(data, section, index)
        table.pop(field.name, None)
        table[typo] = given
        yield f"misspelt {typo}", data
    wrong = 5 if field.kind not in (NUMBER, INTEGER) else "пять"
    yield "mistyped", _with(section, index, field.name, wrong)


PLACES = [(section, field) for section in (*LISTS, *SINGLETONS) for field in of_section(section)]


@pytest.mark.parametrize(("section", "field"), PLACES, ids=[f"{s}.{f.name}" for s, f in PLACES])
def test_no_finding_is_worked_out_of_a_value_the_file_does_not_give(section, field):
    rows = range(len(DATA[section])) if section in LISTS else [None]
    for index in rows:
        real = None
        for value in _candidates(section, field, index):
            warnings, _ = _findings(_with(section, index, field.name, value))
            real = warnings if real is None else real & warnings
        for how, data in _breakages(section, field, index):
            warnings, errors = _findings(data)
            where = f"{section}[{index}].{field.name} {how}"
            assert errors and {e[0] for e in errors} == {"E-SCHEMA"}, (where, errors)
            assert warnings == real, (where, warnings - real, real - warnings)


def test_the_misspelt_period_plan_gives_its_error_and_no_overspend(tmp_path):
    """The case seen: «plan_perod» gave E-SCHEMA and a false W-OVERSPEND."""
    text = SEED.read_text(encoding="utf-8").replace("plan_period = 220.88", "plan_perod = 220.88", 1)
    path = tmp_path / "2021.toml"
    path.write_text(text, encoding="utf-8")
    codes = [(f.code, f.field) for f in load(path).findings]
    assert ("E-SCHEMA", "plan_perod") in codes
    assert [c for c in codes if c[0] == "W-OVERSPEND"] == []
    # and the other warnings of the seed stay
    assert ("W-FORMULA", "formula") in codes


def test_a_misspelt_section_makes_no_activity_empty():
    data = copy.deepcopy(DATA)
    data["expense"] = data.pop("expenses")
    warnings, errors = _findings(data)
    assert {e[0] for e in errors} == {"E-SCHEMA"}
    assert not [w for w in warnings if w[0] == "W-PLACEHOLDER"]


def test_a_row_that_is_not_a_table_gives_its_error_only():
    data = copy.deepcopy(DATA)
    data["expenses"][0] = 5
    warnings, errors = _findings(data)
    assert {e[0] for e in errors} == {"E-SCHEMA"}
    assert not [w for w in warnings if w[1] == ("expenses", 0)]


# ---------------------------------------------------------------- figures shown as if real

def _unknown(data: dict):
    return _analysed(data).unknown


def _expense_index(code: str, executor: str) -> int:
    return next(i for i, row in enumerate(DATA["expenses"])
                if row["code"] == code and row["executor"] == executor)


ADMIN = "Администрация города Кедрового"


def test_a_total_missing_a_value_is_unknown_along_its_path_only():
    index = _expense_index("04.0.02.2", ADMIN)
    data = copy.deepcopy(DATA)
    data["expenses"][index]["plan_perod"] = data["expenses"][index].pop("plan_period")
    unknown = _unknown(data)
    assert unknown.expenses == {index: frozenset({"plan_period"})}
    assert unknown.nodes == {code: frozenset({"plan_period"}) for code in ("04.0.02.2", "04.0.02.0", "04.0.00.0")}
    assert unknown.of_line("04.0.00.0", ADMIN) == {"plan_period"}
    assert unknown.of_line("04.0.00.0", "МУ «Культура»") == frozenset()
    assert not unknown.evaluation          # the evaluation uses plan_year and cash only


@pytest.mark.parametrize(("section", "key", "evaluation"), [
    ("expenses", "cash", True), ("expenses", "plan_year", True), ("expenses", "plan_period", False),
    ("indicators", "fact", True), ("indicators", "plan", True), ("indicators", "better", True),
    ("indicators", "formula", False), ("amendments", "date", False)])
def test_the_evaluation_is_unknown_when_it_uses_a_value_not_given(section, key, evaluation):
    data = _with(section, 3 if section != "amendments" else 0, key, [1])        # mistyped
    assert _unknown(data).evaluation is evaluation


def test_a_row_whose_code_is_not_given_leaves_every_total_unknown():
    index = _expense_index("04.0.02.2", ADMIN)
    data = copy.deepcopy(DATA)
    del data["expenses"][index]["code"]
    unknown = _unknown(data)
    assert unknown.evaluation
    assert set(unknown.nodes) == {"04.0.00.0", *(a["code"] for a in DATA["activities"])}
    assert all(fields == {"plan_year", "plan_period", "cash"} for fields in unknown.nodes.values())


def test_a_report_the_file_gives_whole_has_nothing_unknown():
    assert _unknown(copy.deepcopy(DATA)) is None


def test_an_indicator_whose_better_is_not_given_has_no_relative_deviation():
    data = _with("indicators", 3, "better", "выше")                    # not higher / lower
    analysis = _analysed(data)
    figures = analysis.derived.indicators[3]
    assert figures.rel_deviation is None and not figures.unfavourable
    assert str(figures.abs_deviation) == "-8.8"                        # fact − plan needs no better
    assert analysis.derived.indicators[4] == _analysed(copy.deepcopy(DATA)).derived.indicators[4]
