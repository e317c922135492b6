"""Helpers for the safety tests: reports on disk, child processes, a second Unix user.

Imported by test modules (``from safety_helpers import …``); the fixtures are
re-exported by ``conftest.py``.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from tests.terminal import Terminal

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "reports" / "2021.toml"
GROUP = "kedrsafe"
MEMBERS = ("kedrsafe1", "kedrsafe2")
OUTSIDER = "kedrsafe3"


def big_report_text() -> str:
    """A large valid report: tests/gen.py when it exists, else the seed's rows repeated."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from gen import generate  # type: ignore[import-not-found]

        return generate(500, 2000, 7)
    except ImportError:
        text = SEED.read_text(encoding="utf-8")
        head, _, rest = text.partition("[[expenses]]")
        block, _, tail = rest.partition("[[amendments]]")
        return head + ("[[expenses]]" + block) * 400 + "[[amendments]]" + tail
    finally:
        sys.path.pop(0)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "2021.toml"
    shutil.copy(SEED, target)
    return target


def child_env() -> dict:
    """A child's environment: it imports kedr_tui where the tests do, from the installed package."""
    return dict(os.environ)


def run_py(code: str, *args, user: str | None = None, python: str | None = None,
           timeout: float = 30) -> dict:
    """Run ``code`` in a fresh interpreter (as ``user`` if given); it prints one JSON object."""
    cmd = [python or sys.executable, "-c", textwrap.dedent(code), *map(str, args)]
    env = child_env()
    if user is not None:
        cmd, env = as_user(user, cmd)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return json.loads(lines[-1])


# ---------------------------------------------------------------- other Unix users
#
# Other users are numeric ids that no account and no group on this machine has: setpriv
# runs a process as them, nothing is added to /etc/passwd or /etc/group.  Without an
# account the app names the user by $USER (core/store/lock.py), which we set to a label.

ID_SEARCH_FROM = 47000

_PYTHON_FOR_OTHERS: dict[str, tuple[str, str]] = {}
_IDS: dict[str, tuple[int, int, tuple[int, ...]]] = {}      # label -> (uid, gid, groups)


def _unused_ids(count: int) -> list[int]:
    """``count`` numbers that are neither a user's uid nor a group's gid here."""
    found, n = [], ID_SEARCH_FROM
    while len(found) < count:
        try:
            pwd.getpwuid(n)
        except KeyError:
            try:
                grp.getgrgid(n)
            except KeyError:
                found.append(n)
        n += 1
    return found


def _python_for_others(base: Path) -> tuple[str, str]:
    """An interpreter and PYTHONPATH another user can reach (our venv is private to root).

    The system python3.11 plus copies of the installed kedr_tui and of the
    dependencies the core needs at run time (msgspec's compiled module is for
    CPython 3.11, the same ABI).
    """
    if "x" not in _PYTHON_FOR_OTHERS:
        python = shutil.which("python3.11", path="/usr/bin:/usr/local/bin")
        if python is None:
            pytest.skip("no system python3.11 that another user could run")
        libs = base / "libs"
        libs.mkdir(exist_ok=True)
        import msgspec
        import tomli
        import tomlkit

        import kedr_tui

        for module in (kedr_tui, msgspec, tomli, tomlkit):
            source = Path(module.__file__).parent
            shutil.copytree(source, libs / source.name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        # tomli's wheel is compiled by mypyc, whose runtime is a module beside the package
        for runtime in Path(tomli.__file__).parent.parent.glob("*__mypyc*"):
            shutil.copy(runtime, libs)
        try:
            import typing_extensions

            shutil.copy(typing_extensions.__file__, libs)
        except ImportError:
            pass
        for path in (base, *base.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        _PYTHON_FOR_OTHERS["x"] = (python, str(libs))
    return _PYTHON_FOR_OTHERS["x"]


def uid_of(user: str) -> int:
    return _IDS[user][0]


def as_user(user: str, cmd: list[str]) -> tuple[list[str], dict]:
    python, path = _PYTHON_FOR_OTHERS["x"]
    if cmd and cmd[0] == sys.executable:
        cmd = [python, *cmd[1:]]
    uid, gid, groups = _IDS[user]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONSAFEPATH": "1", "HOME": "/nonexistent", "USER": user, "LANG": "C.UTF-8"}
    supplementary = [f"--groups={','.join(map(str, groups))}"] if groups else ["--clear-groups"]
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", *supplementary, *cmd], env


@pytest.fixture(scope="session")
def other_users():
    """Two members of one group and an outsider, as unused numeric ids; a skip with the
    reason where a process can't be run as them."""
    if os.geteuid() != 0:
        pytest.skip("acting as another Unix user needs root (setpriv)")
    if not shutil.which("setpriv"):
        pytest.skip("acting as another Unix user needs setpriv (util-linux)")
    member1, member2, outsider, group, own1, own2, own3 = _unused_ids(7)
    _IDS.update({MEMBERS[0]: (member1, own1, (group,)), MEMBERS[1]: (member2, own2, (group,)),
                 OUTSIDER: (outsider, own3, ())})
    probe = subprocess.run(["setpriv", f"--reuid={outsider}", f"--regid={own3}", "--clear-groups",
                            "id", "-u"], capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != str(outsider):
        pytest.skip(f"setpriv cannot act as uid {outsider} here: {probe.stderr.strip()}")
    # pytest's own temporary folders are private to root: other users need a way in
    base = Path(tempfile.mkdtemp(prefix="kedr-safety-"))
    base.chmod(0o755)
    try:
        _python_for_others(base)
        yield {"group": group, "members": MEMBERS, "outsider": OUTSIDER, "base": base}
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def shared_folder(other_users) -> Path:
    """``reports/`` as a team keeps it: setgid folder of the group, group-writable report."""
    top = Path(tempfile.mkdtemp(prefix="case-", dir=other_users["base"]))
    top.chmod(0o755)
    folder = top / "reports"
    folder.mkdir()
    os.chown(folder, 0, other_users["group"])
    folder.chmod(0o2770)
    target = folder / "2021.toml"
    shutil.copy(SEED, target)
    os.chown(target, uid_of(MEMBERS[0]), other_users["group"])
    target.chmod(0o664)
    return target


# ---------------------------------------------------------------- a real terminal

class PtyApp(Terminal):
    """The app in a pseudo-terminal as over SSH (``size``: lines, columns), in the tests'
    environment; ``end_by`` loses its terminal or sends it SIGTERM, and checks the end."""

    def __init__(self, argv: list[str], *, ignore_hup: bool = False, cwd: Path | None = None,
                 size: tuple[int, int] = (24, 80)):
        env = child_env()
        env.update(TERM="xterm-256color", COLUMNS=str(size[1]), LINES=str(size[0]),
                   TEXTUAL_ANIMATIONS="none")
        super().__init__(argv, env, cwd, (size[1], size[0]), ignore_hup=ignore_hup)

    def end_by(self, how: str) -> None:
        """Lose the app's terminal ("hang-up", "hang-up with SIGHUP ignored") or send SIGTERM
        ("sigterm"), and check it is gone within a second of its own (exit code 129 or 143; a
        plain hang-up may also kill it outright with SIGHUP).

        The busy loop of a hung-up terminal (Textual's input thread reading ``b""`` forever
        with SIGHUP ignored, textual #5140) is caught by the end itself: a spinning app is
        still running 5 s later.  Its CPU time is not asserted: until the end completes
        (at most the guard's 0.8 s grace) Textual's input thread does read the dead terminal
        in a loop — some thousand reads, /proc/PID/io ``syscr`` — and the CPU those take is
        the share the scheduler gives them: 0.05–0.7 s for the same run at different loads."""
        import signal

        from kedr_tui.ui.safety.signals import HANGUP_EXIT, TERM_EXIT

        if how == "sigterm":
            os.kill(self.pid, signal.SIGTERM)
        else:
            self.hang_up()
        took = self.wait(timeout=5)
        assert took is not None, f"still running 5 s after {how}"
        # within a second of its own: the time a thread of it waited for a CPU on a loaded
        # machine (other test suites on two cores) is not the app's
        assert took - self.starved < 1.0, \
            f"{how}: exited after {took:.2f} s ({self.starved:.2f} s of them waiting for a CPU)"
        if how == "sigterm":
            assert self.exit_code == TERM_EXIT
        elif how == "hang-up":
            assert self.exit_code in (HANGUP_EXIT, -signal.SIGHUP)
        else:
            assert self.exit_code == HANGUP_EXIT  # noticed by the input watcher


def screen_now(app: "PtyApp") -> str:
    """What the terminal shows now: the output replayed in a terminal emulator (the app
    writes only the cells that change, so «drawn after the keys» may be a single digit)."""
    import pyte

    state = app.__dict__.setdefault("_pyte", {})
    if not state:
        state["screen"] = pyte.Screen(80, 24)
        state["stream"] = pyte.ByteStream(state["screen"])
        state["fed"] = 0
    data = bytes(app.output[state["fed"]:])
    state["fed"] += len(data)
    state["stream"].feed(data)
    return "\n".join(state["screen"].display)


def keys_then_see(app: "PtyApp", keys: bytes, text: str, what: str, gone: str | None = None) -> None:
    """Send ``keys`` and wait until the screen shows ``text`` (and no longer ``gone``) and
    has changed since: the keys were taken."""
    before = screen_now(app)
    app.send(keys)

    def seen() -> bool:
        now = screen_now(app)
        return text in now and now != before and (gone is None or gone not in now)

    wait_for(seen, what=what)


def wait_for(predicate, timeout: float = 30, what: str = "condition") -> None:
    """Until ``predicate()`` holds; ``timeout`` is a deadline for a state that never comes,
    generous because other test suites may share the machine's two cores."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def journal_ops(report: Path) -> list[str]:
    from kedr_tui.core.store import journal_path

    try:
        lines = journal_path(report).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line)["op"] for line in lines[1:] if line.endswith("}")]
