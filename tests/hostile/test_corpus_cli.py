"""Every hostile case through ``check``, ``export`` (PDF, text, JSON to files and to stdout)
and ``new``: exit ≤ 2, one line per problem, bounded time, input unchanged, no raw control
byte in any stream or text file.  Run in process (the CLI's ``main``) with a SIGALRM deadline:
a FIFO that made ``open`` wait for ever fails the case instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess

import pytest

from corpus import CASES, RAW_PAYLOAD
from harness import (assert_clean_file, assert_clean_stream, assert_one_line_per_problem, deadline,
                     hold_lock, snapshot, unchanged)
from kedr_tui.cli import main


def _run(argv, capsys, what):
    with deadline(60, what):
        code = main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), f"{what}: exit {code}\n{err[-1000:]}"
    assert_clean_stream(out, f"{what} stdout")
    assert_clean_stream(err, f"{what} stderr")
    return code, out, err


def _setup_extras(case, report, tmp_path):
    extras = []
    notes = case.notes
    if notes.get("hold_lock"):
        extras.append(hold_lock(report, notes.get("note")))
    if notes.get("plant_tmp"):
        (tmp_path / "out").mkdir()
        victim = tmp_path / "victim.txt"
        victim.write_text("не трогать")
        for kind in ("pdf", "txt", "json"):
            (tmp_path / "out" / f".2021.{kind}.tmp").symlink_to(victim)
    if notes.get("plant_target"):
        (tmp_path / "out").mkdir()
        victim = tmp_path / "victim.txt"
        victim.write_text("не трогать")
        (tmp_path / "out" / "2021.txt").symlink_to(victim)
    if notes.get("out_is_file"):
        (tmp_path / "out").write_text("a file where the output folder should be")
    return extras


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_through_the_cli(case, tmp_path, monkeypatch, capsys):
    report = case.build(tmp_path)
    extras = _setup_extras(case, report, tmp_path)
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    try:
        code, out, err = _run(["check", str(report)], capsys, f"{case.id}: check")
        assert code in case.check_exit, (code, out, err)
        if case.expect_in_check:
            assert case.expect_in_check in out + err, out + err
        assert_one_line_per_problem(out, err, f"{case.id}: check")
        # every export format, to default paths (out/2021.*) and to named ones
        code, out, err = _run(["export", str(report)], capsys, f"{case.id}: export")
        assert_one_line_per_problem(out, err, f"{case.id}: export")
        if code == 0:
            for kind in ("txt", "json"):
                assert_clean_file(tmp_path / "out" / f"2021.{kind}", case.id)
        code, out, err = _run(["export", str(report), "--txt", "o/r.txt", "--json", "o/r.json"],
                              capsys, f"{case.id}: export --txt --json")
        for name in ("r.txt", "r.json"):
            assert_clean_file(tmp_path / "o" / name, case.id)
        _run(["export", str(report), "--json", "-"], capsys, f"{case.id}: export --json -")
        code, out, err = _run(["new", "2022", "--from", str(report)], capsys, f"{case.id}: new")
        assert_one_line_per_problem(out, err, f"{case.id}: new")
        new = report.with_name("2022.toml")
        if code == 0:
            assert_clean_file(new, f"{case.id}: new")
    finally:
        for lock in extras:
            lock.release()
    after = snapshot(tmp_path)
    unchanged({p: w for p, w in before.items() if "/out/" not in p and "/o/" not in p}, after)
    if case.notes.get("plant_tmp") or case.notes.get("plant_target"):
        assert (tmp_path / "victim.txt").read_text() == "не трогать"


def test_the_payload_is_what_the_issue_names():
    for needle in ("\x1b]0;", "\x1b[2J", "\x1b[6n", "\x9b", "\x07", "\x08", "\x7f", "\x00", "\x1a"):
        assert needle in RAW_PAYLOAD
