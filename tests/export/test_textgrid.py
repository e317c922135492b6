"""Our table drawer against tabulate itself: byte for byte, for every format it draws."""

from __future__ import annotations

import pytest
import tabulate as _tabulate
from hypothesis import given, settings
from hypothesis import strategies as st

from kedr_tui.export import text as text_module
from kedr_tui.export import textgrid
from kedr_tui.export.text import render_text
from kedr_tui.export.textgrid import draw
from tests.export.conftest import analysis_of
from tests.gen import generate

# Text as wrapped cells hold it; then what tabulate treats otherwise than as text (other
# line breaks, ESC, its separating-line mark), for which a table is left to tabulate.
PLAIN = st.lists(st.sampled_from([*"ab Жя-1,\n\t\u00a0"]), max_size=12).map("".join)
ODD = st.lists(st.sampled_from([*"ab \n", "\r", "\x0b", "\x1b[1m", "\x01", "\u2028"]),
               min_size=1, max_size=6).map("".join)
ALIGN = st.sampled_from(["left", "center", "right"])
DRAWN_BY_US = [name for name in _tabulate.tabulate_formats if textgrid._plain_format(name)]


def tabulate_draws(rows, table_format, colalign):
    saved = _tabulate.WIDE_CHARS_MODE
    _tabulate.WIDE_CHARS_MODE = False
    try:
        return _tabulate.tabulate(rows, tablefmt=table_format, colalign=colalign,
                                  disable_numparse=True)
    finally:
        _tabulate.WIDE_CHARS_MODE = saved


def outcome(function, *args):
    """What ``function`` returns, or the kind of error it raises (tabulate fails on a
    row with its separating-line mark in it: so must we, by leaving the row to it)."""
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001 - compared, not hidden
        return type(error)


def test_the_formats_of_our_style_file_are_drawn_by_us():
    for name in ("grid", "simple_grid", "rounded_grid", "heavy_grid", "fancy_grid", "psql",
                 "outline", "simple", "plain", "presto", "pretty", "github", "orgtbl"):
        assert name in DRAWN_BY_US, name
    # The probe finds rst's «..» in an empty first cell of a multi-line row: tabulate draws it.
    for name in ("rst", "colon_grid", "pipe", "html"):
        assert name not in DRAWN_BY_US, name


def tables(cell):
    @st.composite
    def table(draw_):
        columns = draw_(st.integers(1, 5))
        rows = draw_(st.lists(st.lists(cell, min_size=columns, max_size=columns),
                              min_size=1, max_size=5))
        return rows, draw_(st.lists(ALIGN, min_size=columns, max_size=columns))
    return table()


@settings(max_examples=400, deadline=None)
@given(table_format=st.sampled_from(DRAWN_BY_US), table=tables(st.one_of(st.none(), PLAIN)))
def test_drawn_as_tabulate_draws(table_format, table):
    rows, colalign = table
    assert draw(rows, table_format, colalign) == tabulate_draws(rows, table_format, colalign)


@settings(max_examples=100, deadline=None)
@given(table_format=st.sampled_from(DRAWN_BY_US),
       table=tables(st.one_of(st.none(), PLAIN, ODD)))
def test_what_tabulate_reads_otherwise_is_left_to_it(table_format, table):
    rows, colalign = table
    assert outcome(draw, rows, table_format, colalign) == outcome(tabulate_draws, rows,
                                                                  table_format, colalign)


def test_a_multi_line_row_and_an_empty_one_in_grid():
    rows = [["a\nbb", None, " 7 "], [None, "", None], ["xyz", "ж", "12\n3"]]
    colalign = ["left", "center", "right"]
    assert draw(rows, "grid", colalign) == tabulate_draws(rows, "grid", colalign)
    assert draw(rows, "grid", colalign).split("\n")[:4] == [
        "+-----+---+----+", "| a   |   |  7 |", "| bb  |   |    |", "+-----+---+----+"]


@pytest.mark.parametrize("report", ["seed", "generated"])
def test_a_report_drawn_row_by_row_is_what_tabulate_draws_in_pieces(report, seed, monkeypatch):
    # The text export draws a table row by row with widths measured beforehand when our
    # drawer can; with it switched off, tabulate draws the table in pieces of CHUNK rows.
    analysis = seed if report == "seed" else analysis_of(
        generate(n_indicators=40, n_expenses=120, seed=3))
    ours = render_text(analysis)
    monkeypatch.setattr(textgrid, "_plain_format", lambda name: None)
    monkeypatch.setattr(text_module, "CHUNK", 7)
    assert render_text(analysis) == ours
