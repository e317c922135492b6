"""``kedr-tui diff``: the listing, its exit codes, JSON, colour, git versions and the git driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kedr_tui.cli import main
from tests.conftest import SEED
from tests.core.test_diff import SEED_TEXT, SPELLING, edit, three_changes

THREE = """\
Форма 1. Показатели
~ Показатель задачи 3 «Количество граждан, прошедших обучение в области цифровой грамотности (электронный гражданин) на базе Центра общественного доступа»
    факт: 0 → 10
    ⇒ абсолютное отклонение: −10 → 0
    ⇒ относительное отклонение, %: 0,00 → 100,00
    ⇒ степень достижения (СДП): 0,0000 → 1,0000

Форма 2. Расходы
− Расход 04.0.02.2, МУ «Кедровская ЦБС»
    план на год: 30,00
    план на период: 30,00
    кассовое исполнение: 30,00
  Итоги («Всего»), которые изменились:
    ⇒ Программа:
        план на год: 1_129,01 → 1_099,01
        план на период: 1_129,01 → 1_099,01
        исполнено: 1_097,79 → 1_067,79
        % к плану на год: 97,23 → 97,16
        % к плану на период: 97,23 → 97,16
    ⇒ Основное мероприятие 04.0.02.0:
        план на год: 1_129,01 → 1_099,01
        план на период: 1_129,01 → 1_099,01
        исполнено: 1_097,79 → 1_067,79
        % к плану на год: 97,23 → 97,16
        % к плану на период: 97,23 → 97,16
    ⇒ Мероприятие 04.0.02.2:
        план на год: 250,88 → 220,88
        план на период: 250,88 → 220,88
        исполнено: 250,88 → 220,88

Форма 3. Изменения, внесённые в программу
+ Постановление Администрации города Кедрового от 01.06.2021 № 99
    содержание: О внесении изменений

Оценка эффективности
    ⇒ СР (степень достижения показателей): 0,8297 → 0,9408
    ⇒ ССуз (соответствие расходов): 0,9723 → 0,9716
    ⇒ Эис (эффективность расходов): 1,0284 → 1,0292
    ⇒ ЭР (эффективность реализации): 0,8533 → 0,9683
    ⇒ оценка: средняя → высокая
""".replace("_", "\u00a0")  # numbers are grouped with a no-break space


def body(text: str) -> str:
    """The listing without its two header lines (they name the files)."""
    lines = text.splitlines(keepends=True)
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    return "".join(lines[2:]).lstrip("\n")


@pytest.fixture
def pair(tmp_path: Path):
    def make(new_text: str, old_text: str = SEED_TEXT) -> tuple[Path, Path]:
        (tmp_path / "old").mkdir(exist_ok=True)
        (tmp_path / "new").mkdir(exist_ok=True)
        old, new = tmp_path / "old" / "2021.toml", tmp_path / "new" / "2021.toml"
        old.write_text(old_text, encoding="utf-8")
        new.write_text(new_text, encoding="utf-8")
        return old, new
    return make


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_three_changes_listed_with_their_consequences(pair, capsys):
    old, new = pair(three_changes())
    code, out, err = run(capsys, str(old), str(new))
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [f"--- {old} (2021)", f"+++ {new} (2021)"]
    assert body(out) == THREE
    assert [line[0] for line in out.splitlines()[2:] if line and line[0] in "+−~"] == ["~", "−", "+"]


def test_no_difference_is_no_output_and_exit_0(pair, capsys):
    text = SEED_TEXT
    for old_part, new_part in SPELLING:
        text = edit(text, old_part, new_part)
    old, new = pair(text)
    assert run(capsys, str(old), str(new)) == (0, "", "")
    assert run(capsys, str(SEED), str(SEED)) == (0, "", "")


def test_json_for_machines(pair, capsys):
    old, new = pair(three_changes())
    code, out, _ = run(capsys, str(old), str(new), "--json")
    data = json.loads(out)
    assert code == 1 and data["different"] and not data["cross_year"]
    entries = [e for g in data["groups"] for e in g["entries"]]
    assert [(e["op"], e["row"]["section"]) for e in entries] == [
        ("changed", "indicator"), ("removed", "expense"), ("added", "amendment")]
    assert entries[0]["fields"] == [{"field": "fact", "old": "0", "new": "10"}]
    assert {"figure": "rel_deviation", "old": "0.00", "new": "100.00"} in entries[0]["figures"]
    assert entries[2]["row"]["date"] == "2021-06-01"
    assert {"figure": "rating", "old": "средняя", "new": "высокая"} in data["evaluation"]
    expenses = next(g for g in data["groups"] if g["group"] == "expenses")
    assert expenses["totals"][0]["code"] == "04.0.00.0"
    same = json.loads(run(capsys, str(SEED), str(SEED), "--json")[1])
    assert not same["different"] and all(not g["entries"] for g in same["groups"])


def test_control_characters_from_the_data_are_shown_not_sent(pair, capsys):
    hostile = edit(SEED_TEXT, 'summary = "О внесении изменений"',
                   'summary = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b6n"')
    old, new = pair(hostile)
    code, out, _ = run(capsys, str(old), str(new))
    assert code == 1 and "␛]0;owned␇␛[2J\\x9b6n" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    code, out, _ = run(capsys, str(old), str(new), "--json")
    assert not any(ch in out for ch in "\x1b\x07\x9b") and "\\u009b" in out


@pytest.mark.parametrize("args, message", [
    (["only.toml"], "kedr-tui diff: укажите два файла"),
    (["a.toml", "b.toml", "--rev", "HEAD"], "kedr-tui diff: с --rev указывается один файл"),
])
def test_usage_errors_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1


def test_unusable_files_exit_2_with_their_place(pair, tmp_path, capsys):
    old, new = pair(edit(SEED_TEXT, "plan = 90\n", "plan = = 90\n"))
    code, out, err = run(capsys, str(old), str(new))
    assert code == 2 and out == ""
    assert err.startswith(f"{new}:37:8: E-SYNTAX") and err.count("\n") == 1
    _, new = pair(edit(SEED_TEXT, "plan = 90\n", "plan = 90\nplna = 1\n"))
    code, _, err = run(capsys, str(old.with_name("gone.toml")), str(new))
    assert (code, err) == (2, f"{old.with_name('gone.toml')}: файл не найден\n")
    code, _, err = run(capsys, str(SEED), str(new))
    assert code == 2 and err.startswith(f"{new}:38:1: E-SCHEMA") and "сравнение невозможно" in err


def test_two_years(tmp_path, capsys):
    from tests.core.test_diff import next_year

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2021.toml").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "2022.toml").write_text(next_year(SEED_TEXT), encoding="utf-8")
    code, out, _ = run(capsys, str(folder / "2021.toml"), str(folder / "2022.toml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[2].startswith("Сравнение разных лет: 2021 → 2022.")
    window = next(i for i, line in enumerate(lines) if "«одного окна»" in line)
    assert lines[window].startswith("~ ")
    assert lines[window + 1] == "    план: 90 → 90 · факт: 99,5 → 99,7"
    assert lines[window + 2] == "  ! факт 2021 и «факт прошлого года» в 2022: 99,5 ≠ 98"
    assert "− Показатель цели «Уровень удовлетворённости" in out
    assert "+ Показатель задачи 3 «Доля электронного документооборота»" in out
    assert "+ Мероприятие 04.0.03.2" in out
    same = next(i for i, line in enumerate(lines) if "административные регламенты" in line)
    assert lines[same].startswith("= ")
    assert lines[same + 1] == "    план: 100 → 100 · факт: 100 → 100 · факт 2021 = «факт прошлого года» 2022 (100)"


# ---------------------------------------------------------------- as a process: colour

def _cli() -> list[str]:
    exe = shutil.which("kedr-tui", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "kedr_tui"]


def test_colour_only_when_asked_or_on_a_terminal(pair):
    old, new = pair(three_changes())
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    piped = subprocess.run([*_cli(), "diff", str(old), str(new)], capture_output=True, env=env)
    assert piped.returncode == 1 and b"\x1b[" not in piped.stdout
    forced = subprocess.run([*_cli(), "diff", str(old), str(new), "--color", "always"],
                            capture_output=True, env=env)
    assert b"\x1b[31m\xe2\x88\x92 " in forced.stdout and b"\x1b[32m+ " in forced.stdout
    import pty

    for no_color, coloured in ((None, True), ("1", False)):
        leader, follower = pty.openpty()
        run_env = dict(env, **({"NO_COLOR": no_color} if no_color else {}))
        proc = subprocess.Popen([*_cli(), "diff", str(old), str(new)], stdout=follower,
                                stderr=subprocess.DEVNULL, env=run_env)
        os.close(follower)
        data = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        os.close(leader)
        assert proc.wait(timeout=60) == 1
        assert (b"\x1b[33m~ " in data) == coloured


# ---------------------------------------------------------------- git

def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"})
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "reports").mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "config", "user.name", "Тест")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copy(Path(__file__).resolve().parents[2] / ".gitattributes", root / ".gitattributes")
    (root / "reports" / "2021.toml").write_text(SEED_TEXT, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "отчёт")
    return root


def test_a_version_from_git_leaves_no_files(repo, capsys, monkeypatch, tmp_path):
    report = repo / "reports" / "2021.toml"
    report.write_text(three_changes(), encoding="utf-8")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    before = sorted(p.name for p in repo.rglob("*") if ".git" not in p.parts)
    code, out, err = run(capsys, str(report), "--rev", "HEAD")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"--- {report}@HEAD (2021)" and body(out) == THREE
    assert sorted(p.name for p in repo.rglob("*") if ".git" not in p.parts) == before
    assert list((tmp_path / "tmp").iterdir()) == []
    assert run(capsys, str(report), "--rev", "HEAD~3")[::2] == (
        2, f"{report}@HEAD~3: в репозитории нет версии «HEAD~3»\n")
    assert run(capsys, str(repo / "reports" / "2020.toml"), "--rev", "HEAD")[::2] == (
        2, f"{repo / 'reports' / '2020.toml'}@HEAD: в версии «HEAD» нет файла 2020.toml\n")
    outside = tmp_path / "outside" / "2021.toml"
    outside.parent.mkdir()
    outside.write_text(SEED_TEXT, encoding="utf-8")
    code, _, err = run(capsys, str(outside), "--rev", "HEAD")
    assert code == 2 and "не в репозитории git" in err


def test_git_diff_shows_the_report_diff(repo, pair):
    git(repo, "config", "diff.kedr.command", " ".join([*_cli(), "diff", "--git-external"]))
    report = repo / "reports" / "2021.toml"
    report.write_text(three_changes(), encoding="utf-8")
    shown = git(repo, "diff")
    old, new = pair(three_changes())
    ours = subprocess.run([*_cli(), "diff", str(old), str(new)], capture_output=True, text=True)
    assert shown.splitlines()[:2] == ["--- a/reports/2021.toml (2021)", "+++ b/reports/2021.toml (2021)"]
    assert body(shown) == body(ours.stdout) == THREE
    git(repo, "commit", "-q", "-am", "три правки")
    log = git(repo, "log", "-p", "--ext-diff", "--format=commit %s")
    assert log.startswith("commit три правки\n\n--- a/reports/2021.toml (2021)\n")
    assert THREE in log


def test_git_diff_of_spelling_only_says_so(repo):
    git(repo, "config", "diff.kedr.command", " ".join([*_cli(), "diff", "--git-external"]))
    text = SEED_TEXT
    for old_part, new_part in SPELLING:
        text = edit(text, old_part, new_part)
    (repo / "reports" / "2021.toml").write_text(text, encoding="utf-8")
    shown = git(repo, "diff")
    assert shown.splitlines()[2].startswith("Отличий в данных нет")


def test_git_diff_of_a_broken_version_falls_back_to_lines(repo):
    git(repo, "config", "diff.kedr.command", " ".join([*_cli(), "diff", "--git-external"]))
    (repo / "reports" / "2021.toml").write_text(edit(SEED_TEXT, "plan = 90\n", "plan = = 90\n"),
                                                encoding="utf-8")
    shown = git(repo, "diff")
    first, *rest = shown.splitlines()
    assert first.startswith("b/reports/2021.toml:37:8: E-SYNTAX") and first.endswith("ниже — построчное сравнение")
    assert "-plan = 90" in rest and "+plan = = 90" in rest


# ---------------------------------------------------------------- big reports: read side by side

FORKED = """\
import sys
import kedr_tui.core.loading as loading
loading.PARALLEL_BYTES = 0           # read side by side whatever the size
from kedr_tui.cli import main
raise SystemExit(main(["diff", *sys.argv[1:]]))
"""


def test_reading_side_by_side_gives_the_same_listing_and_errors(pair):
    old, new = pair(three_changes())
    done = subprocess.run([sys.executable, "-c", FORKED, str(old), str(new)], capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stderr) == (1, "") and body(done.stdout) == THREE
    broken = edit(SEED_TEXT, "plan = 90\n", "plan = = 90\n")
    for old_text, new_text, culprit in ((broken, SEED_TEXT, old), (SEED_TEXT, broken, new),
                                        (broken, broken, old)):
        old, new = pair(new_text, old_text)
        done = subprocess.run([sys.executable, "-c", FORKED, str(old), str(new)], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith(f"{culprit}:37:8: E-SYNTAX") and done.stderr.count("\n") == 1


def test_two_years_show_the_justifications_side_by_side(tmp_path, capsys):
    """Across years a deviation's explanation goes with plan and fact (it was not compared:
    a changed «обоснование» was no difference), and is escaped like every text."""
    from tests.core.test_diff import next_year

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2021.toml").write_text(SEED_TEXT, encoding="utf-8")
    text = edit(next_year(SEED_TEXT), 'justification = "Отсутствовали заявки по ЦОДу"',
                'justification = "Заявки\\u2028поданы поздно"')
    text = edit(text, 'justification = "Не выполнение кассового плана',
                'justification = "Экономия\\u0085по договору; Не выполнение кассового плана')
    (folder / "2022.toml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, str(folder / "2021.toml"), str(folder / "2022.toml"))
    assert code == 1 and "\u2028" not in out and "\x85" not in out
    lines = out.splitlines()
    trainees = next(i for i, line in enumerate(lines) if "цифровой грамотности" in line)
    assert lines[trainees + 1] == ("    план: 10 → 15 · факт: 0 → 12 · обоснование: Отсутствовали заявки по ЦОДу"
                                   " → Заявки\\u2028поданы поздно · факт 2021 = «факт прошлого года» 2022 (0)")
    culture = next(i for i, line in enumerate(lines) if line.startswith("~ Расход 04.0.02.4"))
    assert lines[culture + 1:culture + 4] == [
        "    обоснование:",
        "      − Не выполнение кассового плана произошла из-за уменьшения премии специалисту газеты «В краю "
        "кедровом» и больничные листы в течение года, в связи с уменьшением работы специалиста по верстки "
        "газеты, сложилась экономия по договору услуг за связь",
        "      + Экономия\\x85по договору; Не выполнение кассового плана произошла из-за уменьшения премии "
        "специалисту газеты «В краю кедровом» и больничные листы в течение года, в связи с уменьшением "
        "работы специалиста по верстки газеты, сложилась экономия по договору услуг за связь"]
    code, out, _ = run(capsys, str(folder / "2021.toml"), str(folder / "2022.toml"), "--json")
    assert code == 1 and "\u2028" not in out and "\x85" not in out
    fields = [f for group in json.loads(out)["groups"] for entry in group["entries"]
              for f in entry["fields"]
              if f.get("field") == "justification"]
    assert {(f["old"], f["new"]) for f in fields} >= {
        ("Отсутствовали заявки по ЦОДу", "Заявки\u2028поданы поздно")}
    assert "Заявки\\u2028поданы поздно" in out      # escaped in the JSON text (json_safe)


def test_a_line_break_in_a_justification_compared_across_years_stays_on_its_line(tmp_path, capsys):
    """Across years a justification is printed inside the indicator's line: a «\\n» in it
    (a TOML escape) ended that line, and what followed read as a line of its own."""
    from tests.core.test_diff import next_year

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2021.toml").write_text(SEED_TEXT, encoding="utf-8")
    text = edit(next_year(SEED_TEXT), 'justification = "Отсутствовали заявки по ЦОДу"',
                'justification = "Заявки\\n! факт 2021 и прошлый год в 2022: 1 ≠ 2"')
    (folder / "2022.toml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, str(folder / "2021.toml"), str(folder / "2022.toml"))
    assert code == 1
    assert "обоснование: Отсутствовали заявки по ЦОДу → Заявки␊! факт 2021 и прошлый год" in out
    assert not [line for line in out.splitlines() if line.startswith("! факт 2021 и прошлый")]
