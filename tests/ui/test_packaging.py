"""The app's start-up path stays lean, and its looks come from ``styles/`` wherever it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kedr_tui.styles import styles_dir


def test_the_app_does_not_import_writers_or_renderers_to_start():
    code = ("import sys, kedr_tui.ui.app; "
            "heavy = [m for m in ('tomlkit', 'tabulate', 'fpdf', 'textual.widgets._text_area') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_stylesheet_is_found_through_the_styles_helper():
    from kedr_tui.ui.app import KedrApp

    paths = [Path(p) for p in KedrApp.CSS_PATH]
    assert paths and all(p.is_file() and p.parent == styles_dir() for p in paths)
