"""``kedr-tui protocol``, ``check --review`` and «ПРОЕКТ» on the report's PDF, end to end."""

from __future__ import annotations

import datetime as dt

import pytest
from msgspec.structs import replace

from kedr_tui.cli import main
from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.loading import load
from kedr_tui.core.store.review import render_review, review_path
from kedr_tui.export.pdf import render_pdf
from kedr_tui.export.protocol import protocol_pdf, protocol_text
from tests.export.conftest import pdf_pages


def meeting(report, decision=R.RETURN) -> R.Review:
    portal = next(i for i, row in enumerate(report.indicators) if "Едином портале" in row.name)
    office = next(i for i, row in enumerate(report.indicators) if "офисного" in row.name)
    made = dt.datetime(2022, 3, 15, 10, 42)
    rv = R.Review("2021.toml")
    rv = R.set_mark(rv, R.new_mark(report, identity.of(report, "indicators", portal),
                                   R.REWORK_MARK, "Разместить оставшиеся 5 услуг", "ivanov", made))
    rv = R.set_mark(rv, R.new_mark(report, identity.of(report, "indicators", office), R.QUESTION,
                                   "Почему 20, а не 66,67?", "ivanov", made))
    rv = R.add_assignment(rv, R.Assignment(identity.REPORT, "Внести изменения в реестр услуг",
                                           "Узварик В.П.", dt.date(2022, 6, 1)))
    return R.set_meeting(rv, R.Meeting("3", dt.date(2022, 3, 15), "Соловьева Н.А.", "Петров П.П.",
                                       ("Иванов И.И.", "Сидоров С.С."), "средняя", "", decision,
                                       "продолжить"))


@pytest.fixture
def reviewed(seed_copy):
    report = load(seed_copy).report
    review_path(seed_copy).write_text(render_review(meeting(report)), encoding="utf-8")
    return seed_copy


def test_the_protocol_holds_the_meeting(seed):
    text = protocol_text(seed, meeting(seed.report))
    assert max(len(line) for line in text.splitlines()) <= 160
    flat = " ".join(text.split())
    assert "ПРОТОКОЛ № 3" in flat and "за 2021 год" in flat
    assert "Дата заседания: 15.03.2022" in flat
    assert "Присутствовали: Иванов И.И., Сидоров С.С." in flat
    assert "Рассчитанная оценка эффективности: средняя (ЭР = 0,8533" in flat
    assert "Принятая оценка эффективности: средняя." in flat
    assert "W-FORMULA" in flat
    assert flat.count("на доработку") == 1 + 1  # the mark's status, and the decision
    assert "Разместить оставшиеся 5 услуг" in flat and "Почему 20, а не 66,67?" in flat
    assert "Внести изменения в реестр услуг" in flat and "01.06.2022" in flat
    assert "По отчету: вернуть на доработку." in flat
    assert "По муниципальной программе: продолжить." in flat
    assert "Председатель Соловьева Н.А." in flat and "Секретарь Петров П.П." in flat


def test_the_protocol_pdf_is_deterministic_and_numbered(seed):
    review = meeting(seed.report)
    data, missing = protocol_pdf(seed, review)
    assert missing == [] and data == protocol_pdf(seed, review)[0]
    pages = pdf_pages(data)
    assert pages[-1].rstrip().endswith(f"стр. {len(pages)} из {len(pages)}")
    whole = " ".join(" ".join(pages).split())
    assert "ПРОТОКОЛ № 3" in whole and "Разместить оставшиеся 5 услуг" in whole
    assert "ПРОЕКТ" not in whole


def test_the_report_pdf_says_draft_on_every_page_while_under_review(seed):
    pages = pdf_pages(render_pdf(seed, draft=True))
    assert len(pages) > 3 and all("ПРОЕКТ" in page for page in pages)
    assert not any("ПРОЕКТ" in page for page in pdf_pages(render_pdf(seed)))


def test_export_marks_the_pdf_draft_only_while_a_review_is_open(seed_copy, tmp_path):
    out = tmp_path / "r.pdf"
    assert main(["export", str(seed_copy), "--pdf", str(out)]) == 0
    assert "ПРОЕКТ" not in pdf_pages(out.read_bytes())[0]            # never reviewed
    report = load(seed_copy).report
    path = review_path(seed_copy)
    path.write_text(render_review(meeting(report)), encoding="utf-8")
    assert main(["export", str(seed_copy), "--pdf", str(out)]) == 0
    assert "ПРОЕКТ" in pdf_pages(out.read_bytes())[0]                # returned for rework
    path.write_text(render_review(meeting(report, R.ACCEPT)), encoding="utf-8")
    assert main(["export", str(seed_copy), "--pdf", str(out)]) == 0
    assert "ПРОЕКТ" not in pdf_pages(out.read_bytes())[0]            # accepted


def test_protocol_command_writes_both_files(reviewed, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["protocol", str(reviewed)]) == 0
    assert (tmp_path / "out" / "2021.protocol.pdf").read_bytes().startswith(b"%PDF")
    text = (tmp_path / "out" / "2021.protocol.txt").read_text(encoding="utf-8")
    assert "Внести изменения в реестр услуг" in text
    assert main(["protocol", str(reviewed), "--txt", "-"]) == 0
    assert "ПРОТОКОЛ № 3" in capsys.readouterr().out


def test_protocol_without_a_review_or_with_a_broken_one(seed_copy, tmp_path, capsys):
    assert main(["protocol", str(seed_copy), "--txt", str(tmp_path / "p.txt")]) == 2
    assert "отчёт ещё не рассматривался" in capsys.readouterr().err
    review_path(seed_copy).write_text("format = 1\n[meeting]\nnumber = 3\n", encoding="utf-8")
    assert main(["protocol", str(seed_copy), "--txt", str(tmp_path / "p.txt")]) == 1
    err = capsys.readouterr().err
    assert "2021.review.toml:3:1: E-SCHEMA «number»: ожидается строка в кавычках" in err
    assert not (tmp_path / "p.txt").exists()


def test_check_review_lists_reminders_and_fails_only_when_overdue(reviewed, monkeypatch, capsys):
    monkeypatch.setenv("KEDR_TODAY", "2022-06-01")
    assert main(["check", "--review", str(reviewed)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in out] == ["W-FORMULA", "N-OPEN", "N-OPEN", "N-OPEN"]
    assert out[3].endswith("поручение не выполнено (срок 01.06.2022, ответственный Узварик В.П.): "
                           "Внести изменения в реестр услуг")
    monkeypatch.setenv("KEDR_TODAY", "2022-06-02")
    assert main(["check", "--review", str(reviewed)]) == 1
    out = capsys.readouterr().out
    assert "2021.review.toml:32:1: W-OVERDUE поручение просрочено (срок 01.06.2022" in out
    assert main(["check", str(reviewed)]) == 0                     # without --review: as before
    monkeypatch.setenv("KEDR_TODAY", "вчера")
    assert main(["check", "--review", str(reviewed)]) == 2
    assert "KEDR_TODAY: «вчера» — не дата вида 2022-07-01" in capsys.readouterr().err


def test_check_review_after_rework_says_what_changed(reviewed, monkeypatch, capsys):
    monkeypatch.setenv("KEDR_TODAY", "2022-04-01")
    text = reviewed.read_text(encoding="utf-8").replace("fact = 91.2\n", "fact = 95\n")
    reviewed.write_text(text, encoding="utf-8")
    assert main(["check", "--review", str(reviewed)]) == 0
    assert "(изменено после замечания: факт 91,2 → 95)" in capsys.readouterr().out


def test_a_review_without_meeting_still_prints(seed):
    review = replace(meeting(seed.report), meeting=R.Meeting())
    text = " ".join(protocol_text(seed, review).split())
    assert "ПРОТОКОЛ № ___" in text and "Оценка эффективности комиссией не принята." in text


def test_escape_sequences_in_a_comment_never_reach_the_terminal(reviewed, monkeypatch, capsys):
    path = review_path(reviewed)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'comment = "Разместить оставшиеся 5 услуг"', 'comment = "\\u001b]0;x\\u0007\\u001b[2J"'),
        encoding="utf-8")
    monkeypatch.setenv("KEDR_TODAY", "2022-04-01")
    assert main(["check", "--review", str(reviewed)]) == 0
    assert main(["protocol", str(reviewed), "--txt", "-"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "␛]0;x␇␛[2J" in out


def test_a_reworked_mark_prints_what_changed_in_the_pdf_too(seed_copy):
    """«изменено после замечания: факт 91,2 → 95» is what the second meeting reads first, but
    PT Sans has no «→»: the PDF printed «факт 91,2 95» and warned of a missing glyph."""
    review = meeting(load(seed_copy).report)
    text = seed_copy.read_text(encoding="utf-8").replace("fact = 91.2\n", "fact = 95\n")
    seed_copy.write_text(text, encoding="utf-8")
    reworked = load(seed_copy).analysis
    assert "факт 91,2 → 95" in " ".join(protocol_text(reworked, review).split())
    data, missing = protocol_pdf(reworked, review)
    assert missing == []
    assert "факт 91,2 -> 95" in " ".join(" ".join(pdf_pages(data)).split())


def test_a_line_separator_in_a_comment_is_shown_in_the_protocol_as_stored(seed):
    """A mark's comment is printed on one line: its spaces and breaks folded, but a U+2028
    shown as ``\\u2028`` as in the report's outputs (it was folded into a space)."""
    review = meeting(seed.report)
    review = replace(review, marks=tuple(replace(mark, comment=mark.comment.replace(" 5 ", "\u20285\n "))
                                         for mark in review.marks))
    text = protocol_text(seed, review)
    assert "\u2028" not in text
    assert "Разместить оставшиеся\\u20285 услуг" in " ".join(text.split())
    data, missing = protocol_pdf(seed, review)
    assert missing == []
    assert "Разместить оставшиеся\\u20285 услуг" in " ".join(" ".join(pdf_pages(data)).split())
