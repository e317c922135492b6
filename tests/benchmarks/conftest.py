from __future__ import annotations

import os
import resource
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


@pytest.fixture(scope="session")
def installed_env(tmp_path_factory) -> dict:
    """The environment of an installed app: Python's bytecode written once and read at
    every start after that, as after ``pip install`` (which compiles a wheel's modules) or
    an editable install's first run.  This machine sets PYTHONDONTWRITEBYTECODE, which
    would charge every start with compiling our sources from scratch (0.1-0.2 s of CPU on
    ``check``) while the standard library and the dependencies are compiled already.  The
    bytecode goes to a folder of its own (PYTHONPYCACHEPREFIX), none into the worktree;
    ``process_time`` with ``env`` runs the command once first, unmeasured, to write it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    return env


def process_time(cmd: list[str], runs: int = 9, *, expect: Callable[[bytes], bool] | None = None,
                 exit_code: int = 0, timeout: float = 60, env: dict | None = None,
                 cpu: list[float] | None = None) -> float:
    """Median wall time of a whole process, in seconds.

    Every run must end with ``exit_code`` within ``timeout`` and, if ``expect`` is
    given, print what it accepts: a process that fails at once is not fast.  With
    ``env`` (``installed_env``) one run comes first, unmeasured, to write the bytecode.
    The median CPU time of the children (user + system) is appended to ``cpu``."""
    times, used = [], []
    for run in range(runs + (env is not None)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                              env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert done.returncode == exit_code, (cmd, done.returncode, done.stderr[-2000:])
        assert expect is None or expect(done.stdout), (cmd, done.stdout[:2000])
        if env is not None and run == 0:
            continue
        times.append(wall)
        used.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if cpu is not None:
        cpu.append(statistics.median(used))
    return statistics.median(times)
