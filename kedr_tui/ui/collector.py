"""Python's cyclic collector around the app's two big moments: its start and a save.

Each makes hundreds of thousands of objects that live on (the report, its analysis, the
rows) or die by their count going to zero.  The collector's passes over them free nothing
and hold the interpreter, on the screen's thread, keys waiting: 50-90 ms at start-up and a
storm of 70-220 ms passes right after each save at 2 000 / 10 000.  So the collector is off
while they run (``pause``); after them, what exists is frozen (``gc.freeze``: left out of
every later pass) and the collector is on again for what comes after (``resume``).

A frozen object that later ends up in an unreachable cycle would never be freed: when the
app has had no key or click for ``TIDY_AFTER`` seconds, one full pass over everything
frees them and freezes the rest again (``_tidy``).  Unmounting gives everything back to
the collector as it was.
"""

from __future__ import annotations

import gc
import time

TIDY_AFTER = 3.0    # seconds without input before the full pass over what was frozen


class Collector:
    def __init__(self, app):
        self.app = app
        self.enabled_before = gc.isenabled()    # an app started with it off leaves it off
        self.last_input = time.monotonic()
        self._timer = None
        self._frozen = False

    def pause(self) -> bool:
        """Off until ``resume``; whether it was on."""
        was = gc.isenabled()
        gc.disable()
        return was

    def resume(self, was_enabled: bool) -> None:
        """On again, what exists now left out of its passes (see the module)."""
        if not (was_enabled and self.enabled_before):
            return
        gc.freeze()
        self._frozen = True
        gc.enable()
        self._arm(TIDY_AFTER)

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    def _arm(self, delay: float) -> None:
        if self._timer is None and self.app.is_running:
            self._timer = self.app.set_timer(delay, self._tidy)

    def _tidy(self) -> None:
        self._timer = None
        if not self._frozen or not gc.isenabled():
            return          # a save is running (it turns the collector off), or nothing to do
        idle = time.monotonic() - self.last_input
        if idle < TIDY_AFTER:
            self._arm(TIDY_AFTER - idle)
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def end(self) -> None:
        """The app ends: everything back to the collector, on if it was."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self.enabled_before:
            gc.enable()
