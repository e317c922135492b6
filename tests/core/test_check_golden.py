"""``kedr-tui check`` on a report where every check fires, each variant once: the exact
output, line, column, code and Russian message, against ``golden/every_check.txt``.

After an intended change of a message, rewrite the golden file with
``KEDR_UPDATE_GOLDEN=1 python -m pytest tests/core/test_check_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kedr_tui.cli import main
from tests.conftest import CLEAN, assert_golden

GOLDEN = Path(__file__).parent / "golden"
LAST_YEAR = 'format = 1\nyear = 2020\n\n[[indicators]]\nname = "Ниже плана"\nfact = 12\n'


@pytest.fixture
def reports(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2022.toml").write_text((GOLDEN / "every_check.toml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (folder / "2020.toml").write_text(LAST_YEAR, encoding="utf-8")
    (folder / "syntax.toml").write_text("format = 1\nyear = \n", encoding="utf-8")
    (folder / "schema.toml").write_text("format = 1\nyear = 2021\nyaer = 2021\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_every_check_once(reports, capsys):
    code = main(["check", "reports/2022.toml", "reports/syntax.toml", "reports/schema.toml"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert_golden(GOLDEN / "every_check.txt", out)


def test_every_code_of_the_spec_is_in_the_golden_output():
    lines = (GOLDEN / "every_check.txt").read_text(encoding="utf-8").splitlines()
    codes = {line.split(": ", 1)[1].split(" ", 1)[0] for line in lines}
    assert {"E-SYNTAX", "E-SCHEMA", "E-CODE", "E-REF", "E-YEAR", "E-DUP", "W-JUSTIFY", "W-NOFACT",
            "W-OVERSPEND", "W-FORMULA", "W-PREV", "W-NEGATIVE", "W-RANGE", "W-OUTLIER",
            "W-PLACEHOLDER"} <= codes
    assert any("не вычисляется" in line for line in lines)


def test_warnings_alone_exit_0_and_1_when_strict(write_report, capsys):
    path = write_report(CLEAN.replace("cash = 100.00", "cash = 120.00"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and " W-OVERSPEND " in out
    assert main(["check", "--strict", str(path)]) == 1
    assert main(["check", "--strict", str(write_report(CLEAN))]) == 0
    assert capsys.readouterr().out.count("W-OVERSPEND") == 1


def test_an_unreadable_file_is_exit_2_and_the_others_are_still_checked(write_report, capsys):
    good = write_report(CLEAN.replace("cash = 100.00", "cash = 90.00"))
    assert main(["check", str(good.parent / "missing.toml"), str(good)]) == 2
    out, err = capsys.readouterr()
    assert "W-JUSTIFY" in out and "missing.toml" in err and err.count("\n") == 1


@pytest.mark.parametrize("last_year,problem", [
    ("year = 2020\nname = «Кедровый»\n".encode("cp1251"), "файл не в кодировке UTF-8"),
    (b"year = 2020\nindicators = [\n", "значения за прошлый год не сверены"),
])
def test_an_unreadable_last_year_report_is_one_w_prev_that_says_why(write_report, capsys,
                                                                    last_year, problem):
    """Last year's facts are read after the first frame now (lazily, through the cache of
    parsed reports): a 2020.toml that can't be read is still said, once, with its reason,
    and the report itself is checked as before (a warning: exit 0 without --strict)."""
    report = write_report(CLEAN)
    (report.parent / "2020.toml").write_bytes(last_year)
    assert main(["check", str(report)]) == 0
    out = capsys.readouterr().out
    assert out.count("W-PREV") == 1 and "отчёт за 2020 год (2020.toml) не прочитан" in out, out
    assert problem in out, out
