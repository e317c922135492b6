"""Saving a value edit patches its line (``store.patch``) instead of parsing the whole
file with tomlkit: the text must be exactly what the tomlkit path writes, and
anything else (rows added, keys removed, multi-line texts) goes the tomlkit way."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kedr_tui.core.edits import set_field
from kedr_tui.core.session import Session
from kedr_tui.core.store import render
from kedr_tui.core.loading import load
from kedr_tui.core.store.patch import patch
from tests.conftest import SEED

LOADED = load(SEED)
REPORT = LOADED.report

NUMBERS = st.decimals(min_value=-10**7, max_value=10**7, places=2, allow_nan=False,
                      allow_infinity=False) | st.integers(-10**6, 10**6).map(Decimal)
TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                min_size=1, max_size=40)
FIELDS = [
    ("indicators", "plan", NUMBERS), ("indicators", "fact", NUMBERS), ("indicators", "name", TEXTS),
    ("indicators", "justification", TEXTS), ("indicators", "formula", TEXTS),
    ("expenses", "cash", NUMBERS), ("expenses", "plan_year", NUMBERS), ("expenses", "executor", TEXTS),
    ("amendments", "number", TEXTS), ("amendments", "date", st.dates(datetime.date(1990, 1, 1))),
    ("program", "title", TEXTS), ("signature", "name", TEXTS),
]


@st.composite
def edits(draw):
    report = REPORT
    for _ in range(draw(st.integers(1, 4))):
        section, field, values = draw(st.sampled_from(FIELDS))
        rows = getattr(report, section)
        index = draw(st.integers(0, len(rows) - 1)) if isinstance(rows, tuple) else None
        edit = set_field(report, section, index, field, draw(values))
        if edit is not None:
            report = edit.apply(report)
    return report


@settings(max_examples=150, deadline=None)
@given(edits())
def test_a_patched_save_is_what_tomlkit_writes(report):
    patched = patch(report, LOADED.text, REPORT, LOADED.parsed.locator)
    expected = render(report, LOADED.text, REPORT)
    if patched is not None:   # None: nothing changed, or a key the file lacks (tomlkit's way)
        assert patched == expected
        # what the cache of parsed reports keeps for the patched text is what it reads as
        # (cash typed as 5 is 5.00 there), with rows' places: exactly a fresh parse
        import msgspec

        from kedr_tui.core.schema import parse
        from kedr_tui.core.store.patch import changed_values, read_back

        kept = read_back(REPORT, changed_values(report, REPORT), patched, LOADED.parsed.locator)
        assert msgspec.msgpack.encode(kept) == msgspec.msgpack.encode(parse(patched).report)


def test_changes_that_are_not_values_in_place_go_the_tomlkit_way():
    from kedr_tui.core.operations import new_row

    fact_absent = next(i for i, row in enumerate(REPORT.indicators) if row.fact is None)
    edit = set_field(REPORT, "indicators", fact_absent, "fact", Decimal(5))   # a key to add
    assert patch(edit.apply(REPORT), LOADED.text, REPORT, LOADED.parsed.locator) is None
    edit = set_field(REPORT, "indicators", 2, "fact", None)                   # a key to remove
    assert patch(edit.apply(REPORT), LOADED.text, REPORT, LOADED.parsed.locator) is None
    edit = set_field(REPORT, "indicators", 2, "justification", "две\nстроки")  # multi-line
    assert patch(edit.apply(REPORT), LOADED.text, REPORT, LOADED.parsed.locator) is None
    rows = (*REPORT.amendments, new_row("amendments", REPORT))                # a row added
    from msgspec.structs import replace

    assert patch(replace(REPORT, amendments=rows), LOADED.text, REPORT, LOADED.parsed.locator) is None


def test_a_session_saves_a_value_edit_by_patching_and_reads_back_the_same(seed_copy):
    session = Session.open(seed_copy)
    try:
        report = session.report
        session.perform(set_field(report, "expenses", 3, "cash", Decimal("123.45")))
        before = seed_copy.read_text(encoding="utf-8").splitlines()
        session.save()
        after = seed_copy.read_text(encoding="utf-8").splitlines()
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        assert len(before) == len(after) and len(changed) == 1
        assert "123.45" in after[changed[0]]
        again = load(seed_copy)
        assert again.report == session.report
        assert [f.code for f in again.analysis.findings] == [f.code for f in session.analysis.findings]
        assert [f.line for f in again.analysis.findings] == [f.line for f in session.analysis.findings]
        assert not session.modified
    finally:
        session.close()


def test_a_line_break_that_is_not_tomls_in_a_comment_moves_no_value(write_report):
    """U+2028, U+2029 and U+0085 end a line for ``str.splitlines`` but not for TOML: one in a
    comment above a row made the patch write the row's fact into the line before it (its
    plan, here), and the file said plan 55 while the app showed fact 55."""
    from tests.conftest import CLEAN
    from kedr_tui.core.schema import parse

    for odd in ("\u2028", "\u2029", "\u0085"):
        text = CLEAN.replace("[[indicators]]\n", f"# note{odd}plan = 77\n[[indicators]]\n", 1)
        base = parse(text).report
        report = set_field(base, "indicators", 0, "fact", Decimal(55)).apply(base)
        patched = patch(report, text, base, parse(text).locator)
        assert patched is not None
        assert parse(patched).report == report
        assert patched == text.replace("fact = 10\n", "fact = 55\n", 1)

