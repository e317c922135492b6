"""Awkward reports render without crashing, in text and in PDF, and show what they should."""

from __future__ import annotations

import pytest

from kedr_tui.export.pdf import render_pdf
from kedr_tui.export.text import render_text
from tests.conftest import CLEAN
from tests.export.conftest import analysis_of, pdf_pages

NB = "\u00a0"
HEAD = '''format = 1
year = 2021

[program]
code = "04"
title = "Программа"
goal = "Цель"
'''


def render(text: str) -> tuple[str, list[str]]:
    analysis = analysis_of(text)
    plain = render_text(analysis)
    assert max(len(line) for line in plain.splitlines()) <= 160
    pages = pdf_pages(render_pdf(analysis))
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(f"стр. {number} из {len(pages)}")
    return plain, pages


def text_row(plain: str, start: str) -> list[str]:
    """The cells of the first text-table line with a cell that starts with ``start``."""
    for line in plain.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and any(c.startswith(start) for c in cells):
            return cells[1:-1]
    raise AssertionError(f"no row «{start}»")


def test_extremely_long_names_wrap_and_split_across_pages():
    words = " ".join(["очень-длинное наименование показателя"] * 150)
    blob = "Ж" * 700                          # one "word" wider than any column
    text = CLEAN.replace('name = "Показатель"', f'name = "{words}"').replace(
        'title = "Мероприятие"', f'title = "{blob}"').replace(
        'executor = "Администрация"', f'executor = "{"Администрация " * 40}"')
    plain, pages = render(text)
    assert "очень-длинное" in plain and "ЖЖЖЖ" in plain
    whole = "\n".join(pages)
    assert "Строка продолжается на следующей странице" in whole
    assert "".join(whole.split()).count("Ж") == 700 == plain.count("Ж")   # all of it, cut in lines
    split = [i for i, page in enumerate(pages) if "Строка продолжается" in page]
    for i in split:                                   # the heading repeats over the continuation
        assert "Наименование показателя" in pages[i + 1] or "Наименование муниципальной" in pages[i + 1]


def test_empty_tables():
    plain, pages = render(HEAD)
    assert "Показатели не заданы" in plain
    assert "Изменения в муниципальную программу в отчетном периоде не вносились" in plain
    program = text_row(plain, "Муниципальная")
    assert program[:4] == ["04", "0", "0", "0"]
    assert program[5:11] == ["Всего", "0,00", "0,00", "0,00", "—", "—"]
    assert "Эффективность реализации муниципальной программы: не определена (ЭР = —)." in plain
    whole = "\n".join(pages)
    assert "Показатели не заданы" in whole and "не вносились" in whole
    assert "Исполнитель:" not in whole                  # no signature given, none printed


def test_zero_and_negative_numbers():
    text = CLEAN + '''
[[indicators]]
task = 1
name = "Нулевой план"
unit = "ед."
prev = -5
plan = 0
fact = -3

[[expenses]]
code = "04.0.01.1"
executor = "Возврат"
plan_year = 100
plan_period = 0
cash = -10.5
'''
    plain, pages = render(text)
    assert text_row(plain, "Нулевой план")[3:9] == ["−5", "0", "−3", "−3", "—", "60,00"]
    refund = next(line for line in plain.splitlines() if "Возврат" in line)
    assert [c.strip() for c in refund.split("|")][7:12] == [
        "100,00", "0,00", "−10,50", "−10,50", "—"]
    whole = "\n".join(pages)
    assert "Нулевой план" in whole and "−10,50 −10,50 —" in whole


def test_missing_facts():
    text = CLEAN.replace("fact = 5\n", "")          # the goal indicator: no fact, no note
    plain, pages = render(text)
    assert text_row(plain, "Показатель цели")[3:9] == ["5", "4", "—", "—", "—", "—"]
    assert "«—» — показатель не учитывается в оценке" in plain
    assert "не учитывается в оценке" in " ".join("\n".join(pages).split())


def test_a_task_with_no_indicators():
    text = CLEAN.replace('[[tasks]]\ntitle = "Задача один"\n',
                         '[[tasks]]\ntitle = "Задача один"\n\n[[tasks]]\ntitle = "Задача без показателей"\n')
    plain, pages = render(text)
    lines = plain.splitlines()
    at = next(i for i, line in enumerate(lines) if "Показатели задачи 2 «Задача без показателей»" in line)
    assert "Показатели не заданы" in lines[at + 2]
    assert "Показатели задачи 2 «Задача без показателей»\nПоказатели не заданы" in "\n".join(pages)


def test_an_activity_with_no_expense_rows():
    text = CLEAN + '''
[[activities]]
code = "04.0.01.2"
title = "Мероприятие без расходов"
'''
    plain, pages = render(text)
    row = text_row(plain, "Мероприятие без")
    assert row[:4] == ["04", "0", "01", "2"]
    assert row[5:11] == ["Всего", "0,00", "0,00", "0,00", "—", "—"]
    lines = plain.splitlines()
    at = next(i for i, line in enumerate(lines) if "Мероприятие без" in line)
    assert lines[at + 1].startswith("+") and lines[at + 2] == ""    # the table ends: no executors
    assert "Мероприятие без расходов Всего 0,00 0,00 0,00 — —" in "\n".join(pages)


@pytest.mark.parametrize("odd", ["😀 смайлик", "漢字", "табуляция\tвнутри", "перевод\nстроки"])
def test_characters_the_font_lacks_or_control_characters(odd):
    text = CLEAN.replace('name = "Показатель"', f'name = """{odd}"""')
    plain, pages = render(text)
    assert odd.split()[-1] in plain


def test_characters_the_font_lacks_are_named_in_russian_with_their_place(caplog, tmp_path, capsys):
    from kedr_tui.cli import main
    from kedr_tui.export.pdf import render_pdf_checked

    text = CLEAN.replace('name = "Показатель"', 'name = "Доля 😀 граждан, 漢字 и прочее"')
    with caplog.at_level("WARNING"):
        data, warnings = render_pdf_checked(analysis_of(text))
    assert data.startswith(b"%PDF")
    assert not [r for r in caplog.records if "missing the following glyphs" in r.getMessage()]
    assert warnings == [
        "символа «字» (U+5B57) нет в шрифте PDF, в PDF он пропущен: «…Доля 😀 граждан, 漢字 и прочее…»",
        "символа «漢» (U+6F22) нет в шрифте PDF, в PDF он пропущен: «…Доля 😀 граждан, 漢字 и прочее…»",
        "символа «😀» (U+1F600) нет в шрифте PDF, в PDF он пропущен: «…Доля 😀 граждан, 漢字 и прочее…»",
    ]
    assert render_pdf_checked(analysis_of(CLEAN))[1] == []
    report = tmp_path / "2021.toml"
    report.write_text(text, encoding="utf-8")
    assert main(["export", str(report), "--pdf", str(tmp_path / "out.pdf")]) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'out.pdf'}: символа «😀» (U+1F600) нет в шрифте PDF" in err
    assert "missing" not in err


def test_an_output_path_that_is_a_device_or_a_fifo_is_refused_not_replaced(seed_copy, tmp_path,
                                                                             capsys):
    """``export --txt /dev/null`` as root renamed a regular file over /dev/null, for every
    program on the machine (tmux, subprocess's DEVNULL).  A FIFO here stands for the device:
    the output is refused with the reason, and the FIFO is left as it was."""
    import os
    import stat

    from kedr_tui.cli import main

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code = main(["export", str(seed_copy), "--txt", str(fifo)])
    err = capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert code != 0 and "это не обычный файл" in err, (code, err)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("target", ["file", "fifo"])
def test_an_output_path_that_is_a_symlink_is_refused_and_left_a_link(seed_copy, tmp_path, capsys,
                                                                     target):
    """``export --txt /dev/stdout`` renamed a regular file over the link /dev/stdout (for
    every program on the machine); writing through a link planted in a shared folder would
    overwrite its target instead.  Both are refused: the link stays a link to the same
    thing, which is untouched, and no temporary is left."""
    import os
    import stat

    from kedr_tui.cli import main

    victim = tmp_path / "victim"
    if target == "fifo":
        os.mkfifo(victim)
    else:
        victim.write_text("не трогать", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    code = main(["export", str(seed_copy), "--txt", str(link)])
    err = capsys.readouterr().err
    assert code == 2 and f"{link}: это символическая ссылка" in err, (code, err)
    assert stat.S_ISLNK(os.lstat(link).st_mode) and os.readlink(link) == str(victim)
    if target == "file":
        assert victim.read_text(encoding="utf-8") == "не трогать"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_line_separators_in_texts_are_shown_as_stored_in_text_and_pdf():
    """U+2028, U+2029 and U+0085 end a line for ``str.splitlines`` (and for some readers),
    not for TOML: in the Доклад they made new paragraphs in the text and the PDF, in an
    indicator's paragraph a space; in a table cell the text showed ``\\u2028`` and the PDF
    dropped it.  Now every output shows them the one way, each where it is stored."""
    text = (CLEAN.replace('intro = "Вступление"', 'intro = "Начало\\u2028Подпись: 2021"')
            .replace('outro = "Заключение"', 'outro = "Конец\\u2029абзаца\\u0085дальше"')
            .replace('formula = "П=(5/5)*10"',
                     'formula = "П=(5/5)*10"\ncomment = "Выполнено\\u2028полностью"')
            .replace('summary = "О внесении изменений"', 'summary = "О внесении\\u2028изменений"'))
    plain, pages = render(text)
    for output in (plain, " ".join(pages)):
        assert "Начало\\u2028Подпись: 2021" in output
        assert "Конец\\u2029абзаца\\x85дальше" in output
        assert "Выполнено\\u2028полностью" in output
        assert "О внесении\\u2028изменений" in output
    assert not any(ch in plain for ch in "\u2028\u2029\u0085")
    assert not [line for line in plain.splitlines() if line.strip() in ("Подпись: 2021", "абзаца")]
