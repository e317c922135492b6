"""Bytes per key over a real pseudo-terminal at 80×24 (issue 14): the SSH budget.

The real app (``python -m kedr_tui``) runs on a copy of the seed in a pty with
TERM=xterm-256color, once with COLORTERM=truecolor (24-bit colours: the longest
escape sequences) and once without (256 colours).  A key's cost is what the app
writes after it until 0.25 s of silence (see ``pty_bytes``).

Run with ``pytest tests/benchmarks/test_bytes_bench.py --benchmark-enable -s``;
in the normal suite it runs once, with few keys, and asserts only that the
measuring works (the figures are printed).
"""

from __future__ import annotations

import shutil
import statistics

import pytest

from tests.benchmarks.pty_bytes import measure
from tests.conftest import SEED

# The targets of issue 14, on the seed at 80×24: the median of each action, in bytes.
TARGETS = {
    "down": 1_500,
    "up": 1_500,
    "right": 2_000,
    "left": 2_000,
    "tab": 10_000,
    "edit": 20_000,
    "start-up": 45_000,
    "idle": 0,
    "idle, editor open": 0,
}


@pytest.mark.parametrize("truecolor", [True, False], ids=["truecolor", "256-colours"])
def test_bytes_per_key(benchmark, tmp_path, truecolor):
    if benchmark.disabled and not truecolor:
        pytest.skip("one colour mode is enough to see that the measuring works")
    report = tmp_path / "reports" / "2021.toml"
    report.parent.mkdir()
    shutil.copy(SEED, report)
    repeats = 1 if benchmark.disabled else 9
    got = benchmark.pedantic(measure, args=(report, truecolor, repeats), rounds=1)
    medians = {action: statistics.median(values) for action, values in got.items()}
    benchmark.extra_info.update(medians)
    print(f"\nbytes per action ({'truecolor' if truecolor else '256 colours'}, 80×24, seed):")
    for action, values in got.items():
        target = TARGETS.get(action)
        print(f"  {action:18} median {medians[action]:>7.0f}  "
              f"{'' if target is None else f'(target ≤ {target})':18} all {values}")
    assert medians["start-up"] > 1_000          # the app drew its screen
    assert medians["down"] > 0 and medians["edit"] > 0       # the keys arrived
    if not benchmark.disabled:
        over = {a: medians[a] for a, t in TARGETS.items() if medians[a] > t}
        assert not over, over
