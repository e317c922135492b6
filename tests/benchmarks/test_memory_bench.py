"""Memory at scale (issue 14): peak resident memory of whole processes.

- ``kedr-tui export --txt`` of a 10 000-indicator / 34 000-row report ≤ 250 MiB (was 617);
  ``--pdf`` of the same report is measured and reported, with no budget;
- the app (headless, 80×24) on a 2 000 / 10 000 report after an edit and a save ≤ 160 MiB.

The peak is the child's own (``os.wait4``'s rusage: ``ru_maxrss``), as is its CPU time,
printed beside the wall time and the load average: on a shared machine only the CPU
time says what the work cost.  Run with ``pytest tests/benchmarks/test_memory_bench.py
--benchmark-enable -s``; in the normal suite each runs once on a small report and no
figure is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.gen import generate


class Run:
    def __init__(self, code: int, peak_mib: float, cpu_s: float, wall_s: float, out: bytes):
        self.code, self.peak_mib, self.cpu_s, self.wall_s, self.out = code, peak_mib, cpu_s, wall_s, out

    def __str__(self) -> str:
        return (f"peak {self.peak_mib:.0f} MiB, CPU {self.cpu_s:.2f} s, wall {self.wall_s:.2f} s "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


# The child's own peak: the kernel's ``ru_maxrss`` of a process started from pytest also
# holds pytest's own peak (Linux records the high-water mark of the memory a process had
# before its exec, which a fork or vfork from pytest shares), so after the in-process save
# benchmarks it read 147–207 MiB for an app whose own peak was 116 MiB.  ``VmHWM`` of
# /proc/self/status is the high-water mark of the process's memory since its exec; each
# child prints it as it exits (``PEAK``), and ``measured`` takes it where it is given.
PEAK = ("import atexit, sys\n"
        "def _peak():\n"
        "    try:\n"
        "        with open('/proc/self/status') as status:\n"
        "            for line in status:\n"
        "                if line.startswith('VmHWM:'):\n"
        "                    print('VmHWM', line.split()[1], file=sys.stderr, flush=True)\n"
        "    except OSError:\n"
        "        pass\n"
        "atexit.register(_peak)\n")


def measured(cmd: list[str], cwd: Path, timeout: float = 900) -> Run:
    """Run ``cmd`` to its end: its exit code, peak memory (its own ``VmHWM`` where it
    printed it, else ``ru_maxrss``), CPU and wall time, and stderr."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        err = child.stderr.read()          # until it closes: the child is ending
        _, status, usage = os.wait4(child.pid, 0)
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss
    for line in err.decode(errors="replace").splitlines():
        if line.startswith("VmHWM "):
            peak = int(line.split()[1])     # kB, as ru_maxrss
    return Run(child.returncode, peak / 1024, usage.ru_utime + usage.ru_stime,
               time.perf_counter() - start, err)


def _report(folder: Path, indicators: int, expenses: int) -> Path:
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    path = folder / "reports" / "2021.toml"
    path.write_text(generate(n_indicators=indicators, n_expenses=expenses, seed=1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def huge(tmp_path_factory, request) -> Path:
    config = request.config         # disabled as pytest-benchmark decides it
    small = config.getoption("benchmark_disable") and not config.getoption("benchmark_enable")
    sizes = (50, 200) if small else (10_000, 34_000)
    return _report(tmp_path_factory.mktemp("huge"), *sizes)


KEDR = [sys.executable, "-c", PEAK + "from kedr_tui.cli import main; sys.exit(main())"]


@pytest.mark.parametrize("kind,budget", [("txt", 250), ("pdf", None)])
def test_export_peak_memory(benchmark, huge, kind, budget):
    out = huge.parent.parent / "out" / f"2021.{kind}"
    run = benchmark.pedantic(measured, args=([*KEDR, "export", str(huge), f"--{kind}", str(out)],
                                             huge.parent.parent), rounds=1)
    assert run.code == 0, run.out[-2000:]
    assert out.stat().st_size > 0
    benchmark.extra_info.update(peak_mib=run.peak_mib, cpu_s=run.cpu_s, wall_s=run.wall_s,
                                load=os.getloadavg()[0])
    print(f"\nexport --{kind}: {run}" + (f" (target ≤ {budget} MiB)" if budget else ""))
    if budget and not benchmark.disabled:
        assert run.peak_mib <= budget


# The app on a report: an edit of an expense's cash, a save, then it quits; it prints
# nothing but a failure.
APP = r'''
import asyncio, sys
from decimal import Decimal
from kedr_tui.core.edits import set_field
from kedr_tui.core.session import Session
from kedr_tui.ui.app import KedrApp

async def main(path):
    session = Session.open(path)
    try:
        app = KedrApp(session, path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            report = session.report
            i = next(k for k, row in enumerate(report.expenses) if row.cash)
            app.report_screen.make_edit(set_field(report, "expenses", i, "cash",
                                                  report.expenses[i].cash + 1))
            await pilot.pause()
            await pilot.press("ctrl+s")
            while session.modified or app.report_screen.saving:
                await asyncio.sleep(0.01)
            await app.workers.wait_for_complete()
    finally:
        session.close()

asyncio.run(main(sys.argv[1]))
'''


def test_app_peak_memory_after_an_edit_and_a_save(benchmark, tmp_path):
    sizes = (50, 200) if benchmark.disabled else (2000, 10_000)
    path = _report(tmp_path, *sizes)
    run = benchmark.pedantic(measured, args=([sys.executable, "-c", PEAK + APP, str(path)], tmp_path),
                             rounds=1)
    assert run.code == 0, run.out[-3000:]
    assert not list(path.parent.glob(".*.journal"))           # saved: the journal is gone
    benchmark.extra_info.update(peak_mib=run.peak_mib, cpu_s=run.cpu_s, wall_s=run.wall_s,
                                load=os.getloadavg()[0])
    print(f"\napp at {sizes[0]} / {sizes[1]} after an edit and a save: {run} (target ≤ 160 MiB)")
    if not benchmark.disabled:
        assert run.peak_mib <= 160
