"""More reports nobody had seen (session 7's sweep), every figure worked out by hand.

- ``lower``: every indicator «lower is better» (fact 0, plan 0, fact above plan, four decimals),
  codes at their limits (Пп 9, ОМ 99, М 99; М 10 sorted after М 2), executors with all-zero rows,
  and texts with «ёлочки», „лапки“, escaped quotes, tabs, emoji, a right-to-left mark and
  combining accents.
- ``notasks``: a programme with no tasks (every indicator of the goal), plans of 0, money only on
  subprogrammes and all of it 0 (no ССуз, no СРм: no rating), comments after every value, `year`
  before `format`; beside it last year's file with another tree of codes and a task.
"""

from __future__ import annotations

from pathlib import Path

from kedr_tui.cli import main
from tests.export.test_unseen_reports import checked, exported

DATA = Path(__file__).parent.parent / "data" / "unseen"
LOWER = DATA / "lower" / "reports" / "2025.toml"
NOTASKS = DATA / "notasks" / "reports"


def test_the_lower_report_figures(capsys):
    d = exported(capsys, LOWER)
    rows = [(i["abs_deviation"], i["rel_deviation"], i["growth"]) for i in d["indicators"]]
    assert rows == [
        ("-6", "125.00", "60.00"),        # lower: 30 / 24; 24 / 40
        ("3", "80.00", "100.00"),         # 12 / 15; 15 / 15
        ("2", "0.00", "40.00"),           # plan 0: 0 / 2 is a figure; 2 / 5
        ("-6", None, "0.00"),             # fact 0: 6 / 0 is «—»; 0 / 7
        ("-1.75", "103.00", "94.72"),     # 60,0 / 58,25 = 1,03004; 58,25 / 61,5 = 0,94715
        ("3", "76.92", None),             # 10 / 13; no prev
        ("0.0005", "99.69", "99.69"),     # 0,162 / 0,1625 = 0,99692; 0,1625 / 0,1630
    ]
    program = d["expenses"]["program"]
    # 100 + 50 + 0 + 200 + 1 000,5 + 0; 100 + 40 + 200 + 1 000,5; 100 + 40 + 190 + 999
    assert (program["plan_year"], program["plan_period"], program["cash"]) == \
        ("1350.50", "1340.50", "1329.00")
    assert (program["pct_year"], program["pct_period"]) == ("98.41", "99.14")
    nodes = {n["code"]: n for n in d["expenses"]["nodes"]}
    assert list(nodes) == ["99.0.01.0", "99.0.01.1", "99.0.01.2", "99.0.01.10",
                           "99.9.00.0", "99.9.99.0", "99.9.99.99"]
    assert (nodes["99.0.01.1"]["pct_year"], nodes["99.0.01.1"]["pct_period"]) == \
        ("93.33", "100.00")                                   # 140 / 150; 140 / 140
    assert nodes["99.0.01.10"]["pct_year"] == "95.00"          # 190 / 200: counts for СРм
    assert nodes["99.0.01.2"]["pct_year"] is None              # all zero: «—»
    assert nodes["99.0.01.0"]["justification"] == "экономия по торгам\nэкономия"
    # СР: (1 + 0,8 + 1 + 1 + 10/13 + 0,162/0,1625) / 6 = 0,92769, the plan of 0 left out;
    # ССуз 1 329 / 1 350,5 = 0,98408; СРм 2 of 3 (.1 at 93,33 % fails, .2 has no plan);
    # Эис 0,66667 / 0,98408 = 0,67745; ЭР 0,92769 × 0,67745 = 0,62846
    assert d["evaluation"] == {
        "sr": "0.9277", "ss": "0.9841", "srm": "0.6667", "eis": "0.6775", "er": "0.6285",
        "rating": "неудовлетворительная", "left_out": ["Доля просроченных ответов"]}


def test_the_lower_report_findings(capsys):
    # 2 > 0 and 0,1625 > 0,162 are worse when lower is better; the others are justified
    assert checked(capsys, LOWER) == (0, ["W-JUSTIFY 48", "W-JUSTIFY 85"])


def test_a_tab_in_a_cell_does_not_break_the_text_tables(tmp_path):
    # The goal and a justification hold tabs: drawn as they are, the terminal moves them to
    # its next tab stop and the row's right border leaves the table's (here to 167 columns).
    assert main(["export", str(LOWER), "--txt", str(tmp_path / "t.txt")]) == 0
    lines = (tmp_path / "t.txt").read_text(encoding="utf-8").splitlines()
    goal = next(i for i, line in enumerate(lines) if "Показатели цели «Снизить" in line)
    assert lines[goal] == "| Показатели цели «Снизить число аварий, жалоб и времени ожидания в" \
        " очередях»".ljust(len(lines[goal + 1]) - 1) + "|"
    frost = next(line for line in lines if "морозы" in line)
    assert "морозы в январе" in frost and len(frost) == len(lines[goal + 1])
    assert not [line for line in lines if "\t" in line and line.startswith(("|", "+"))]


def test_the_report_with_no_tasks(capsys):
    d = exported(capsys, NOTASKS / "2024.toml")
    rows = [(i["abs_deviation"], i["rel_deviation"], i["growth"]) for i in d["indicators"]]
    assert rows == [
        ("1500", None, "125.00"),         # plan 0; 1 500 / 1 200
        ("0", None, None),                # 0 / 0
        ("0", None, None),                # lower: 0 / 0
        ("-1", "75.00", None),            # 3 / 4
        ("0.00", "100.00", None),         # 2,50 / 2,5
    ]
    program = d["expenses"]["program"]
    assert (program["plan_year"], program["cash"], program["pct_year"]) == ("0.00", "0.00", None)
    assert [(n["code"], n["kind"]) for n in d["expenses"]["nodes"]] == \
        [("05.1.00.0", "subprogram"), ("05.2.00.0", "subprogram")]
    # СР (0,75 + 1) / 2; no plan of money: no ССуз, no activity (М ≠ 0): no СРм, no rating
    assert d["evaluation"] == {
        "sr": "0.8750", "ss": None, "srm": None, "eis": None, "er": None,
        "rating": "не определена",
        "left_out": ["Число посещений сайта", "Количество публикаций", "Число жалоб"]}
    # prev 1 200 against 2023's fact 1 000, on the line of `prev`
    assert checked(capsys, NOTASKS / "2024.toml") == (0, ["W-PREV 20"])
    assert main(["diff", str(NOTASKS / "2023.toml"), str(NOTASKS / "2024.toml")]) == 1
    listing = capsys.readouterr().out
    assert "− Задача 1" in listing and "− Основное мероприятие 05.0.01.0" in listing
    assert "+ Подпрограмма 05.1.00.0" in listing
    assert "⇒ оценка: высокая → не определена" in listing


LONG_POSITION = "Заместитель главы " * 8
LONG_NAME = "Фамилия-Двойная " * 6


def long_signature():
    from tests.export.conftest import analysis_of

    text = LOWER.read_text(encoding="utf-8")
    old = 'position = "Глава посёлка"\nname = "А.Б. Йо́жикова"\n'
    assert old in text
    return analysis_of(text.replace(old, f'position = "{LONG_POSITION}"\nname = "{LONG_NAME}"\n'))


def test_a_long_signature_wraps_in_the_text():
    # position 143 letters + name 95 made one line of 242 columns (the limit is 160)
    from kedr_tui.export.text import render_text

    lines = render_text(long_signature()).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Заместитель главы"))
    block = lines[at:at + 3]
    assert max(map(len, lines)) <= 160 and len(block[0]) == 110
    assert [line.split("   ")[0].count("Заместитель") for line in block] == [3, 3, 2]
    assert [line.count("Фамилия-Двойная") for line in block] == [3, 3, 0]
    assert all(line.endswith("Фамилия-Двойная") for line in block[:2])


def test_a_long_signature_wraps_in_the_pdf():
    # The name was drawn from «right edge − its width»: off the page at the left, over the position.
    from io import BytesIO

    from pypdf import PdfReader

    from kedr_tui.export.pdf import render_pdf

    page = PdfReader(BytesIO(render_pdf(long_signature()))).pages[-1]
    drawn = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size:
                      text.strip() and drawn.append((tm[4], tm[5], text.strip())))
    position = [d for d in drawn if "Заместитель" in d[2]]
    name = [d for d in drawn if "Двойная" in d[2]]
    left = min(x for x, _y, _t in drawn)
    assert left > 0 and {x for x, _y, _t in position} == {left}
    assert sum(t.count("Заместитель") for *_xy, t in position) == 8
    assert sum(t.count("Фамилия-") for *_xy, t in name) == 6
    assert min(x for x, _y, _t in name) > float(page.mediabox.width) / 2    # the right half
    assert len({y for _x, y, _t in position}) >= 3 and name[0][1] == position[0][1]


def test_an_amendment_of_year_0202_is_printed_as_written():
    from kedr_tui.export.text import render_text
    from tests.export.conftest import analysis_of

    text = LOWER.read_text(encoding="utf-8").replace("date = 2025-02-28", "date = 0202-02-28")
    row = next(line for line in render_text(analysis_of(text)).splitlines() if "Постановление" in line)
    assert "28.02.0202" in row
