"""A report read and analysed: the store reads the file, the analysis is worked out here.

``load`` is the one way in for everything that needs a report's figures and findings
(``check``, ``export``, ``new``, ``protocol``, the app's session, the tests): the store
(``core.store``) only reads and writes, and imports nothing of the analysis.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from kedr_tui.core.analysis import Analysis, Context, Early, analyse, early
from kedr_tui.core.derive import Derived, derive
from kedr_tui.core.errors import Finding, ReportError
from kedr_tui.core.model import Report
from kedr_tui.core.store.report import ReportFile, read_report


class Later:
    """A value worked out once, when it is first asked for (by whichever thread asks
    first: the others wait for it)."""

    __slots__ = ("_make", "_value", "_lock")

    def __init__(self, make=None, value=None):
        self._make = make
        self._value = value
        self._lock = None
        if make is not None:
            from threading import Lock  # (not on ``check``'s way: it works everything out at once)

            self._lock = Lock()

    @property
    def ready(self) -> bool:
        return self._make is None

    def get(self):
        if self._make is not None:
            with self._lock:
                if self._make is not None:      # (another thread may have made it meanwhile)
                    self._value = self._make()
                    self._make = None
        return self._value


class Loaded(ReportFile, frozen=True):
    """A report file as the store read it, with its analysis.

    ``opened`` leaves the analysis for later (``later``: worked out when first asked
    for) and works out only ``early``: Form 1's figures and every error; ``analysed`` and
    ``load`` work out everything at once.
    """

    context: Context
    #: the analysis (None when the text is not a report at all), when first asked for
    later: Later
    #: Form 1 and every error, known before the analysis (None: the analysis was done at once)
    early: Early | None = None

    @property
    def analysis(self) -> Analysis | None:
        return self.later.get()

    @property
    def findings(self) -> tuple[Finding, ...]:
        analysis = self.analysis
        return analysis.findings if analysis else self.parsed.findings

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Every error, without waiting for the analysis when ``early`` knows them."""
        if self.early is not None and not self.later.ready:
            return self.early.errors
        return tuple(f for f in self.findings if f.is_error)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @classmethod
    def of(cls, file: ReportFile, context: Context, analysis: Analysis | None) -> "Loaded":
        fields = {name: getattr(file, name) for name in ReportFile.__struct_fields__}
        return cls(**fields, context=context, later=Later(value=analysis))


def context_of(file: ReportFile) -> Context:
    """What the checks of ``file``'s report need besides the model."""
    return Context(file.parsed.locator, file.file_year, file.previous_facts, file.parsed.unsure)


def analysed(file: ReportFile) -> Loaded:
    """``file`` with every figure derived and every check run on it."""
    context = context_of(file)
    report = file.parsed.report
    analysis = analyse(report, context, file.parsed.findings) if report is not None else None
    file.keep_parsed()          # a parse that missed the cache, kept for the next reading
    return Loaded.of(file, context, analysis)


def opened(file: ReportFile) -> Loaded:
    """``file`` with Form 1's figures and every error worked out now (``Loaded.early``),
    the rest of its analysis when first asked for: the app paints its first frame
    before the expense tree, the evaluation and the warnings are worked out (and before a
    parse that missed the cache is written there)."""
    report = file.parsed.report
    if report is None:
        return analysed(file)
    context = context_of(file)
    extra = file.parsed.findings
    first = early(report, context, extra)
    fields = {name: getattr(file, name) for name in ReportFile.__struct_fields__}

    def rest() -> Analysis:
        analysis = analyse(report, context, extra, first=first)
        file.keep_parsed()      # a parse that missed the cache: kept after the first frame too
        return analysis

    return Loaded(**fields, context=context, later=Later(rest), early=first)


def load(path: str | os.PathLike) -> Loaded:
    """Read and analyse a report.  Raises ReportError only if it can't be read or decoded."""
    with collector_paused():
        return analysed(read_report(path))


@contextmanager
def collector_paused():
    """Python's cyclic collector off while a report is read and checked.  Reading one makes
    hundreds of thousands of objects that all live on (the model, its figures) or die by
    their count going to zero (the parsed tables): the collector found nothing to free,
    and its passes over them all were 0.1 s of a 2 000 / 10 000 report's way to the app's
    first frame (a third of reading it, half of building the model and checking it)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# ---------------------------------------------------------------- two versions, for the diff

PARALLEL_BYTES = 2 * 1024 * 1024    # below this, a second process costs more than it saves


def _derived(label: str, text: str) -> tuple[Report, Derived]:
    from kedr_tui.core.store.versions import report_of  # (subprocess: only for a diff)

    report = report_of(label, text)
    return report, derive(report)


def analysed_pair(old: tuple[str, str], new: tuple[str, str]
                  ) -> tuple[tuple[Report, Derived], tuple[Report, Derived]]:
    """``(label, text)`` twice -> each one's model and figures (the diff needs no checks).

    Big reports are read side by side: tomli and the model take about a third of a
    second for 10 000 rows (unless the cache of parsed reports has them), so on a machine
    with two cores a forked child reads the older one and hands it back as msgpack
    (exact: Decimals travel as their text).
    Anything unusual (no fork, a child that dies) falls back to reading in turn.
    """
    if len(old[1]) + len(new[1]) < PARALLEL_BYTES or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return _derived(*old), _derived(*new)
    import msgspec

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                    # the child: read, send, vanish
        try:
            os.close(read_end)
            try:
                payload = b"R" + msgspec.msgpack.encode(_derived(*old))
            except ReportError as exc:
                payload = b"E" + msgspec.msgpack.encode(
                    [exc.path, exc.message, exc.line, exc.column, exc.exit_code])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    problem: ReportError | None = None
    try:
        mine = _derived(*new)
    except ReportError as exc:          # the older file's trouble is told first, as in turn
        problem = exc
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    if payload[:1] == b"E":
        path, message, line, column, code = msgspec.msgpack.decode(payload[1:])
        raise ReportError(path, message, line, column, code)
    if problem is not None:
        raise problem
    if payload[:1] == b"R":
        return msgspec.msgpack.decode(payload[1:], type=tuple[Report, Derived]), mine
    return _derived(*old), mine
