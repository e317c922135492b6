"""The app's safety net: hang-up handling and the recovery, conflict and lock screens.

Integration into the app (a few lines):

- ``run_app``: ``run_safely(app)`` instead of ``app.run()``, then ``session.close()``;
- the quit path that drops unsaved edits: ``session.discard_journal()`` before ``exit``;
- after the report screen mounts: ``check_on_open(app, session, on_change=<redraw>)``;
- ``action_save``: ``except FileChangedError as exc: resolve_conflict(app, session, exc, <redraw>)``.
"""

from kedr_tui.ui.safety.flow import check_on_open, resolve_conflict, suggest_other_name  # noqa: F401
from kedr_tui.ui.safety.signals import (  # noqa: F401
    HANGUP_EXIT,
    TERM_EXIT,
    SafetyGuard,
    run_safely,
)

_SCREENS = ("ConflictScreen", "LockHeldScreen", "RecoveryScreen")


def __getattr__(name: str):
    # The screens (and the widgets they use) are imported when first asked for:
    # most starts never show one, and the app's start-up is timed (README).
    if name in _SCREENS:
        from kedr_tui.ui.safety import screens

        return getattr(screens, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
