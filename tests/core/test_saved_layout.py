"""A saved file reads as if a careful person wrote it (issue 10, item 3).

Each test makes one kind of insertion or deletion and compares the whole saved text with the
text a person would have written.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from msgspec.structs import replace

from kedr_tui.core.edits import DeleteRow, InsertRow, MoveRow
from kedr_tui.core.operations import new_row
from kedr_tui.core.session import Session
from kedr_tui.core.store import render
from kedr_tui.core.store.layout import render_quick
from kedr_tui.core.loading import load

BASE = '''\
# Отчёт за 2021 год
format = 1
year = 2021

# Программа
[program]
code = "04"   # МП
title = "Программа"
municipality = "Город"
goal = "Цель"

[signature]
position = "Мэр"
name = "И.И. Иванов"
executor = "Петров П.П."

# Задача 1
[[tasks]]
title = "Задача один"

# Форма 1, показатели цели, № 1
[[indicators]]
task = 0
name = "Уровень удовлетворённости"
unit = "%"
plan = 90
fact_note = "Не измерялся"
justification = "не проводился"

# Форма 1, показатели цели, № 2
[[indicators]]
task = 0
name = "Количество слушаний"
unit = "Ед."
prev = 5
plan = 9
fact = 8
justification = "ограничения"

# Форма 2, основное мероприятие 04.0.01.0
[[activities]]
code = "04.0.01.0"
task = 1
title = "Основное мероприятие"

# Форма 2, мероприятие 04.0.01.1
[[activities]]
code = "04.0.01.1"
title = "Мероприятие"

# Форма 2, 04.0.01.1, Администрация
[[expenses]]
code = "04.0.01.1"
executor = "Администрация"
plan_year = 100.00
plan_period = 100.00
cash = 100.00

# Форма 2, 04.0.01.1, Культура
[[expenses]]
code = "04.0.01.1"
executor = "Культура"
plan_year = 17.90
plan_period = 17.90
cash = 17.90

# Форма 3, № 1
[[amendments]]
act = "Постановление"
date = 2021-03-24
number = "55"
summary = "О внесении изменений"

# Доклад
[narrative]
intro = "Вступление"
outro = "Заключение"
'''


@pytest.fixture
def base(write_report):
    return write_report(BASE)


def saved(path, *edits, quick: bool = True) -> str:
    """Apply ``edits`` (functions of the report giving an edit) in a session, save, read back.

    The text saved must be the one tomlkit's way (``render``) makes, and the one the quick
    split (``store.layout``, no tomlkit parse of the whole file) makes when ``quick``; when
    not, the quick split must decline it."""
    session = Session.open(path)
    try:
        for make in edits:
            session.perform(make(session.report))
        expected = session.report
        by_tomlkit = render(expected, session.base_text, session.base_report)
        by_parts = render_quick(expected, session.base_text, session.base_report)
        session.save()
    finally:
        session.close()
    assert load(path).report == expected          # what was written reads back as the model
    text = path.read_bytes().decode("utf-8")
    assert text == by_tomlkit
    assert by_parts == (text if quick else None)
    return text


def set_(section, index, **values):
    def make(report):
        from kedr_tui.core.edits import Batch, SetField

        rows = getattr(report, section)
        row = rows[index] if index is not None else rows
        return Batch(tuple(SetField(section, index, k, getattr(row, k), v) for k, v in values.items()))
    return make


def swap(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_new_key_goes_among_its_siblings_before_the_next_records_comment(base):
    assert saved(base, set_("indicators", 0, fact=Decimal(5))) == swap(
        'plan = 90\nfact_note = "Не измерялся"\n', 'plan = 90\nfact = 5\nfact_note = "Не измерялся"\n')


def test_a_new_key_at_the_end_of_a_table_stays_above_the_next_comment(base):
    assert saved(base, set_("indicators", 1, formula="Количественный подсчет")) == swap(
        'justification = "ограничения"\n',
        'justification = "ограничения"\nformula = "Количественный подсчет"\n')


def test_a_new_key_first_in_the_format_goes_first(base):
    assert saved(base, set_("indicators", 0, prev=Decimal("85.5"))) == swap(
        'unit = "%"\nplan = 90\n', 'unit = "%"\nprev = 85.5\nplan = 90\n')


def test_a_new_money_key_takes_the_files_number_style(base):
    assert saved(base, set_("expenses", 1, justification="экономия", cash=Decimal(7))) == swap(
        "cash = 17.90\n", 'cash = 7.00\njustification = "экономия"\n')


def test_a_changed_value_keeps_its_line_and_its_comment(base):
    assert saved(base, set_("program", None, code="05")) == swap('code = "04"   # МП', 'code = "05"   # МП')


def test_a_removed_key_takes_only_its_line(base):
    assert saved(base, set_("indicators", 1, fact=None)) == swap("fact = 8\n", "")


def test_a_new_row_in_the_middle_is_a_block_of_its_own(base):
    def add(report):
        row = replace(new_row("expenses", report, report.expenses[0]), executor="Отдел образования",
                      plan_year=Decimal(760), plan_period=Decimal("760.5"), cash=Decimal(760))
        return InsertRow("expenses", 1, row)
    assert saved(base, add) == swap("cash = 100.00\n\n", '''\
cash = 100.00

[[expenses]]
code = "04.0.01.1"
executor = "Отдел образования"
plan_year = 760.00
plan_period = 760.50
cash = 760.00

''')


def test_a_new_row_at_the_end_of_its_section_comes_before_the_next_sections_comment(base):
    def add(report):
        row = replace(report.amendments[0], number="56", date=report.amendments[0].date.replace(day=25),
                      src=None)
        return InsertRow("amendments", 1, row)
    assert saved(base, add) == swap('summary = "О внесении изменений"\n\n', '''\
summary = "О внесении изменений"

[[amendments]]
act = "Постановление"
date = 2021-03-25
number = "56"
summary = "О внесении изменений"

''')


def test_a_deleted_row_takes_its_comment_with_it(base):
    assert saved(base, lambda r: DeleteRow("expenses", 0, r.expenses[0])) == swap('''\
# Форма 2, 04.0.01.1, Администрация
[[expenses]]
code = "04.0.01.1"
executor = "Администрация"
plan_year = 100.00
plan_period = 100.00
cash = 100.00

''', "")


def test_deleting_a_whole_section_keeps_the_next_sections_comment(base):
    assert saved(base, lambda r: DeleteRow("amendments", 0, r.amendments[0])) == swap('''\
# Форма 3, № 1
[[amendments]]
act = "Постановление"
date = 2021-03-24
number = "55"
summary = "О внесении изменений"

''', "")


def test_a_moved_row_takes_its_comment_along(base):
    text = saved(base, lambda r: MoveRow("indicators", 1, 0))
    first = BASE[BASE.index("# Форма 1, показатели цели, № 1"):BASE.index("# Форма 1, показатели цели, № 2")]
    second = BASE[BASE.index("# Форма 1, показатели цели, № 2"):BASE.index("# Форма 2, основное")]
    assert text == swap(first + second, second + first)


def test_a_section_the_file_lacked_goes_where_the_format_puts_it(write_report):
    without = swap('''\
# Форма 3, № 1
[[amendments]]
act = "Постановление"
date = 2021-03-24
number = "55"
summary = "О внесении изменений"

''', "")
    path = write_report(without)

    def add(report):
        from kedr_tui.core.model import Amendment
        import datetime as dt
        return InsertRow("amendments", 0, Amendment(act="Решение", date=dt.date(2021, 5, 1), number="7"))
    assert saved(path, add) == swap("# Доклад\n", '''\
[[amendments]]
act = "Решение"
date = 2021-05-01
number = "7"

# Доклад
''', without)


def test_an_unedited_render_is_the_text_itself(base):
    loaded = load(base)
    report = replace(loaded.report, indicators=tuple(loaded.report.indicators))
    assert render(report, loaded.text, loaded.report) == loaded.text


def test_crlf_files_get_crlf_lines(write_report):
    path = write_report(BASE.replace("\n", "\r\n"))
    path.write_bytes(BASE.replace("\n", "\r\n").encode())
    text = saved(path, set_("indicators", 0, fact=Decimal(5)))
    assert text == swap('plan = 90\nfact_note', 'plan = 90\nfact = 5\nfact_note').replace("\n", "\r\n")


@pytest.mark.parametrize("program", [
    'program = {code = "04", title = "Программа", municipality = "Город", goal = "Цель"}\n',
    'program.code = "04"\nprogram.title = "Программа"\nprogram.municipality = "Город"\nprogram.goal = "Цель"\n',
], ids=["inline", "dotted"])
def test_a_shape_people_rarely_write_is_still_saved_correctly(write_report, program):
    text = swap('[program]\ncode = "04"   # МП\ntitle = "Программа"\nmunicipality = "Город"\ngoal = "Цель"\n',
                program).replace("# Программа\n", "")
    path = write_report(text)
    after = saved(path, set_("program", None, title="Другая"), set_("indicators", 0, fact=Decimal(5)),
                  quick=False)
    assert after.count("Другая") == 1 and "[program]" not in after


def test_a_file_without_its_last_line_end_gets_one_when_saved(write_report):
    path = write_report(BASE.removesuffix("\n"))
    assert saved(path, set_("indicators", 1, fact=None)) == swap("fact = 8\n", "")


@pytest.mark.parametrize(("text", "edit", "as_shown"), [
    (BASE, "add", True),                        # records made again and read back exactly
    (BASE, "value", True),                      # values patched in their lines
    (swap("[[tasks]]", "[[ tasks ]]"), "add", False),     # tomlkit's way: not checked so
    (swap("[[tasks]]", "[[ tasks ]]"), "value", True),
], ids=["plain-add", "plain-value", "odd-add", "odd-value"])
def test_a_save_says_whether_the_text_read_back_is_the_report_shown(write_report, text, edit, as_shown):
    """The app keeps its tabs' rows after a save that read back as the report shown
    (``Session.saved_as_shown``) and builds them all again otherwise."""
    from kedr_tui.core.edits import InsertRow
    from kedr_tui.core.operations import new_row

    session = Session.open(write_report(text))
    try:
        assert not session.saved_as_shown
        report = session.report
        session.perform(InsertRow("tasks", 0, new_row("tasks", report)) if edit == "add"
                        else set_("tasks", 0, title="Задача первая")(report))
        session.save()
        assert session.saved_as_shown is as_shown
    finally:
        session.close()
