"""Core budgets (SPEC «Performance budgets»), as ratios measured in one run.

Run with ``pytest tests/benchmarks --benchmark-enable``; in the normal suite the
benchmarks run once (``--benchmark-disable``) and the ratios are not asserted.
"""

from __future__ import annotations

import json
import os
import sys

from kedr_tui.core.loading import load
from tests.benchmarks.conftest import process_time
from tests.conftest import SEED
# This venv's kedr-tui: the one on PATH was pyenv's shim (a bash script, then pyenv, then
# the global Python's install of /work/main), timed instead of the code under test.
from tests.export.test_diff_cli import _cli


def _one_formula_warning(out: bytes) -> bool:
    lines = out.decode("utf-8").splitlines()
    return len(lines) == 1 and ": W-FORMULA " in lines[0]


def _seed_json(out: bytes) -> bool:
    data = json.loads(out)
    return data["year"] == 2021 and data["evaluation"]["er"] == "0.8533"


def _no_errors(out: bytes) -> bool:
    return " E-" not in out.decode("utf-8")


def test_check_of_the_seed_as_a_process(benchmark, installed_env):
    # Timed as installed (``installed_env``: our bytecode compiled once, not at every start).
    runs = 1 if benchmark.disabled else 15
    env, cpu = installed_env, []
    base = process_time([sys.executable, "-c", "import tomllib"], runs, env=env, cpu=cpu)
    check = benchmark.pedantic(process_time, args=(_cli() + ["check", str(SEED)], runs),
                               kwargs={"expect": _one_formula_warning, "env": env, "cpu": cpu},
                               rounds=1)
    as_json = process_time(_cli() + ["export", str(SEED), "--json", "-"], runs, expect=_seed_json,
                           env=env, cpu=cpu)
    benchmark.extra_info.update(tomllib_s=base, check_s=check, json_s=as_json,
                                check_ratio=check / base, json_ratio=as_json / base,
                                cpu_s=cpu)
    print(f"\nimport tomllib {base * 1000:.0f} ms; check {check * 1000:.0f} ms ({check / base:.2f}×); "
          f"--json {as_json * 1000:.0f} ms ({as_json / base:.2f}×); target ≤ 4×; CPU "
          f"{cpu[0] * 1000:.0f} / {cpu[1] * 1000:.0f} / {cpu[2] * 1000:.0f} ms "
          f"({cpu[1] / cpu[0]:.2f}× / {cpu[2] / cpu[0]:.2f}×); load average {os.getloadavg()[0]:.1f}")
    if not benchmark.disabled:
        assert check / base <= 4 and as_json / base <= 4


def test_check_of_a_big_report_in_process(benchmark, big_report):
    loaded = benchmark(load, big_report)
    assert len(loaded.report.expenses) == 2000 and not loaded.has_errors
    if not benchmark.disabled:
        assert benchmark.stats.stats.median <= 0.5


def test_check_of_a_big_report_as_a_process(benchmark, big_report):
    runs = 1 if benchmark.disabled else 7
    seconds = benchmark.pedantic(process_time, args=(_cli() + ["check", str(big_report)], runs),
                                 kwargs={"expect": _no_errors}, rounds=1)
    print(f"\ncheck of 500 indicators / 2 000 rows: {seconds * 1000:.0f} ms (target ≤ 500 ms)")
    if not benchmark.disabled:
        assert seconds <= 0.5
