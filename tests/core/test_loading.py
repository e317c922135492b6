"""The store reads; ``core.loading`` analyses what it read (issue 9: store = file I/O).

The static side (``kedr_tui.core.store`` imports none of the analysis) is an
import-linter contract (``tests/test_layers.py``); this proves the run-time side
and that the one composed entry point gives what the store used to.
"""

import subprocess
import sys

import pytest

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.loading import Loaded, load
from kedr_tui.core.schema import parse
from kedr_tui.core.store import ReportFile, read_report
from tests.conftest import SEED

ANALYSIS = {"kedr_tui.core.analysis", "kedr_tui.core.derive", "kedr_tui.core.checks",
            "kedr_tui.core.formula", "kedr_tui.core.loading", "kedr_tui.core.recovery"}


def test_reading_a_report_loads_none_of_the_analysis():
    code = (f"from kedr_tui.core.store import read_report\nread_report(r'{SEED}')\n"
            "import sys; print(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert set(out.split()) & ANALYSIS == set()


def test_the_store_returns_what_the_file_holds_and_no_figures():
    read = read_report(SEED)
    assert isinstance(read, ReportFile)
    assert not hasattr(read, "analysis") and not hasattr(read, "findings")
    assert read.text == SEED.read_text(encoding="utf-8")
    assert read.report is not None and read.parsed.findings == ()
    assert (read.file_year, read.previous_facts) == (2021, None)    # no 2020.toml beside it
    assert (read.stamp.size, read.stamp.sha256) == (SEED.stat().st_size,
                                                    __import__("hashlib").sha256(SEED.read_bytes()).hexdigest())


def test_load_reads_then_analyses_once_the_seeds_one_warning():
    loaded = load(SEED)
    assert isinstance(loaded, Loaded) and isinstance(loaded, ReportFile)
    [finding] = loaded.findings
    assert finding.code == "W-FORMULA" and not loaded.has_errors
    assert "отечественного" in loaded.report.indicators[finding.ref[1]].name
    # the same as parsing and analysing by hand, as the store's load used to do
    text = SEED.read_text(encoding="utf-8")
    parsed = parse(text)
    by_hand = analyse(parsed.report, Context(parsed.locator, 2021, None), parsed.findings)
    assert loaded.analysis == by_hand
    assert (loaded.context.file_year, loaded.context.previous) == (2021, None)
    assert loaded.context.locator is loaded.parsed.locator
    assert loaded.report == parsed.report and loaded.text == text and loaded.path == SEED


def test_last_years_facts_reach_the_checks(seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.with_name("2020.toml").write_text(text.replace("year = 2021", "year = 2020"),
                                                encoding="utf-8")
    loaded = load(seed_copy)
    facts = loaded.previous_facts
    assert facts and loaded.context.previous == facts
    assert "W-PREV" in {f.code for f in loaded.findings}     # prev ≠ the 2020 file's facts


def test_text_that_is_not_toml_has_its_syntax_finding_and_no_analysis(tmp_path):
    path = tmp_path / "2021.toml"
    path.write_text("format = 1\nyear = \n", encoding="utf-8")
    loaded = load(path)
    assert loaded.analysis is None and loaded.report is None and loaded.has_errors
    assert [(f.code, f.line) for f in loaded.findings] == [("E-SYNTAX", 2)]


# ---------------------------------------------------------------- errors before the analysis

from tests.core.test_checks import CASES as CHECK_CASES  # noqa: E402 (one report per check)
from tests.conftest import CLEAN  # noqa: E402

ERROR_CASES = [
    *[text for text, _code, _line in CHECK_CASES],
    CLEAN,
    CLEAN.replace("format = 1", "format = 2"),                               # E-SCHEMA, no model
    CLEAN.replace("fact = 10\n", 'fact = "десять"\n'),                       # E-SCHEMA in a row
    CLEAN.replace('[[indicators]]\n', '[[indicators]]\nfcat = 1\n', 1),     # unknown key
    CLEAN + CLEAN[CLEAN.index("[[indicators]]"):CLEAN.index("[[activities]]")],   # E-DUP
    CLEAN.replace('code = "04"', 'code = ""', 1),                            # no programme code
]


def _errors(findings) -> list:
    return sorted((f.line, f.column, f.code, f.message) for f in findings if f.is_error)


@pytest.mark.parametrize("text", ERROR_CASES, ids=[f"case{n}" for n in range(len(ERROR_CASES))])
def test_opened_knows_every_error_before_the_analysis(write_report, text):
    """The app decides read-only from ``opened`` before the analysis is worked out: its
    errors are exactly those of the whole analysis, every check's case among them."""
    from kedr_tui.core.loading import opened

    path = write_report(text)
    whole = load(path)
    early = opened(read_report(path))
    errors = early.errors                               # (asked before the analysis)
    assert early.report is None or not early.later.ready
    assert _errors(errors) == _errors(whole.findings)
    assert early.has_errors == whole.has_errors
    assert early.analysis == whole.analysis             # and the analysis, when it is asked for
    assert early.later.ready and _errors(early.errors) == _errors(whole.findings)


def test_the_collector_is_paused_while_a_report_is_read_and_checked(seed_copy, monkeypatch):
    """Reading a report makes objects that all live on or die by their count: Python's cyclic
    collector is off meanwhile (0.1 s of a big report's way to the first frame) and as it
    was afterwards, an error too."""
    import gc

    from kedr_tui.core import loading, session as session_module
    from kedr_tui.core.errors import ReportError
    from kedr_tui.core.session import Session

    seen = []
    for module in (loading, session_module):
        real = module.read_report

        def reading(path, real=real):
            seen.append(gc.isenabled())
            return real(path)

        monkeypatch.setattr(module, "read_report", reading)
    assert gc.isenabled()
    load(seed_copy)
    opened = Session.open(seed_copy, read_only=True)
    opened.close()
    assert seen == [False, False] and gc.isenabled()
    with pytest.raises(ReportError):
        load(seed_copy.parent / "missing.toml")
    assert gc.isenabled()
    gc.disable()
    try:        # off before: off after
        load(seed_copy)
        assert not gc.isenabled()
    finally:
        gc.enable()
