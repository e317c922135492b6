"""Each check fires on a small report made to trigger it, and not on the clean one."""

import pytest

from kedr_tui.core.loading import load
from tests.conftest import CLEAN


def codes(path):
    return [f.code for f in load(path).findings]


def test_clean_report_has_no_findings(write_report):
    assert codes(write_report(CLEAN)) == []


def change(old: str, new: str, text: str = CLEAN) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


CASES = [
    # indicator below plan (higher is better) with no justification
    (change("fact = 10\n", "fact = 8\n"), "W-JUSTIFY", "fact = 8"),
    # lower is better and the fact is above plan
    (change('unit = "%"\n', 'unit = "%"\nbetter = "lower"\n', change("fact = 10\n", "fact = 12\n")),
     "W-JUSTIFY", "fact = 12"),
    # expense below year plan without justification
    (change("cash = 100.00", "cash = 90.00"), "W-JUSTIFY", "cash = 90.00"),
    (change("fact = 10\n", ""), "W-NOFACT", "[[indicators]]"),
    (change("cash = 100.00", "cash = 120.00"), "W-OVERSPEND", "cash = 120.00"),
    (change("plan_period = 100.00", "plan_period = 150.00"), "W-OVERSPEND", "plan_period = 150.00"),
    (change('formula = "П=(5/5)*10"', 'formula = "П=(5/6)*10"'), "W-FORMULA", "formula ="),
    (change('formula = "П=(5/5)*10"', 'formula = "П=(5/0)*10"'), "W-FORMULA", "formula ="),
    (change("year = 2021", "year = 2020"), "E-YEAR", "year = 2020"),
    (change('code = "04.0.01.1"\ntitle', 'code = "04.0.2"\ntitle'), "E-CODE", 'code = "04.0.2"'),
    (change('code = "04.0.01.1"\ntitle', 'code = "4.0.02.x"\ntitle'), "E-CODE", 'code = "4.0.02.x"'),
    (change('code = "04.0.01.1"\ntitle', 'code = "04.0.01.0"\ntitle'), "E-CODE", 'code = "04.0.01.0"'),
    (change('code = "04.0.01.1"\ntitle', 'code = "04.0.02.1"\ntitle'), "E-CODE", 'code = "04.0.02.1"'),
    (change('code = "04.0.01.1"\nexecutor', 'code = "04.0.09.1"\nexecutor'), "E-REF", 'code = "04.0.09.1"'),
    (change("task = 1\nname", "task = 7\nname"), "E-REF", "task = 7"),
    (change("task = 1\ntitle", "task = 4\ntitle"), "E-REF", "task = 4"),
    ]


@pytest.mark.parametrize("text, code, line_text", CASES, ids=[f"{c[1]}:{c[2]}" for c in CASES])
def test_each_check_fires_where_it_should(write_report, text, code, line_text):
    path = write_report(text)
    findings = [f for f in load(path).findings if f.code == code]
    assert findings, codes(path)
    line = path.read_text(encoding="utf-8").splitlines()[findings[0].line - 1]
    assert line.startswith(line_text), (line, findings[0])


NO_FORMULA = CLEAN.replace('formula = "П=(5/5)*10"\n', "")


def test_justification_silences_the_warning(write_report):
    text = change("fact = 10\n", 'fact = 8\njustification = "нет финансирования"\n', NO_FORMULA)
    assert codes(write_report(text)) == []


def test_favourable_deviation_needs_no_justification(write_report):
    assert codes(write_report(change("fact = 10\n", "fact = 30\n", NO_FORMULA))) == []


def test_not_measured_with_justification_is_fine(write_report):
    text = change("fact = 10\n", 'justification = "опрос не проводился"\n', NO_FORMULA)
    assert codes(write_report(text)) == []


def test_duplicate_executor_row(write_report):
    row = '\n[[expenses]]\ncode = "04.0.01.1"\nexecutor = "Администрация"\nplan_year = 1\nplan_period = 1\ncash = 1\n'
    text = change("[[amendments]]", row + "\n[[amendments]]")
    assert codes(write_report(text)) == ["E-CODE"]     # SPEC, «Row identity»: a duplicate expense identity


@pytest.mark.parametrize("section, row", [
    ("expenses", '[[expenses]]\ncode = "04.0.01.1"\nexecutor = "  Администрация\\n"\nplan_year = 1\n'
                 'plan_period = 1\ncash = 1\n'),
    ("indicators", '[[indicators]]\ntask = 1\nname = "\\tПоказатель "\nplan = 1\nfact = 1\n'),
    ("indicators", '[[indicators]]\ntask = 0\nname = "Показатель  \\n цели"\nplan = 1\nfact = 1\n'),
])
def test_rows_whose_identity_differs_only_in_spaces_are_one_row_twice(write_report, section, row):
    """SPEC «Row identity»: whitespace-normalised (runs of spaces, tabs, line breaks):
    a row of the report again, written with other spaces, is a repeat."""
    rows = len(getattr(load(write_report(CLEAN)).report, section))
    found = [f for f in load(write_report(change("[[amendments]]", row + "\n[[amendments]]"))).findings
             if f.is_error]
    assert [(f.code, f.ref) for f in found] == [("E-CODE" if section == "expenses" else "E-DUP",
                                                 (section, rows))]


def test_main_activity_needs_task(write_report):
    text = change('task = 1\ntitle = "Основное', 'title = "Основное')
    assert codes(write_report(text)) == ["E-SCHEMA"]


def test_cross_year_warning(write_report):
    path = write_report(CLEAN)
    assert codes(path) == []
    last = change("fact = 10\n", "fact = 12\n", NO_FORMULA)
    write_report(change("year = 2021", "year = 2020", last), "2020.toml")
    findings = load(path).findings
    assert [f.code for f in findings] == ["W-PREV"]
    assert "12" in findings[0].message
    assert path.read_text().splitlines()[findings[0].line - 1] == "prev = 10"


def test_cross_year_warning_when_last_years_name_is_spaced_otherwise(write_report):
    """An indicator is known by its name with spaces normalised: last year's «Показатель
    \u00a0 цели» (a no-break space and a plain one) is this year's «Показатель цели», and
    its fact 7 is compared with this year's prev 5."""
    path = write_report(CLEAN)
    last = change('name = "Показатель цели"\nunit = "ед."\nprev = 5\nplan = 4\nfact = 5',
                  'name = "Показатель\u00a0 цели"\nunit = "ед."\nprev = 5\nplan = 4\nfact = 7')
    write_report(change("year = 2021", "year = 2020", last), "2020.toml")
    findings = load(path).findings
    assert [(f.code, f.message) for f in findings] == [(
        "W-PREV", "«Показатель цели»: значение за прошлый год 5 не совпадает с фактом в отчёте "
                  "за 2020 год (7)")]


def test_last_years_report_that_cannot_be_read_is_said_not_skipped(write_report):
    """Last year's file is there but broken: prev is not compared, and the report says so
    (it said nothing, as if every prev agreed); a BOM in it is no obstacle."""
    path = write_report(CLEAN)
    last = change("year = 2021", "year = 2020", change("fact = 10\n", "fact = 12\n", NO_FORMULA))
    broken = write_report(last.replace("plan = 10\n", "plan = 10,5\n", 1), "2020.toml")
    year_line = CLEAN.splitlines().index("year = 2021") + 1
    line = last.splitlines().index("plan = 10") + 1
    assert [(f.code, f.line, f.message) for f in load(path).findings] == [(
        "W-PREV", year_line, f"отчёт за 2020 год (2020.toml) не прочитан: синтаксическая ошибка TOML "
                             f"в строке {line}; значения за прошлый год не сверены")]
    broken.write_bytes(b"\xef\xbb\xbf" + last.encode("utf-8"))
    assert [f.code for f in load(path).findings] == ["W-PREV"]
    assert load(path).findings[0].message.endswith("(12)")


def test_cross_year_agreeing_report_is_silent(write_report):
    write_report(change("year = 2021", "year = 2020", change("fact = 10\n", "fact = 10\n")), "2020.toml")
    assert codes(write_report(CLEAN)) == []


def test_two_digit_activity_numbers_hang_under_their_main_activity(write_report):
    text = change('code = "04.0.01.1"\ntitle', 'code = "04.0.01.12"\ntitle')
    text = change('code = "04.0.01.1"\nexecutor', 'code = "04.0.01.12"\nexecutor', text)
    path = write_report(text)
    loaded = load(path)
    assert codes(path) == []
    assert [n.code for n in loaded.analysis.derived.tree.walk()] == ["04.0.00.0", "04.0.01.0", "04.0.01.12"]


# ---------------------------------------------------------------- where a finding points

def _check(loaded, report):
    from kedr_tui.core.checks import check
    from kedr_tui.core.derive import derive

    return check(report, derive(report), loaded.context.locator, file_year=loaded.context.file_year,
                 previous=loaded.context.previous)


def test_findings_name_their_row_field_and_line(write_report):
    text = change("fact = 10\n", "", change("cash = 100.00", "cash = 120.00"))
    path = write_report(text)
    findings = load(path).findings
    lines = path.read_text(encoding="utf-8").splitlines()
    got = [(f.code, f.ref, f.field, lines[f.line - 1], f.column) for f in findings]
    assert got == [
        ("W-NOFACT", ("indicators", 0), "justification", "[[indicators]]", 1),   # no key: its table
        ("W-OVERSPEND", ("expenses", 0), "cash", "cash = 120.00", 1),
    ]


def test_a_row_added_since_reading_has_no_line(write_report):
    from msgspec.structs import replace

    from kedr_tui.core.model import Indicator

    loaded = load(write_report(CLEAN))
    added = Indicator(task=1, name="Новый", unit="ед.", plan=None)       # src None: not in the file
    report = replace(loaded.report, indicators=(*loaded.report.indicators, added))
    findings = _check(loaded, report)
    assert [(f.code, f.line, f.column, f.ref, f.field) for f in findings] == \
        [("W-NOFACT", 0, 1, ("indicators", 2), "justification")]


def test_the_year_finding_points_at_the_year(write_report):
    path = write_report(CLEAN, "2022.toml")
    [finding] = load(path).findings
    assert (finding.code, finding.line, finding.column, finding.ref, finding.field) == \
        ("E-YEAR", 2, 1, (), "year")


def test_duplicate_amendment_without_number(write_report):
    text = change('number = "55"\n', 'number = ""\n')
    amendment = '[[amendments]]\nact = "Постановление"\ndate = 2021-03-24\nnumber = ""\nsummary = "ещё"\n\n'
    text = change("[narrative]", amendment + "[narrative]", text)
    findings = [f for f in load(write_report(text)).findings if f.code == "E-DUP"]
    assert [f.message for f in findings] == ["изменение «Постановление» № — от 24.03.2021 повторяется"]


def test_amendments_without_dates_are_not_called_duplicates(write_report):
    """Their dates are missing (E-SCHEMA each): whether they are one act is not known."""
    text = change('number = "55"\n', 'number = ""\n', change("date = 2021-03-24\n", ""))
    amendment = '[[amendments]]\nact = "Постановление"\nnumber = ""\nsummary = "ещё"\n\n'
    text = change("[narrative]", amendment + "[narrative]", text)
    codes = [(f.code, f.field) for f in load(write_report(text)).findings]
    assert codes == [("E-SCHEMA", "date"), ("E-SCHEMA", "date")]


def test_short_names_in_messages():
    from kedr_tui.core.checks import short

    assert short("а" * 70) == "а" * 70
    assert short("а" * 71) == "а" * 69 + "…"
    assert short("слово " * 20, 12) == "слово слово…"            # cut, trailing space dropped
    assert short("  много   пробелов\n здесь ") == "много пробелов здесь"
    assert short("б" * 41, 40) == "б" * 39 + "…"


def test_a_long_executor_is_cut_at_40_characters(write_report):
    name = "Исполнитель " + "о" * 40
    text = change('executor = "Администрация"', f'executor = "{name}"', change("cash = 100.00", "cash = 90.00"))
    [finding] = load(write_report(text)).findings
    assert finding.message.startswith(f"«04.0.01.1», {name[:39]}…: кассовое исполнение 90,00")


@pytest.mark.parametrize("code", ["04.0.01.١", "٠٤.0.01.1", "04.0.01.１"])
def test_a_code_in_other_digits_is_malformed_not_missing_a_zero(write_report, code):
    """Arabic-Indic or full-width digits are digits to ``\\d`` and to int(): such a code was
    read as 04.0.01.1 and told it lacked a leading zero; it is not in the form at all."""
    path = write_report(change('code = "04.0.01.1"\ntitle', f'code = "{code}"\ntitle'))
    found = [f for f in load(path).findings if f.code == "E-CODE"]
    assert [f.message for f in found] == [f"код «{code}» не в форме МП.Пп.ОМ.М (например 04.0.02.1)"]


def test_last_years_fact_is_the_same_indicators_by_task_and_name(write_report):
    """Two indicators of last year share a name in two tasks: the fact compared is that of
    the same indicator (task, name), not of the first of that name (a false W-PREV)."""
    path = write_report(CLEAN)                     # task 1 «Показатель»: prev = 10
    last = change("[[indicators]]", '[[indicators]]\ntask = 0\nname = "Показатель"\nplan = 99\n'
                  'fact = 99\n\n[[indicators]]', NO_FORMULA)
    write_report(change("year = 2021", "year = 2020", last), "2020.toml")
    assert codes(path) == []
    write_report(change("year = 2021", "year = 2020", change("fact = 10\n", "fact = 11\n", last)),
                 "2020.toml")
    assert [(f.code, f.message) for f in load(path).findings] == [
        ("W-PREV", "«Показатель»: значение за прошлый год 10 не совпадает с фактом в отчёте "
                   "за 2020 год (11)")]
    # moved to another task, its name last year's only: still compared
    moved = change("task = 1\nname", "task = 0\nname", change("fact = 10\n", "fact = 12\n", NO_FORMULA))
    write_report(change("year = 2021", "year = 2020", moved), "2020.toml")
    assert codes(path) == ["W-PREV"]
