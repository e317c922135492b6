"""The review model: reading the file with findings, marks against a changed report, reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from msgspec.structs import replace

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.model import with_row
from kedr_tui.core.loading import load
from kedr_tui.core.store.review import render_review
from tests.conftest import SEED

MADE = dt.datetime(2022, 3, 15, 10, 42)


@pytest.fixture(scope="module")
def report():
    return load(SEED).report


def ind(report, i):
    return identity.of(report, "indicators", i)


def epgu(report):
    return next(i for i, row in enumerate(report.indicators) if "Едином портале" in row.name)


def meeting_review(report) -> R.Review:
    rv = R.Review("2021.toml")
    rv = R.set_mark(rv, R.new_mark(report, ind(report, epgu(report)), R.REWORK_MARK,
                                   "Почему не 100?\nПриложить реестр", "ivanov", MADE))
    rv = R.set_mark(rv, R.new_mark(report, ind(report, 8), R.QUESTION, "", "petrov", MADE))
    rv = R.add_assignment(rv, R.Assignment(identity.REPORT, "Обновить реестр услуг", "Узварик В.П.",
                                           dt.date(2022, 6, 1)))
    return R.set_meeting(rv, R.Meeting("3", dt.date(2022, 3, 15), "Соловьева Н.А.", "Петров П.П.",
                                       ("Иванов И.И.",), "средняя", "", R.ACCEPT, "продолжить"))


def without_lines(review: R.Review) -> R.Review:
    return replace(review, marks=tuple(replace(m, line=0) for m in review.marks),
                   assignments=tuple(replace(a, line=0) for a in review.assignments))


def test_a_review_survives_writing_and_reading(report):
    review = meeting_review(report)
    text = render_review(review)
    parsed = R.parse_review(text, "2021.toml")
    assert parsed.findings == ()
    assert without_lines(parsed.review) == review
    assert parsed.review.marks[0].seen["fact"] == Decimal("91.2")
    assert 'seen = {unit = "%", prev = 93, plan = 100, fact = 91.2' in text
    assert [m.line for m in parsed.review.marks] == [
        n for n, line in enumerate(text.splitlines(), 1) if line == "[[marks]]"]
    assert render_review(parsed.review) == text  # the same review, the same text


def test_the_decision_sets_the_status_and_a_new_meeting_keeps_the_old_one(report):
    review = meeting_review(report)
    assert review.status == R.ACCEPTED and not R.is_draft_print(review)
    back = R.set_meeting(review, replace(review.meeting, decision=R.RETURN))
    assert back.status == R.REWORK and R.is_draft_print(back)
    again = R.start_meeting(back)
    assert again.history == (back.meeting,) and again.meeting == R.Meeting()
    assert again.status == R.REVIEWING and again.marks == back.marks
    assert R.status_of(None) == R.DRAFT and not R.is_draft_print(None)


def test_a_reworked_row_says_what_changed_since_the_mark(report):
    review = meeting_review(report)
    i = epgu(report)
    reworked = with_row(report, "indicators", i, replace(report.indicators[i], fact=Decimal("95")))
    assert R.mark_state(review.marks[0], reworked) == "изменено после замечания: факт 91,2 → 95"
    assert R.mark_state(review.marks[0], report) == ""
    assert R.mark_state(review.marks[1], reworked) == ""
    # number spelling is no change: 91.20 is 91.2
    spelled = with_row(report, "indicators", i, replace(report.indicators[i], fact=Decimal("91.20")))
    assert R.mark_state(review.marks[0], spelled) == ""
    cleared = with_row(report, "indicators", i, replace(report.indicators[i], fact=None,
                                                        justification=""))
    assert R.mark_state(review.marks[0], cleared) == (
        "изменено после замечания: факт 91,2 → —; обоснование «Вносятся изменения в Реестр "
        "государстве…» → —")


def test_a_mark_on_a_deleted_row_is_orphaned_not_dropped(report):
    review = meeting_review(report)
    i = epgu(report)
    gone = replace(report, indicators=report.indicators[:i] + report.indicators[i + 1:])
    assert R.mark_state(review.marks[0], gone) == R.ORPHANED
    assert R.is_orphaned(review.marks[0], gone)
    reminders = R.reminders(review, gone, dt.date(2022, 3, 16))
    assert reminders[0].orphaned and R.ORPHANED in reminders[0].text


def test_reminders_list_what_is_open_and_flag_what_is_overdue(report):
    review = meeting_review(report)
    before = R.reminders(review, report, dt.date(2022, 6, 1))
    assert [(r.kind, r.overdue) for r in before] == [("mark", False), ("mark", False),
                                                     ("assignment", False)]
    after = R.reminder_findings(review, report, dt.date(2022, 6, 2))
    assert [f.code for f in after] == ["N-OPEN", "N-OPEN", "W-OVERDUE"]
    assert "просрочено (срок 01.06.2022, ответственный Узварик В.П.)" in after[2].message
    done = R.set_assignment(review, 0, replace(review.assignments[0], done=True))
    accepted = R.set_mark(done, replace(done.marks[0], status=R.ACCEPTED_MARK))
    assert [r.kind for r in R.reminders(accepted, report, dt.date(2023, 1, 1))] == ["mark"]


def test_marking_a_row_again_changes_its_mark_and_keeps_what_it_saw(report):
    review = meeting_review(report)
    i = epgu(report)
    reworked = with_row(report, "indicators", i, replace(report.indicators[i], fact=Decimal("95")))
    again = R.set_mark(review, R.new_mark(reworked, ind(report, i), R.ACCEPTED_MARK, "Исправлено",
                                          "", MADE + dt.timedelta(days=30)))
    assert len(again.marks) == 2
    assert again.marks[0].status == R.ACCEPTED_MARK and again.marks[0].comment == "Исправлено"
    assert again.marks[0].seen["fact"] == Decimal("91.2") and again.marks[0].author == "ivanov"


def test_an_accepted_rating_other_than_the_computed_one_needs_a_reason(report):
    review = meeting_review(report)
    assert R.review_findings(review, "средняя") == []
    other = R.set_meeting(review, replace(review.meeting, rating="высокая"))
    assert [f.code for f in R.review_findings(other, "средняя")] == ["W-RATING"]
    reasoned = R.set_meeting(other, replace(other.meeting, rating_reason="учтены данные за IV кв."))
    assert R.review_findings(reasoned, "средняя") == []


BAD = '''\
format = 1
report = "2021.toml"
status = "рассмотрен"

[meeting]
number = "1"
date = "2022-03-15"
chiar = "Иванов"
decision = "одобрить"

[[marks]]
row = { section = "indicatr", task = 1, name = "X" }
status = "на доработку"

[[marks]]
row = { section = "indicator", task = "1", name = "X" }
status = "вопрос"

[[marks]]
row = { section = "indicator", task = 1, name = "X" }
status = "к сведению"
colour = "red"

[[marks]]
row = { section = "report" }
status = "принято"
seen = { fact = 1 }

[[assignments]]
row = { section = "report" }
responsible = "Петров"
due = 2022-13-01
'''


def test_a_broken_review_gives_every_problem_in_russian_with_its_line():
    parsed = R.parse_review(BAD.replace("due = 2022-13-01", "due = 2022-06-01"), "2021.toml")
    got = [(f.line, f.code, f.message) for f in parsed.findings]
    assert all(code == "E-SCHEMA" for _line, code, _message in got)
    lines = [line for line, _code, _message in got]
    assert lines == [3, 7, 8, 9, 12, 16, 21, 22, 27, 29]
    messages = "\n".join(message for *_rest, message in got)
    assert "«status»: «рассмотрен» — не из списка «черновик», «на рассмотрении»" in messages
    assert "«date»: ожидается дата TOML вида 2022-06-01 (без кавычек), а не строка" in messages
    assert "неизвестный ключ «chiar» в [meeting]" in messages
    assert "«decision»: «одобрить» — не из списка «принять», «вернуть на доработку»" in messages
    assert "«row»: section = «indicatr» — не из списка" in messages
    assert "«row»: для section = «indicator» нужны ключи «task», «name»" in messages
    assert "«status»: «к сведению» — не из списка «вопрос», «на доработку», «принято»" in messages
    assert "неизвестный ключ «colour» в [[marks]]" in messages
    assert "«seen»: поле «fact» не запоминается для такой строки" in messages
    assert "нет обязательного ключа «text»" in messages
    # what could be read is kept: the review itself, the meeting's good keys
    assert parsed.review is not None and parsed.review.meeting.number == "1"
    assert parsed.has_errors


@pytest.mark.parametrize("text, line, words", [
    ("format = 1\nreport = \n", 2, "синтаксическая ошибка TOML"),
    ("format = 2\n", 1, "формат файла рассмотрения 2 не поддерживается"),
    ("report = \"2021.toml\"\n", 1, "нет обязательного ключа «format»"),
    ("format = 1\nreport = \"2020.toml\"\n", 2, "относится к «2020.toml», а не к «2021.toml»"),
    ("format = 1\nmarks = 3\n", 2, "«marks»: ожидается массив таблиц [[marks]]"),
    ("format = 1\n[[assignments]]\nrow = 5\ntext = \"x\"\n", 3, "«row»: ожидается таблица"),
    ("format = 1\n[[assignments]]\nrow = {section = \"report\"}\ntext = \"x\"\ndone = \"нет\"\n", 5,
     "«done»: ожидается true или false"),
    ("format = 1\n[[marks]]\nrow = {section = \"report\"}\nstatus = \"вопрос\"\nmade = 2022-03-15\n",
     5, "«made»: ожидается дата и время TOML"),
])
def test_bad_review_files_are_named_at_their_line(text, line, words):
    parsed = R.parse_review(text, "2021.toml")
    assert parsed.has_errors
    finding = parsed.findings[0]
    assert finding.line == line and words in finding.message, parsed.findings
