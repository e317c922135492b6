"""Reports nobody had seen, written by hand from SPEC.md, with every figure worked out by hand.

- ``town``: a programme with no subprogrammes and one task, in unusual but valid TOML (BOM,
  CRLF, tabs, dotted keys, literal and multi-line strings, inline tables, keys in odd order),
  «lower is better», a zero plan, negative plan and fact, a share over 100 %, a fact of 0,
  kopeck amounts and a 200-letter word in the Доклад.
- ``district``: subprogrammes beside a main activity of the programme itself, executors repeated
  across branches, amounts of 10¹¹ at the kopeck, «lower is better» with a fact of 0.
- ``chain``: 2021 → 2022 (made by ``new``, then filled in by hand: an indicator renamed, one
  moved to another task, a row deleted, an activity added) → 2023 (``prev`` mistyped).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kedr_tui.cli import main

DATA = Path(__file__).parent.parent / "data" / "unseen"
TOWN_LF = DATA / "town" / "reports" / "2023.toml"   # kept plain: its BOM and CRLF are put on below
DISTRICT = DATA / "district" / "reports" / "2024.toml"
CHAIN = DATA / "chain" / "reports"


@pytest.fixture
def town(tmp_path) -> Path:
    """The town report as its officer saved it: a byte-order mark and CRLF line ends."""
    path = tmp_path / "reports" / "2023.toml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + TOWN_LF.read_bytes().replace(b"\n", b"\r\n"))
    return path


def exported(capsys, path: Path) -> dict:
    assert main(["export", str(path), "--json", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def checked(capsys, path: Path) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    return code, [line.split(" ", 2)[1] + " " + line.split(":")[1]
                  for line in capsys.readouterr().out.splitlines()]


def test_the_town_report_is_read_as_written(town):
    raw = town.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\t" in raw


def test_the_town_report_figures(capsys, town):
    d = exported(capsys, town)
    rows = [(i["abs_deviation"], i["rel_deviation"], i["growth"]) for i in d["indicators"]]
    assert rows == [
        ("5.5", "111.00", "138.75"),     # 55,5 − 50; 55,5 / 50; 55,5 / 40
        ("-20", "125.00", "66.67"),      # lower: 100 / 80; 80 / 120 = 0,6667
        ("4", "66.67", "120.00"),        # lower: 8 / 12 = 0,6667; 12 / 10
        ("5", None, None),               # plan 0: «—»; no prev
        ("15", "116.67", "110.53"),      # 105 / 90 = 1,16667; 105 / 95 = 1,10526
        ("-5", "200.00", None),          # −10 − (−5); −10 / −5
        ("-200", "0.00", "0.00"),        # 0 / 200; 0 / 150
    ]
    program = d["expenses"]["program"]
    # 1 000,00 + 0,01 + 250,50 + 0 + 500,00 + 10,10; 1 000 + 0,01 + 200,25 + 500 + 10;
    # 999,99 + 0 + 200,25 + 0 + 450 + 10,05
    assert (program["plan_year"], program["plan_period"], program["cash"]) == \
        ("1760.61", "1710.26", "1660.29")
    assert (program["pct_year"], program["pct_period"]) == ("94.30", "97.08")
    nodes = {n["code"]: n for n in d["expenses"]["nodes"]}
    main_1 = nodes["12.0.01.0"]
    assert (main_1["plan_year"], main_1["cash"], main_1["pct_year"], main_1["pct_period"]) == \
        ("1250.51", "1200.24", "95.98", "100.00")      # 1 200,24 / 1 200,26 = 0,99998
    assert main_1["justification"] == "экономия\nне потребовалось\nперенос на 2024"
    assert nodes["12.0.01.1"]["pct_year"] == "100.00"    # 999,99 / 1 000,01 = 0,99998
    assert nodes["12.0.01.3"]["pct_year"] is None        # all zero: «—»
    assert [e["executor"] for e in nodes["12.0.01.3"]["executors"]] == ["МКУ «Служба заказчика»"]
    # СР: (1 + 1 + 8/12 + 1 + 0) / 5, the zero plan and the negative one left out;
    # ССуз 1 660,29 / 1 760,61; СРм: 12.0.01.1 of 12.0.01.1, .2 and 12.0.02.1 (.3 has no plan)
    assert d["evaluation"] == {
        "sr": "0.7333", "ss": "0.9430", "srm": "0.3333", "eis": "0.3535", "er": "0.2592",
        "rating": "неудовлетворительная",
        "left_out": ["Число обращений через портал «Ёлкино — наш дом»",
                     "Изменение численности бродячих животных"]}


def test_the_town_report_findings(capsys, town):
    code, found = checked(capsys, town)
    assert code == 0
    assert found == ["W-JUSTIFY 57", "W-RANGE 73", "W-NEGATIVE 79", "W-NEGATIVE 80",
                     "W-JUSTIFY 154", "W-OVERSPEND 154"]


def test_the_town_report_as_text(capsys, tmp_path, town):
    assert main(["export", str(town), "--txt", str(tmp_path / "t.txt")]) == 0
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert max(map(len, text.splitlines())) <= 160
    assert "Эффективность реализации муниципальной программы: неудовлетворительная (ЭР = 0,2592)." \
        in text
    assert "C:\\отчёты\\2023\\итог.docx" in text           # a literal string's backslashes
    assert "31.12.2023" in text and "01.01.2023" in text    # Form 3 from inline tables


def test_the_district_report_figures(capsys):
    d = exported(capsys, DISTRICT)
    program = d["expenses"]["program"]
    # 123 456 789 012,34 + 1 000,05 + 333,33 + 10 + 200,01, and the cash likewise
    assert (program["plan_year"], program["plan_period"], program["cash"]) == \
        ("123456790555.73", "123456790405.73", "123456790093.00")
    nodes = {n["code"]: n for n in d["expenses"]["nodes"]}
    assert [(n["code"], n["kind"]) for n in d["expenses"]["nodes"]][:3] == \
        [("05.0.01.0", "main"), ("05.0.01.1", "activity"), ("05.1.00.0", "subprogram")]
    sub = nodes["05.1.00.0"]
    assert (sub["plan_year"], sub["cash"], sub["pct_year"], sub["pct_period"]) == \
        ("1343.38", "820.66", "61.09", "71.77")
    assert [(e["executor"], e["cash"], e["pct_year"]) for e in sub["executors"]] == \
        [("Администрация", "9.55", "95.02"), ("Управление финансов", "811.11", "60.83")]
    assert (nodes["05.1.02.1"]["pct_year"], nodes["05.2.01.1"]["pct_year"]) == ("95.00", "130.00")
    ind = {i["name"]: i for i in d["indicators"]}
    assert (ind["Уровень безработицы"]["rel_deviation"], ind["Уровень безработицы"]["growth"]) == \
        ("103.09", "93.27")                              # 5,0 / 4,85; 4,85 / 5,2
    assert ind["Количество аварий на сетях"]["rel_deviation"] is None     # 5 / 0
    # СР: (1 + 1 + 1 + 0,9999 + 1 + 1 + 2/3) / 7, the 0 / 0 indicator left out; СРм 3 of 5
    # (95,00 % counts); ССуз 0,99999999625; ЭР = 0,95237 × 0,6 / 0,99999999625
    assert d["evaluation"] == {
        "sr": "0.9524", "ss": "1.0000", "srm": "0.6000", "eis": "0.6000", "er": "0.5714",
        "rating": "неудовлетворительная", "left_out": ["Количество аварий"]}


def test_the_chain_of_years(capsys, tmp_path):
    years = {year: exported(capsys, CHAIN / f"{year}.toml") for year in (2021, 2022, 2023)}
    # 2021: СР (1 + 1 + 0,9) / 3; ССуз 189 / 200; СРм 2 of 3 (19 of 20 is 95 %: it counts)
    assert years[2021]["evaluation"]["er"] == "0.6820"           # 0,96667 × 0,66667 / 0,945
    assert years[2022]["evaluation"]["er"] == "1.0109"           # 1 × 1 / (183 / 185)
    assert [i["growth"] for i in years[2022]["indicators"]] == ["104.81", "111.11", "118.52"]
    assert [i["growth"] for i in years[2023]["indicators"]] == ["107.33", "110.00"]
    assert years[2023]["expenses"]["program"]["pct_year"] == "54.05"     # 100 / 185
    code, found = checked(capsys, CHAIN / "2023.toml")
    assert code == 0 and found[:2] == ["W-PREV 22", "W-FORMULA 25"]
    assert main(["diff", str(CHAIN / "2022.toml"), str(CHAIN / "2023.toml")]) == 1
    listing = capsys.readouterr().out
    assert "! факт 2022 и «факт прошлого года» в 2023: 38,15 ≠ 38,2" in listing
    assert "− Показатель задачи 1 «Число молодых людей, вовлечённых в волонтёрство»" in listing
    assert "− Расход 07.1.01.1, Отдел спорта" in listing
    assert "+ Расход 07.1.01.1, Отдел физической культуры и спорта" in listing
    assert "⇒ оценка: высокая →" in listing


@pytest.mark.parametrize("path", [TOWN_LF, DISTRICT, *sorted(CHAIN.glob("*.toml"))],
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_each_unseen_report_makes_a_pdf(path, tmp_path):
    assert main(["export", str(path), "--pdf", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
