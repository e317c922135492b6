"""ReportTable draws its one-line cells itself (``_draw_cell``): the segments must be
what DataTable's general path (rich ``Styled(Padding(cell))``) would have made."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.ui.conftest import WIDE, running, table

from kedr_tui.view.columns import TABLES
from kedr_tui.ui.widgets.table import CellText


async def test_table_cells_drawn_as_datatable_would(seed):
    async with running(seed, size=WIDE) as (app, pilot):
        for name in TABLES:
            await pilot.press(f"f{TABLES.index(name) + 1}")
            await pilot.pause()
            grid = table(app, name)
            base = grid.rich_style
            compared = 0
            for in_frame in (False, True):        # a frame sums a cell's styles once for all
                grid._frame = {} if in_frame else None
                for row in range(min(grid.row_count, 12)):
                    for column in range(len(grid.columns)):
                        for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                            value = grid.get_cell_at((row, column))
                            assert isinstance(value, CellText)
                            for width in (grid.ordered_columns[column].get_render_width(grid), 3, 7):
                                mine = grid._draw_cell(value, row, column, base, width, cursor, hover)
                                grid._cell_render_cache.clear()
                                theirs = DataTable._render_cell(grid, row, column, base, width, cursor,
                                                                hover)
                                assert mine == theirs, (name, row, column, cursor, hover, width, in_frame)
                                compared += 1
            grid._frame = None
            assert compared


async def test_rows_drawn_as_datatable_would(seed):
    """ReportTable lays out a row's cells itself (``_render_line_in_row``, with the
    frame's styles looked up once): the result must be DataTable's own."""
    from textual.coordinate import Coordinate

    async with running(seed, size=WIDE) as (app, pilot):
        for name in TABLES:
            await pilot.press(f"f{TABLES.index(name) + 1}")
            await pilot.pause()
            grid = table(app, name)
            keys = [grid._header_row_key, *list(grid.rows)[:8]]
            places = (Coordinate(0, 0), Coordinate(1, 3), Coordinate(2, 1), Coordinate(-1, -1))
            compared = 0
            for in_frame in (False, True):
                grid._frame = {} if in_frame else None
                for line_key in keys:
                    for cursor in places:
                        for hover in places[:2]:
                            for base in (grid.rich_style, grid.rich_style + grid.get_component_rich_style(
                                    "datatable--cursor")):
                                grid._row_render_cache.clear()
                                mine = grid._render_line_in_row(line_key, 0, base, cursor, hover)
                                grid._row_render_cache.clear()
                                theirs = DataTable._render_line_in_row(grid, line_key, 0, base, cursor, hover)
                                assert mine == theirs, (name, line_key, cursor, hover, in_frame)
                                compared += 1
            grid._frame = None
            assert compared
