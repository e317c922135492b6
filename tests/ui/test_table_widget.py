"""The report table: whole columns only (issue 10 item 2), cursor and edits repaint
only their cells (issue 14)."""

from __future__ import annotations

import re

from textual.geometry import Region

from tests.ui.conftest import SMALL, WIDE, running, table

from kedr_tui.ui.widgets.table import MORE_LEFT, MORE_RIGHT, PADDING, ReportTable


NUMBER = re.compile(r"^[−-]?[0-9\u00a0 ]+(,[0-9]+)?$")


def shown_cells(grid: ReportTable) -> list[tuple[str, str, str]]:
    """(column key, text as drawn, text of the cell) of every cell on screen."""
    lines = grid.visible_text()
    places = grid.places()[0]
    out = []
    top = int(grid.scroll_y)
    for y, line in enumerate(lines[1:], start=1):
        index = top + y - 1
        if index >= len(grid.shown):
            break
        row = grid.shown[index]
        for place in places:
            drawn = line[place.x + PADDING: place.x + place.width - PADDING]
            out.append((grid.spec[place.column].key, drawn, row.cells[place.column].text))
    return out


def assert_numbers_whole(grid: ReportTable) -> None:
    for key, drawn, text in shown_cells(grid):
        column = grid.spec[[c.key for c in grid.spec].index(key)]
        if column.right and NUMBER.match(text.strip()):
            assert drawn.strip() == text.strip(), (key, drawn, text)
    header = grid.visible_text()[0]
    for place in grid.places()[0]:
        column = grid.spec[place.column]
        assert not column.right or column.label.strip() in header, (column.label, header)


async def test_end_shows_whole_numbers_and_says_more_columns_are_left_out(seed):
    for size in (SMALL, WIDE, (100, 30)):
        async with running(seed, size=size) as (app, pilot):
            for key, name in (("f1", "indicators"), ("f2", "expenses")):
                await pilot.press(key)
                await pilot.pause()
                grid = table(app, name)
                header = grid.visible_text()[0]
                everything_fits = len(grid.places()[0]) == len(grid.spec)
                assert (MORE_RIGHT in header) != everything_fits, (size, header)
                assert_numbers_whole(grid)
                for _ in range(len(grid.spec)):          # every column, one by one
                    await pilot.press("right")
                    assert_numbers_whole(grid)
                    assert grid.cursor_column in [p.column for p in grid.places()[0]]
                await pilot.press("end")
                await pilot.pause()
                header = grid.visible_text()[0]
                assert MORE_RIGHT not in header
                assert (MORE_LEFT in header) != everything_fits
                assert_numbers_whole(grid)
                await pilot.press("home")
                await pilot.pause()
                assert MORE_LEFT not in grid.visible_text()[0]


async def test_end_on_indicators_at_80x24_shows_the_growth_column_whole(seed):
    async with running(seed) as (app, pilot):
        grid = table(app, "indicators")
        await pilot.press("home", "down", "down", "down", "down", "down", "down")
        for _ in range(10):
            await pilot.press("right")
        await pilot.pause()
        text = "\n".join(grid.visible_text())
        assert "Рост %" in text and "101,63" in text and "160,00" in text
        assert " ост %" not in text and " 01,63" not in text and " 60,00" not in text


async def test_a_cursor_move_repaints_two_cells_not_the_table(seed, monkeypatch):
    async with running(seed) as (app, pilot):
        grid = table(app, "indicators")
        await pilot.press("home")                  # the marker column: cells 3 wide
        await pilot.pause()
        asked: list[tuple] = []
        real = ReportTable.refresh

        def refresh(self, *regions, **kwargs):
            if self is grid:
                asked.append(regions)
            return real(self, *regions, **kwargs)

        monkeypatch.setattr(ReportTable, "refresh", refresh)
        await pilot.press("down")
        await pilot.pause()
        assert asked and all(len(r) == 1 and r[0].height == 1 for r in asked), asked
        first, second = (r[0] for r in asked[:2])
        assert {first.y, second.y} == {1, 2} and first.width == second.width == 3
        asked.clear()
        await pilot.press("right")
        await pilot.pause()
        assert all(r and isinstance(r[0], Region) and r[0].height == 1 for r in asked), asked
