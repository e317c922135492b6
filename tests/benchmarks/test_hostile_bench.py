"""Line breaking is linear in the text (issue 11, class 6): a justification of 10 000 «а-»
pairs took 16 s to typeset (the hyphen splitter re-measured every prefix), a 100 000-letter
word 49 s and 530 MB.  Timed at a quarter, half and the whole size: linear work doubles
when the size doubles, quadratic work quadruples.

Supported (docs/safety.md): a report of up to 64 MB; any single text (a word of a million
letters included) is wrapped in time linear in its length.
"""

from __future__ import annotations

import time

import pytest

from kedr_tui.core.schema import parse
from kedr_tui.core.analysis import Context, analyse
from kedr_tui.export.pdf import render_pdf
from kedr_tui.export import text as text_module
from kedr_tui.export.text import render_text
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SHAPES = {
    "hyphen-pairs": lambda n: 'justification = "' + "а-" * n + "не проводился",
    "one-long-word": lambda n: 'justification = "' + "ж" * (10 * n) + "не проводился",
}


def analysis_with(shape: str, n: int):
    text = SEED_TEXT.replace('justification = "не проводился', SHAPES[shape](n), 1)
    parsed = parse(text)
    return analyse(parsed.report, Context(parsed.locator, 2021, None), parsed.findings)


def _time(render, analysis) -> float:
    text_module.wrap.cache_clear()
    text_module.longest_word.cache_clear()
    start = time.perf_counter()
    render(analysis)
    return time.perf_counter() - start


@pytest.mark.parametrize("render", [render_pdf, render_text], ids=["pdf", "text"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_line_breaking_is_linear(benchmark, render, shape):
    sizes = (250, 1000) if benchmark.disabled else (2500, 5000, 10000)
    analyses = {n: analysis_with(shape, n) for n in sizes}
    seconds = {n: _time(render, analyses[n]) for n in sizes[:-1]}
    benchmark.pedantic(render, args=(analyses[sizes[-1]],), rounds=1 if benchmark.disabled else 3,
                       iterations=1)
    if not benchmark.disabled:
        seconds[sizes[-1]] = benchmark.stats.stats.median
        base = _time(render, analysis_with(shape, 1))
        grow = [(seconds[b] - base) / max(seconds[a] - base, 1e-3) for a, b in zip(sizes, sizes[1:])]
        print(f"\n{render.__name__} {shape}: " + ", ".join(f"{n}: {seconds[n] * 1000:.0f} ms"
                                                          for n in sizes)
              + f" (seed alone {base * 1000:.0f} ms); growth per doubling {grow}")
        assert seconds[sizes[-1]] <= 3.0
        assert max(grow) < 3.0  # quadratic work would be 4× per doubling
