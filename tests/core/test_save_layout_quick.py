"""A save that adds, removes or moves rows takes the text apart without tomlkit
(``store.layout``): the text must be, byte for byte, what ``writeback.render`` (tomlkit)
writes, read back as exactly the edited report; a text the quick split is not sure of
goes the tomlkit way."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from kedr_tui.core.edits import DeleteRow, InsertRow, MoveRow, set_field
from kedr_tui.core.model import LISTS
from kedr_tui.core.operations import new_row
from kedr_tui.core.schema import parse
from kedr_tui.core.store import layout, writeback
from tests.conftest import SEED
from tests.core.test_saved_layout import BASE
from tests.gen import generate

TEXTS = {
    "seed": SEED.read_text(encoding="utf-8"),
    "base": BASE,
    "crlf": BASE.replace("\n", "\r\n"),
    "generated": generate(n_indicators=30, n_expenses=80, seed=3),
}
REPORTS = {name: parse(text).report for name, text in TEXTS.items()}

NUMBERS = st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False,
                      allow_infinity=False) | st.integers(-10**6, 10**6).map(Decimal)
LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
               max_size=30)
TEXT = LINE | st.lists(LINE, min_size=2, max_size=3).map("\n".join) | st.sampled_from(
    ["", "a\"\"\"b", "конец\\", "'''", "# не комментарий\n[[expenses]]"])
VALUES = {
    ("indicators", "plan"): NUMBERS | st.none(), ("indicators", "fact"): NUMBERS | st.none(),
    ("indicators", "prev"): NUMBERS | st.none(), ("indicators", "name"): TEXT,
    ("indicators", "justification"): TEXT, ("indicators", "comment"): TEXT,
    ("indicators", "formula"): TEXT, ("indicators", "fact_note"): TEXT,
    ("expenses", "cash"): NUMBERS, ("expenses", "plan_year"): NUMBERS,
    ("expenses", "executor"): TEXT, ("expenses", "justification"): TEXT,
    ("amendments", "number"): TEXT, ("amendments", "date"): st.dates(datetime.date(1990, 1, 1)),
    ("amendments", "summary"): TEXT, ("tasks", "title"): TEXT, ("activities", "title"): TEXT,
    ("program", "title"): TEXT, ("signature", "name"): TEXT, ("narrative", "intro"): TEXT,
    ("report", "year"): st.integers(2000, 2100),
}


@st.composite
def edited(draw, base):
    """``base`` after a few random edits: rows inserted (new, copied, or put back as undo
    does, with their old ``src``), deleted, moved, and values set, added and removed."""
    report, removed = base, []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "move", "set", "set"]))
        section = draw(st.sampled_from(list(LISTS)))
        rows = getattr(report, section)
        if kind == "insert":
            at = draw(st.integers(0, len(rows)))
            choice = draw(st.integers(0, 2))
            if choice == 0 or not rows and not removed:
                row = new_row(section, report, rows[at - 1] if at and rows else None)
            elif choice == 1 and removed:
                section, row = draw(st.sampled_from(removed))   # undo of a delete
                at = draw(st.integers(0, len(getattr(report, section))))
            else:
                row = replace(rows[draw(st.integers(0, len(rows) - 1))], src=None) if rows else \
                    new_row(section, report)
            report = InsertRow(section, at, row).apply(report)
        elif kind == "delete" and rows:
            at = draw(st.integers(0, len(rows) - 1))
            removed.append((section, rows[at]))
            report = DeleteRow(section, at, rows[at]).apply(report)
        elif kind == "move" and len(rows) > 1:
            report = MoveRow(section, draw(st.integers(0, len(rows) - 1)),
                             draw(st.integers(0, len(rows) - 1))).apply(report)
        elif kind == "set":
            (section, field), values = draw(st.sampled_from(sorted(VALUES.items())))
            index = None
            if section in LISTS:
                rows = getattr(report, section)
                if not rows:
                    continue
                index = draw(st.integers(0, len(rows) - 1))
            edit = set_field(report, section, index, field, draw(values))
            if edit is not None:
                report = edit.apply(report)
    return report


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_quick_layout_is_what_tomlkit_writes_and_reads_back_as_the_edits(data):
    name = data.draw(st.sampled_from(list(TEXTS)))
    text, base = TEXTS[name], REPORTS[name]
    report = data.draw(edited(base))
    quick = layout.render_quick(report, text, base)
    assert quick is not None
    assert quick == writeback.render(report, text, base)
    made = layout.render_checked(report, text, base)
    assert made is not None and made[0] == quick
    again = made[1].report
    assert again == report
    assert [[row.src for row in getattr(again, s)] for s in LISTS] == \
        [list(range(len(getattr(report, s)))) for s in LISTS]


def test_the_quick_split_finds_the_records_tomlkit_finds():
    for name, text in TEXTS.items():
        parts, epilogue = layout.split(text)
        records, expected = writeback._records(text)
        assert epilogue == expected
        assert [(p.section, p.src, p.lead, p.header, p.body) for p in parts] == \
            [(r.section, r.src, r.lead, r.header, r.body) for r in records], name
        for part, record in zip(parts, records):
            assert [(e.key, e.text) for e in part.entries] == [(e.key, e.text) for e in record.entries]


# Layouts people write: comments and blank lines anywhere, trailing blanks, indented keys,
# comments after headers and values, a file without its last newline.
KEY_LINE = st.sampled_from(["", "  ", "\t"])


@st.composite
def relaid(draw):
    out = []
    for line in BASE.splitlines():
        if line.startswith("[") and draw(st.booleans()):
            line += draw(st.sampled_from(["  # заголовок", " ", "#"]))
        elif "=" in line and not line.startswith("#"):
            line = draw(KEY_LINE) + line + draw(st.sampled_from(["", " ", "  # пояснение", "\t#"]))
        out.append(line)
        if draw(st.integers(0, 4)) == 0:
            out.extend(draw(st.lists(st.sampled_from(["", "# вставка", "   # отступ", " "]),
                                     min_size=1, max_size=3)))
    text = "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n# конец\n", "\n# конец"]))
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relaid(), st.data())
def test_any_plain_layout_is_split_as_tomlkit_splits_it(text, data):
    base = parse(text).report
    assert base is not None
    parts, epilogue = layout.split(text)
    records, expected = writeback._records(text)
    assert epilogue == expected
    assert [(p.section, p.src, p.lead, p.header, p.body) for p in parts] == \
        [(r.section, r.src, r.lead, r.header, r.body) for r in records]
    report = data.draw(edited(base))
    assert layout.render_quick(report, text, base) == writeback.render(report, text, base)


def swap(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


@pytest.mark.parametrize("text", [
    swap("[[tasks]]", "[[ tasks ]]"),
    swap("[[tasks]]", '[["tasks"]]'),
    swap("[[tasks]]", "  [[tasks]]"),
    swap('title = "Задача один"', 'title.text = "Задача один"'),
    swap('title = "Задача один"', 'title = "Задача один"\nnote = {a = 1}'),
    swap('title = "Задача один"', 'title = "Задача один"\nnote = [1,\n  2]'),
    swap('title = "Задача один"', 'title = "Задача один"\nnote = [1, 2]'),
    swap('title = "Задача один"', 'title = "Задача один"\nexpenses = 1'),
    swap('title = "Задача один"', 'title = "Задача один"\n"narrative" = 1'),
    swap('title = "Задача один"', 'title = "Задача один"\nnarrative = """x"""'),
    # a list section in two places
    swap("# Форма 2, основное", '[[tasks]]\ntitle = "Ещё"\n\n# Форма 2, основное'),
    # a multi-line string with what follows its closing quotes not a comment
    swap('intro = "Вступление"', 'intro = """\nВступление""""'),
    "format = 1\nyear = 2021\n",
], ids=lambda text: str(len(text)))
def test_a_shape_the_quick_split_is_not_sure_of_goes_the_tomlkit_way(text):
    base = parse(text).report
    assert base is not None, text
    assert layout.split(text) is None
    report = InsertRow("tasks", 0, new_row("tasks", base)).apply(base)
    assert layout.render_quick(report, text, base) is None
    assert parse(writeback.render(report, text, base)).report == report


def test_a_multi_line_text_whose_lines_look_like_headers_and_comments_is_one_value():
    text = swap('intro = "Вступление"', 'intro = """\n[[expenses]]\n# не комментарий\n"""')
    base = parse(text).report
    assert base.narrative.intro == "[[expenses]]\n# не комментарий\n"
    report = DeleteRow("expenses", 1, base.expenses[1]).apply(base)
    quick = layout.render_quick(report, text, base)
    assert quick is not None and quick == writeback.render(report, text, base)
    assert parse(quick).report == report


def test_an_escaped_closing_quote_inside_a_multi_line_text_does_not_end_it():
    # a backslash before the quotes makes them part of the text; two backslashes are one, and end it
    text = swap('intro = "Вступление"',
                'intro = """\nон сказал \\""" и ушёл\n[[expenses]]\nпуть C:\\\\"""')
    base = parse(text).report
    assert base.narrative.intro == 'он сказал """ и ушёл\n[[expenses]]\nпуть C:\\'
    report = DeleteRow("expenses", 1, base.expenses[1]).apply(base)
    quick = layout.render_quick(report, text, base)
    assert quick is not None and quick == writeback.render(report, text, base)
    assert parse(quick).report == report


def test_a_multi_line_text_ending_on_a_line_like_a_comment_stays_with_its_row():
    # the closing line «# вторая"""» is not a comment: the comment above the next row starts after it
    text = swap('justification = "ограничения"\n', 'justification = """\nпервая\n# вторая"""\n')
    base = parse(text).report
    assert base.indicators[1].justification == "первая\n# вторая"
    for report in (DeleteRow("activities", 0, base.activities[0]).apply(base),
                   MoveRow("indicators", 1, 0).apply(base),
                   InsertRow("activities", 0, new_row("activities", base)).apply(base)):
        quick = layout.render_quick(report, text, base)
        assert quick is not None and quick == writeback.render(report, text, base)
        assert parse(quick).report == report


def test_what_does_not_read_back_as_the_edits_is_not_used(monkeypatch):
    base = REPORTS["base"]
    report = DeleteRow("tasks", 0, base.tasks[0]).apply(base)
    assert layout.render_checked(report, BASE, base) is not None
    monkeypatch.setattr(layout, "_records_of", lambda *args: [BASE])   # the edit lost
    assert layout.render_checked(report, BASE, base) is None


def test_a_text_read_in_pieces_is_what_reading_it_whole_gives():
    import tomli

    for name, text in TEXTS.items():
        records = layout._records_of(REPORTS[name], text, REPORTS[name]) or [text]
        parts, epilogue = layout.split(text)
        pieces = [p.lead + p.header + p.body for p in parts] + [epilogue]
        whole = tomli.loads(text, parse_float=Decimal)
        for size in (1, 200, 1 << 15):
            assert layout._read(pieces, size) == whole
        assert layout._read(records) == whole
    twice = ["[program]\ncode = \"1\"\n", "[program]\ntitle = \"2\"\n"]
    assert layout._read(twice, 1) is None                  # the whole would not read either
    assert layout._read(["year = 1\n", "year = 2\n"], 1) is None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_reports_compared_a_piece_at_a_time_are_equal_exactly_when_they_are(data):
    """The read-back check compares long lists a piece at a time (the app's thread answers
    keys between pieces): a difference in any row, first or last of a piece, or a row more,
    makes them unequal, as comparing them whole does."""
    report = parse(generate(n_indicators=40, n_expenses=70, seed=3)).report
    section = data.draw(st.sampled_from(sorted(LISTS)))
    rows = list(getattr(report, section))
    piece = data.draw(st.sampled_from([1, 7, 32, 128]))
    change = data.draw(st.sampled_from(["none", "row", "more", "fewer", "year"]))
    if change == "row" and rows:
        at = data.draw(st.integers(0, len(rows) - 1))
        field = data.draw(st.sampled_from([f for f in type(rows[at]).__struct_fields__
                                           if isinstance(getattr(rows[at], f), str)]))
        rows[at] = replace(rows[at], **{field: getattr(rows[at], field) + "·"})
    elif change == "more" and rows:
        rows.append(rows[-1])
    elif change == "fewer" and rows:
        rows.pop(data.draw(st.integers(0, len(rows) - 1)))
    other = replace(report, **{section: tuple(rows)})
    if change == "year":
        other = replace(other, year=report.year + 1)
    assert layout._same(other, report, piece) is (other == report)
    assert layout._same(report, other, piece) is (other == report)
    if change in ("row", "more", "fewer", "year") and rows:
        assert other != report
