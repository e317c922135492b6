"""fpdf2 takes a fifth of a second to import: only making a PDF may load it."""

import subprocess
import sys

import pytest

from tests.conftest import SEED


def loaded_modules(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


@pytest.mark.parametrize("module", ["kedr_tui.export.layout", "kedr_tui.export.text",
                                    "kedr_tui.export.pdf", "kedr_tui.export.pdftable"])
def test_importing_an_export_module_does_not_load_fpdf(module):
    modules = loaded_modules(f"import {module}")
    assert "fpdf" not in modules and "textual" not in modules


def test_the_text_output_never_loads_fpdf():
    modules = loaded_modules("from kedr_tui.core.loading import load\n"
                             "from kedr_tui.export.text import render_text\n"
                             f"render_text(load(r'{SEED}').analysis)")
    assert "fpdf" not in modules and "tabulate" in modules


def test_making_a_pdf_loads_fpdf_and_not_tabulate():
    modules = loaded_modules("from kedr_tui.core.loading import load\n"
                             "from kedr_tui.export.pdf import render_pdf\n"
                             f"render_pdf(load(r'{SEED}').analysis)")
    assert "fpdf" in modules and "tabulate" not in modules
