"""The detail pane's drawing of long texts."""

from __future__ import annotations

from rich.text import Text

from tests.ui.conftest import running


async def test_a_number_is_never_broken_at_its_no_break_space(seed):
    """«ниже плана 1 000,00» was drawn «… ниже плана 1» / «000,00, …» when the line was full
    at the number: Rich breaks after any Unicode space, the no-break one too."""
    async with running(seed) as (app, pilot):
        pane = app.report_screen.views["indicators"].detail
        width = pane.content_region.width - 1
        for words in range(width // 2 - 8, width // 2 + 1):
            for lead in ("", "б"):   # every place of the number at the end of the first line
                pane.show(Text(lead + "а " * words + "плана 1\u00a0000,00, нет обоснования"))
                await pilot.pause()
                lines = [pane.render_line(y).text for y in range(pane.content_region.height)]
                assert any("1\u00a0000,00" in line for line in lines), (words, lead, lines)
                assert not any(line.startswith("000,00") for line in lines), (words, lead, lines)
