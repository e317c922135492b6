"""Bad input of every kind: one line with file:line:column, a proper exit code, no traceback."""

import os
import subprocess
import sys

import pytest

from kedr_tui.cli import main
from tests.conftest import CLEAN


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def change(old, new, text=CLEAN):
    assert old in text
    return text.replace(old, new, 1)


def test_missing_file(capsys, tmp_path):
    code, _out, err = run(capsys, "check", str(tmp_path / "2021.toml"))
    assert code == 2 and err.strip() == f"{tmp_path / '2021.toml'}: файл не найден"


def test_folder(capsys, tmp_path):
    code, _out, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "папка" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_no_permission(capsys, write_report):
    path = write_report(CLEAN)
    path.chmod(0)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "прав" in err


def test_not_utf8(capsys, write_report):
    path = write_report("")
    path.write_bytes(CLEAN.encode("utf-8").replace("Программа".encode(), "Программа".encode("cp1251")))
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2
    assert err.strip() == f"{path}:6:10: файл не в кодировке UTF-8"


def test_syntax_error_has_line_and_column(capsys, write_report):
    path = write_report(change("plan = 10\n", "plan = = 10\n"))
    code, out, _err = run(capsys, "check", str(path))
    line = CLEAN.splitlines().index("plan = 10") + 1
    assert code == 1
    assert out.startswith(f"{path}:{line}:") and " E-SYNTAX " in out


def test_unterminated_string_at_end(capsys, write_report):
    path = write_report('format = 1\nyear = 2021\ntitle = "oops\n')
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and "E-SYNTAX" in out


def test_empty_file(capsys, write_report):
    path = write_report("")
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    assert out.count("E-SCHEMA") == 3  # format, year, program


@pytest.mark.parametrize("spelt", ["1e100000000", "-1e1000000", "1e-100000000"])
def test_a_number_beyond_any_exponent_is_an_error_not_a_traceback(capsys, write_report, spelt):
    path = write_report(change("plan = 10\n", f"plan = {spelt}\n"))
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    assert f"{path}:" in out and "E-SCHEMA «plan»: " in out


@pytest.mark.parametrize("text, needle", [
    (change("format = 1", "format = 2"), "формат файла 2"),
    (change('title = "Программа"\n', ""), "нет обязательного ключа «title» в [program]"),
    (change("plan = 10\n", 'plan = "десять"\n'), "«plan»: ожидается число"),
    (change("task = 1\nname", "task = 1.0\nname"), "«task»: ожидается целое число"),
    (change("task = 1\nname", "task = true\nname"),
     "«task»: ожидается целое число, а не «true» (логическое значение)"),   # as TOML spells it
    (change("plan = 10\n", "plan = 10\nfactt = 3\n"), "неизвестный ключ «factt» в [indicators] (может быть, «fact»?)"),
    (change("year = 2021", "year = 2021\ncolour = 1"), "неизвестный ключ верхнего уровня «colour»"),
    (change("date = 2021-03-24", 'date = "24.03.2021"'), "«date»: ожидается дата TOML"),
    (change("date = 2021-03-24", "date = 2021-03-24T10:00:00"), "«date»: ожидается дата TOML"),
    (change("[program]", "program = 5\n[programme]"), "E-SCHEMA"),
    (change('better = "', 'better = "', change('unit = "%"\n', 'unit = "%"\nbetter = "up"\n')), "«better»"),
])
def test_schema_errors(capsys, write_report, text, needle):
    path = write_report(text)
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    assert needle in out
    assert all(line.startswith(f"{path}:") for line in out.splitlines())


def test_all_problems_in_one_run(capsys, write_report):
    text = change("plan = 10\n", 'plan = "x"\nfactt = 1\n', change("year = 2021", "year = 2020"))
    text = change('code = "04.0.01.1"\ntitle', 'code = "04.0.2"\ntitle', text)
    code, out, _err = run(capsys, "check", str(write_report(text)))
    assert code == 1
    found = {line.split()[1] for line in out.splitlines()}
    assert {"E-SCHEMA", "E-YEAR", "E-CODE", "E-REF"} <= found


def test_fifty_megabytes_of_junk(capsys, write_report):
    path = write_report("")
    path.write_bytes(os.urandom(50 * 1024 * 1024))
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "UTF-8" in err
    path.write_text(("мусор " * 1000 + "\n") * 5000, encoding="utf-8")
    assert path.stat().st_size > 50 * 1024 * 1024
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and out.startswith(f"{path}:1:") and "E-SYNTAX" in out


def test_several_reports_worst_code_wins(capsys, write_report, tmp_path):
    good = write_report(CLEAN)
    code, _out, _err = run(capsys, "check", str(good), str(tmp_path / "missing.toml"))
    assert code == 2


def test_bad_usage_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["export", "x.toml", "--bogus"])
    assert info.value.code == 2


def test_export_refuses_report_with_errors(capsys, write_report, tmp_path):
    path = write_report(change("year = 2021", "year = 2020"))
    code, _out, err = run(capsys, "export", str(path), "--json", str(tmp_path / "o.json"))
    assert code == 1 and "E-YEAR" in err and not (tmp_path / "o.json").exists()


def test_whole_process_has_no_traceback(write_report):
    path = write_report('format = 1\nyear = "x"\n[[indicators]]\ntask = 1.5\n')
    proc = subprocess.run([sys.executable, "-m", "kedr_tui", "check", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "«year»: ожидается год" in proc.stdout


def test_the_app_without_a_terminal_says_so(seed_copy):
    proc = subprocess.run([sys.executable, "-m", "kedr_tui", str(seed_copy)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=20)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("kedr-tui: стандартный ввод — не терминал, а приложению нужен "
                                   "терминал; без него работают kedr-tui check и kedr-tui export")
    assert not list(seed_copy.parent.glob(".*"))   # no lock, no journal left behind


def test_export_into_a_path_that_cannot_be(capsys, seed_copy, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = run(capsys, "export", str(seed_copy), "--json", str(blocker / "o.json"))
    assert code == 2
    assert err.strip() == f"{blocker / 'o.json'}: не удалось записать: «{blocker}» — файл, а не папка"


@pytest.mark.parametrize("old, new, expected", [
    ('code = "04"\n', 'code = ""\n', "E-CODE код программы не задан"),
    ('code = "04"\n', "", "E-SCHEMA нет обязательного ключа «code» в [program]"),
])
def test_programme_code_missing_is_one_line_not_one_per_activity(capsys, write_report, old, new,
                                                                  expected):
    path = write_report(change(old, new))
    code, out, _err = run(capsys, "check", str(path))
    errors = [line for line in out.splitlines() if " E-" in line]
    assert code == 1
    assert len(errors) == 1 and expected in errors[0]


def test_a_misspelt_array_of_tables_is_placed_at_its_header(capsys, write_report):
    """«[[amendment]]» for «[[amendments]]» was reported at 1:1: the line of the header."""
    path = write_report(change("[[amendments]]\n", "[[amendment]]\n"))
    code, out, _err = run(capsys, "check", str(path))
    line = path.read_text(encoding="utf-8").splitlines().index("[[amendment]]") + 1
    assert code == 1
    assert out.splitlines() == [f"{path}:{line}:1: E-SCHEMA неизвестный ключ верхнего уровня "
                                f"«amendment» (может быть, «amendments»?)"]


def test_a_misspelt_key_is_one_line_not_also_a_missing_one(capsys, write_report):
    """«plan_perod» said «нет обязательного ключа «plan_period»» and then «неизвестный ключ
    «plan_perod» (может быть, «plan_period»?)»: one typo, two errors."""
    path = write_report(change("plan_period = 100.00\n", "plan_perod = 100.00\n"))
    code, out, _err = run(capsys, "check", str(path))
    errors = [line for line in out.splitlines() if " E-" in line]
    assert code == 1
    assert len(errors) == 1 and "«plan_perod»" in errors[0] and "«plan_period»?" in errors[0]


@pytest.mark.parametrize("typed, plain", [("45,5", "45.5"), ("1 129,01", "1129.01"), ("−5", "-5"),
                                          ("10,5 # план", "10.5")])
def test_a_number_written_the_russian_way_says_how_the_file_spells_it(capsys, write_report, typed, plain):
    path = write_report(change("plan = 10\n", f"plan = {typed}\n"))
    code, out, _err = run(capsys, "check", str(path))
    line = CLEAN.splitlines().index("plan = 10") + 1
    assert code == 1 and out.startswith(f"{path}:{line}:") and " E-SYNTAX " in out
    assert out.rstrip().endswith(f"число в файле пишется так: plan = {plain} "
                                 "(дробная часть через точку, без пробелов)")


def test_no_number_hint_for_other_syntax_errors(capsys, write_report):
    path = write_report(change("plan = 10\n", "plan = 1 2\n"))
    _code, out, _err = run(capsys, "check", str(path))
    assert "E-SYNTAX" in out and "пишется так" not in out


def test_no_number_hint_for_a_number_written_as_the_file_spells_it(capsys, write_report):
    # «plan = 10» twice: the second line was told «число в файле пишется так: plan = 10»,
    # as if its spelling were the mistake
    path = write_report(change("plan = 10\n", "plan = 10\nplan = 10\n"))
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and "значение нельзя задать повторно" in out
    assert "пишется так" not in out


@pytest.mark.parametrize("old, typed, hint", [
    ('code = "04"', "code = 04", 'текст в файле пишется в кавычках: code = "04"'),
    ('code = "04.0.01.0"', "code = 04.0", 'текст в файле пишется в кавычках: code = "04.0"'),
])
def test_a_code_written_bare_is_told_to_be_quoted_not_spelt_as_a_number(capsys, write_report, old,
                                                                        typed, hint):
    # «code = 04» was told «число в файле пишется так: code = 4»: the code is text
    path = write_report(change(old, typed))
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and " E-SYNTAX " in out
    assert out.rstrip().endswith(hint)


@pytest.mark.parametrize("typed, hint", [
    ("date = 24.03.2021", "дата в файле пишется так: date = 2021-03-24"),
    ("date = 2021-13-24", "«2021-13-24»: месяца 13 нет (месяц от 1 до 12)"),
])
def test_a_date_written_the_russian_way_or_impossible_says_so(capsys, write_report, typed, hint):
    path = write_report(change("date = 2021-03-24", typed))
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1 and " E-SYNTAX " in out
    assert out.rstrip().endswith(hint), out


@pytest.mark.parametrize("old, new", [
    ("plan = 10\n", 'plan = 10\n"' + "п" * 5000 + '" = 1\n'),
    ("year = 2021", "year = 2021\n" + "k" * 5000 + " = 1"),
], ids=["in a section", "at the top"])
def test_a_very_long_unknown_key_is_clipped_in_its_line(capsys, write_report, old, new):
    # a key of 5 000 letters was repeated whole: one line of 5 000 columns (a value is clipped)
    path = write_report(change(old, new))
    code, out, _err = run(capsys, "check", str(path))
    line = next(line for line in out.splitlines() if "неизвестный ключ" in line)
    assert code == 1 and len(line) < 200, line
    assert "…»" in line
