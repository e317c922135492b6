"""Arbitrary input reaches the user as findings or ReportError, never as another exception."""

import datetime as dt

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.errors import ReportError
from kedr_tui.core.formula import FormulaError, evaluate, evaluate_expression
from kedr_tui.core.fields import of_section
from kedr_tui.core.schema import parse
from kedr_tui.core.loading import load

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def analyse_text(text: str):
    parsed = parse(text)
    if parsed.report is not None:
        analysis = analyse(parsed.report, Context(parsed.locator, 2021, None), parsed.findings)
        for finding in analysis.findings:
            assert finding.code.split("-")[0] in ("E", "W") and finding.line >= 0
    return parsed


@FAST
@given(st.text())
def test_arbitrary_text(text):
    analyse_text(text)


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_from_disk(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "2021.toml"
    path.write_bytes(data)
    try:
        load(path)
    except ReportError as exc:
        assert exc.exit_code == 2 and str(exc).startswith(str(path))


scalars = st.one_of(
    st.integers(min_value=-10**6, max_value=10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.booleans(), st.dates(min_value=dt.date(1900, 1, 1)),
    st.sampled_from(["higher", "lower", "04.0.01.1", "04.0.01.0", "4.0.02.x", "(20/30)*100", "1/0"]),
)


def rows(section):
    keys = st.sampled_from([f.name for f in of_section(section)] + ["typo"])
    return st.dictionaries(keys, scalars, max_size=8)


documents = st.fixed_dictionaries(
    {"format": st.one_of(st.just(1), scalars), "year": st.one_of(st.just(2021), scalars),
     "program": st.one_of(rows("program"), scalars)},
    optional={section: st.lists(rows(section), max_size=4)
              for section in ("tasks", "indicators", "activities", "expenses", "amendments")},
)


@FAST
@given(documents)
def test_valid_shaped_documents(document):
    analyse_text(tomlkit.dumps(document))


@FAST
@given(st.text(alphabet="0123456789.,+-*/×х:() xабв=", max_size=40))
def test_formula_parser_raises_only_its_own_error(text):
    evaluate(text)
    try:
        evaluate_expression(text)
    except FormulaError:
        pass


SEED_TEXT = None


def _seed_text():
    global SEED_TEXT
    if SEED_TEXT is None:
        from tests.conftest import SEED

        SEED_TEXT = SEED.read_text(encoding="utf-8")
    return SEED_TEXT


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=60), comment=st.text(max_size=200),
       fact=st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_any_value_saved_reads_back_equal(tmp_path_factory, title, comment, fact):
    from kedr_tui.core.edits import set_field
    from kedr_tui.core.session import Session

    path = tmp_path_factory.mktemp("rt") / "2021.toml"
    path.write_text(_seed_text(), encoding="utf-8")
    session = Session.open(path)
    for section, index, field, value in (("program", None, "title", title),
                                         ("indicators", 2, "comment", comment),
                                         ("indicators", 3, "fact", fact)):
        edit = set_field(session.report, section, index, field, value)
        if edit:
            session.perform(edit)
    expected = session.report
    session.save()
    assert load(path).report == expected
