"""The report screen's file commands: save, export, quit.

A mixin of ``ReportScreen`` (``screen.py``).  Saving goes through ``Session.save``
(a file changed on disk is resolved in ``safety.flow``); the export runs in a
worker thread so the editor stays responsive.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import work

from kedr_tui.core.errors import ReportError
from kedr_tui.core.store import FileChangedError


class FileCommands:
    def action_save(self) -> bool:
        if self.read_only:
            self.tell("Отчёт открыт только для чтения.", severity="warning")
            return False
        try:
            path = self.session.save()
        except FileChangedError as exc:
            # someone changed the file since it was read: ask (reload / save as / cancel)
            from kedr_tui.ui.safety.flow import resolve_conflict

            resolve_conflict(self.app, self.session, exc, on_change=self.after_change)
            return False
        except (ReportError, OSError) as exc:
            self.tell(str(exc), title="Не сохранено", severity="error", timeout=10)
            return False
        self.after_change(None)
        self.tell(f"Сохранено: {path}", timeout=3)
        if self.errors():
            self.tell("В отчёте есть ошибки: файл откроется только для чтения, пока их не "
                        "исправить.", severity="warning", timeout=8)
        return True

    def action_export(self, kind: str) -> None:
        analysis = self.session.analysis
        if analysis is None or analysis.errors:
            self.tell("В отчёте ошибки: вывод невозможен (см. вкладку «Проверка»).",
                        severity="error")
            return
        self.tell(f"Вывод {'PDF' if kind == 'pdf' else 'текста'}…", timeout=2)
        self._export(kind, analysis, self.session.modified)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, kind: str, analysis, unsaved: bool) -> None:
        notify = partial(self.app.call_from_thread, self.tell)
        try:
            from kedr_tui.export.files import default_path, write_output

            warnings: list[str] = []
            path = write_output(kind, analysis, default_path(kind, analysis.report.year), warnings)
        except ImportError:
            notify("Экспорт недоступен: модуль вывода не установлен.", severity="warning")
        except ReportError as exc:
            notify(str(exc), title="Вывод не записан", severity="error", timeout=10)
        except Exception as exc:  # an export bug must not take the editor down
            notify(f"{type(exc).__name__}: {exc}", title="Ошибка вывода", severity="error", timeout=10)
        else:
            made = f"Записан файл {Path(path).resolve()}"
            if unsaved:       # what is printed is not what the file says
                made += " — из несохранённых правок (файл отчёта не сохранён)"
            notify(made, title="Вывод", timeout=8 if unsaved else 6)
            if warnings:
                notify("; ".join(warnings[:3]) + (f" (и ещё {len(warnings) - 3})" if len(warnings) > 3 else ""),
                       title="Не всё напечатано", severity="warning", timeout=12)

    def action_quit(self) -> None:
        self.app.request_quit()
