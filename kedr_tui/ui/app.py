"""The Textual application: one session on one report file.

``run_app`` is the entry point the CLI calls.  The app itself is thin: the
report screen does the work; the app owns the session, the theme and the one
way out (``request_quit``).
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notification, Notify, SeverityLevel

from kedr_tui.core.session import Session
from kedr_tui.styles import style_path
from kedr_tui.ui.commands import palette_provider
from kedr_tui.ui.safety.flow import check_on_open
from kedr_tui.ui.screen import ReportScreen
from kedr_tui.ui import wording as uw
from kedr_tui.ui.collector import Collector

DARK, LIGHT = "textual-dark", "textual-light"
GC_SETTLE = 0.5  # seconds after mounting: the collector resumes (see __init__)


class KedrApp(App[int]):
    """kedr-tui: edit and review the yearly report on a municipal programme."""

    CSS_PATH = [str(style_path("app.tcss"))]
    TITLE = "kedr-tui"
    COMMANDS = {palette_provider}
    BINDINGS = [
        Binding("ctrl+q", "quit", uw.QUIT, show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def get_driver_class(self):
        """Textual's driver for this terminal, writing only the cells that change (bytes
        over SSH: see ``wire``)."""
        from kedr_tui.ui.wire import lean_driver

        return lean_driver(super().get_driver_class())

    def __init__(self, session: Session, file_label: str | None = None, since=None,
                 review_session=None, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        #: the report's review: opened here only if it exists (else at the first mark)
        self.review_session = review_session
        self.file_label = file_label or str(session.shown)
        self.since = since              # (label, Report): the version to compare with
        self._quitting = False
        self._notice_keys = {}      # a notice's identity -> the key count it was given at
        # Start-up allocates in bursts (composing, styling, the first frame) among some
        # 50 000 long-lived objects: Python's collector would run about a hundred times
        # meanwhile (3 ms), and a full pass over them all falls on the first frame
        # (12 ms).  It is paused from here until the app has settled (GC_SETTLE), and
        # what exists then is left out of its passes (``collector``).
        self.collector = Collector(self)
        self.collector.pause()

    def get_default_screen(self) -> ReportScreen:
        from kedr_tui.ui.review import open_review

        review, problem = (self.review_session, None) if self.review_session is not None \
            else open_review(self.session.path)
        self.report_screen = ReportScreen(self.session, self.file_label, review, since=self.since)
        self.report_screen.review_problem = problem
        return self.report_screen

    def _resume_collector(self) -> None:
        """End of start-up (see __init__)."""
        self.collector.resume(True)

    def on_mount(self) -> None:
        self.set_timer(GC_SETTLE, self._resume_collector)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # a journal left by a lost session: offer recovery; a lock held elsewhere: say who
        check_on_open(self, self.session, on_change=lambda: self.report_screen.after_change(),
                      on_locked=self._now_editing, notify_read_only=False)

    async def on_event(self, event: events.Event) -> None:
        # A key or a click before a big report's analysis has landed (it lands right after
        # the first frame): land it first, so that no command sees the report half checked.
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            screen = getattr(self, "report_screen", None)
            if screen is not None and screen.checking:
                screen.land_analysis()
            self.collector.input_seen()
        await super().on_event(event)

    def _now_editing(self) -> None:
        """«Повторить» got the lock: the report as it is now (read again if the colleague
        saved it), with the editing keys back."""
        self.report_screen.after_change()
        self.tell(uw.LOCK_FREE, timeout=4)

    def on_unmount(self) -> None:
        self.collector.end()
        review = getattr(getattr(self, "report_screen", None), "review_session", None)
        if review is not None:  # the lock goes; the journal stays only if something is unsaved
            review.close()

    def tell(self, message: str, **kwargs) -> None:
        """A notification, never read as markup."""
        self.notify(message, markup=False, **kwargs)

    # One key's notices at a time: the notices a key gives take the place of those shown
    # before it (Textual's own handler of Notify, which runs after ``on_notify``, then adds
    # them).  Undo pressed ten times stacked ten notices from the bottom of the screen up
    # over the tabs and the header; the newest tells what the last key did, and the header
    # keeps the lasting state (read-only, unsaved edits, errors).  What one key (or the
    # start) says in two notices stays together.
    _key_count = 0              # keys handled so far (``key_handled``)
    _shown_after = -1           # the key count the notices shown were given at
    _notice_keys: dict

    def key_handled(self) -> None:
        """A key reaches the screen that acts on it: its notices replace the ones shown.
        (Counted there, not as the app reads it: keys of one burst are all read before the
        first is done.)"""
        self._key_count += 1

    def on_notify(self, event: Notify) -> None:
        given = self._notice_keys.pop(event.notification.identity, self._key_count)
        if given != self._shown_after:
            self.clear_notifications()
            self._shown_after = given

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification (the screens' too) passes the sanitizer: it may quote a
        colleague's lock note, a journal header or a name from the report."""
        from kedr_tui.core.safe_text import visible_text

        notification = Notification(visible_text(message), visible_text(title), severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                    markup=markup)
        self._notice_keys[notification.identity] = self._key_count
        self.post_message(Notify(notification))     # (what App.notify does; thread-safe)

    # ------------------------------------------------------------ theme

    def toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme != LIGHT else DARK
        self.tell(uw.LIGHT_THEME if self.theme == LIGHT else uw.DARK_THEME, timeout=2)

    def _theme_changed(self, _theme) -> None:
        # the tables' cell colours come from the stylesheet: re-read them once it is applied
        self.call_after_refresh(self.report_screen.restyle)

    # ------------------------------------------------------------ palette and quitting

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=uw.PALETTE_PLACEHOLDER,
                                            id="--command-palette"))

    def action_help_quit(self) -> None:
        self.tell(uw.QUIT_HINT, timeout=3)

    async def action_quit(self) -> None:
        self.request_quit()

    def request_quit(self) -> None:
        """The one way out: asks when there are unsaved edits."""
        if self._quitting:
            return
        screen = getattr(self, "report_screen", None)
        if screen is not None and screen.saving:   # decide once the save is done (file.py)
            screen.quit_after_save = True
            return
        session = self.session
        if not session.modified or session.read_only:
            self.exit(0)
            return
        from kedr_tui.ui.dialogs import QuitDialog

        self._quitting = True

        def answered(answer: str | None) -> None:
            self._quitting = False
            if answer == "save":
                if self.report_screen.save_now():
                    self.exit(0)
            elif answer == "discard":
                self.session.discard_journal()
                self.exit(0)

        self.push_screen(QuitDialog(Path(self.file_label).name), answered)


def run_app(path: Path, review: bool = False, since=None) -> int:
    """Open ``path`` in the app; the exit code.  ReportError (unreadable file) is the caller's.
    ``since``: (label, Report) of an earlier version whose changes the app marks."""
    from kedr_tui.ui.safety.signals import run_safely

    session = Session.open(path, read_only=review)
    app = None
    try:
        app = KedrApp(session, str(path), since=since)
        run_safely(app)  # SIGHUP, SIGTERM, closed input: exit at once, journal intact (129 / 143)
    finally:
        # a normal quit (0) saved or chose to drop the edits; any other end keeps the journal
        session.close(discard_journal=app is not None and (app.return_code or 0) == 0)
    return app.return_code or 0
