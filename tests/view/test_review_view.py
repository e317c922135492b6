"""The review as the screen shows it, without Textual: names told apart, meeting lines, rows."""

from __future__ import annotations

import datetime as dt

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.loading import load
from kedr_tui.view import review as V
from kedr_tui.view.rows import State
from tests.conftest import SEED
from tests.keys import PROGRAMME, assignment, ind, meeting, review_mark


def state_with(review=None) -> State:
    analysis = load(SEED).analysis
    return State(analysis.report, analysis.derived, analysis.findings, True, review,
                 dt.date(2022, 3, 15))


def test_names_that_begin_alike_are_cut_in_the_middle():
    state = state_with()
    names = [ind.name for ind in state.report.indicators]
    fitted = V.fit_names(names, 31)
    assert all(len(n) <= 31 for n in fitted)
    assert len(set(fitted)) == len(fitted)
    portal, regulations = fitted[3], fitted[4]
    assert portal.startswith("Доля муниц…") and "информация" in portal
    assert regulations.startswith("Доля муниц…") and "для предоставления" in regulations
    assert V.fit_names(["Короткое имя"], 31) == ["Короткое имя"]


def test_meeting_lines_hold_every_indicator_with_its_figures_and_mark():
    report = load(SEED).report
    review = R.set_mark(R.Review("2021.toml"), R.new_mark(
        report, identity.of(report, "indicators", 3), R.REWORK_MARK, "", "", dt.datetime(2022, 3, 15)))
    lines = V.meeting_lines(state_with(review), "indicators")
    data = [line for line in lines if line.role != "group"]
    assert len(data) == len(report.indicators)
    portal = next(line for line in data if line.key == ind(3, report))
    assert portal.cells[0] == "З1.2" and portal.cells[2:] == ("100", "91,2", "91,20", "98,06", "◆")
    assert portal.role == "bad" and portal.mark == R.REWORK_MARK
    expenses = V.meeting_lines(state_with(review), "expenses")
    program = expenses[0]
    assert program.key == PROGRAMME
    assert program.cells[2:6] == ("1\u00a0129,01", "1\u00a0097,79", "97,23", "97,23")


def test_the_review_tab_lists_the_meeting_marks_and_assignments():
    report = load(SEED).report
    review = R.set_mark(R.Review("2021.toml"), R.new_mark(
        report, identity.of(report, "indicators", 3), R.QUESTION, "Почему?", "ivanov",
        dt.datetime(2022, 3, 15)))
    review = R.add_assignment(review, R.Assignment(identity.REPORT, "Сделать", "Петров",
                                                   dt.date(2022, 3, 1)))
    rows = V.state_rows(state_with(review))
    by_key = {row.key: row for row in rows}
    assert by_key[meeting("rating")].cells[4].text == "рассчитана: средняя"
    assert by_key[review_mark(0)].cells[3].text == "вопрос"
    assert by_key[assignment(0)].cells[3].text == "просрочено"
    assert by_key[assignment(0)].cells[4].text == "срок 01.03.2022: Сделать — Петров"
    assert V.place(report, review.marks[0].row) == ("indicators", ind(3, report), None)


DISTRICT = """format = 1
year = 2023

[program]
code = "07"
title = "Развитие образования"

[[tasks]]
title = "Дошкольное образование"

[[activities]]
code = "07.1.00.0"
title = "Подпрограмма «Дошкольное образование»"

[[activities]]
code = "07.1.01.0"
task = 1
title = "Гарантии"

[[activities]]
code = "07.1.01.1"
title = "Субвенция"

[[activities]]
code = "07.2.00.0"
title = "Обеспечивающая подпрограмма"

[[activities]]
code = "07.2.01.0"
task = 1
title = "Управление"

[[activities]]
code = "07.2.01.1"
title = "Аппарат"

[[expenses]]
code = "07.1.01.1"
executor = "Управление образования"
plan_year = 1234567.89
plan_period = 1234567.89
cash = 1200000

[[expenses]]
code = "07.2.01.1"
executor = "Управление образования"
plan_year = 15000
plan_period = 15000
cash = 14000
"""


def test_the_meeting_view_of_a_district_programme_walks_its_subprograms(tmp_path):
    """A programme in subprograms: each subprogram's total is a line of the meeting view
    (they were left out: the room saw the programme, then main activities only)."""
    path = tmp_path / "2023.toml"
    path.write_text(DISTRICT, encoding="utf-8")
    analysis = load(path).analysis
    state = State(analysis.report, analysis.derived, analysis.findings, True, None, dt.date(2024, 3, 1))
    lines = V.meeting_lines(state, "expenses")
    assert [(line.cells[0], line.cells[2], line.cells[3], line.cells[4], line.role) for line in lines] == [
        ("07.0.00.0", "1\u00a0249\u00a0567,89", "1\u00a0214\u00a0000,00", "97,15", "group"),
        ("07.1.00.0", "1\u00a0234\u00a0567,89", "1\u00a0200\u00a0000,00", "97,20", "group"),
        ("07.1.01.0", "1\u00a0234\u00a0567,89", "1\u00a0200\u00a0000,00", "97,20", "group"),
        ("07.1.01.1", "1\u00a0234\u00a0567,89", "1\u00a0200\u00a0000,00", "97,20", ""),
        ("07.2.00.0", "15\u00a0000,00", "14\u00a0000,00", "93,33", "group"),
        ("07.2.01.0", "15\u00a0000,00", "14\u00a0000,00", "93,33", "group"),
        ("07.2.01.1", "15\u00a0000,00", "14\u00a0000,00", "93,33", ""),
    ]
    assert lines[1].key == identity.ActivityId("07.1.00.0")
