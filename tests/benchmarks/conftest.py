from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

import pytest

from tests.gen import generate


@pytest.fixture(scope="session")
def big_report(tmp_path_factory) -> Path:
    """A generated 500-indicator / 2 000-expense-row report, written as reports/2021.toml."""
    folder = tmp_path_factory.mktemp("big") / "reports"
    folder.mkdir()
    path = folder / "2021.toml"
    path.write_text(generate(n_indicators=500, n_expenses=2000, seed=1), encoding="utf-8")
    return path


def process_time(cmd: list[str], runs: int = 9) -> float:
    """Median wall time of a whole process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
