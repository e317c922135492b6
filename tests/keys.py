"""Row keys for tests (view/keys.py): the key of the row that shows a record, named by the
record's place in a report — the seed's by default, or the report an app, a screen or a
state holds now.  Nothing here parses a key: each helper builds the typed one."""

from __future__ import annotations

from functools import lru_cache

from kedr_tui.core.identity import NarrativeId, TableId, TaskId
from kedr_tui.core.model import Report
from kedr_tui.view.keys import (PROGRAMME, ExecutorTotal, FieldRow, FindingKey, Heading, ReviewKey,
                                record_key)
from kedr_tui.view.rows import GOAL, YEAR

__all__ = ["GOAL", "INTRO", "OUTRO", "PROGRAMME", "YEAR", "Heading", "FindingKey", "amd", "assignment",
           "comment", "exp", "ind", "line", "meeting", "node", "program", "review_mark", "signature",
           "task", "report_of"]

INTRO, OUTRO = NarrativeId("intro"), NarrativeId("outro")


@lru_cache(maxsize=1)
def _seed() -> Report:
    from kedr_tui.core.loading import load
    from tests.conftest import SEED

    return load(SEED).analysis.report


def report_of(where=None) -> Report:
    """The report of ``where``: an app, its report screen, a State, a Report; None: the seed."""
    if where is None:
        return _seed()
    if isinstance(where, Report):
        return where
    screen = getattr(where, "report_screen", where)
    session = getattr(screen, "session", None)
    if session is not None:
        return session.report
    return where.report          # a view State


def _key(section: str, index: int, where, field: str | None = None):
    key = record_key(report_of(where), section, index, field)
    assert key is not None, (section, index)
    return key


def ind(index: int, where=None):
    """The row of indicator ``index`` (0-based, in file order) on «Показатели»."""
    return _key("indicators", index, where)


def comment(index: int, where=None):
    """The «Доклад» row of indicator ``index``'s paragraph."""
    return _key("indicators", index, where, "comment")


def exp(index: int, where=None):
    """The row of expense row ``index`` on «Расходы»."""
    return _key("expenses", index, where)


def node(index: int, where=None):
    """The line of activity ``index`` on «Расходы»."""
    return _key("activities", index, where)


def amd(index: int, where=None):
    """The row of amendment ``index`` on «Изменения»."""
    return _key("amendments", index, where)


def task(number: int) -> TaskId:
    """Task ``number``'s heading, on «Показатели» and on «Расходы»."""
    return TaskId(number)


def line(code: str, executor: str) -> ExecutorTotal:
    """An executor's line under the aggregated activity ``code``."""
    return ExecutorTotal(code, executor)


def program(field: str) -> FieldRow:
    return FieldRow(TableId("program"), field)


def signature(field: str) -> FieldRow:
    return FieldRow(TableId("signature"), field)


def meeting(field: str) -> ReviewKey:
    return ReviewKey("meeting", field)


def review_mark(index: int) -> ReviewKey:
    return ReviewKey("mark", index)


def assignment(index: int) -> ReviewKey:
    return ReviewKey("assignment", index)



def finding(k: int, app):
    """The «Проверка» row of the app's finding ``k`` (in the order the checks found them)."""
    from kedr_tui.view.rows import finding_key

    screen = app.report_screen
    return finding_key(screen.state.findings[k], screen.session.report)
