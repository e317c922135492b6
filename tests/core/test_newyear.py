from kedr_tui.cli import main
from kedr_tui.core.loading import load
from tests.conftest import CLEAN


def test_new_year_from_the_seed(seed_copy, capsys, monkeypatch):
    monkeypatch.chdir(seed_copy.parent.parent)
    assert main(["new", "2022", "--from", str(seed_copy)]) == 0
    target = seed_copy.with_name("2022.toml")
    assert capsys.readouterr().out.strip() == str(target)
    old, new = load(seed_copy), load(target)
    assert not new.has_errors
    assert {f.code for f in new.findings} <= {"W-NOFACT", "W-JUSTIFY"}
    r0, r1 = old.report, new.report
    assert r1.year == 2022
    for before, after in zip(r0.indicators, r1.indicators, strict=True):
        assert after.prev == before.fact          # None where 2021 had none
        assert after.fact is None and after.justification == ""
        assert (after.plan, after.name, after.comment, after.formula) == \
            (before.plan, before.name, before.comment, before.formula)
    assert r1.indicators[0].prev is None          # satisfaction was not measured in 2021
    assert all(row.cash == 0 and row.justification == "" for row in r1.expenses)
    assert [(e.plan_year, e.plan_period) for e in r1.expenses] == \
        [(e.plan_year, e.plan_period) for e in r0.expenses]
    assert r1.amendments == ()
    assert (r1.narrative, r1.signature, r1.tasks, r1.activities) == \
        (r0.narrative, r0.signature, r0.tasks, r0.activities)
    # the person's comments are still there
    assert target.read_text(encoding="utf-8").count("\n#") == seed_copy.read_text(encoding="utf-8").count("\n#") - 2


def test_new_year_default_source_and_refusal(seed_copy, capsys, monkeypatch):
    monkeypatch.chdir(seed_copy.parent.parent)
    assert main(["new", "2022"]) == 0
    before = seed_copy.with_name("2022.toml").read_bytes()
    assert main(["new", "2022"]) == 2
    assert "уже есть" in capsys.readouterr().err
    assert seed_copy.with_name("2022.toml").read_bytes() == before


def test_new_year_refuses_a_source_of_the_same_or_a_later_year(seed_copy, capsys):
    other = seed_copy.with_name("база.toml")
    other.write_bytes(seed_copy.read_bytes())
    for year in ("2021", "2020"):
        assert main(["new", year, "--from", str(other)]) == 2
        assert "это отчёт за 2021 год" in capsys.readouterr().err
    assert sorted(p.name for p in seed_copy.parent.glob("*.toml")) == ["2021.toml", "база.toml"]


def test_new_year_keeps_the_comments_of_kept_records_and_drops_those_of_removed_ones(seed_copy, monkeypatch):
    """Issue 10, item 4: «# Доклад…» kept, «# Форма 3, № 1» gone with the amendments, the
    header says the new year."""
    monkeypatch.chdir(seed_copy.parent.parent)
    assert main(["new", "2022", "--from", str(seed_copy)]) == 0
    old = seed_copy.read_text(encoding="utf-8")
    new = seed_copy.with_name("2022.toml").read_text(encoding="utf-8")
    assert new.splitlines()[:2] == [
        "# Отчет о реализации муниципальной программы «Развитие информационного общества",
        "# на территории муниципального образования «Город Кедровый» за 2022 год"]
    assert "# Форма 3" not in new and "[[amendments]]" not in new
    # the last expense row, then a blank line, the Доклад's own comment and its table
    tail = old[old.index('executor = "МУ «ЦБ»"'):old.index("# Форма 3, № 1")]
    assert new[new.index('executor = "МУ «ЦБ»"'):].startswith(
        tail + "# Доклад о ходе реализации: вступление (до перечня показателей) и заключение\n"
        "[narrative]\n")
    comments = [line for line in old.splitlines() if line.startswith("#")]
    kept = [line.replace("за 2021 год", "за 2022 год") for line in comments
            if not line.startswith("# Форма 3")]
    assert [line for line in new.splitlines() if line.startswith("#")] == kept
    # a year in the texts («В 2021 году проведено…») is left alone: only the header comment,
    # `year` and the removed act of 2021-03-24 lose theirs
    assert new.count("2021") == old.count("2021") - 3 == 5


def test_the_first_report_of_a_programme_with_no_report_before_it(tmp_path, capsys, monkeypatch):
    """`kedr-tui new 2024` in a folder with no report yet: a first report to fill in (it
    was «reports/2023.toml: файл не найден», and a new programme had no way to start)."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "2024"]) == 0
    target = tmp_path / "reports" / "2024.toml"
    captured = capsys.readouterr()
    assert captured.out.strip() == "reports/2024.toml"
    assert "отчётов ещё нет — создан первый отчёт программы за 2024 год" in captured.err
    loaded = load(target)
    assert [(f.code, f.line) for f in loaded.findings] == [("W-PLACEHOLDER", 17)]
    report = loaded.report
    assert (report.year, report.program.code, len(report.tasks), report.indicators, report.expenses) == \
        (2024, "01", 1, (), ())
    # a folder that has reports: the year before is still required, never a blank over it
    assert main(["new", "2026"]) == 2
    assert "reports/2025.toml" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["2024.toml"]


def test_new_year_refuses_a_source_that_is_not_last_years(seed_copy, capsys):
    # `new 2030 --from 2021.toml` made 2030 with 2021's facts as «факт за прошлый год»
    assert main(["new", "2030", "--from", str(seed_copy)]) == 2
    err = capsys.readouterr().err
    assert "это отчёт за 2021 год, а новый — за 2030" in err
    assert sorted(p.name for p in seed_copy.parent.glob("*.toml")) == ["2021.toml"]


def test_new_year_inside_the_reports_folder_takes_last_year_from_there(seed_copy, capsys,
                                                                       monkeypatch):
    # run from inside reports/, `new 2022` made a blank first report in reports/reports/
    monkeypatch.chdir(seed_copy.parent)
    assert main(["new", "2022"]) == 0
    assert capsys.readouterr().out.strip() == "2022.toml"
    assert load(seed_copy.with_name("2022.toml")).report.indicators[1].prev == \
        load(seed_copy).report.indicators[1].fact
    assert not (seed_copy.parent / "reports").exists()
    assert main(["new", "2024"]) == 2               # no 2023.toml here: said, nothing made
    assert "2023.toml: файл не найден" in capsys.readouterr().err
    assert sorted(p.name for p in seed_copy.parent.iterdir() if not p.name.startswith(".")) \
        == ["2021.toml", "2022.toml"]


def test_new_year_from_a_crlf_report_that_is_not_plain_keeps_its_line_ends(tmp_path, capsys):
    # a report saved on Windows (CRLF) with dotted keys goes through tomlkit, which wrote
    # the `prev` lines it added with a bare LF: a file of mixed line ends
    signature = '[signature]\nposition = "Мэр"\nname = "И.И. Иванов"\nexecutor = "Петров П.П."\n'
    assert signature in CLEAN and "prev = 5\n" in CLEAN
    text = (CLEAN.replace(signature, "", 1)
            .replace("year = 2021\n", 'year = 2021\nsignature.name = "И.И. Иванов"\n', 1)
            .replace("prev = 5\n", "", 1))
    source = tmp_path / "2021.toml"
    source.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert load(source).report is not None and not load(source).has_errors
    assert main(["new", "2022", "--from", str(source)]) == 0
    capsys.readouterr()
    made = (tmp_path / "2022.toml").read_bytes()
    assert made.count(b"\n") == made.count(b"\r\n") > 0
    new = load(tmp_path / "2022.toml").report
    assert [i.prev for i in new.indicators] == [i.fact for i in load(source).report.indicators]


def test_retitle_splits_at_tomls_line_breaks_only():
    # A U+2028 (or U+2029, U+0085, FF) inside a header comment ends no TOML line: the year
    # after it is in the same comment and changes; a «[» after it starts no table, so the
    # comments below it are still the header's.  CRLF endings are kept as they are.
    from kedr_tui.core.newyear import retitle

    text = ("# Отчёт за 2021 год\u2028исполнитель: отдел, 2021\r\n"
            "# примечание\u2029[см. приложение] 2021\u0085за 2021\x0cгод\n"
            "# за 2021 год\n"
            "[program]\n"
            "# 2021 in a table's comment is not the header's\n"
            'title = "2021"\n')
    assert retitle(text, 2021, 2022) == (
        "# Отчёт за 2022 год\u2028исполнитель: отдел, 2022\r\n"
        "# примечание\u2029[см. приложение] 2022\u0085за 2022\x0cгод\n"
        "# за 2022 год\n"
        "[program]\n"
        "# 2021 in a table's comment is not the header's\n"
        'title = "2021"\n')
