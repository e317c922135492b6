from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path
from typing import Callable

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


def process_time(cmd: list[str], runs: int = 9, *, expect: Callable[[bytes], bool] | None = None,
                 exit_code: int = 0, timeout: float = 60) -> float:
    """Median wall time of a whole process, in seconds.

    Every run must end with ``exit_code`` within ``timeout`` and, if ``expect`` is
    given, print what it accepts: a process that fails at once is not fast."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        times.append(time.perf_counter() - start)
        assert done.returncode == exit_code, (cmd, done.returncode, done.stderr[-2000:])
        assert expect is None or expect(done.stdout), (cmd, done.stdout[:2000])
    return statistics.median(times)
