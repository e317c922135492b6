"""The safety screens, driven with Pilot on a tiny harness app."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Button, Input, Label, Static

from kedr_tui.core.edits import set_field
from kedr_tui.core.session import Session
from kedr_tui.core.store import journal_path
from kedr_tui.core.loading import load
from kedr_tui.ui.safety import ConflictScreen, LockHeldScreen, RecoveryScreen

from harness_app import Harness


def crashed_with_edits(report, n: int = 2) -> Decimal:
    """A session that made ``n`` edits and died; returns the cash it had."""
    session = Session.open(report)
    for _ in range(n):
        cash = session.report.expenses[0].cash + 1
        session.perform(set_field(session.report, "expenses", 0, "cash", cash))
    session._journal.close()
    session._lock.release()
    return cash


def text_of(widget) -> str:
    return str(widget.render())


async def test_recovery_screen_recovers(report):
    cash = crashed_with_edits(report)
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        changes = text_of(app.screen.query_one("#safety-changes", Static))
        assert "Расходы, стр. 1" in changes and "кассовое исполнение" in changes
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryScreen)
        assert session.report.expenses[0].cash == cash and session.modified
        assert f"cash={cash} modified=True" in text_of(app.query_one("#state", Label))
        assert load(report).report.expenses[0].cash != cash  # not saved until asked
        await pilot.press("s")
        await pilot.pause()
    assert load(report).report.expenses[0].cash == cash
    assert not journal_path(report).exists()


async def test_recovery_discard_asks_twice(report):
    crashed_with_edits(report)
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        assert "Да, отбросить" in str(app.screen.query_one("#discard", Button).label)
        assert journal_path(report).exists()
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryScreen)
    assert not journal_path(report).exists() and not session.modified


async def test_recovery_read_only_keeps_the_journal(report):
    crashed_with_edits(report)
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert session.read_only and journal_path(report).exists()
        await pilot.press("e")  # refused with a message, nothing changes
        await pilot.pause()
        assert not session.modified


async def test_mismatching_journal_cannot_be_recovered(report):
    crashed_with_edits(report)
    report.write_text(report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Другой"),
                      encoding="utf-8")
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecoveryScreen)
        assert screen.query_one("#recover", Button).disabled
        assert "для другой версии файла" in text_of(screen.query_one(".safety-reason", Static))
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen and not session.modified


async def test_conflict_reload_after_confirmation(report):
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        report.write_text(report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Другой"),
                          encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen) and session.modified  # asked first
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert not session.modified and session.report.signature.name == "Другой"
        assert "modified=False" in text_of(app.query_one("#state", Label))


async def test_conflict_save_as(report):
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        cash = session.report.expenses[0].cash
        changed = report.read_text(encoding="utf-8").replace("Н.А. Соловьева", "Другой")
        report.write_text(changed, encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        target = app.screen.query_one("#safety-target", Input)
        assert target.display and target.value.endswith(".toml")
        taken = report.with_name("taken.toml")
        taken.write_text("x")
        target.value = "taken.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert "такой файл уже есть" in text_of(app.screen.query_one(".dialog-error", Label))
        target.value = "2021-мои.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert load(report.with_name("2021-мои.toml")).report.expenses[0].cash == cash
    assert report.read_text(encoding="utf-8") == changed


async def test_conflict_cancel_keeps_edits(report):
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen) and session.modified
        assert journal_path(report).exists()


async def test_lock_held_notice_and_retry(report):
    holder = Session.open(report)
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockHeldScreen)
        assert "этой же программе" in text_of(app.screen.query_one(".safety-reason", Static))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LockHeldScreen)  # still held
        holder.close()
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, LockHeldScreen)
        assert not session.read_only
        await pilot.press("e")
        assert session.modified


async def test_review_mode_mentions_a_leftover_journal(report):
    crashed_with_edits(report)
    session = Session.open(report, read_only=True)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, RecoveryScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("есть несохранённый журнал правок") for m in messages), messages
    assert journal_path(report).exists()


async def test_deleted_file_can_be_written_back_under_its_name(report):
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        cash = session.report.expenses[0].cash
        report.unlink()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert app.screen.query_one("#reload", Button).disabled
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#safety-target", Input).value = report.name
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert load(report).report.expenses[0].cash == cash


async def test_retry_finds_the_journal_of_a_holder_that_died(report):
    holder = Session.open(report)
    holder.perform(set_field(holder.report, "expenses", 0, "cash", Decimal("7.00")))
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockHeldScreen)
        holder._journal.close()
        holder._lock.release()  # as if killed
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("r")
        await pilot.pause()
        assert session.report.expenses[0].cash == Decimal("7.00") and not session.read_only


async def test_enter_on_a_focused_button_does_what_it_says(report):
    """Enter presses the focused button (Textual's Button binding, not the dialog's own):
    the lock notice's «Понятно», then «Повторить» reached with →."""
    holder = Session.open(report)
    session = Session.open(report)
    app = Harness(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LockHeldScreen)
            await pilot.press("right")                  # focus «Повторить»: still held
            assert app.screen.focused.id == "retry"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LockHeldScreen)
            assert "всё ещё редактируют" in text_of(app.screen.query_one(".dialog-error", Label))
            await pilot.press("left", "enter")          # «Понятно»
            await pilot.pause()
            assert not isinstance(app.screen, LockHeldScreen) and session.read_only
    finally:
        holder.close()


async def test_the_recovery_dialog_fits_at_60_columns_and_after_its_second_question(report):
    """At 60×20 every button of the dialog is inside it, «Да, отбросить» (the label «Отбросить»
    changes to in place) whole too."""
    crashed_with_edits(report)
    session = Session.open(report)
    app = Harness(session)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("d")
        await pilot.pause()
        box = app.screen.query_one(".dialog").content_region
        for button in app.screen.query(Button):
            assert box.contains_region(button.region), (str(button.label), button.region, box)
        discard = app.screen.query_one("#discard", Button)
        assert discard.region.width >= len("Да, отбросить") + 2, discard.region
        await pilot.press("v")
        await pilot.pause()
