"""Export budgets (issue 3): PDF ≤ 1,5 s and text ≤ 0,3 s in-process for a generated
500-indicator / 2 000-expense report; the seed's PDF as a whole process ≤ 0,6 s.

Run with ``pytest tests/benchmarks --benchmark-enable``; in the normal suite each
benchmark runs once (``--benchmark-disable``) and no time is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import pytest

from kedr_tui.core.loading import load
from kedr_tui.export import text as text_module
from kedr_tui.export.pdf import render_pdf
from kedr_tui.export.text import render_text
from tests.benchmarks.conftest import process_time
from tests.conftest import SEED
# This venv's kedr-tui: the one on PATH was pyenv's shim (a bash script, then pyenv, then
# the global Python's install of /work/main), timed instead of the code under test.
from tests.export.test_diff_cli import _cli


@pytest.fixture(scope="module")
def big(big_report):
    loaded = load(big_report)
    assert not loaded.has_errors
    return loaded.analysis


def _fresh_text(analysis) -> str:
    # The wrap caches live for the process: clear them so every round does the whole job.
    text_module.wrap.cache_clear()
    text_module.longest_word.cache_clear()
    return render_text(analysis)


def test_text_of_a_big_report(benchmark, big):
    cpu = []                          # on a shared machine the wall time says little alone

    def timed():
        start = time.process_time()
        text = _fresh_text(big)
        cpu.append(time.process_time() - start)
        return text

    text = benchmark(timed)
    assert max(len(line) for line in text.splitlines()) <= 160
    if not benchmark.disabled:
        print(f"\ntext of 500 indicators / 2 000 rows: "
              f"{benchmark.stats.stats.median * 1000:.0f} ms, CPU "
              f"{statistics.median(cpu) * 1000:.0f} ms (target ≤ 300 ms); load average "
              f"{os.getloadavg()[0]:.1f}")
        assert benchmark.stats.stats.median <= 0.3


def test_pdf_of_a_big_report(benchmark, big):
    rounds = 1 if benchmark.disabled else 5
    data = benchmark.pedantic(render_pdf, args=(big,), rounds=rounds, iterations=1,
                              warmup_rounds=0 if benchmark.disabled else 1)
    assert data.startswith(b"%PDF")
    if not benchmark.disabled:
        print(f"\nPDF of 500 indicators / 2 000 rows: "
              f"{benchmark.stats.stats.median * 1000:.0f} ms (target ≤ 1 500 ms)")
        assert benchmark.stats.stats.median <= 1.5


def test_pdf_of_the_seed_as_a_process(benchmark, installed_env):
    # Timed as installed (``installed_env``: our bytecode compiled once, not at every start).
    runs = 1 if benchmark.disabled else 9
    cpu = []
    # The user's command: `kedr-tui export reports/2021.toml --pdf -` (to stdout, no file).
    seconds = benchmark.pedantic(process_time, args=(_cli() + ["export", str(SEED), "--pdf", "-"],
                                                     runs),
                                 kwargs={"expect": lambda out: out.startswith(b"%PDF-")
                                         and out.rstrip().endswith(b"%%EOF"),
                                         "env": installed_env, "cpu": cpu}, rounds=1)
    print(f"\nseed PDF as a whole process: {seconds * 1000:.0f} ms, CPU {cpu[0] * 1000:.0f} ms "
          f"(target ≤ 600 ms); load average {os.getloadavg()[0]:.1f}")
    if not benchmark.disabled:
        assert seconds <= 0.6
