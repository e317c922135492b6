"""Form 1's rows made as they are drawn (view/first_rows.py) are the rows made at once.

A big report's first frame makes only the rows it draws; everything else that reads them
must see exactly what ``build_rows`` gives: the same rows at every place whatever the
order they are asked in, the same length, the same column widths (worked out without
making the rows), and a memo left as a whole build leaves it (the next build reuses its
rows).  Reports here: the seed, a generated one with warnings, and random ones with what
makes rows and widths differ: repeated names (``Again`` keys), an indicator of a task
that is not there, notes in place of values (one that reads as a number), control
characters, long and negative numbers.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.locate import Locator
from kedr_tui.core.loading import load
from kedr_tui.core.model import Indicator, Task
from kedr_tui.view.columns import COLUMNS, natural_widths
from kedr_tui.view.first_rows import FirstRows
from kedr_tui.view.keys import Again, unique
from kedr_tui.view.rows import Memo, State, build_rows, marks_of
from tests.conftest import SEED
from tests.gen import generate

SPEC = COLUMNS["indicators"]
SEED_REPORT = load(SEED).report


def _state(report) -> State:
    analysis = analyse(report, Context(Locator(), report.year))
    return State(report, analysis.derived, analysis.findings)


def _same(state: State, order: list[int] | None = None) -> None:
    """FirstRows against build_rows for ``state``, its rows asked for in ``order``."""
    marks = marks_of(state.findings)
    whole = build_rows("indicators", state, Memo(), marks)
    memo = Memo()
    first = FirstRows(state, memo, marks)
    assert len(first) == len(whole)
    assert natural_widths(SPEC, first) == natural_widths(SPEC, whole)
    assert first.made == 0                      # widths and length made no row
    for at in order if order is not None else range(len(whole)):
        assert first[at] == whole[at], at
        assert first[at - len(whole)] == whole[at]
    assert first.complete() == whole and list(first) == whole
    assert first[:3] == whole[:3] and first[-2:] == whole[-2:]
    with pytest.raises(IndexError):
        first[len(whole)]
    # the memo holds what a whole build leaves: the next build reuses every row (where no
    # key repeats: the memo keeps one row a key, at once too)
    again = build_rows("indicators", state, memo, marks)
    assert again == whole
    if not any(isinstance(row.key, Again) for row in whole):
        assert all(a is b for a, b in zip(again, first))


def test_the_seed():
    report = load(SEED).report
    _same(_state(report))
    _same(_state(report), order=[5, 0, 12, 1])


def test_a_generated_report_with_warnings_in_random_order():
    text = generate(n_indicators=300, n_expenses=300, seed=3)
    path_state = _state(_report_of(text))
    assert marks_of(path_state.findings)            # rows with marks among them
    order = list(range(len(build_rows("indicators", path_state, Memo(), {}))))
    random.Random(5).shuffle(order)
    _same(path_state, order=order[:50])
    _same(path_state)


def _report_of(text: str):
    import tomli

    from kedr_tui.core.schema import build

    return build(tomli.loads(text, parse_float=Decimal), Locator(text)).report


NAMES = ["Доля услуг", "Доля  услуг", "Количество обращений", "Уровень \x1b]0;удовлетворённости"]
# (a C1 control or U+202E is shown as «\x9b», «\u202e»: wider than itself)
UNITS = ["%", "чел", "ед.", "тыс. руб. в год", "шт\x1b[2J", "\x9b", "ед\u202e", ""]
NOTES = ["", "не измерялся", "100", "1\u00a0000,5", "Показатель не подвергался мониторингу \x07",
         "\x9b6n"]
VALUES = [None, Decimal("0"), Decimal("100"), Decimal("99.5"), Decimal("-5"), Decimal("1234567.125"),
          Decimal("0.0001"), Decimal("100000000000000"), Decimal("-0.00")]


@st.composite
def _indicators(draw):
    tasks = draw(st.integers(0, 3))
    rows = draw(st.lists(st.builds(
        Indicator, task=st.integers(0, 4), name=st.sampled_from(NAMES), unit=st.sampled_from(UNITS),
        prev=st.sampled_from(VALUES), prev_note=st.sampled_from(NOTES), plan=st.sampled_from(VALUES),
        fact=st.sampled_from(VALUES), fact_note=st.sampled_from(NOTES),
        better=st.sampled_from(["higher", "lower"])), max_size=25))
    return tasks, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=_indicators(), data=st.data())
def test_random_reports(drawn, data):
    tasks, indicators = drawn
    report = replace(SEED_REPORT, tasks=tuple(Task(f"Задача {n}") for n in range(1, tasks + 1)),
                     indicators=tuple(replace(ind, src=i) for i, ind in enumerate(indicators)))
    state = _state(report)
    size = len(build_rows("indicators", state, Memo(), {}))
    order = data.draw(st.lists(st.integers(0, max(size - 1, 0)), max_size=6)) if size else []
    _same(state, order=order)


def test_repeated_names_are_made_again_keys_as_at_once():
    report = load(SEED).report
    twice = replace(report, indicators=report.indicators + (replace(report.indicators[0], src=None),))
    state = _state(twice)
    rows = build_rows("indicators", state, Memo(), {})
    assert any(isinstance(row.key, Again) for row in rows)
    _same(state)


_NUMBER_TEXTS = ["1", "−5", "1\u00a0234,50", "12,5 %", "—", "не измерялся", "", "100000000", "x" * 30]


@settings(max_examples=200, deadline=None)
@given(columns=st.lists(st.lists(st.sampled_from(_NUMBER_TEXTS), max_size=8), min_size=1, max_size=1))
def test_natural_widths_as_they_were(columns):
    """``natural_widths`` looks for the longest number among the longest texts first: the
    widths it gives are those of the plain way (every text tried)."""
    import re

    number = re.compile(r"[−-]?[0-9\u00a0 ]+(,[0-9]+)?( %)?")

    class Row:
        def __init__(self, text):
            self.cells = tuple(type("C", (), {"text": text})() for _ in SPEC)

    rows = [Row(text) for text in columns[0]]
    expected = []
    for i, column in enumerate(SPEC):
        if column.flex or not column.cap:
            expected.append(column.width)
            continue
        longest = max((len(r.cells[i].text) for r in rows), default=0)
        widest = min(column.cap, max(longest, len(column.label)))
        if column.right:
            found = max((len(r.cells[i].text) for r in rows if number.fullmatch(r.cells[i].text)), default=0)
            expected.append(max(column.width, found, widest))
        else:
            expected.append(max(column.width, widest))
    assert natural_widths(SPEC, rows) == expected


def test_unique_is_unique_each():
    class Row(tuple):
        key = property(lambda self: self[0])

        def _replace(self, key):
            return Row((key,))

    rows = [Row((k,)) for k in "abacaab"]
    assert [r.key for r in unique(rows)] == ["a", "b", Again("a", 2), "c", Again("a", 3),
                                             Again("a", 4), Again("b", 2)]
