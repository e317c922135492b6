"""The report screen's file commands: save, export, quit.

A mixin of ``ReportScreen`` (``screen.py``).  Saving goes through ``Session.save``
(a file changed on disk is resolved in ``safety.flow``); the save and the export
run in worker threads so the editor stays responsive.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import work

from kedr_tui.core.errors import ReportError
from kedr_tui.core.store import FileChangedError
from kedr_tui.ui import wording as uw


#: ``after_change``'s edit after a save that gave rows new places in the file: the report
#: read back is the one shown (``store.layout.render_checked`` makes sure), so no row's
#: cells change; the findings' places do (the «Проверка» tab), and a mark may
#: (rows added since the last read now have a line).  Rebuilding every tab instead took
#: 150-300 ms of the screen's thread at 2 000 / 10 000, keys waiting, after each such save.
SAVED = object()


class FileCommands:
    saving = False      # a save is running in its thread: edits wait for it

    def action_save(self) -> None:
        """Ctrl+S: the save runs in a thread, so keys are answered meanwhile (a big report
        takes a moment to write); edits wait until it is done."""
        if self.read_only:
            self.tell(uw.READ_ONLY, severity="warning")
            return
        if self.saving:
            self.tell(uw.SAVE_RUNNING, timeout=2)
            return
        self.saving = True
        self._save_in_thread()

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_thread(self) -> None:
        import gc
        import sys

        # A save is pure Python and holds the GIL: switching more often lets the screen's
        # thread answer keys meanwhile.  It reads the whole report back (hundreds of
        # thousands of new objects that live on or die by their count going to zero), which
        # sets off the collector's passes, with the interpreter held, 12-90 ms each at
        # 500 / 2 000: a key that came then waited for it.  The collector stays off until the
        # screen's thread has taken the save's result (``_saved``).
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, 0.0005))
        collecting = self.app.collector.pause()
        try:
            path, error = self.session.save(), None
        except Exception as exc:  # told on the screen's thread, as a save in place would
            path, error = None, exc
        finally:
            sys.setswitchinterval(interval)
        try:
            self.app.call_from_thread(self._saved, path, error, collecting)
        except BaseException:
            if collecting:      # the app is gone: the collector is the process's
                gc.enable()
            raise

    quit_after_save = False     # «q» came during the save: asked again when it is done

    def _saved(self, path, error, collecting: bool = False) -> None:
        # on again, what the save made (the report read back, its analysis) left out of its
        # passes: they would go over it all, 70-220 ms at 2 000 / 10 000 (``ui.collector``)
        self.app.collector.resume(collecting)
        self.saving = False
        self._after_save(path, error)
        if self.quit_after_save:
            self.quit_after_save = False
            self.app.request_quit()

    def save_now(self) -> bool:
        """Save at once and wait for it (quitting with «Сохранить»): True if saved."""
        if self.saving:
            self.tell(uw.SAVE_STILL_RUNNING, timeout=3)
            return False
        if self.read_only:
            self.tell(uw.READ_ONLY, severity="warning")
            return False
        try:
            path, error = self.session.save(), None
        except Exception as exc:
            path, error = None, exc
        return self._after_save(path, error)

    def refuse_while_saving(self) -> bool:
        """True (and says so) when an edit must wait for the save that is running."""
        if self.saving:
            self.tell(uw.SAVING_RETRY, timeout=2)
        return self.saving

    def _after_save(self, path, error) -> bool:
        if isinstance(error, FileChangedError):
            if not self.session.modified and error.kind != "deleted":
                # nothing of ours to keep: writing the old text back would undo the colleague's
                # change, and the dialog spoke of «правки» there were none of
                return self._reload_unedited()
            # someone changed the file since it was read: ask (reload / save as / cancel)
            from kedr_tui.ui.safety.flow import resolve_conflict

            resolve_conflict(self.app, self.session, error, on_change=self.after_change)
            return False
        if isinstance(error, (ReportError, OSError)):
            self.tell(str(error), title=uw.NOT_SAVED, severity="error", timeout=10)
            return False
        if error is not None:
            raise error
        analysis, state = self.session.analysis, self.state
        if analysis is not None and state is not None and analysis.derived is state.derived \
                and analysis.findings is state.findings:
            # saved as it was (values patched in their lines): only the «modified» mark changes
            self.update_header()
            self._refresh_history_keys()
        else:
            self.after_change(SAVED if self.session.saved_as_shown else None)
        if self.errors():       # one notice at a time: both in one
            self.tell(f"{uw.saved(path)}\n{uw.SAVED_WITH_ERRORS}", severity="warning", timeout=8)
        else:
            self.tell(uw.saved(path), timeout=3)
        return True

    def _reload_unedited(self) -> bool:
        """Ctrl+S with no edits on a file changed on disk: read it again, and say so."""
        try:
            self.session.reload()
        except ReportError as exc:
            self.tell(str(exc), title=uw.NOT_SAVED, severity="error", timeout=10)
            return False
        self.after_change(None)
        self.tell(uw.RELOADED_UNEDITED, timeout=6)
        return False

    def action_export(self, kind: str) -> None:
        analysis = self.session.analysis
        if analysis is None or analysis.errors:
            self.tell(uw.OUTPUT_REFUSED_ERRORS,
                        severity="error")
            return
        self.tell(uw.exporting(kind), timeout=2)
        from kedr_tui.core.review import is_draft_print

        self._export(kind, analysis, self.session.modified, is_draft_print(self.review))

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, kind: str, analysis, unsaved: bool, draft: bool = False) -> None:
        notify = partial(self.app.call_from_thread, self.tell)
        try:
            from kedr_tui.export.files import default_path, write_output

            warnings: list[str] = []
            path = write_output(kind, analysis, default_path(kind, analysis.report.year), warnings,
                                draft=draft)
        except ImportError:
            notify(uw.EXPORT_MISSING, severity="warning")
        except ReportError as exc:
            notify(str(exc), title=uw.OUTPUT_NOT_WRITTEN, severity="error", timeout=10)
        except Exception as exc:  # an export bug must not take the editor down
            notify(f"{type(exc).__name__}: {exc}", title=uw.OUTPUT_ERROR, severity="error", timeout=10)
        else:
            # unsaved: what is printed is not what the file says
            written = uw.written(Path(path).resolve(), unsaved)
            if warnings:        # one notice at a time: what was left out, under where it went
                notify(f"{written}\n{uw.not_all_printed(warnings)}", title=uw.NOT_ALL_PRINTED,
                       severity="warning", timeout=12)
            else:
                notify(written, title=uw.OUTPUT, timeout=8 if unsaved else 6)

    def action_quit(self) -> None:
        self.app.request_quit()
