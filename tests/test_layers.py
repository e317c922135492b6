"""The layers, statically: the import-linter contracts in pyproject.toml hold.

The core imports neither the view, the app, the export nor Textual; the view imports
no Textual; the export nothing of the app.  The subprocess tests in
``core/test_import_hygiene.py`` prove what is *loaded* at run time; these prove what
is *written*, lazy imports inside functions included.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RUN = ("import sys\n"
       "from importlinter.cli import lint_imports\n"
       "sys.exit(lint_imports(config_filenames=('pyproject.toml',), no_cache=True, no_logo=True))")


def test_the_import_contracts_are_kept():
    done = subprocess.run([sys.executable, "-c", RUN], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 5 kept, 0 broken." in done.stdout


VIEW = ["kedr_tui.view." + name for name in
        ("columns", "rows", "detail", "navigate", "fields", "structure", "review")]


@pytest.mark.parametrize("module", VIEW)
def test_a_view_module_loads_no_textual(module):
    out = subprocess.run([sys.executable, "-c", f"import {module}, sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    assert not {m for m in out.split() if m.split(".")[0] == "textual"}
