"""The real app in a real pseudo-terminal, counting the bytes it writes (issue 14).

Over SSH every byte the app writes crosses the link: bytes per key is the budget
that decides whether the app is usable at 256 kbit/s.  A key's cost is what the
app writes after it until the terminal has been silent for ``SILENCE`` seconds.

Used by ``test_bytes_bench.py``; also runnable by hand to see the figures::

    python -m tests.benchmarks.pty_bytes [REPORT] [--truecolor]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from tests.terminal import SILENCE, Terminal  # noqa: F401 (SILENCE: the cost's definition)

DOWN, UP, RIGHT, LEFT = b"\x1b[B", b"\x1b[A", b"\x1b[C", b"\x1b[D"
END, HOME = b"\x1b[F", b"\x1b[H"
ENTER, ESC, CTRL_U = b"\r", b"\x1b", b"\x15"
F1, F2 = b"\x1bOP", b"\x1bOQ"


def app_env(truecolor: bool) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "PYTEST", "COLORTERM", "NO_COLOR", "FORCE_COLOR"))}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
    if truecolor:
        env["COLORTERM"] = "truecolor"
    return env


def measure(report: Path, truecolor: bool, repeats: int = 9, tab_keys: tuple[bytes, bytes] = (F2, F1),
            python: str = sys.executable) -> dict[str, list[int]]:
    """Bytes per action on ``report`` (a copy in a folder of its own: the app writes a
    lock and a journal beside it).  Each action is repeated ``repeats`` times (start-up
    once); the edit changes the fact of the indicator on the third row."""
    got: dict[str, list[int]] = {}
    term = Terminal([python, "-m", "kedr_tui", str(report)], app_env(truecolor), report.parent)
    try:
        deadline = time.monotonic() + 30
        while "Показатели" not in term.text():
            if time.monotonic() > deadline:
                raise AssertionError("no first paint: " + term.text()[-500:])
            time.sleep(0.01)
        term.quiet(timeout=30)
        got["start-up"] = [term.count()]
        got["idle"] = [term.idle(1.0)]
        got["down"] = [term.cost(DOWN) for _ in range(repeats)]
        got["up"] = [term.cost(UP) for _ in range(repeats)]
        got["right"] = [term.cost(RIGHT) for _ in range(repeats)]
        got["left"] = [term.cost(LEFT) for _ in range(repeats)]
        got["end"] = [term.cost(END)]
        got["home"] = [term.cost(HOME)]
        got["tab"] = []
        for _ in range(max(1, repeats // 2)):
            got["tab"].append(term.cost(tab_keys[0]))
            got["tab"].append(term.cost(tab_keys[1]))
        # the fact of the goal's second indicator: third row, eighth column
        term.cost(HOME + b"g")           # the first column of the first row
        got["edit"] = []
        for n in range(max(1, repeats // 3)):
            term.cost(DOWN * 2 + RIGHT * 7)
            total = term.cost(ENTER)
            total += term.cost(CTRL_U)
            total += term.cost(b"7")
            total += term.cost(str(n % 10).encode())
            total += term.cost(ENTER)
            got["edit"].append(total)
            term.cost(HOME + b"g")
        term.cost(DOWN * 2 + RIGHT * 7)
        term.cost(ENTER)
        got["idle, editor open"] = [term.idle(2.0)]
        term.cost(ESC)
    finally:
        term.close()
    return got


def summary(got: dict[str, list[int]]) -> dict[str, float]:
    return {action: statistics.median(values) for action, values in got.items()}


if __name__ == "__main__":
    import shutil
    import tempfile

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "reports" / "2021.toml"
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "reports" / source.name
        report.parent.mkdir()
        shutil.copy(source, report)
        result = measure(report, truecolor="--truecolor" in sys.argv)
    for action, values in result.items():
        print(f"{action:20} median {statistics.median(values):>8.0f}  all {values}")
