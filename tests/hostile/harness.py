"""Running one hostile case: its folder, what it must not change, what output may hold."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import stat
from pathlib import Path

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # a control a terminal or a file must not get
LINE = re.compile(r"^(\S.*?):(\d+):(\d+): [EW]-[A-Z]+ ")


def snapshot(folder: Path) -> dict[str, object]:
    """What every entry under ``folder`` is, without opening anything that is not a file."""
    out: dict[str, object] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                out[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                if st.st_size > 16 * 1024 * 1024:
                    out[path] = ("big", st.st_size, st.st_mtime_ns)
                else:
                    with open(path, "rb") as handle:
                        out[path] = ("file", hashlib.sha256(handle.read()).hexdigest(),
                                     stat.S_IMODE(st.st_mode))
            else:
                out[path] = ("other", stat.S_IFMT(st.st_mode))
    return out


def unchanged(before: dict, after: dict, allowed_new=()) -> None:
    for path, what in before.items():
        assert after.get(path) == what, f"{path} changed: {what} → {after.get(path)}"


@contextlib.contextmanager
def deadline(seconds: int, what: str):
    """Bounded time for in-process work: SIGALRM turns a hang into a failure."""
    def expired(signum, frame):
        raise TimeoutError(f"{what}: still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def assert_clean_stream(text: str, what: str) -> None:
    assert "Traceback" not in text, f"{what}: a traceback\n{text[-2000:]}"
    bad = RAW.search(text)
    assert bad is None, f"{what}: raw control {bad.group()!r} in «{text[max(0, bad.start() - 60):bad.end() + 20]}»"


def assert_one_line_per_problem(out: str, err: str, what: str) -> None:
    """Findings are ``path:line:column: CODE message``; anything else on stderr is one line
    naming a path (or the program) and a Russian reason."""
    for line in out.splitlines():
        if line.startswith(("{", "}", " ", "[", "]")):  # JSON on stdout
            continue
        assert LINE.match(line) or line.endswith((".pdf", ".txt", ".json", ".toml")), \
            f"{what}: stdout line is not a finding: {line[:200]}"
    for line in err.splitlines():
        assert re.search(r"[а-яА-ЯёЁ]", line), f"{what}: stderr line without Russian: {line[:200]}"
        assert ": " in line, f"{what}: stderr line without a place: {line[:200]}"


def assert_clean_file(path: Path, what: str) -> None:
    if path.exists():
        assert_clean_stream(path.read_text(encoding="utf-8"), f"{what} {path.name}")


def hold_lock(report: Path, note: str | None):
    """Another officer's session holding the lock, and their note, perhaps forged."""
    from kedr_tui.core.store import EditLock, owner_path

    lock = EditLock(report)
    lock.acquire()
    path = owner_path(report)
    if note in (None, "escape"):
        data = {"user": "iv\x1b]0;PWNED\x07anov", "host": "srv\x9b6n", "pid": os.getpid(),
                "since": "2021-03-01T10:00:00+07:00"}
        path.write_text(json.dumps(data))
    elif note == "forged":
        data = {"user": "mayor", "host": "srv", "pid": os.getpid(),
                "since": "2021-03-01T10:00:00+07:00"}
        path.write_text(json.dumps(data))
    elif note == "huge":
        path.write_text('{"user": "' + "x" * 2_000_000 + '"}')
    elif note == "fifo":
        path.unlink()
        os.mkfifo(path)
    return lock
