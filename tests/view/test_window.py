"""The sideways column window and the rows a table shows, without a screen (view/window.py)."""

from __future__ import annotations

from kedr_tui.core.identity import IndicatorId, TaskId
from kedr_tui.view.rows import Cell, ViewRow
from kedr_tui.view.window import ColumnWindow, Place, ShownRows, changed_cells, fit_text


def window() -> ColumnWindow:
    # two fixed columns (3 and 10 wide), then four scrolled ones; padding 1 either side
    return ColumnWindow([3, 10, 8, 8, 20, 6], fixed=2)


def test_fixed_columns_then_whole_scrolled_columns_with_the_last_cell_for_more():
    w = window()
    places, left, right = w.places(40)
    # 5 + 12 + 10 + 10 = 37 ≤ 39 (the 40th cell is kept for «›»); the 22-wide column does not fit
    assert places == [Place(0, 0, 5), Place(1, 5, 12), Place(2, 17, 10), Place(3, 27, 10)]
    assert (left, right) == (False, True)
    assert w.places(80) == ([Place(0, 0, 5), Place(1, 5, 12), Place(2, 17, 10), Place(3, 27, 10),
                             Place(4, 37, 22), Place(5, 59, 8)], False, False)


def test_following_a_column_scrolls_by_whole_columns_and_home_goes_back():
    w = window()
    assert not w.follow(3, 40)                  # already shown whole
    assert w.follow(5, 40) and w.first == 5     # 17 + 22 + 8 = 47 > 39: column 4 cannot stay
    places, left, right = w.places(40)
    assert [p.column for p in places] == [0, 1, 5] and (left, right) == (True, False)
    assert w.place(4, 40) is None and w.place(5, 40) == Place(5, 17, 8)
    assert w.at(20, 40).column == 5 and w.at(3, 40).column == 0 and w.at(39, 40) is None
    assert not w.follow(1, 40) and w.first == 5  # a fixed column is always shown
    assert w.follow(2, 40) and w.first == 2
    assert w.follow(4, 40) and w.first == 4     # 17 + 22 = 39: whole, alone
    assert w.home() and w.first == 2 and not w.home()


def test_a_column_wider_than_the_room_is_shown_cut_and_others_whole():
    w = window()
    w.follow(4, 30)
    places, _left, right = w.places(30)
    assert places[-1] == Place(4, 17, 12) and right          # 22 wide, cut to the room (29 − 17)
    assert w.fits(2, 3, 40) and not w.fits(2, 4, 40)
    assert w.set_widths([3, 10, 8, 8, 5, 6]) and not w.set_widths([3, 10, 8, 8, 5, 6])
    assert w.places(30)[0][-1] == Place(4, 17, 7)


def test_fit_text_cuts_pads_aligns_and_drops_control_characters():
    assert fit_text("1 129,01", 10, right=True) == "  1 129,01"
    assert fit_text("Культура", 10, right=False) == "Культура  "
    assert fit_text("Администрация", 6, right=False) == "Админ…"
    assert fit_text("a\x07b\rc", 4, right=False) == "abc "       # a bell, a carriage return dropped
    assert fit_text("abc", 0, right=False) == ""


def _row(key, *texts, kind="indicator"):
    return ViewRow(key, kind, tuple(Cell(t) for t in texts), "indicators", 0)


def test_changed_cells_name_the_cells_and_the_columns_whose_length_changed():
    old = [_row(TaskId(1), "З1", "a"), _row(IndicatorId(1, "x"), "1", "90")]
    new = [old[0], _row(IndicatorId(1, "x"), "1", "100")]
    assert changed_cells(new, old) == ([(1, 1)], {1})
    assert changed_cells(old, old) == ([], set())


def test_shown_rows_tell_a_rename_in_place_from_rows_that_moved():
    a, b, c = (_row(IndicatorId(1, n), n) for n in "abc")
    shown = ShownRows()
    shown.show([a, b, c])
    assert shown.position(IndicatorId(1, "c")) == 2 and shown.position(IndicatorId(1, "z")) is None
    renamed = _row(IndicatorId(1, "b2"), "b2")
    assert shown.same_places([a, renamed, c])                 # b renamed where it stands
    assert not shown.same_places([a, c, b])                   # moved: rows changed places
    assert not shown.same_places([a, c, renamed])             # c moved into b's place
    assert not shown.same_places([a, b])
    assert not shown.same_places([a, _row(TaskId(2), "b", kind="task"), c])   # another kind of row
    shown.show([a, renamed, c])
    assert shown.position(IndicatorId(1, "b2")) == 1 and shown.position(IndicatorId(1, "b")) is None
