"""Rows that belong together stay on one page."""

from __future__ import annotations

from pathlib import Path

from kedr_tui.export.pdf import render_pdf
from tests.export.conftest import analysis_of, pdf_pages

OTHER_TOWN = Path(__file__).with_name("other_town_2022.toml")


def test_a_task_heading_is_never_the_last_row_of_a_page():
    """Another town's programme (subprogrammes, five tasks): «Задача 2. Задача два» ended
    page 2 alone, its main activity's total (kept with its first executor) on page 3."""
    pages = pdf_pages(render_pdf(analysis_of(OTHER_TOWN.read_text(encoding="utf-8"))))
    for number, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("стр.")]
        assert not body[-1].startswith("Задача"), (number, body[-3:])
