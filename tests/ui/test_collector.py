"""The app's use of Python's collector (``ui/collector.py``): off through start-up and each
save, then what exists frozen out of its passes; frozen objects that end up in unreachable
cycles are freed when the app has been idle a moment, and everything is given back as the
app ends."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from kedr_tui.ui import collector as module
from kedr_tui.ui.collector import Collector


class FakeApp:
    is_running = True

    def __init__(self):
        self.timers = []

    def set_timer(self, delay, callback):
        self.timers.append((delay, callback))
        return type("Timer", (), {"stop": lambda self: None})()


class Node:
    pass


def a_frozen_cycle() -> weakref.ref:
    a, b = Node(), Node()
    a.other, b.other = b, a
    gc.freeze()                      # as a save's or the start's end freezes what exists
    return weakref.ref(a)


@pytest.fixture
def collector():
    assert gc.isenabled() and gc.get_freeze_count() == 0
    app = FakeApp()
    made = Collector(app)
    made.pause()
    assert not gc.isenabled()
    try:
        yield made
    finally:
        gc.unfreeze()
        gc.enable()


def test_resume_freezes_what_exists_and_turns_the_collector_on(collector):
    collector.resume(True)
    assert gc.isenabled() and gc.get_freeze_count() > 0
    assert collector.app.timers == [(module.TIDY_AFTER, collector._tidy)]
    collector.end()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_frozen_cycle_is_freed_when_the_app_has_been_idle(collector):
    collector.resume(True)
    cycle = a_frozen_cycle()
    gc.collect()
    assert cycle() is not None       # frozen: no pass of the collector frees it
    collector.last_input = time.monotonic() - module.TIDY_AFTER - 1
    collector._tidy()
    assert cycle() is None
    assert gc.get_freeze_count() > 0 and gc.isenabled()   # the rest frozen again


def test_no_full_pass_while_keys_come_or_a_save_runs(collector):
    collector.resume(True)
    cycle = a_frozen_cycle()
    collector.app.timers.clear()
    collector.input_seen()           # a key just now: later
    collector._tidy()
    assert cycle() is not None
    [(delay, callback)] = collector.app.timers
    assert 0 < delay <= module.TIDY_AFTER and callback == collector._tidy
    collector.app.timers.clear()
    collector.last_input = time.monotonic() - module.TIDY_AFTER - 1
    gc.disable()                     # a save is running: it resumes (and re-arms) when done
    collector._tidy()
    assert cycle() is not None and collector.app.timers == []
    collector.resume(True)
    assert collector.app.timers == [(module.TIDY_AFTER, collector._tidy)]


def test_an_app_started_with_the_collector_off_leaves_it_off():
    gc.disable()
    try:
        made = Collector(FakeApp())
        made.pause()
        made.resume(True)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
        made.end()
        assert not gc.isenabled()
    finally:
        gc.enable()
