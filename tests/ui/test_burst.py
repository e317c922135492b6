"""Keys typed fast, in one burst, around a dialog: each is done once, in order, where it
was typed (kedr_tui/ui/widgets/inorder.py).  The keys are posted the way the terminal
driver posts one read of them: all at once, before the app has handled the first."""

from __future__ import annotations

from kedr_tui.core.session import Session
from kedr_tui.ui.dialogs import ConfirmDialog
from tests.ui.conftest import burst, cell, move_to, running, table, until
from tests.keys import OUTRO, ind, task


async def settled(pilot, app) -> None:
    """Until the report screen is on top again and nothing is left to do."""
    await until(pilot, lambda: app.screen is app.report_screen, "the dialog closed")
    for _ in range(5):
        await pilot.pause()


async def test_two_values_typed_one_after_another(seed):
    # «9 5 Enter Down 9 0 Enter» used to end the app: the second Enter reached the closed
    # editor, which then "closed" the report screen under it (ScreenStackError).
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")                  # 91,2
        burst(app, "9", "5", "enter", "down", "9", "0", "enter")
        await until(pilot, lambda: cell(app, "indicators", ind(4, app), "fact") == "90", "the second value")
        await settled(pilot, app)
        assert cell(app, "indicators", ind(3, app), "fact") == "95"
        assert cell(app, "indicators", ind(4, app), "fact") == "90"
        assert table(app, "indicators").current_key() == ind(4, app)
        report = app.report_screen.session.report
        assert [str(i.fact) for i in report.indicators[3:5]] == ["95", "90"]
        await pilot.press("ctrl+z", "ctrl+z")                        # two edits, each undone
        await pilot.pause()
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"
        assert cell(app, "indicators", ind(4, app), "fact") == "100"


async def test_a_value_typed_after_moving_goes_into_the_new_row(seed):
    # «Down 9 5 Enter» put 95 into the row the cursor was leaving: Down ran only when it had
    # bubbled up to the app, after the digits had opened the editor where the cursor was.
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        burst(app, "down", "9", "5", "enter")
        await until(pilot, lambda: cell(app, "indicators", ind(4, app), "fact") == "95", "the value")
        await settled(pilot, app)
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"


async def test_keys_typed_ahead_into_the_editor_keep_their_order(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        burst(app, "enter", "9", "backspace", "8", "7", "enter")
        await until(pilot, lambda: cell(app, "indicators", ind(3, app), "fact") == "87", "the value")
        await settled(pilot, app)


async def test_keys_after_escape_go_to_the_table(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "fact")
        burst(app, "enter", "1", "escape", "down", "down")
        await until(pilot, lambda: table(app, "indicators").current_key() == task(2), "two rows down")
        await settled(pilot, app)
        assert cell(app, "indicators", ind(3, app), "fact") == "91,2"   # the edit was cancelled


async def test_the_second_button_chosen_fast_is_the_one_pressed(seed):
    # «Right Enter» pressed «Удалить», the button focused when the keys were read.
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        burst(app, "right", "enter", "down")
        await until(pilot, lambda: table(app, "indicators").current_key() == ind(4, app), "one row down")
        await settled(pilot, app)
        assert len(app.report_screen.session.report.indicators) == 10     # «Отмена»: kept


async def test_a_deletion_confirmed_fast_then_the_next_key(seed):
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, ind(3, app), "name")
        name = app.report_screen.session.report.indicators[4].name
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        burst(app, "enter", "down")
        await until(pilot, lambda: len(app.report_screen.session.report.indicators) == 9, "deleted")
        await settled(pilot, app)
        # the next indicator took the deleted one's place; Down went on to task 2's heading
        assert app.report_screen.session.report.indicators[3].name == name
        assert table(app, "indicators").current_key() == task(2)


async def test_text_typed_just_before_ctrl_s_is_in_the_value(seed):
    # Ctrl+S was a priority key: run as it was read, before the letters ahead of it were typed.
    from textual.widgets import TextArea

    async with running(seed) as (app, pilot):
        await pilot.press("f4")
        await pilot.pause()
        await move_to(pilot, app, OUTRO, "text")
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.screen.query(TextArea)), "the text editor")
        before = app.report_screen.session.report.narrative.outro
        burst(app, "ctrl+end", "!", "?", "ctrl+s", "down")
        await until(pilot, lambda: app.report_screen.session.report.narrative.outro != before, "applied")
        await settled(pilot, app)
        assert app.report_screen.session.report.narrative.outro == before + "!?"


async def test_keys_after_the_lock_notice_move_the_cursor(seed):
    from kedr_tui.ui.safety import LockHeldScreen

    holder = Session.open(seed)
    try:
        async with running(seed) as (app, pilot):
            assert isinstance(app.screen, LockHeldScreen)
            start = table(app, "indicators").cursor_row
            burst(app, "enter", "down", "down", "down")             # «Понятно», then three rows
            await until(pilot, lambda: table(app, "indicators").cursor_row == start + 3, "three rows down")
            await settled(pilot, app)
            assert table(app, "indicators").cursor_row == start + 3
    finally:
        holder.close()
