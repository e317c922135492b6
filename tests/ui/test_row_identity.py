"""The cursor, findings and undo name rows by what they are (view/keys.py), not by their
place: the cases a key built from a list index gets wrong once a row above is deleted."""

from __future__ import annotations

from tests.ui.conftest import active_tab, move_to, running, table

from kedr_tui.ui.dialogs import ConfirmDialog
from tests.keys import comment, ind

OFFICE = "Доля отечественного офисного программного обеспечения"     # indicator 8, its W-FORMULA
PORTAL = "Доля муниципальных услуг, информация о которых размещена"   # indicator 3
REGULATIONS = "Доля муниципальных услуг, для предоставления которых"  # indicator 4


def cursor_line(app, name: str) -> str:
    """The cursor's line of a table as the screen shows it."""
    t = table(app, name)
    return t.visible_text()[t.cursor_row - int(t.scroll_y) + 1]


def cursor_name(app, name: str) -> str:
    """The name (or label) cell of the cursor's row, whole."""
    row = table(app, name).current_row()
    return row.cells[2].text if name != "narrative" else row.cells[1].text


async def delete_current(pilot, app) -> None:
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press("y")
    await pilot.pause()


async def test_another_tabs_cursor_stays_on_its_record_through_delete_undo_and_redo(seed):
    async with running(seed) as (app, pilot):
        await pilot.press("f4")
        await pilot.pause()
        await move_to(pilot, app, comment(8, app), "text")         # the office software's paragraph
        assert OFFICE in cursor_name(app, "narrative")
        await pilot.press("f1")
        await pilot.pause()
        await move_to(pilot, app, ind(2, app), "name")             # a row above it, on Form 1
        await delete_current(pilot, app)
        assert len(app.report_screen.session.report.indicators) == 9
        # the «Доклад» table was rebuilt with one row less above: its cursor kept its paragraph
        assert OFFICE in cursor_name(app, "narrative")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.report_screen.session.report.indicators) == 10
        assert OFFICE in cursor_name(app, "narrative")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert OFFICE in cursor_name(app, "narrative")
        await pilot.press("f4")
        await pilot.pause()
        assert active_tab(app) == "narrative"
        assert cursor_line(app, "narrative").split()[:3] == ["З3.1", "Доля", "отечественного"]


async def test_undo_of_a_delete_puts_the_cursor_on_the_row_it_brings_back(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await delete_current(pilot, app)
        assert REGULATIONS in cursor_name(app, "indicators")      # the next row took its place
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert PORTAL in cursor_name(app, "indicators")
        assert cursor_line(app, "indicators").split()[-2:] == ["91,2", "−8,8"]   # its fact on screen
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert REGULATIONS in cursor_name(app, "indicators")
        assert "91,2" not in cursor_line(app, "indicators")


async def test_after_a_delete_above_the_findings_lead_to_the_right_row_and_cell(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(2, app), "name")
        await delete_current(pilot, app)
        await pilot.press("right_square_bracket")                 # ] : the next finding
        await pilot.pause()
        t = table(app, "indicators")
        assert OFFICE in cursor_name(app, "indicators")
        assert t.current_column() == "formula"
        assert t.current_key() == ind(7, app)                     # it was indicator 8
        # and from «Проверка», Enter lands on the same cell
        await move_to(pilot, app, ind(0, app), "name")
        await pilot.press("f5")
        await pilot.pause()
        findings = table(app, "findings")
        row = next(i for i, r in enumerate(findings.shown) if r.cells[1].text == "W-FORMULA")
        findings.goto_index(row)
        await pilot.press("enter")
        await pilot.pause()
        assert active_tab(app) == "indicators"
        assert OFFICE in cursor_name(app, "indicators") and t.current_column() == "formula"


async def test_a_rename_keeps_the_cursor_and_repaints_only_the_changed_cells(seed):
    from tests.ui.test_edit import edit_cell

    async with running(seed) as (app, pilot):
        t = table(app, "indicators")
        await move_to(pilot, app, ind(3, app), "name")
        rebuilds, updates = t.rebuilds, t.cell_updates
        await edit_cell(pilot, app, ind(3, app), "name", "Доля услуг на портале")
        assert app.report_screen.session.report.indicators[3].name == "Доля услуг на портале"
        assert t.current_key() == ind(3, app) and cursor_name(app, "indicators") == "Доля услуг на портале"
        assert t.rebuilds == rebuilds                      # renamed in place: no rebuild...
        assert 0 < t.cell_updates - updates <= 3           # ...only its changed cells
