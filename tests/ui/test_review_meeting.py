"""A whole review meeting in the app, as the secretary runs it on the projector."""

from __future__ import annotations

import hashlib

from kedr_tui.core.store.review import load_review
from tests.ui.conftest import (active_tab, burst, cell, current_key, detail, header, move_to,
                               notifications, running, type_text, until, walk_to)
from tests.keys import GOAL, assignment, ind, meeting, review_mark

PORTAL = ind(3)            # «Доля муниципальных услуг, … на Едином портале …»: fact 91,2
OFFICE = ind(8)            # «Доля отечественного офисного программного обеспечения …»


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def mark(pilot, app, key: str, downs: int, comment: str) -> None:
    await pilot.press("f1")
    await move_to(pilot, app, key, "name")
    await pilot.press("m")
    await pilot.pause()
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()
    await type_text(pilot, comment)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def meeting_field(pilot, app, key: str, *keys: str) -> None:
    await pilot.press("f6")
    await pilot.pause()
    await move_to(pilot, app, meeting(key), "row")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def give_assignment(pilot, text: str, responsible: str, due: str) -> None:
    """«o»: an assignment's text (Ctrl+S), who is responsible and its due date, as typed."""
    await pilot.press("o")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await type_text(pilot, responsible)
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, due)
    await pilot.press("enter")
    await pilot.pause()


async def whole_meeting(app, pilot) -> None:
    await mark(pilot, app, PORTAL, 1, "Разместить 5 услуг")
    await mark(pilot, app, OFFICE, 0, "Откуда 20")
    assert cell(app, "indicators", PORTAL, "mark") == "◆"
    assert cell(app, "indicators", OFFICE, "mark") == "?"      # in place of its W-FORMULA «!»
    assert "Замечание «вопрос»" in detail(app, "indicators") and "Откуда 20" in detail(app, "indicators")
    # an assignment on the whole report, from the «Рассмотрение» tab
    await pilot.press("f6")
    await pilot.pause()
    await give_assignment(pilot, "Обновить реестр услуг", "Узварик В.П.", "01.06.2022")
    await meeting_field(pilot, app, "number", *"3", "enter")
    await meeting_field(pilot, app, "rating", "down", "down", "enter")   # — , высокая, средняя
    await meeting_field(pilot, app, "decision", "down", "down", "enter")  # вернуть на доработку
    await pilot.press("P")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_whole_meeting_in_review_mode(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEDR_TODAY", "2022-03-15")
    before = sha(seed)
    async with running(seed, review=True) as (app, pilot):
        assert header(app).endswith("черновик")
        await whole_meeting(app, pilot)
        # the notice names where the protocol is (not «out/…» relative to who knows where)
        written = str((tmp_path / "out" / "2021.protocol.pdf").resolve())
        assert any("Записан протокол" in n and written in n for n in notifications(app)), \
            notifications(app)
        assert header(app).endswith("на доработке")
        assert active_tab(app) == "review"
        assert cell(app, "review", meeting("rating"), "row") == "средняя"
    assert sha(seed) == before                                   # the report is untouched
    review = load_review(seed).review
    assert [(m.status, m.comment) for m in review.marks] == [
        ("на доработку", "Разместить 5 услуг"), ("вопрос", "Откуда 20")]
    assert review.meeting.rating == "средняя" and review.status == "на доработке"
    text = " ".join((tmp_path / "out" / "2021.protocol.txt").read_text(encoding="utf-8").split())
    marks = text.split("3. Замечания к строкам отчета")[1].split("4. Решения")[0]
    assert marks.count("| на доработку |") == 1 and marks.count("| вопрос |") == 1
    assert "Разместить 5 услуг" in marks and "Откуда 20" in marks
    assert "| 3 |" not in marks                                      # exactly two marks
    assert "Обновить реестр услуг" in text and "01.06.2022" in text and "Узварик В.П." in text
    assert "Принятая оценка эффективности: средняя." in text
    assert (tmp_path / "out" / "2021.protocol.pdf").read_bytes().startswith(b"%PDF")

    # between meetings: the report is reworked in editing mode ...
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, PORTAL, "fact")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["backspace"] * 4, "9", "5", "enter")   # «91,2» → «95»
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert cell(app, "indicators", PORTAL, "fact") == "95"
    # ... and the next meeting sees what changed since the mark
    async with running(seed, review=True) as (app, pilot):
        await move_to(pilot, app, PORTAL, "name")
        assert "изменено после замечания: факт 91,2 → 95" in detail(app, "indicators")
        await pilot.press("f6")
        await pilot.pause()
        assert "изменено после замечания: факт 91,2 → 95" in cell(app, "review", review_mark(0), "text")
        assert cell(app, "review", review_mark(0), "mark") == "△"

    # a marked row deleted: the mark stays, orphaned
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, OFFICE, "name")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert "строки больше нет в отчёте" in cell(app, "review", review_mark(1), "text")
    assert len(load_review(seed).review.marks) == 2


async def test_marks_need_a_row_and_survive_in_editing_mode(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await move_to(pilot, app, GOAL, "name")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")          # «вопрос»
        await pilot.pause()
        await type_text(pilot, "Цель сформулировать точнее")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert header(app).endswith("на рассмотрении")
        assert not app.session.modified                 # marking is no edit of the report
    review = load_review(seed).review
    assert review.marks[0].row.name == "program" and review.marks[0].author


async def test_next_and_previous_visit_marks_with_findings(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with running(seed, review=True) as (app, pilot):
        await mark(pilot, app, ind(0, app), 0, "Почему не измеряли")
        await pilot.press("ctrl+home")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.report_screen.current_view().table.current_key() == ind(0, app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.report_screen.current_view().table.current_key() == OFFICE   # W-FORMULA


async def test_meeting_view_shows_every_indicator_apart_at_80x24(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with running(seed, review=True) as (app, pilot):
        await move_to(pilot, app, PORTAL, "name")
        await pilot.press("v")
        await pilot.pause()
        view = app.screen
        assert type(view).__name__ == "MeetingView" and view.current_key == PORTAL
        rows = view.rows_text()
        data = [r for r in rows if not r.startswith(" |")]
        assert len(data) == 10
        portal = next(r for r in rows if r.startswith("З1.2"))
        assert portal.split(" | ")[2:] == ["100", "91,2", "91,20", "98,06", ""]
        names = [r.split(" | ")[1] for r in data]
        assert len(set(names)) == 10 and "информация" in names[3] and "для предоставления" in names[4]
        table = view.query_one("DataTable")
        assert table.virtual_size.width <= 80                     # no scrolling sideways
        await pilot.press("m", "enter")                            # mark from the meeting view
        await pilot.pause()
        await type_text(pilot, "Ещё раз")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert cell(app, "indicators", PORTAL, "mark") == "?"
        # the meeting goes on walking the rows: back in the meeting view, on the marked row
        await until(pilot, lambda: type(app.screen).__name__ == "MeetingView", "the view back")
        assert app.screen.current_key == PORTAL
        assert next(r for r in app.screen.rows_text() if r.startswith("З1.2")).endswith("| ?")
        await pilot.press("space")
        await until(pilot, lambda: type(app.screen).__name__ == "RowCard", "the card")
        card = app.screen
        assert "Доля муниципальных услуг, информация" in card.text
        assert "ДМУ=(52/57)*100" in card.text and "В докладе:" in card.text
        assert "Замечание «вопрос»" in card.text and "Ещё раз" in card.text
        await pilot.press("escape")         # the card closes, once: back in the meeting view
        await until(pilot, lambda: type(app.screen).__name__ == "MeetingView", "the view back")
        assert app.screen.current_key == PORTAL
        await pilot.press("down")
        assert app.screen.current_key != PORTAL
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.report_screen, "the meeting view closed")


async def test_a_review_another_session_writes_is_read_only_here(seed, tmp_path, monkeypatch):
    from kedr_tui.core.reviewing import ReviewSession

    monkeypatch.chdir(tmp_path)
    holder = ReviewSession.open(seed)
    try:
        async with running(seed, review=True) as (app, pilot):
            await move_to(pilot, app, PORTAL, "name")
            await pilot.press("m")          # refused at once (no comment typed in vain)
            await until(pilot, lambda: any("рассмотрение ведёт" in n for n in notifications(app)),
                        "told who holds the review")
            assert app.screen is app.report_screen
            assert cell(app, "indicators", PORTAL, "mark") == ""
    finally:
        holder.close()


async def test_marks_a_lost_session_left_are_offered_back(seed, tmp_path, monkeypatch):
    import datetime as dt

    from kedr_tui.core import identity
    from kedr_tui.core import review as R
    from kedr_tui.core.reviewing import ReviewSession
    from kedr_tui.core.loading import load

    monkeypatch.chdir(tmp_path)
    report = load(seed).report
    lost = ReviewSession.open(seed)
    lost.change(R.set_mark(lost.current(), R.new_mark(
        report, identity.of(report, "indicators", 3), R.REWORK_MARK, "до обрыва", "ivanov",
        dt.datetime(2022, 3, 15, 10, 0))))
    lost._journal.close()          # the connection dropped: no save, the kernel drops the lock
    lost._lock.release()
    async with running(seed, review=True) as (app, pilot):
        await pilot.pause()
        assert "Восстановить" in str(app.screen.query_one(".dialog-title").content)
        await pilot.press("y")
        await pilot.pause()
        assert cell(app, "indicators", PORTAL, "mark") == "◆"
    assert load_review(seed).review.marks[0].comment == "до обрыва"


async def test_the_notice_of_a_mark_names_a_long_row_in_short(seed, tmp_path, monkeypatch):
    """At 80×24 a notice with the whole name of «Доля граждан, имеющих доступ … услуг» (200
    characters) stood nine lines tall over the next dialog: it names the row in 60."""
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await mark(pilot, app, ind(2), 0, "Откуда 2981")
        said = [n for n in notifications(app) if n.startswith("Замечание «вопрос»")]
        assert said == ["Замечание «вопрос»: Показатель задачи 1 «Доля граждан, имеющих доступ к "
                        "получен…"]


async def test_keys_after_the_meeting_view_closes_go_to_the_report(seed, tmp_path, monkeypatch):
    # «Down v Down» in one read: the last Down moves the report's cursor, not the closed view's
    monkeypatch.chdir(tmp_path)
    async with running(seed, review=True) as (app, pilot):
        await move_to(pilot, app, PORTAL, "name")
        start = app.report_screen.current_view().table.cursor_row
        await pilot.press("v")
        await until(pilot, lambda: type(app.screen).__name__ == "MeetingView", "the meeting view")
        table = app.screen.query_one("DataTable")
        row = table.cursor_row
        burst(app, "down", "v", "down")
        await until(pilot, lambda: app.screen is app.report_screen, "the meeting view closed")
        await pilot.pause()
        assert table.cursor_row == row + 1                    # the first Down moved the view's cursor
        assert app.report_screen.current_view().table.cursor_row == start + 1


async def test_enter_in_the_meeting_view_goes_to_the_row_and_the_next_key_to_the_report(seed, tmp_path,
                                                                                      monkeypatch):
    # «Enter Down» in one read: Enter goes to the row in its tab, Down moves the report's cursor
    monkeypatch.chdir(tmp_path)
    async with running(seed, review=True) as (app, pilot):
        await move_to(pilot, app, PORTAL, "name")
        start = app.report_screen.current_view().table.cursor_row
        await move_to(pilot, app, ind(0, app), "name")
        await pilot.press("v")
        await until(pilot, lambda: type(app.screen).__name__ == "MeetingView", "the meeting view")
        await pilot.press("down")
        while app.screen.current_key != PORTAL:
            await pilot.press("down")
        burst(app, "enter", "down")
        await until(pilot, lambda: app.screen is app.report_screen, "the meeting view closed")
        await pilot.pause()
        assert app.report_screen.current_view().table.cursor_row == start + 1


async def test_an_assignment_due_before_the_meeting_is_refused(seed, tmp_path, monkeypatch):
    """An assignment is given at the meeting: a due date before it would be overdue from the
    start (a slip of the year or the month), so the editor refuses it and says why."""
    from kedr_tui.ui.editor import FieldEditor

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KEDR_TODAY", "2022-03-15")
    async with running(seed, review=True) as (app, pilot):
        await mark(pilot, app, PORTAL, 1, "Разместить 5 услуг")
        await meeting_field(pilot, app, "date")
        await type_text(pilot, "15.03.2022")
        await pilot.press("enter")
        await until(pilot, lambda: app.report_screen.review.meeting.date is not None, "the meeting's date")
        await give_assignment(pilot, "Обновить реестр услуг", "Узварик В.П.", "01.03.2022")
        assert isinstance(app.screen, FieldEditor)                  # still open
        assert app.screen.error == ("срок 01.03.2022 раньше даты заседания 15.03.2022: "
                                    "поручение даётся на время после заседания")
        assert app.report_screen.review.assignments == ()
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "15.03.2022")                        # the day of the meeting will do
        await pilot.press("enter")
        await until(pilot, lambda: len(app.report_screen.review.assignments) == 1, "the assignment")
    [item] = load_review(seed).review.assignments
    assert str(item.due) == "2022-03-15"


async def test_the_review_tab_says_the_status_and_the_rating_hint_in_full_at_80x24(seed, tmp_path,
                                                                                     monkeypatch):
    """Never reviewed: the header says «черновик», and so does «Рассмотрение» (it said «на
    рассмотрении»).  The status and the hint beside the accepted rating (the computed one, «укажите
    причину») are cut at 80 columns: the detail pane says them whole."""
    from kedr_tui.view.keys import Heading

    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        assert "черновик" in header(app)
        await pilot.press("f6")
        await until(pilot, lambda: active_tab(app) == "review", "the review tab")
        assert cell(app, "review", Heading("meeting"), "text") == "статус отчёта: черновик"
        await move_to(pilot, app, Heading("meeting"), "row")
        assert "статус отчёта: черновик" in detail(app, "review")
        await meeting_field(pilot, app, "rating", "down", "enter")       # — , высокая
        await until(pilot, lambda: cell(app, "review", meeting("rating"), "row") == "высокая",
                    "the rating accepted")
        assert "на рассмотрении" in header(app)
        assert "рассчитана: средняя — укажите причину другой оценки" in detail(app, "review")
        screen = app.report_screen.views["review"].detail
        assert "укажите причину" in "\n".join(screen.render_line(y).text
                                              for y in range(screen.size.height))
        await move_to(pilot, app, Heading("meeting"), "row")
        assert "статус отчёта: на рассмотрении" in detail(app, "review")


async def test_a_review_a_colleague_holds_is_refused_before_anything_is_typed(seed, tmp_path,
                                                                               monkeypatch):
    """A second officer's «m», «o» or a meeting's detail: they are told at once that a colleague
    holds the review, instead of typing a comment (or an assignment's three answers) that was
    refused, and lost, at Ctrl+S."""
    from kedr_tui.core.reviewing import ReviewSession
    from kedr_tui.ui.editor import ChoiceEditor, FieldEditor

    monkeypatch.chdir(tmp_path)
    holder = ReviewSession.open(seed)
    try:
        async with running(seed) as (app, pilot):
            await move_to(pilot, app, PORTAL, "name")
            for keys in (("m",), ("o",), ("f6", "enter")):
                if keys[0] == "f6":
                    await pilot.press("f6")
                    await until(pilot, lambda: active_tab(app) == "review", "the review tab")
                    await move_to(pilot, app, meeting("number"), "row")
                    keys = keys[1:]
                await pilot.press(*keys)
                await until(pilot, lambda: any("рассмотрение ведёт" in n for n in notifications(app)),
                            f"{keys}: told who holds the review")
                assert app.screen is app.report_screen, keys        # no dialog to type into
                assert not isinstance(app.screen, (ChoiceEditor, FieldEditor))
                app.clear_notifications()
                await pilot.pause()
        assert not (seed.parent / "2021.review.toml").exists()
        holder.close()
        holder = None
        async with running(seed) as (app, pilot):               # the colleague has gone
            await mark(pilot, app, PORTAL, 1, "Разместить 5 услуг")
            assert cell(app, "indicators", PORTAL, "mark") == "◆"
        assert load_review(seed).review.marks[0].comment == "Разместить 5 услуг"
    finally:
        if holder is not None:
            holder.close()


async def test_a_protocol_of_unsaved_report_edits_says_so(seed, tmp_path, monkeypatch):
    """«P» after an edit of the report not yet saved: the protocol's evaluation and findings are
    the edited ones, not the file's; the notice says so, as «p» and «t» do (it did not)."""
    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await mark(pilot, app, PORTAL, 1, "Разместить 5 услуг")
        await move_to(pilot, app, PORTAL, "fact")
        await pilot.press("9", "5", "enter")
        await until(pilot, lambda: cell(app, "indicators", PORTAL, "fact") == "95", "the fact edited")
        await pilot.press("P")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: any("Записан протокол" in n for n in notifications(app)),
                    "the protocol written")
        written = str((tmp_path / "out" / "2021.protocol.pdf").resolve())
        said = [n for n in notifications(app) if "Записан протокол" in n]
        assert said == [f"Записан протокол: {written}, {written[:-4]}.txt — из несохранённых правок "
                        "(файл отчёта не сохранён)"], said


async def test_meeting_dates_are_typed_as_the_reports_dates(seed, tmp_path, monkeypatch):
    """The meeting's date and an assignment's due date went through a parser of their own:
    «31.02.2022» was «не дата», and «15,03,2022» (the keypad's point on the Russian layout)
    was refused.  They are read as the report's dates are."""
    from kedr_tui.ui.editor import FieldEditor

    monkeypatch.chdir(tmp_path)
    async with running(seed) as (app, pilot):
        await meeting_field(pilot, app, "date")
        await type_text(pilot, "31.02.2022")
        await pilot.press("enter")
        await until(pilot, lambda: "такого дня нет" in str(
            app.screen.query_one(".dialog-error").content), "the day refused")
        assert isinstance(app.screen, FieldEditor)
        await pilot.press("ctrl+u")
        await type_text(pilot, "15,03,2022")
        await pilot.press("enter")
        await until(pilot, lambda: cell(app, "review", meeting("date"), "row") == "15.03.2022",
                    "the date accepted")
        await give_assignment(pilot, "Обновить реестр", "Узварик В.П.", "01/06/2022")
    review = load_review(seed).review
    assert str(review.meeting.date) == "2022-03-15"
    assert str(review.assignments[0].due) == "2022-06-01"


def footer(app) -> str:
    """The footer as the terminal shows it (drawn, not worked out afresh)."""
    from kedr_tui.ui.widgets.keybar import KeyBar

    return app.report_screen.query_one(KeyBar).drawn


async def test_the_footer_says_what_enter_does_on_each_row_of_the_review_tab(seed, tmp_path,
                                                                          monkeypatch):
    """Enter edits a detail of the meeting, jumps from a mark or an assignment to its row, and
    does nothing on a heading, a mark whose row is gone or an assignment on the whole report:
    the footer says which, row by row, as the cursor walks (it said «Перейти» everywhere)."""
    import datetime as dt

    from kedr_tui.core import identity
    from kedr_tui.core import review as R
    from kedr_tui.core.loading import load
    from kedr_tui.core.store.review import render_review, write_review

    monkeypatch.chdir(tmp_path)
    report = load(seed).report
    made = dt.datetime(2022, 3, 15, 10, 0)
    marks = (R.new_mark(report, identity.of(report, "indicators", 3), R.QUESTION, "", "ivanov", made),
             R.Mark(identity.IndicatorId(1, "Показателя нет"), R.QUESTION, "", "ivanov", made))
    assignments = (R.Assignment(identity.of(report, "indicators", 3), "Разместить", "", None),
                   R.Assignment(identity.REPORT, "Обновить реестр", "", None))
    write_review(seed.with_name("2021.review.toml"),
                 render_review(R.Review("2021.toml", marks=marks, assignments=assignments)))
    for review_mode in (False, True):
        async with running(seed, review=review_mode) as (app, pilot):
            await pilot.press("f6")
            await until(pilot, lambda: active_tab(app) == "review", "the review tab")
            expected = {meeting("number"): "Enter Изменить", meeting("decision"): "Enter Изменить",
                        review_mark(0): "Enter Перейти", assignment(0): "Enter Перейти"}
            nothing = (review_mark(1), assignment(1))
            for key in (meeting("number"), review_mark(0), review_mark(1), meeting("decision"),
                        assignment(0), assignment(1)):
                await walk_to(pilot, app, key, "row")
                await until(pilot, lambda: current_key(app) == key, f"on {key}")
                if key in nothing:
                    await until(pilot, lambda: "Enter" not in footer(app), f"no Enter on {key}")
                else:
                    await until(pilot, lambda: expected[key] in footer(app), f"{expected[key]} on {key}")
                    assert "Перейти" not in footer(app) or "Изменить" not in footer(app)
            await walk_to(pilot, app, meeting("number"), "row")
            await until(pilot, lambda: "Enter Изменить" in footer(app), "Изменить again")
            if not review_mode:
                await pilot.press("enter")      # and Enter does what the footer said
                await until(pilot, lambda: type(app.screen).__name__ == "FieldEditor", "the editor")
                await pilot.press("escape")


async def test_the_review_keys_are_dimmed_while_a_colleague_holds_the_review(seed, tmp_path,
                                                                          monkeypatch):
    """«m Отметить» stayed bright in the footer while a colleague held the review, and was
    refused when pressed.  Now it is dimmed from the start (the holder's note is read; no
    lock is taken), pressing it still says who holds it, and once the colleague has gone the
    key is bright again and marks."""
    from kedr_tui.core.reviewing import ReviewSession
    from kedr_tui.ui.widgets.keybar import KeyBar

    def mark_key(app):
        return next((k for k in app.report_screen.query_one(KeyBar).keys() if k[2] == "Отметить"),
                    None)

    monkeypatch.chdir(tmp_path)
    holder = ReviewSession.open(seed)
    try:
        for review_mode in (False, True):
            async with running(seed, review=review_mode) as (app, pilot):
                await move_to(pilot, app, PORTAL, "name")
                await until(pilot, lambda: mark_key(app) is not None and not mark_key(app)[3],
                            "«m Отметить» dimmed")
                assert "m Отметить" in footer(app)
                await pilot.press("m")          # dimmed, not dead: it says who holds the review
                await until(pilot, lambda: any("рассмотрение ведёт" in n for n in notifications(app)),
                            "told who holds the review")
                assert app.screen is app.report_screen
        holder.close()
        holder = None
        async with running(seed) as (app, pilot):
            await move_to(pilot, app, PORTAL, "name")
            await until(pilot, lambda: mark_key(app) is not None and mark_key(app)[3],
                        "«m Отметить» bright: nobody holds the review")
            await pilot.press("f6")
            await until(pilot, lambda: active_tab(app) == "review", "the review tab")
            await walk_to(pilot, app, meeting("number"), "row")
            await until(pilot, lambda: mark_key(app) is not None and not mark_key(app)[3],
                        "«m» dimmed on a meeting's detail: no row of the report to mark")
            await pilot.press("f1")
            await until(pilot, lambda: active_tab(app) == "indicators", "back on Form 1")
            await until(pilot, lambda: mark_key(app)[3], "«m» bright again")
    finally:
        if holder is not None:
            holder.close()
