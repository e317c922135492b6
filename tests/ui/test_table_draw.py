"""ReportTable draws its one-line cells itself (``_draw_cell``): the segments must be
what DataTable's general path (rich ``Styled(Padding(cell))``) would have made."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.ui.conftest import WIDE, running, table

from kedr_tui.ui.rows import TABLES
from kedr_tui.ui.widgets.table import CellText


async def test_table_cells_drawn_as_datatable_would(seed):
    async with running(seed, size=WIDE) as (app, pilot):
        for name in TABLES:
            await pilot.press(str(TABLES.index(name) + 1))
            await pilot.pause()
            grid = table(app, name)
            base = grid.rich_style
            compared = 0
            for row in range(min(grid.row_count, 12)):
                for column in range(len(grid.columns)):
                    for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                        value = grid.get_cell_at((row, column))
                        assert isinstance(value, CellText)
                        for width in (grid.ordered_columns[column].get_render_width(grid), 3, 7):
                            mine = grid._draw_cell(value, row, column, base, width, cursor, hover)
                            grid._cell_render_cache.clear()
                            theirs = DataTable._render_cell(grid, row, column, base, width, cursor, hover)
                            assert mine == theirs, (name, row, column, cursor, hover, width)
                            compared += 1
            assert compared
