"""A program in a real pseudo-terminal, as over SSH: one driver for the tests and benchmarks.

Keys go in, everything the program writes is drained (and timed), the terminal can be
lost as a dropped SSH connection loses it, and the program's end is reaped with its
own CPU time (``os.wait4``).  Used by the safety and hostile pty tests (``PtyApp`` in
tests/safety/safety_helpers.py adds their environment and endings), the wire test and
the bytes-per-key benchmark (tests/benchmarks/pty_bytes.py).
"""

from __future__ import annotations

import os
import re
import select
import signal
import threading
import time
from pathlib import Path

# a key's cost is what the program writes until the terminal is this long silent
SILENCE = 0.25
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=$:]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)"
                      r"|[=>()][0-9A-Za-z]?|P[^\x1b]*\x1b\\)")


class Terminal:
    """``argv`` in a pty of ``size`` (columns, lines), in ``cwd``, with ``env``."""

    def __init__(self, argv: list[str], env: dict, cwd: Path | None = None,
                 size: tuple[int, int] = (80, 24), *, ignore_hup: bool = False):
        import fcntl
        import pty
        import struct
        import termios

        pid, fd = pty.fork()
        if pid == 0:  # the child: straight to exec, nothing else in a forked copy of pytest
            try:
                if ignore_hup:
                    signal.signal(signal.SIGHUP, signal.SIG_IGN)
                if cwd is not None:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()
        self.last = time.monotonic()     # when the program last wrote
        self.status: int | None = None   # its wait status once reaped
        self.rusage = None               # and its resource usage
        self.starved = 0.0               # see ``wait``
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

    def text(self) -> str:
        """Everything written so far, without the escape sequences."""
        with self._lock:
            raw = bytes(self.output)
        return _ESCAPES.sub("", raw.decode("utf-8", errors="replace"))

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

    def idle(self, seconds: float) -> int:
        """Bytes written in ``seconds`` with no key."""
        before = self.count()
        time.sleep(seconds)
        return self.count() - before

    def hang_up(self) -> None:
        """What a dropped SSH connection does: the terminal's master side goes away.

        The reader stops first: a ``read`` blocked in another thread would keep
        the master open and no hang-up would happen.
        """
        self._closing = True
        self._reader.join()
        os.close(self.fd)
        self.fd = -1

    def _reap(self, flags: int) -> bool:
        if self.status is not None:
            return True
        try:
            pid, status, rusage = os.wait4(self.pid, flags)
        except ChildProcessError:
            return True
        if pid:
            self.status, self.rusage = status, rusage
        return bool(pid)

    def exited(self) -> bool:
        """Whether the program has ended (reaped here)."""
        return self._reap(os.WNOHANG)

    def _queued(self) -> dict[str, float]:
        """Per thread, seconds it has waited for a CPU so far (/proc/PID/task/TID/schedstat)."""
        delays = {}
        try:
            threads = os.listdir(f"/proc/{self.pid}/task")
        except OSError:
            return delays
        for tid in threads:
            try:
                delays[tid] = int(Path(f"/proc/{self.pid}/task/{tid}/schedstat").read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                pass
        return delays

    def wait(self, timeout: float) -> float | None:
        """Seconds until the program exited, or None if it still runs after ``timeout``.

        ``starved`` is then the longest any one of its threads was ready to run but had no
        CPU (a loaded machine's doing, not the program's; up to the last look before it
        ended).  Any thread: the one that ends the program may be the main thread or, after
        a hang-up, the exit deadline's."""
        start = time.monotonic()
        first = self._queued()
        last = dict(first)
        while time.monotonic() - start < timeout:
            if self._reap(os.WNOHANG):
                self.starved = max((last[t] - first.get(t, 0.0) for t in last), default=0.0)
                return time.monotonic() - start
            last.update(self._queued())
            time.sleep(0.01)
        return None

    @property
    def exit_code(self) -> int | None:
        return None if self.status is None else os.waitstatus_to_exitcode(self.status)

    def close(self) -> None:
        """End the program (SIGTERM, then SIGKILL after 5 s) and the terminal."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            if self.wait(5) is None:
                self.kill()
        self._stop()

    def kill(self) -> None:
        """Lose the terminal and SIGKILL the program."""
        if self.fd >= 0:
            self.hang_up()
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(0)

    def _stop(self) -> None:
        if self.fd >= 0:
            self.hang_up()
