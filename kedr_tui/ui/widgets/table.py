"""A DataTable that shows ``view.rows.ViewRow`` lists and updates only the cells that changed.

Columns have fixed widths (flexible ones are fitted to the width on resize),
so updating a cell never re-measures a column.  ``sync`` compares the new
rows with the cells on screen: same keys in the same order -> ``update_cell``
for each changed cell; otherwise the table is rebuilt (rows added, removed or
moved), keeping the cursor on its row.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.color import Color
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets._data_table import Row as TableRow
from textual.widgets._data_table import RowKey

from kedr_tui.view.columns import COLUMNS, FIXED_COLUMNS, fit_widths, natural_widths
from kedr_tui.view.rows import Cell, ViewRow

class CellText:
    """A cell's text and style, drawn as one line of segments.

    Cells are always one line (texts are collapsed to one line in ``rows``), so
    drawing them needs no wrapping: cutting to the width with an ellipsis and
    padding is all, and much cheaper than rich Text's general layout (a big
    table redraws a screenful of cells after every edit).  Nothing is built
    for the thousands of cells that are never on screen.  User text is never
    read as markup, and control characters are dropped.
    """

    __slots__ = ("plain", "style", "right")

    def __init__(self, plain: str, style: Style, right: bool):
        self.plain = plain
        self.style = style
        self.right = right

    def text(self) -> Text:
        return Text(self.plain, style=self.style, no_wrap=True, overflow="ellipsis", end="",
                    justify="right" if self.right else "left")

    def line(self, width: int) -> str:
        plain = strip_control_codes(self.plain)
        size = cell_len(plain)
        if size > width:
            plain = set_cell_size(plain, width - 1) + "…" if width > 1 else set_cell_size(plain, width)
            size = width
        pad = " " * (width - size)
        return pad + plain if self.right else plain + pad

    def __rich_console__(self, console, options):
        yield Segment(self.line(options.max_width), self.style)

    def __rich_measure__(self, console, options):
        size = cell_len(self.plain)
        return Measurement(size, size)

    def __eq__(self, other) -> bool:
        return (isinstance(other, CellText) and self.plain == other.plain
                and self.style == other.style and self.right == other.right)

    __hash__ = None  # type: ignore[assignment]


class _Settings(NamedTuple):
    fixed_rows: int
    fixed_columns: int
    padding: int
    show_cursor: bool
    hover_cursor: bool
    css_foreground: bool
    css_background: bool


ROLES = ("derived", "bad", "mismatch", "total", "group", "note", "warning", "error", "label", "changed")


class ReportTable(DataTable, inherit_bindings=False):
    """One form as a table.  Enter is left to the screen (edit / jump)."""

    BINDINGS = [
        Binding("up", "cursor_up", "Вверх", show=False),
        Binding("down", "cursor_down", "Вниз", show=False),
        Binding("right", "cursor_right", "Вправо", show=False),
        Binding("left", "cursor_left", "Влево", show=False),
        Binding("pageup", "page_up", "Страница вверх", show=False),
        Binding("pagedown", "page_down", "Страница вниз", show=False),
        Binding("ctrl+home,g", "scroll_top", "В начало", show=False),
        Binding("ctrl+end,G", "scroll_bottom", "В конец", show=False),
        Binding("home", "scroll_home", "Первый столбец", show=False),
        Binding("end", "scroll_end", "Последний столбец", show=False),
    ]

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {f"report--{role}" for role in ROLES}

    def __init__(self, table: str, **kwargs):
        super().__init__(cursor_type="cell", zebra_stripes=False, fixed_columns=FIXED_COLUMNS[table],
                         **kwargs)
        self.table = table
        self.spec = COLUMNS[table]
        self.shown: list[ViewRow] = []          # rows as on screen, in order
        self._row_index: dict[str, int] = {}
        self._role_styles: dict[str, Style] = {}
        self._styled_for: str | None = None   # the theme _role_styles were read for
        self._fit_widths: list[int] = []
        self._natural: list[int] = [c.width for c in self.spec]
        self._available = 0
        self._drawn: dict = {}              # drawn cells, see _render_cell
        self._frame: dict | None = None     # styles of the frame being drawn, see render_lines
        self.cell_updates = 0               # for tests and benchmarks: cells rewritten by sync
        self.rebuilds = 0

    # ------------------------------------------------------------ drawing

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        """DataTable forgets every drawn cell on any ``update_cell`` (its cache is keyed
        by an update counter): after an edit the whole screenful was drawn again.  Here a
        drawn cell is kept for as long as its value is the same object, so an edit
        redraws only the cells it changed."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        settings = self._settings()
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        value = self._data.get(row_key, {}).get(column_key)
        fixed = row_index < settings.fixed_rows or column_index < settings.fixed_columns
        key = (row_key, column_key, row_index, column_index, base_style, width, cursor, hover,
               settings.hover_cursor, self._pseudo_class_state, fixed)
        hit = self._drawn.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        if isinstance(value, CellText) and width > 2 * settings.padding:
            lines = self._draw_cell(value, row_index, column_index, base_style, width, cursor, hover)
        else:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        if len(self._drawn) > 20_000:
            self._drawn.clear()
        self._drawn[key] = (value, lines)
        return lines

    def _settings(self) -> "_Settings":
        """The table's settings that drawing a cell reads (reactives, slow to read a
        few thousand times a frame): read once per frame."""
        frame = self._frame
        settings = frame.get("settings") if frame is not None else None
        if settings is None:
            settings = _Settings(self.fixed_rows, self.fixed_columns, self.cell_padding, self.show_cursor,
                                 self._show_hover_cursor, self.cursor_foreground_priority == "css",
                                 self.cursor_background_priority == "css")
            if frame is not None:
                frame["settings"] = settings
        return settings

    def render_lines(self, crop) -> list:
        # Styles that are the same for every line of a frame, worked out once per frame:
        # DataTable asks the stylesheet for them on every line (about 0.1 ms each time).
        self._frame = {}
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_style(self, name: str) -> Style:
        frame = self._frame
        style = frame.get(name) if frame is not None else None
        if style is None:
            if name == "":
                style = super().rich_style
            elif name == "background":
                style = self.background_colors[1]
            elif name == "fixed":               # the fixed columns' cells, as DataTable styles them
                style = self.get_component_styles("datatable--fixed").rich_style + Style.from_meta({"fixed": True})
            else:
                style = self.get_component_styles(name).rich_style
            if frame is not None:
                frame[name] = style
        return style

    @property
    def rich_style(self) -> Style:
        return self._frame_style("")

    def _render_line_in_row(self, row_key, line_no: int, base_style: Style, cursor_location: Coordinate,
                            hover_location: Coordinate):
        """DataTable's ``_render_line_in_row`` for our tables (one-line rows, a cell cursor,
        no row labels or fixed rows, no zebra stripes) with the frame's styles looked up
        once.  ``test_rows_drawn_as_datatable_would`` compares the two."""
        if (self.cursor_type != "cell" or self.fixed_rows or self.zebra_stripes
                or (self._labelled_row_exists and self.show_row_labels)):
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location,
                                               hover_location)
        show_cursor = self.show_cursor
        cache_key = (row_key, line_no, base_style, cursor_location, hover_location, "cell", show_cursor,
                     self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        cached = self._row_render_cache.get(cache_key)
        if cached is not None:
            return cached
        render_cell = self._render_cell
        header = row_key is self._header_row_key
        row_index = -1 if header else self._row_locations.get(row_key)
        if row_index is None:
            row_index = -1
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        header_style = self._frame_style("datatable--header")
        fixed_style = header_style if header else self._frame_style("fixed")
        cursor_row, cursor_column = cursor_location
        hover_row, hover_column = hover_location
        fixed_row = []
        for column_index in range(min(self.fixed_columns, len(widths))):
            fixed_row.append(render_cell(
                row_index, column_index, fixed_style, widths[column_index],
                cursor=cursor_row == row_index and cursor_column == column_index,
                hover=hover_row == row_index and hover_column == column_index)[line_no])
        row_style = header_style if header else base_style
        scrollable_row = []
        for column_index, width in enumerate(widths):
            scrollable_row.append(render_cell(
                row_index, column_index, row_style, width,
                cursor=cursor_row == row_index and cursor_column == column_index,
                hover=hover_row == row_index and hover_column == column_index)[line_no])
        remaining = max(0, self.size.width - sum(widths[self.fixed_columns:]) - self._row_label_column_width)
        if row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(self._frame_style("background"), factor=0.25)
            extend_style = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            extend_style = Style.from_color(row_style.color, row_style.bgcolor)
        extend_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        scrollable_row.append([Segment(" " * remaining, extend_style)])
        pair = (fixed_row, scrollable_row)
        self._row_render_cache[cache_key] = pair
        return pair

    def _draw_cell(self, value: "CellText", row_index: int, column_index: int, base_style: Style,
                   width: int, cursor: bool, hover: bool) -> list[list[Segment]]:
        """The segments DataTable's ``_render_cell`` makes of a one-line cell, made directly.

        DataTable draws every cell through rich (``Styled(Padding(cell))``, render_lines,
        options copied at each level): most of the first frame's time.  A CellText is one
        line of known width, so the result is three segments — padding, text, padding —
        with the same styles: ``base + component + cell + post`` (the padding without the
        cell's own style).  ``test_table_cells_drawn_as_datatable_would`` checks they match.
        """
        settings = self._settings()
        fixed = row_index < settings.fixed_rows or column_index < settings.fixed_columns
        # The cell's styles without its place repeat from cell to cell: summed once a frame.
        styles = self._frame.setdefault("styles", {}) if self._frame is not None else {}
        key = (base_style, value.style, fixed, cursor, hover)
        summed = styles.get(key)
        if summed is None:
            component, post = self._get_styles_to_render_cell(
                False, False, fixed, hover, cursor, settings.show_cursor, settings.hover_cursor,
                settings.css_foreground, settings.css_background)
            pre = base_style + component
            summed = styles[key] = (pre + value.style + post, pre + post)
        place = Style.from_meta({"row": row_index, "column": column_index})
        pad = settings.padding
        text = Segment(value.line(width - 2 * pad), summed[0] + place)
        if not pad:
            return [[text]]
        blank = Segment(" " * pad, summed[1] + place)
        return [[blank, text, blank]]

    # ------------------------------------------------------------ styles

    def on_mount(self) -> None:
        self.resolve_styles()
        for column in self.spec:
            self.add_column(Text(column.label, no_wrap=True, overflow="ellipsis",
                                 justify="right" if column.right else "left"),
                            key=column.key, width=column.width)
        self._fit_widths = [c.width for c in self.spec]

    def resolve_styles(self, if_theme_changed: bool = False) -> None:
        """Read the cells' colours from the stylesheet (again, after a theme change)."""
        if if_theme_changed and self._styled_for == self.app.theme:
            return
        self._styled_for = self.app.theme
        self._composed: dict[str, Style] = {}
        self._role_styles = {role: self.get_component_rich_style(f"report--{role}", partial=True)
                             for role in ROLES}

    def role_styles(self) -> dict[str, Style]:
        return self._role_styles

    def restyle(self) -> None:
        """After a theme change: re-render every cell with the new colours."""
        self.resolve_styles()
        rows, self.shown = self.shown, []
        self._row_index = {}
        self.sync(rows, force=True)

    def _text(self, cell: Cell, right: bool) -> "CellText":
        style = self._composed.get(cell.role)
        if style is None:
            style = Style()
            for role in cell.role.split():
                style += self._role_styles.get(role, Style())
            self._composed[cell.role] = style
        return CellText(cell.text, style, right)

    # ------------------------------------------------------------ widths

    def fit(self, available: int | None = None) -> None:
        """Size the columns: content-sized ones to their texts, flexible ones to the
        room there is (``available`` cells; None: as last time)."""
        if available is not None:
            self._available = available
        if not self._available or not self.columns:
            return
        widths = fit_widths(self.spec, self._available - 1, 2 * self.cell_padding, self._natural)
        if widths == self._fit_widths:
            return
        self._fit_widths = widths
        for column, width in zip(self.spec, widths):
            self.columns[column.key].width = width
        # DataTable has no public way to resize a column: drop its caches and
        # let it recompute the virtual size on idle.
        self._clear_caches()
        self._require_update_dimensions = True
        self.refresh()

    # ------------------------------------------------------------ rows

    def sync(self, rows: list[ViewRow], focus: str | None = None, force: bool = False) -> None:
        """Show ``rows``: changed cells only when the rows are the same, else rebuild."""
        if not force and len(rows) == len(self.shown) and all(
                a.key == b.key for a, b in zip(rows, self.shown)):
            self._update(rows)
            if focus is not None:
                self.goto(focus)
            return
        self._rebuild(rows, focus)

    def _update(self, rows: list[ViewRow]) -> None:
        keys = [c.key for c in self.spec]
        rights = [c.right for c in self.spec]
        natural = self._natural
        grow = False
        for new, old in zip(rows, self.shown):
            if new is old or new.cells == old.cells:
                continue
            for k, (a, b) in enumerate(zip(new.cells, old.cells)):
                if a != b:
                    self.update_cell(new.key, keys[k], self._text(a, rights[k]))
                    self.cell_updates += 1
                    # longer than its column, or the longest text got shorter: refit
                    if self.spec[k].cap and len(a.text) != len(b.text) and \
                            max(len(a.text), len(b.text)) >= natural[k]:
                        grow = True
        self.shown = list(rows)
        if grow:        # a column's longest text changed: its width follows (rare; O(rows))
            self._natural = natural_widths(self.spec, self.shown)
            self.fit()

    def _rebuild(self, rows: list[ViewRow], focus: str | None) -> None:
        self.rebuilds += 1
        old_key = self.current_key()
        old_row, old_column = self.cursor_coordinate
        scroll_y = self.scroll_y
        self.clear()
        self._load(rows)
        self.shown = list(rows)
        self._row_index = {row.key: i for i, row in enumerate(rows)}
        self._natural = natural_widths(self.spec, self.shown)
        self.fit()
        target = focus if focus in self._row_index else old_key
        if target in self._row_index:
            index = self._row_index[target]
        else:
            index = min(old_row, len(rows) - 1)
        if rows:
            self.move_cursor(row=max(index, 0), column=old_column, animate=False, scroll=False)
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
            self.call_after_refresh(self._scroll_cursor_visible)
        self.refresh()

    def _load(self, rows: list[ViewRow]) -> None:
        """Put ``rows`` in the (cleared) table at once.

        ``add_row`` per row re-validates the cursor and, on idle, measures every
        new cell to size auto-width columns: for thousands of rows that is most
        of a second.  Our columns have fixed widths and rows one line, so the
        rows are entered directly and only the table's size is recomputed.
        """
        rights = [c.right for c in self.spec]
        keys = [c.key for c in self.spec]
        column_keys = [self.columns[k].key for k in keys]
        text = self._text
        data, meta, locations = self._data, self.rows, self._row_locations
        for index, row in enumerate(rows):
            key = RowKey(row.key)
            locations[key] = index
            data[key] = {ck: text(cell, right) for ck, cell, right in zip(column_keys, row.cells, rights)}
            meta[key] = TableRow(key, 1)
        self._update_count += 1
        self._require_update_dimensions = True
        self.check_idle()

    def _scroll_cursor_visible(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.cursor_row, column=self.cursor_column, animate=False)

    def position(self, key: str) -> int | None:
        if len(self._row_index) != len(self.shown):
            self._row_index = {row.key: i for i, row in enumerate(self.shown)}
        position = self._row_index.get(key)
        if position is None or position >= len(self.shown) or self.shown[position].key != key:
            self._row_index = {row.key: i for i, row in enumerate(self.shown)}
            position = self._row_index.get(key)
        return position

    def current_key(self) -> str | None:
        row = self.current_row()
        return row.key if row else None

    def current_row(self) -> ViewRow | None:
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]

    def current_column(self) -> str:
        column = self.cursor_column
        return self.spec[column].key if 0 <= column < len(self.spec) else self.spec[0].key

    def goto(self, key: str, column: str | None = None) -> bool:
        """Put the cursor on the row ``key`` (and ``column`` if given)."""
        index = self.position(key)
        if index is None:
            return False
        col = self.cursor_column
        if column is not None:
            col = next((i for i, c in enumerate(self.spec) if c.key == column), col)
        self.move_cursor(row=index, column=col, animate=False)
        return True

    def goto_index(self, index: int, column: str | None = None) -> None:
        if not self.shown:
            return
        index = max(0, min(index, len(self.shown) - 1))
        col = self.cursor_column
        if column is not None:
            col = next((i for i, c in enumerate(self.spec) if c.key == column), col)
        self.move_cursor(row=index, column=col, animate=False)

    def cell_text(self, key: str, column: str) -> str:
        """The plain text on screen in a cell (for tests)."""
        value = self.get_cell(key, column)
        return value.plain if isinstance(value, (Text, CellText)) else str(value)

    def coordinate_of(self, key: str, column: str) -> Coordinate | None:
        index = self.position(key)
        if index is None:
            return None
        col = next((i for i, c in enumerate(self.spec) if c.key == column), None)
        return None if col is None else Coordinate(index, col)
