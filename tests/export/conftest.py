from __future__ import annotations

from io import BytesIO

import pytest

from kedr_tui.core.analysis import Analysis, Context, analyse
from kedr_tui.core.schema import parse
from kedr_tui.core.loading import load
from kedr_tui.export.pdf import render_pdf
from tests.conftest import SEED


def analysis_of(text: str) -> Analysis:
    """Analyse a report given as TOML text (no file: no year-from-name, no last year)."""
    parsed = parse(text)
    assert parsed.report is not None, parsed.findings
    return analyse(parsed.report, Context(parsed.locator), parsed.findings)


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page, as pypdf extracts it, with no-break spaces made plain."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    return [page.extract_text().replace("\u00a0", " ") for page in reader.pages]


@pytest.fixture(scope="session")
def seed() -> Analysis:
    loaded = load(SEED)
    assert loaded.analysis is not None and not loaded.has_errors
    return loaded.analysis


@pytest.fixture(scope="session")
def seed_pdf(seed) -> bytes:
    return render_pdf(seed)


@pytest.fixture
def style_folder(tmp_path, monkeypatch):
    """A private copy of styles/ that a test may spoil."""
    import shutil

    from kedr_tui import styles

    folder = tmp_path / "styles"
    shutil.copytree(styles.styles_dir(), folder)
    monkeypatch.setattr(styles, "styles_dir", lambda: folder)
    styles.load_style.cache_clear()
    yield folder
    styles.load_style.cache_clear()
