"""A save's text made in a forked child (core/store/apart.py) is the text made here."""

from __future__ import annotations

from pathlib import Path

from kedr_tui.core.edits import DeleteRow
from kedr_tui.core.operations import add_executor
from kedr_tui.core.store import read_report
from kedr_tui.core.store.apart import render_apart
from kedr_tui.core.store.writeback import render
from tests.gen import generate


def test_the_child_makes_the_same_text_for_rows_added_and_removed(tmp_path: Path):
    path = tmp_path / "2021.toml"
    path.write_text(generate(n_indicators=20, n_expenses=60, seed=5), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    base = read_report(path).report
    report = add_executor(base, base.expenses[3].code).apply(base)
    report = DeleteRow("indicators", 2, report.indicators[2]).apply(report)
    here = render(report, text, base)
    assert here != text
    assert render_apart(report, text, base, at_least=0) == here


def test_a_failing_child_leaves_the_text_to_be_made_here(tmp_path: Path, monkeypatch):
    import kedr_tui.core.store.apart as apart

    calls = []

    def render_once_failing(report, text, base):
        calls.append(1)
        if len(calls) == 1 and __import__("os").getpid() != parent:
            raise RuntimeError("child fails")
        return "made"

    parent = __import__("os").getpid()
    monkeypatch.setattr(apart, "render", render_once_failing)
    assert apart.render_apart(None, "x", None, at_least=0) == "made"
