"""Plain-text output: the seed against its golden file, widths, and style errors.

After an intended change of the output, rewrite the golden file with
``KEDR_UPDATE_GOLDEN=1 python -m pytest tests/export/test_text.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kedr_tui import styles
from kedr_tui.export.text import fit_widths, render_text, wrap_lines
from kedr_tui.styles import StyleError
from tests.conftest import assert_golden
from tests.export.conftest import analysis_of
from tests.gen import generate

GOLDEN = Path(__file__).parent / "golden" / "2021.txt"
NB = "\u00a0"


@pytest.fixture(scope="module")
def seed_text(seed) -> str:
    return render_text(seed)


def test_seed_matches_the_golden_file(seed_text):
    assert_golden(GOLDEN, seed_text)


def test_seed_has_every_part_in_order(seed_text):
    marks = ["ОТЧЕТ", "Форма 1. Отчет о достигнутых значениях", "Показатели цели «Создание",
             "Форма 2. Отчет о расходах", "Задача 1. Повышение качества", "Форма 3. Сведения",
             "Оценка эффективности реализации", "Доклад о ходе реализации",
             "Информация о достигнутых показателях", "Мэр города Кедрового", "Исполнитель:"]
    places = [seed_text.index(mark) for mark in marks]
    assert places == sorted(places)


def test_seed_shows_computed_values_not_published_ones(seed_text):
    portal = next(line for line in seed_text.splitlines() if "−8,8" in line)
    cells = [cell.strip() for cell in portal.split("|")]
    assert cells[4:10] == ["93", "100", "91,2", "−8,8", "91,20", "98,06"]
    assert f"1{NB}129,01" in seed_text and f"1{NB}097,79" in seed_text and "97,23" in seed_text
    assert "средняя (ЭР = 0,8533)" in seed_text


def test_no_line_is_wider_than_160(seed_text):
    assert max(len(line) for line in seed_text.splitlines()) <= 160


def test_a_generated_report_stays_within_160_columns():
    text = render_text(analysis_of(generate(n_indicators=40, n_expenses=120, seed=3)))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 160
    assert len(lines) > 500


def test_signature_block_position_left_name_right(seed_text):
    line = next(line for line in seed_text.splitlines() if line.startswith("Мэр города Кедрового"))
    assert line.endswith("Н.А. Соловьева") and len(line) == 110
    tail = seed_text.rstrip("\n").splitlines()[-2:]
    assert tail == ["Исполнитель:", "Узварик В.П."]


def test_wrap_keeps_numbers_whole_and_breaks_after_hyphens():
    assert wrap_lines(f"итого 1{NB}129,01 тыс.", 9) == ["итого", f"1{NB}129,01", "тыс."]
    assert wrap_lines("социально-экономического развития", 14) == [
        "социально-", "экономического", "развития"]
    assert wrap_lines("абвгдеёжзийклмн", 5) == ["абвгд", "еёжзи", "йклмн"]
    assert wrap_lines("два слова", 20, indent=4) == ["    два слова"]


def test_fit_widths_widens_for_the_longest_word_without_growing():
    widths = fit_widths([4, 30, 4], [["ab"], ["короткие слова"], ["мониторингу"]], 20)
    assert widths[2] == 11 and sum(widths) == 38 and widths[1] == 23


def form3_lines(text: str) -> list[str]:
    return text.split("Форма 3.")[1].split("Оценка эффективности")[0].splitlines()


def test_column_widths_come_from_the_style(seed, style_folder):
    act = "Постановление Администрации города Кедрового"
    assert any(act in line for line in form3_lines(render_text(seed)))
    path = style_folder / "text.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "form3 = [4, 50, 10, 10, 60]", "form3 = [4, 30, 10, 10, 30]"), encoding="utf-8")
    styles.load_style.cache_clear()
    lines = form3_lines(render_text(seed))
    assert not any(act in line for line in lines)
    assert any("| Постановление Администрации " in line for line in lines)
    assert max(len(line) for line in lines if line.startswith("+")) <= 4 + 30 + 10 + 10 + 30 + 16


@pytest.mark.parametrize("old, new, key", [
    ("form1 = [3, 29,", "form1 = [29,", "widths.form1"),
    ('format = "grid"', 'format = "no-such-format"', "table.format"),
    ("width = 160", "width = 100", "widths.form1"),
    ("prose_width = 110", 'prose_width = "wide"', "page.prose_width"),
])
def test_a_bad_style_names_the_file_and_key(seed, style_folder, old, new, key):
    path = style_folder / "text.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        render_text(seed)
    assert str(path) in str(caught.value) and key in str(caught.value)
    assert caught.value.exit_code == 2


def test_a_missing_style_file_is_a_style_error(seed, style_folder):
    (style_folder / "text.toml").unlink()
    with pytest.raises(StyleError, match="text.toml: файл оформления не найден"):
        render_text(seed)


def test_export_dash_writes_to_stdout_not_a_file_named_dash(seed_copy, tmp_path):
    """`--txt -` and `--pdf -` go to stdout like `--json -` (and `protocol --txt -`):
    they used to create a file called «-» in the current folder."""
    import subprocess
    import sys

    here = tmp_path / "here"
    here.mkdir()

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kedr_tui", "export", str(seed_copy), *args],
                              cwd=here, capture_output=True, timeout=120)

    text = run("--txt", "-")
    assert text.returncode == 0 and text.stderr == b""
    out = text.stdout.decode("utf-8")
    assert "Форма 2. Отчет о расходах" in out and "1\u00a0129,01" in out and "97,23" in out
    pdf = run("--pdf", "-")
    assert pdf.returncode == 0 and pdf.stdout.startswith(b"%PDF-") and pdf.stdout.rstrip().endswith(b"%%EOF")
    assert list(here.iterdir()) == []


def test_a_pdf_is_never_written_onto_a_terminal(seed_copy, tmp_path):
    """`--pdf -` with stdout a terminal: a PDF's bytes would reach it as control sequences
    (data is untrusted all the way to the terminal), so it is refused with the reason, exit 2."""
    import os
    import pty
    import subprocess
    import sys

    here = tmp_path / "here"
    here.mkdir()
    main_end, child_end = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "kedr_tui", "export", str(seed_copy), "--pdf", "-"],
                              cwd=here, stdout=child_end, stderr=subprocess.PIPE, timeout=120)
        os.close(child_end)
        child_end = None
        written = b""
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:           # (Linux: EIO once the child's end is closed and drained)
                break
            if not chunk:
                break
            written += chunk
    finally:
        if child_end is not None:
            os.close(child_end)
        os.close(main_end)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8").strip() == (
        "-: PDF не выводится в терминал (его байты терминал принял бы за команды): "
        "укажите файл или перенаправьте вывод, например > отчёт.pdf")
    assert b"%PDF" not in written and list(here.iterdir()) == []


@pytest.mark.parametrize("command, args", [
    ("export", ["--txt", "-", "--json", "-"]),
    ("export", ["--json", "-", "--pdf", "-"]),
])
def test_two_outputs_to_stdout_are_refused(seed_copy, tmp_path, capsys, command, args):
    # `--json - --pdf -` wrote the JSON and then the PDF's bytes into one stream, exit 0
    from kedr_tui.cli import main

    assert main([command, str(seed_copy), *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "-: на стандартный вывод («-») идёт только один вывод, а указано два"


def test_files_written_beside_an_output_to_stdout_are_named_on_stderr(seed_copy, tmp_path,
                                                                      capsys, monkeypatch):
    # `--json - --txt`: «out/2021.txt» was printed into the JSON on stdout
    import json

    from kedr_tui.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["export", str(seed_copy), "--json", "-", "--txt"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["year"] == 2021
    assert err.strip() == str(Path("out") / "2021.txt")
    assert (tmp_path / "out" / "2021.txt").is_file()
