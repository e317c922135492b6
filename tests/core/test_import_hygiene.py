"""The core and ``check`` never load Textual, fpdf2 or tabulate (proved in a fresh interpreter)."""

import subprocess
import sys

import pytest

CORE = ["kedr_tui.core." + name for name in
        ("model", "numbers", "formula", "locate", "schema", "derive", "checks", "analysis", "edits",
         "session", "store", "newyear", "errors", "diff", "identity", "safe_text", "store.versions",
         "review", "reviewing", "store.review", "loading", "editing",
         "journaling")]


def loaded_modules(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_ui(module):
    modules = loaded_modules(f"import {module}")
    assert not {m for m in modules if m.split(".")[0] in ("textual", "fpdf", "tabulate", "rich")}


def test_check_command_path_is_lean(tmp_path):
    code = ("import sys; from kedr_tui.cli import main\n"
            "sys.stdout = open('/dev/null', 'w')\n"
            "main(['check', 'reports/2021.toml'])\nsys.stdout = sys.__stdout__")
    modules = loaded_modules(code)
    heavy = {m.split(".")[0] for m in modules} & {"textual", "fpdf", "tabulate", "rich", "tomlkit"}
    assert heavy == set()
    # checking makes no edit and recovers nothing
    assert not modules & {"kedr_tui.core.edits", "kedr_tui.core.recovery", "kedr_tui.core.history"}


def test_json_export_does_not_load_fpdf(tmp_path):
    code = ("import sys; from kedr_tui.cli import main\n"
            f"main(['export', 'reports/2021.toml', '--json', r'{tmp_path / 'o.json'}'])")
    modules = loaded_modules(code)
    assert not {m for m in modules if m.split(".")[0] in ("textual", "fpdf")}


def test_diff_command_path_is_lean():
    code = ("import sys; from kedr_tui.cli import main\n"
            "sys.stdout = open('/dev/null', 'w')\n"
            "main(['diff', 'reports/2021.toml', 'reports/2021.toml'])\nsys.stdout = sys.__stdout__")
    modules = loaded_modules(code)
    heavy = {m.split(".")[0] for m in modules} & {"textual", "fpdf", "tabulate", "rich", "tomlkit"}
    assert heavy == set()
