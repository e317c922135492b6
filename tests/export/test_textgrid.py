"""Our table drawer against tabulate itself: byte for byte, for every format it draws."""

from __future__ import annotations

import tabulate as _tabulate
from hypothesis import given, settings
from hypothesis import strategies as st

from kedr_tui.export import textgrid
from kedr_tui.export.textgrid import draw

# Text as wrapped cells hold it, plus what tabulate treats otherwise than as text
# (other line breaks, ESC, its separating-line mark), which must go to tabulate.
PIECES = [*"ab Жя-1,\n\t\u00a0", "\r", "\x0b", "\x1b[1m", "\x01", "\u2028"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
CELL = st.one_of(st.none(), TEXT)
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


def test_the_formats_of_our_style_file_are_drawn_by_us():
    for name in ("grid", "simple_grid", "rounded_grid", "heavy_grid", "fancy_grid", "psql",
                 "outline", "simple", "plain", "presto", "pretty", "github", "orgtbl"):
        assert name in DRAWN_BY_US, name
    # The probe finds rst's «..» in an empty first cell of a multi-line row: tabulate draws it.
    for name in ("rst", "colon_grid", "pipe", "html"):
        assert name not in DRAWN_BY_US, name


@settings(max_examples=400, deadline=None)
@given(table_format=st.sampled_from(DRAWN_BY_US), data=st.data())
def test_drawn_as_tabulate_draws(table_format, data):
    columns = data.draw(st.integers(1, 5))
    rows = data.draw(st.lists(st.lists(CELL, min_size=columns, max_size=columns),
                              min_size=1, max_size=5))
    colalign = data.draw(st.lists(ALIGN, min_size=columns, max_size=columns))
    assert draw(rows, table_format, colalign) == tabulate_draws(rows, table_format, colalign)


def test_a_multi_line_row_and_an_empty_one_in_grid():
    rows = [["a\nbb", None, " 7 "], [None, "", None], ["xyz", "ж", "12\n3"]]
    colalign = ["left", "center", "right"]
    assert draw(rows, "grid", colalign) == tabulate_draws(rows, "grid", colalign)
    assert draw(rows, "grid", colalign).split("\n")[:4] == [
        "+-----+---+----+", "| a   |   |  7 |", "| bb  |   |    |", "+-----+---+----+"]
