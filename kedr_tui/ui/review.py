"""The report screen for meetings: read-only, with its own footer.

A module of its own so that editing sessions don't build its key map at start-up
(Textual merges a screen class's bindings when the class is made: about 1 ms).
"""

from __future__ import annotations

from textual.screen import Screen

from kedr_tui.ui.commands import bindings
from kedr_tui.ui.screen import ReportScreen


class ReviewScreen(ReportScreen, inherit_bindings=False):
    """The same screen read-only (``--review`` or a report with errors): the footer
    offers what a meeting needs instead of the editing keys."""

    BINDINGS = [*Screen.BINDINGS, *bindings(review=True)]
