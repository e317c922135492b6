"""The model's rows made at once (``schema.plain_rows``) are exactly the rows read one by one.

``build`` makes a list section's rows in one msgspec pass when every row is plain, and
reads them one by one with ``_Reader.table`` otherwise.  The property: for any rows, the
quick way says yes exactly when the slow way finds nothing, and then gives the same rows
(values, their types and spelling — ``Decimal("1.0")`` is not ``Decimal("1.00")`` —
and ``src``); whole reports build alike either way.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kedr_tui.core import schema
from kedr_tui.core.fields import of_section
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import LISTS
from kedr_tui.core.schema import _Reader, build, plain_rows
from tests.conftest import SEED
from tests.gen import generate

NUMBERS = [Decimal(text) for text in (
    "0", "-0", "0.0", "0.0000000000", "0E-10", "0E-11", "0E-20", "0E+5", "-0E-11", "1", "-5", "220.88",
    "99.4993", "1E+14", "1E+15", "-1E+15", "999999999999999", "1000000000000000",
    "999999999999999.9999999999", "-999999999999999.9999999999", "999999999999999.99999999999",
    "0.0000000001", "0.00000000001", "1.0000000000", "1.00000000000", "1.5E-7", "1.5E-12",
    "12345678901234567890", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity")]
INTEGERS = [0, 1, -1, 2, 9, 999_999, 1_000_000, -999_999, -1_000_000, 10 ** 15 - 1, 10 ** 15,
            -(10 ** 15) + 1, -(10 ** 15), 10 ** 30, True, False]
TEXTS = ["", "x", "higher", "lower", "Higher", "04.0.02.2", "Доля услуг", "1"]
OTHERS = [_dt.date(2021, 3, 24), _dt.datetime(2021, 3, 24, 10, 0), _dt.time(10, 0), 1.5,
          [], [1], {}, {"a": 1}, None]
VALUES = st.sampled_from(NUMBERS + INTEGERS + TEXTS + OTHERS)


def _keys(section: str) -> list[str]:
    names = [f.name for f in of_section(section)]
    return names + ["src", "bogus", names[0] + "x", names[-1][:-1]]


def _row(section: str):
    """A row: mostly the section's own keys with values of every kind; now and then a key
    that is not the format's or a row that is not a table."""
    fields = of_section(section)
    plain = st.fixed_dictionaries(
        {f.name: VALUES for f in fields if f.required},
        optional={f.name: VALUES for f in fields if not f.required})
    odd = st.dictionaries(st.sampled_from(_keys(section)), VALUES, max_size=len(fields) + 2)
    return st.one_of(plain, plain, odd, st.sampled_from(["x", 1, [], None]))


def _sane(section: str):
    """Rows of right-kind values only, so that whole lists of them are often plain."""
    fields = of_section(section)
    kind_values = {
        "number": st.sampled_from(NUMBERS[:6] + INTEGERS[:4] + [Decimal("220.88"), Decimal("1E+3")]),
        "integer": st.sampled_from([0, 1, 2, 3]), "date": st.just(_dt.date(2021, 3, 24)),
        "better": st.sampled_from(["higher", "lower"]), "text": st.sampled_from(TEXTS),
        "multiline": st.sampled_from(TEXTS)}
    return st.fixed_dictionaries(
        {f.name: kind_values[f.kind] for f in fields if f.required},
        optional={f.name: kind_values[f.kind] for f in fields if not f.required})


def _one_by_one(section: str, raw: list) -> tuple[tuple, list, set]:
    reader = _Reader(Locator())
    rows = []
    for index, item in enumerate(raw):
        values = reader.table(section, item, (section, index), (section, index))
        rows.append(LISTS[section](**(values or {}), src=index))
    return tuple(rows), reader.findings, reader.unsure


def _same_rows(quick: tuple, slow: tuple) -> None:
    # repr: a Decimal's spelling and a value's type count; src is left out of == on rows
    assert [repr(row) for row in quick] == [repr(row) for row in slow]
    assert [row.src for row in quick] == [row.src for row in slow]


def _check(section: str, raw: list) -> None:
    quick = plain_rows(section, raw)
    slow, findings, unsure = _one_by_one(section, raw)
    if findings:
        assert quick is None, findings
    else:
        assert not unsure
        assert quick is not None, raw      # every plain list is made at once
        _same_rows(quick, slow)


@pytest.mark.parametrize("section", list(LISTS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_quick_rows_are_the_rows_read_one_by_one(section, data):
    raw = data.draw(st.lists(_row(section), max_size=3))
    _check(section, raw)


@pytest.mark.parametrize("section", list(LISTS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_quick_rows_of_right_kinds(section, data):
    raw = data.draw(st.lists(_sane(section), min_size=1, max_size=4))
    _check(section, raw)


@pytest.mark.parametrize("section", list(LISTS))
@pytest.mark.parametrize("value", NUMBERS + INTEGERS + TEXTS + OTHERS, ids=repr)
def test_every_edge_value_in_every_field(section, value):
    """Each edge value in each field of an otherwise plain row (a generated report's first)."""
    base = _DATA[section][0]
    for field in of_section(section):
        _check(section, [base, {**base, field.name: value}])


_TEXT = generate(n_indicators=60, n_expenses=300, seed=3)
_DATA = tomli.loads(_TEXT, parse_float=Decimal)
_DATA["amendments"] = [{"act": "Постановление", "date": _dt.date(2021, 3, 24), "number": "55"}]


@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), _TEXT], ids=["seed", "generated"])
def test_whole_reports_build_alike_either_way(text, monkeypatch):
    data = tomli.loads(text, parse_float=Decimal)
    quick = build(data, Locator(text))
    assert all(plain_rows(section, data[section]) is not None for section in LISTS if section in data)
    monkeypatch.setattr(schema, "plain_rows", lambda section, raw: None)
    slow = build(data, Locator(text))
    assert repr(quick.report) == repr(slow.report)
    for section in LISTS:
        _same_rows(getattr(quick.report, section), getattr(slow.report, section))
    assert quick.findings == slow.findings and quick.unsure == slow.unsure
