"""Every argument of every command, given wrong: one Russian line about *that* argument,
in its own words (a year is not told about money), exit 2, nothing written.

``kedr-tui new abc`` once said «год: «abc» — не число (пример: 1 129,01)»: a money
example for a year, after argparse's English «argument year:».
"""

from __future__ import annotations

import re

import pytest

from kedr_tui.cli import main
from kedr_tui.core.numbers import NumberError, parse_integer

LATIN_WORDS = re.compile(r"\b(argument|invalid|choose|required|expected|unrecognized|usage)\b")


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exc:    # argparse's own exit
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("args", "said"), [
    (["new", "abc"], "год должен быть числом, например 2022, а не «abc»"),
    (["new", "2022.5"], "год должен быть числом, например 2022, а не «2022.5»"),
    (["new", "две тысячи"], "год должен быть числом, например 2022"),
    (["new", ""], "год должен быть числом, например 2022"),
    (["new", "20222"], "год 20222 вне диапазона 1900–2999 (например, 2022)"),
    (["new", "-5"], "год -5 вне диапазона 1900–2999 (например, 2022)"),
    (["new"], "не указано: год"),
    (["check"], "не указано: файл отчёта"),
    (["export"], "не указано: файл отчёта"),
    (["diff", "--color", "bad", "a", "b"], "--color: нет значения «bad»; можно: auto, always, never"),
    (["diff", "a", "b", "--rev"], "--rev: нужно значение"),
    (["check", "--strictt", "a.toml"], "лишние аргументы: --strictt"),
    (["new", "2022", "extra"], "лишние аргументы: extra"),
    (["diff", "only.toml"], "kedr-tui diff: укажите два файла"),
])
def test_a_wrong_argument_is_told_in_its_own_words(capsys, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert said in err, err
    assert "1 129,01" not in err                      # no money example for a year
    assert not LATIN_WORDS.search(err), err           # argparse's English is translated
    assert list(tmp_path.iterdir()) == []             # nothing written


@pytest.mark.parametrize(("args", "said"), [
    (["new", "20\x1b[2J"], "«20␛[2J»"),
    (["check", "--\x1b]0;x\x07", "a.toml"], "лишние аргументы: --␛]0;x␇"),
    (["diff", "--color", "\x9b2J", "a", "b"], "нет значения «\\x9b2J»"),
])
def test_a_wrong_argument_reaches_the_terminal_made_safe(capsys, tmp_path, monkeypatch,
                                                          args, said):
    # argparse repeats the argument in its message; an escape sequence in it (a pasted
    # name, a file name from a glob) was written to the terminal raw
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert said in err, err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err
    assert err.endswith("\n") and "␊" not in err      # its line break stays a real one


@pytest.mark.parametrize("make", ["folder", "missing"])
@pytest.mark.parametrize("command", [["check"], ["export"], ["new", "2022", "--from"],
                                     ["protocol"]])
def test_a_report_argument_that_is_no_file(capsys, tmp_path, monkeypatch, command, make):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "2021.toml"
    if make == "folder":
        target.mkdir()
    code, out, err = run(capsys, *command, str(target))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"{target}: ")
    assert ("это папка, а не файл" if make == "folder" else "файл не найден") in err


@pytest.mark.parametrize("kind", ["--pdf", "--txt", "--json"])
def test_an_export_into_a_folder_says_so(capsys, tmp_path, kind):
    from tests.conftest import SEED

    report = tmp_path / "2021.toml"
    report.write_bytes(SEED.read_bytes())
    (tmp_path / "out").mkdir()
    code, out, err = run(capsys, "export", str(report), kind, str(tmp_path / "out"))
    assert code == 2 and out == ""
    assert err.startswith(f"{tmp_path / 'out'}: не удалось записать: на этом месте папка")


@pytest.mark.parametrize(("text", "said"), [
    ("abc", "«abc» — не число (пример: 2)"),
    ("12a", "«12a» — не число (пример: 2)"),
    ("--5", "«--5» — не число (пример: 2)"),
    ("1.5", "«1.5» — не целое число"),
])
def test_a_whole_number_is_asked_for_with_a_whole_example(text, said):
    """A task's number in the app's editor, like the year: no «1 129,01» as the example."""
    with pytest.raises(NumberError) as caught:
        parse_integer(text)
    assert str(caught.value) == said


@pytest.mark.parametrize("text", ["2", "−5", "–5", "1 000", "+3", "2022"])
def test_whole_numbers_still_read(text):
    assert parse_integer(text) == int(text.replace("−", "-").replace("–", "-").replace(" ", ""))


def test_since_a_version_that_is_not_there(capsys, tmp_path, monkeypatch):
    import subprocess

    from tests.conftest import SEED

    monkeypatch.chdir(tmp_path)
    report = tmp_path / "2021.toml"
    report.write_bytes(SEED.read_bytes())
    code, out, err = run(capsys, "--since", "nosuch", str(report))
    assert (code, out) == (2, "") and err == f"{report}@nosuch: папка «{tmp_path}» не в репозитории git\n"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "2021.toml"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    code, out, err = run(capsys, "--since", "HEAD~3", str(report))
    assert (code, out) == (2, "") and err == f"{report}@HEAD~3: в репозитории нет версии «HEAD~3»\n"
    (tmp_path / "folder").mkdir()
    code, out, err = run(capsys, "--since", str(tmp_path / "folder"), str(report))
    assert (code, out) == (2, "") and err == f"{tmp_path / 'folder'}: это папка, а не файл\n"
