"""ScreenDiff (kedr_tui/ui/wire.py) leaves out only what the terminal already shows.

Both streams — Textual's as written and ours as filtered — are replayed in a
terminal emulator (pyte); after every write the two screens must be the same,
character and attributes, cell by cell.
"""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

from kedr_tui.ui.wire import ScreenDiff

W, H = 20, 6


def emulator():
    screen = pyte.Screen(W, H)
    return screen, pyte.Stream(screen)


def cells(screen) -> list[list[tuple]]:
    return [[(screen.buffer[y][x].data, screen.buffer[y][x].fg, screen.buffer[y][x].bg,
              screen.buffer[y][x].bold, screen.buffer[y][x].reverse, screen.buffer[y][x].underscore)
             for x in range(W)] for y in range(H)]


def replay(writes: list[str]) -> tuple[int, int]:
    """Feed ``writes`` raw to one emulator and through ScreenDiff to another; compare."""
    raw, raw_stream = emulator()
    lean, lean_stream = emulator()
    diff = ScreenDiff(W, H)
    sent = total = 0
    for data in writes:
        raw_stream.feed(data)
        filtered = diff.feed(data)
        lean_stream.feed(filtered)
        total += len(data)
        sent += len(filtered)
        assert cells(lean) == cells(raw), (data, filtered)
        if raw.cursor.x < W:    # (past the last column: the wrap pending, which no CUP can make)
            assert (lean.cursor.x, lean.cursor.y) == (raw.cursor.x, raw.cursor.y)
    return sent, total


STYLES = ["", "\x1b[1m", "\x1b[38;5;196m", "\x1b[1;38;2;1;2;3;48;2;4;5;6m", "\x1b[7m", "\x1b[4m"]
TEXT = st.text(alphabet="ab Жщ№—…‹›▲漢字", min_size=1, max_size=8)


@st.composite
def frame(draw) -> str:
    """A frame as Textual writes one: lines placed by CUP, segments of style + text + reset."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        y, x = draw(st.integers(1, H)), draw(st.integers(1, W))
        parts.append(f"\x1b[{y};{x}H")
        room = W - x + 1
        for _ in range(draw(st.integers(1, 3))):
            text = draw(TEXT)
            size = sum(2 if ch in "漢字" else 1 for ch in text)
            if size > room:
                break
            room -= size
            style = draw(st.sampled_from(STYLES))
            parts.append(f"{style}{text}\x1b[0m" if style else text)
        if draw(st.booleans()):
            parts.append("\r\n")
    extra = draw(st.sampled_from(["", "\x1b[?25l", "\x1b[?2026h", "\x1b[2J", "\x1b[K", "\x07", "\x1b[?1000h"]))
    if extra:
        parts.insert(draw(st.integers(0, len(parts))), extra)
    if draw(st.booleans()):
        parts.append(f"\x1b[{draw(st.integers(1, H))};{draw(st.integers(1, W))}H")   # where the cursor rests
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.lists(frame(), min_size=1, max_size=8))
def test_the_screen_is_the_same_with_and_without_the_filter(frames):
    replay(frames)


def test_a_frame_written_twice_is_sent_once():
    frame_text = "".join(f"\x1b[{y};1H\x1b[1;38;5;2mline {y} Ж\x1b[0m" for y in range(1, H + 1))
    raw, raw_stream = emulator()
    diff = ScreenDiff(W, H)
    first = diff.feed(frame_text)
    second = diff.feed(frame_text)
    assert "line 1" in first and second == "\x1b[6;9H"      # only where the cursor rests
    changed = frame_text.replace("line 3", "LINE 3")
    third = diff.feed(changed)
    assert "LINE" in third and "line" not in third and len(third) < 50
    replay([frame_text, frame_text, changed])


def test_what_it_does_not_model_passes_and_is_written_again():
    frame_text = "\x1b[1;1Habc\x1b[2;1Hdef"
    sent, _ = replay([frame_text, "\x1b[2J", frame_text, "\x1b]8;;http://x\x1b\\\x1b[1;1Habc", frame_text])
    diff = ScreenDiff(W, H)
    diff.feed(frame_text)
    assert diff.feed("\x1b[2J").endswith("\x1b[2J")
    assert "abc" in diff.feed(frame_text)          # the clear made it forget: written again


def test_resize_forgets():
    diff = ScreenDiff(W, H)
    diff.feed("\x1b[1;1Habc")
    diff.resize(W, H)
    assert "abc" in diff.feed("\x1b[1;1Habc")


def _run_app(report, keys: list[tuple[bytes, str]], full: bool) -> pyte.Screen:
    """The real app in a pty at 80×24 (as over SSH), ``keys`` sent one by one, each once
    the screen shows its text (``!text``: no longer shows it); the last key quits.  The
    screen as a terminal would show it."""
    import time

    from tests.benchmarks.pty_bytes import Terminal, app_env

    env = app_env(truecolor=True)
    if full:
        env["KEDR_TUI_FULL_REPAINT"] = "1"
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    import sys

    term = Terminal([sys.executable, "-m", "kedr_tui", str(report)], env, report.parent)
    fed = 0

    def shows(text: str) -> bool:
        """Whether the screen shows ``text`` (``!text``: no longer shows it)."""
        nonlocal fed
        data = bytes(term.output[fed:])
        fed += len(data)
        stream.feed(data)
        shown = "\n".join(screen.display)
        return text[1:] not in shown if text.startswith("!") else text in shown

    try:
        for key, expect in keys:
            deadline = time.monotonic() + 20
            while not shows(expect):
                assert time.monotonic() < deadline, (expect, screen.display)
                time.sleep(0.01)
            if key:
                term.send(key)
        deadline = time.monotonic() + 10
        while not term.exited():
            assert time.monotonic() < deadline, "the app did not quit"
            time.sleep(0.01)
        term.quiet(timeout=5)           # what it wrote before it ended, all read
        shows("")
    finally:
        term.close()
    return screen


def test_the_real_app_looks_the_same_with_and_without_the_filter(tmp_path):
    """Same keys to the app with and without ScreenDiff: the terminals end up the same."""
    import shutil

    from tests.benchmarks.pty_bytes import DOWN, END, ENTER, ESC, F1, F2, RIGHT
    from tests.conftest import SEED

    keys = [(DOWN * 2, "1 Показатели"), (RIGHT * 5, "Уровень"), (END, "Уровень"),
            (F2, "‹"), (DOWN * 2, "Код"), (F1, "Код"), (ENTER, "Наименование"),
            (ESC, "применить"), (b"q", "!применить")]
    screens = []
    for full in (True, False):
        report = tmp_path / str(full) / "reports" / "2021.toml"
        report.parent.mkdir(parents=True)
        shutil.copy(SEED, report)
        screens.append(_run_app(report, keys, full))
    assert "Наименование" in "\n".join(screens[0].display)
    assert screens[0].display == screens[1].display
    assert [[(c.fg, c.bg, c.bold) for c in row.values()] for row in screens[0].buffer.values()] == \
        [[(c.fg, c.bg, c.bold) for c in row.values()] for row in screens[1].buffer.values()]
