"""Comparing with an earlier version in the app (``--since``, the palette): Δ-marked cells and
the «Сравнение» tab, Enter jumping to the row."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from kedr_tui.cli import main
from kedr_tui.core.session import Session
from kedr_tui.core.store.versions import base_version
from kedr_tui.ui.app import KedrApp
from tests.core.test_diff import SEED_TEXT, three_changes
from tests.ui.conftest import (SMALL, active_tab, cell, current_key, detail, notifications, palette_offers,
                               table, type_text, until)
from tests.keys import PROGRAMME, amd, ind, node

NB = "\u00a0"


@contextlib.asynccontextmanager
async def comparing(path: Path, since: str | None):
    """The app as ``kedr-tui path --since since`` starts it."""
    session = Session.open(path)
    app = KedrApp(session, str(path), since=base_version(path, since) if since else None)
    try:
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        session.close()


def shown(app, name: str, key: str, column: str) -> str:
    """A cell's text as the tab shows it (also for a tab not drawn yet)."""
    from kedr_tui.view.columns import column_keys

    row = next(r for r in app.report_screen.views[name].rows if r.key == key)
    return row.cells[column_keys(name).index(column)].text


def three(seed: Path) -> Path:
    base = seed.with_name("base.toml")
    shutil.copy(seed, base)
    seed.write_text(three_changes(), encoding="utf-8")
    return base


async def test_since_marks_changed_cells_and_lists_the_changes(seed):
    base = three(seed)
    async with comparing(seed, str(base)) as (app, pilot):
        await until(pilot, lambda: active_tab(app) == "changes", "the «Сравнение» tab shown")
        rows = app.report_screen.views["changes"].rows
        assert [(r.cells[0].text, r.cells[1].text) for r in rows] == [
            ("~", "Ф1"), ("−", "Ф2"), ("⇒", "Ф2"), ("⇒", "Ф2"), ("⇒", "Ф2"), ("+", "Ф3"), ("⇒", "Оценка")]
        assert rows[0].cells[3].text.startswith("факт: 0 → 10; ⇒ абсолютное отклонение: −10 → 0")
        assert rows[-1].cells[3].text.endswith("оценка: средняя → высокая")
        assert app.report_screen.query_one("#tabbar").labels["changes"] == "F7 Δ3"
        assert "факт: 0 → 10" in detail(app, "changes")
        # the changed cells carry a visible Δ (not colour alone); the rest are as they were
        assert cell(app, "indicators", ind(9, app), "fact") == "Δ10"
        assert cell(app, "indicators", ind(9, app), "rel") == "Δ100,00"
        assert cell(app, "indicators", ind(9, app), "growth") == "—"
        assert cell(app, "indicators", ind(8, app), "fact") == "20"
        assert table(app, "indicators").get_cell(ind(9, app), "fact").style.bold
        assert shown(app, "expenses", PROGRAMME, "plan_year") == f"Δ1{NB}099,01"
        assert shown(app, "expenses", node(4, app), "cash") == "Δ220,88"          # 04.0.02.2
        assert shown(app, "expenses", node(5, app), "cash") == "17,90"            # 04.0.02.3 untouched
        assert shown(app, "amendments", amd(2, app), "number") == "Δ99"

        # Enter on a change goes to its row, at the value that changed
        await pilot.press("enter")
        await until(pilot, lambda: active_tab(app) == "indicators", "jumped to Form 1")
        assert current_key(app) == ind(9, app)
        assert table(app, "indicators").current_column() == "fact"
        # a removed row is gone: said so, and nothing moves
        await pilot.press("f7")
        await until(pilot, lambda: active_tab(app) == "changes", "back on «Сравнение»")
        await pilot.press("down", "enter")
        await until(pilot, lambda: any("удалена" in n for n in notifications(app)), "told it is gone")
        assert active_tab(app) == "changes"
        # the Form 3 row jumps to Form 3
        await pilot.press("down", "down", "down", "down", "enter")
        await until(pilot, lambda: active_tab(app) == "amendments", "jumped to Form 3")
        assert current_key(app) == amd(2, app)


async def test_an_edit_back_to_the_old_value_drops_its_mark(seed):
    base = three(seed)
    async with comparing(seed, str(base)) as (app, pilot):
        await until(pilot, lambda: active_tab(app) == "changes", "comparing")
        await pilot.press("enter")
        await until(pilot, lambda: current_key(app) == ind(9, app), "on the trainees' fact")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not app.report_screen, "the editor open")
        await type_text(pilot, "0")                 # the old value is selected: typing replaces it
        await pilot.press("enter")
        await until(pilot, lambda: cell(app, "indicators", ind(9, app), "fact") == "0", "the mark gone")
        assert cell(app, "indicators", ind(9, app), "rel") == "0,00"
        assert app.report_screen.query_one("#tabbar").labels["changes"] == "F7 Δ2"
        assert [r.cells[0].text for r in app.report_screen.views["changes"].rows][:2] == ["−", "⇒"]


async def test_the_palette_starts_and_stops_a_comparison(seed):
    base = three(seed)
    async with comparing(seed, None) as (app, pilot):
        assert "changes" not in app.report_screen.query_one("#tabbar").labels
        assert cell(app, "indicators", ind(9, app), "fact") == "10"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Сравнить с версией")
        await until(pilot, lambda: palette_offers(app, "Сравнить с версией"), "the command found")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PromptBar", "asked which version")
        await type_text(pilot, str(base))
        await pilot.press("enter")
        await until(pilot, lambda: active_tab(app) == "changes", "comparing")
        assert cell(app, "indicators", ind(9, app), "fact") == "Δ10"
        await app.report_screen.run_action("compare_off")
        await until(pilot, lambda: "changes" not in app.report_screen.query_one("#tabbar").labels,
                    "the tab gone")
        assert cell(app, "indicators", ind(9, app), "fact") == "10" and active_tab(app) == "indicators"


async def test_a_version_that_cant_be_read_is_one_line_in_the_app(seed):
    async with comparing(seed, None) as (app, pilot):
        await app.report_screen.run_action("compare")
        await until(pilot, lambda: app.screen.__class__.__name__ == "PromptBar", "asked")
        await type_text(pilot, "нет-такого.toml")
        await pilot.press("enter")
        await until(pilot, lambda: any("файл не найден" in n for n in notifications(app)), "told why")
        assert "changes" not in app.report_screen.query_one("#tabbar").labels


def test_since_that_cant_be_read_stops_before_the_app(seed, capsys):
    assert main([str(seed), "--since", str(seed.with_name("нет.toml"))]) == 2
    assert capsys.readouterr().err == f"{seed.with_name('нет.toml')}: файл не найден\n"
    broken = seed.with_name("broken.toml")
    broken.write_text(SEED_TEXT.replace("plan = 90\n", "plan = = 90\n", 1), encoding="utf-8")
    assert main([str(seed), "--since", str(broken)]) == 2
    assert capsys.readouterr().err.startswith(f"{broken}:37:8: E-SYNTAX")


def _git(repo: Path, *args: str, when: str | None = None) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_PAGER": "cat"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


REVIEW = '''format = 1
report = "2021.toml"
status = "на рассмотрении"

[meeting]
number = "{number}"
date = {day}
'''


async def test_one_key_compares_with_the_last_meeting(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        import pytest

        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    report = repo / "reports" / "2021.toml"
    report.parent.mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Тест")
    _git(repo, "config", "user.email", "test@example.org")
    report.write_text(SEED_TEXT, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "к заседанию", when="2022-03-10T12:00:00")
    # after the meeting of 15 March: the three changes, committed later, and today's own edit
    report.write_text(three_changes(), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "правки", when="2022-03-20T12:00:00")
    report.with_name("2021.review.toml").write_text(REVIEW.format(number="3", day="2022-03-15"),
                                                    encoding="utf-8")
    monkeypatch.setenv("KEDR_TODAY", "2022-04-01")
    async with comparing(report, None) as (app, pilot):
        await pilot.press("D")
        await until(pilot, lambda: active_tab(app) == "changes", "compared with the meeting")
        assert app.report_screen.comparison[0] == "заседание 15.03.2022"
        assert app.report_screen.query_one("#tabbar").labels["changes"] == "F7 Δ3"
        assert cell(app, "indicators", ind(9, app), "fact") == "Δ10"


async def test_no_meeting_before_today_is_said(seed, monkeypatch):
    seed.with_name("2021.review.toml").write_text(REVIEW.format(number="1", day="2022-04-01"),
                                                  encoding="utf-8")
    monkeypatch.setenv("KEDR_TODAY", "2022-04-01")       # the only meeting is today's
    async with comparing(seed, None) as (app, pilot):
        await pilot.press("D")
        await until(pilot, lambda: any("Прошлых заседаний" in n for n in notifications(app)), "told")
        assert app.report_screen.comparison is None


async def test_an_editor_names_a_changed_row_without_its_delta_mark(seed):
    """A task renamed since the version compared with: its heading shows «ΔПоказатели задачи 1 …»,
    and the editor of its name said «З1 · ΔПоказатели задачи 1 …»: the Δ is the screen's mark,
    not the row's name."""
    from kedr_tui.ui.editor import FieldEditor
    from tests.keys import task

    base = seed.with_name("base.toml")
    shutil.copy(seed, base)
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("многофункциональных центров\"\n", "многофункциональных центров (МФЦ)\"\n", 1),
                    encoding="utf-8")
    async with comparing(seed, str(base)) as (app, pilot):
        assert shown(app, "indicators", task(1), "name").startswith("Δ")
        await pilot.press("f1")
        await until(pilot, lambda: active_tab(app) == "indicators", "Form 1")
        t = app.report_screen.current_view().table
        assert t.goto(task(1), "name")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FieldEditor), "the editor")
        assert "Δ" not in app.screen.context and "Показатели задачи 1" in app.screen.context
        await pilot.press("escape")
