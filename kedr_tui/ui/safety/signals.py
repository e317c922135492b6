"""Ending the app when its terminal goes away: SIGHUP, SIGTERM, end of input.

Every committed edit is already fsync'd to the journal, so on a hang-up the
app neither saves nor asks: it exits, and the next start offers recovery.

Why this is needed (Textual 8.2.8, ``drivers/linux_driver.py``): Textual
installs no SIGHUP/SIGTERM handler (textual #5140), so SIGHUP kills the
process at once by default — harmless here thanks to the journal, but with
no clean exit.  Worse, with SIGHUP ignored (``nohup``, some SSH set-ups) its
input thread loops on ``selector.select(0.1)`` and ``os.read(fileno, 4096)``:
a hung-up terminal is always "readable" and ``read`` returns ``b""`` — the
thread only ``break``s out of the event loop and selects again, at 100 % CPU,
forever.  A watcher thread here blocks in ``poll`` on the same descriptor with
no events requested, so it wakes only for POLLHUP/POLLERR/POLLNVAL (it never
competes for the input), and ends the app.

Ending is ``app.exit`` scheduled on the event loop; should the app not be gone
within ``grace`` seconds (its output thread may block writing to a dead
terminal), the process leaves with ``os._exit``: the journal is complete
either way, and the kernel releases the edit lock.
"""

from __future__ import annotations

import os
import select
import signal
import stat
import sys
import threading
from typing import Callable

HANGUP_EXIT = 128 + signal.SIGHUP    # 129, as a shell reports a hung-up job
TERM_EXIT = 128 + signal.SIGTERM     # 143

_WAKE = select.POLLHUP | select.POLLERR | select.POLLNVAL


class SafetyGuard:
    """Signal handlers and the input watcher of one running app; ``uninstall`` restores."""

    def __init__(self, app, grace: float = 0.8, on_end: Callable[[str], None] | None = None,
                 input_fd: int | None = None):
        self.app = app
        self.grace = grace
        self.on_end = on_end
        self.reason: str | None = None   # "hangup" | "terminate" | "input-closed"
        self._input_fd = input_fd
        self._previous: dict[int, object] = {}
        self._loop = None
        self._stop = threading.Event()
        self._cancel = threading.Event()
        self._ending = threading.Lock()
        self._watcher: threading.Thread | None = None

    # ------------------------------------------------------------ setup

    def install(self) -> "SafetyGuard":
        import asyncio

        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
        for signum in (signal.SIGHUP, signal.SIGTERM):
            current = signal.getsignal(signum)
            if signum == signal.SIGHUP and current == signal.SIG_IGN:
                continue  # nohup: respected; a lost terminal is still noticed by the watcher
            self._previous[signum] = current
            signal.signal(signum, self._on_signal)
        fd = self._input_fd if self._input_fd is not None else _stdin_fd()
        if fd is not None and _watchable(fd):
            self._watcher = threading.Thread(target=self._watch, args=(fd,), daemon=True,
                                             name="kedr-input-watch")
            self._watcher.start()
        return self

    def uninstall(self) -> None:
        """Restore the previous handlers; once the app has returned, cancels the hard exit."""
        self._stop.set()
        self._cancel.set()
        for signum, previous in self._previous.items():
            try:
                signal.signal(signum, previous)
            except (ValueError, TypeError):
                pass
        self._previous.clear()

    # ------------------------------------------------------------ ending

    def _on_signal(self, signum, _frame) -> None:
        if signum == signal.SIGHUP:
            self.end("hangup", HANGUP_EXIT)
        else:
            self.end("terminate", TERM_EXIT)

    def _watch(self, fd: int) -> None:
        poller = select.poll()
        poller.register(fd, 0)  # no events asked: woken only by hang-up, error, closed fd
        while not self._stop.is_set():
            try:
                events = poller.poll(500)
            except InterruptedError:  # pragma: no cover - PEP 475 retries
                continue
            except OSError:
                return
            if any(mask & _WAKE for _fd, mask in events):
                self.end("input-closed", HANGUP_EXIT)
                return

    def end(self, reason: str, code: int) -> None:
        """End the app now, without saving or asking; safe from a signal handler or a thread."""
        if not self._ending.acquire(blocking=False):
            return
        self.reason = reason
        self._stop.set()
        threading.Thread(target=self._deadline, args=(code,), daemon=True,
                         name="kedr-exit-deadline").start()
        if self.on_end is not None:
            try:
                self.on_end(reason)
            except Exception:  # noqa: BLE001 - ending must not fail
                pass
        exit_app = lambda: self.app.exit(return_code=code)  # noqa: E731
        loop = self._loop or getattr(self.app, "_loop", None)  # the app's, once it runs
        try:
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(exit_app)
            else:
                exit_app()
        except Exception:  # noqa: BLE001 - the deadline will end it
            pass

    def _deadline(self, code: int) -> None:
        if self._cancel.wait(self.grace):
            return
        _restore_terminal(self.app)
        os._exit(code)


def run_safely(app, grace: float = 0.8, *, on_end: Callable[[str], None] | None = None):
    """``app.run()`` with the guard installed around it: the one-line integration.

    Returns what ``app.run()`` returns; ``app.return_code`` is 129 after a
    hang-up or closed input, 143 after SIGTERM.
    """
    guard = SafetyGuard(app, grace, on_end).install() \
        if threading.current_thread() is threading.main_thread() else None
    try:
        return app.run()
    finally:
        if guard is not None:
            guard.uninstall()


def _stdin_fd() -> int | None:
    stream = sys.__stdin__
    try:
        return stream.fileno() if stream is not None else None
    except (OSError, ValueError):
        return None


def _watchable(fd: int) -> bool:
    """A terminal, pipe or socket can hang up; a file or /dev/null never does."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return os.isatty(fd) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _restore_terminal(app) -> None:
    """Best effort before a hard exit: leave the alternate screen if the terminal is alive."""
    try:
        import termios

        driver = getattr(app, "_driver", None)
        attrs = getattr(driver, "attrs_before", None)
        fd = _stdin_fd()
        if attrs is not None and fd is not None:
            termios.tcsetattr(fd, termios.TCSANOW, attrs)
        os.write(sys.__stdout__.fileno(), b"\x1b[?1049l\x1b[?25h")
    except Exception:  # noqa: BLE001 - the terminal may be gone
        pass
