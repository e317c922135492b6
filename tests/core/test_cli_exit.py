"""The ``kedr-tui`` command exits cheaply: ``cli.run`` freezes what the command left alive,
so Python's collections at exit skip it (0.1 s of CPU after ``export --pdf``)."""

from __future__ import annotations

import gc
import sys
import tomllib
from pathlib import Path

from kedr_tui import cli
from tests.conftest import SEED

ROOT = Path(__file__).parents[2]


def test_the_console_command_is_run_and_python_m_too():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts["kedr-tui"] == "kedr_tui.cli:run"
    assert "raise SystemExit(run())" in (ROOT / "kedr_tui" / "__main__.py").read_text("utf-8")


def test_run_does_the_command_then_freezes_the_collector(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["kedr-tui", "check", str(SEED)])
    gc.unfreeze()
    try:
        assert cli.run() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    out, err = capsys.readouterr()
    assert ": W-FORMULA " in out + err
