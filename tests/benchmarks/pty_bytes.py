"""The real app in a real pseudo-terminal, counting the bytes it writes (issue 14).

Over SSH every byte the app writes crosses the link: bytes per key is the budget
that decides whether the app is usable at 256 kbit/s.  A key's cost is what the
app writes after it until the terminal has been silent for ``SILENCE`` seconds.

Used by ``test_bytes_bench.py``; also runnable by hand to see the figures::

    python -m tests.benchmarks.pty_bytes [REPORT] [--truecolor]
"""

from __future__ import annotations

import os
import select
import signal
import statistics
import struct
import sys
import threading
import time
from pathlib import Path

SILENCE = 0.25

DOWN, UP, RIGHT, LEFT = b"\x1b[B", b"\x1b[A", b"\x1b[C", b"\x1b[D"
END, HOME = b"\x1b[F", b"\x1b[H"
ENTER, ESC, CTRL_U = b"\r", b"\x1b", b"\x15"
F1, F2 = b"\x1bOP", b"\x1bOQ"


class Terminal:
    """A program in a pty of ``size`` (columns, lines); what it writes, with when."""

    def __init__(self, argv: list[str], env: dict, cwd: Path, size: tuple[int, int] = (80, 24)):
        import fcntl
        import pty
        import termios

        pid, fd = pty.fork()
        if pid == 0:  # the child: straight to exec
            try:
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()
        self.last = time.monotonic()     # when the program last wrote
        self._lock = threading.Lock()
        self._closing = False
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while not self._closing:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.01)
                data = os.read(self.fd, 65536) if ready else None
            except OSError:
                return
            if data == b"":
                return
            if data:
                with self._lock:
                    self.output.extend(data)
                    self.last = time.monotonic()

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def count(self) -> int:
        with self._lock:
            return len(self.output)

    def quiet(self, timeout: float = 10.0, after: int | None = None) -> None:
        """Wait for output beyond ``after`` bytes (if given), then for ``SILENCE`` of quiet."""
        deadline = time.monotonic() + timeout
        if after is not None:
            while self.count() <= after:
                if time.monotonic() > deadline:
                    return                  # the key wrote nothing at all
                time.sleep(0.005)
        while time.monotonic() - self.last < SILENCE:
            if time.monotonic() > deadline:
                raise AssertionError("the program never went quiet")
            time.sleep(0.01)

    def cost(self, keys: bytes, wait_for_output: float = 3.0) -> int:
        """Bytes written after ``keys`` until ``SILENCE`` of quiet."""
        before = self.count()
        self.send(keys)
        self.quiet(timeout=wait_for_output + 10, after=before)
        return self.count() - before

    def exited(self) -> bool:
        """Whether the program has ended (reaped here)."""
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return bool(done)

    def idle(self, seconds: float) -> int:
        before = self.count()
        time.sleep(seconds)
        return self.count() - before

    def text(self) -> str:
        import re

        with self._lock:
            raw = bytes(self.output)
        return re.sub(r"\x1b(\[[0-9;?<>=$:]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[=>()][0-9A-Za-z]?|P[^\x1b]*\x1b\\)",
                      "", raw.decode("utf-8", errors="replace"))

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 5
        try:
            while time.monotonic() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.02)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass                        # reaped already (the caller waited for its exit)
        self._closing = True
        self._reader.join()
        os.close(self.fd)


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
