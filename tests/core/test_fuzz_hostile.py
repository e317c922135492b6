"""Fuzzing with the shapes an adversary uses: huge integers, deep nesting, huge numbers in
formulas, control characters everywhere.  Each gives findings (one line each, with a place)
and never another exception; nothing printed holds a raw control character."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.formula import evaluate
from kedr_tui.core.safe_text import visible, visible_text
from kedr_tui.core.schema import parse
from tests.conftest import SEED

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SEED_TEXT = SEED.read_text(encoding="utf-8")


def findings_of(text: str):
    parsed = parse(text)
    if parsed.report is None:
        return parsed.findings
    return analyse(parsed.report, Context(parsed.locator, 2021, None), parsed.findings).findings


def check_lines(text: str) -> list[str]:
    lines = [visible(f.format("2021.toml")) for f in findings_of(text)]
    for line in lines:
        assert "\n" not in line and not RAW.search(line)
        assert re.match(r"2021\.toml:\d+:\d+: [EW]-[A-Z]+ ", line), line
    return lines


big_ints = st.one_of(st.integers(min_value=10 ** 15, max_value=10 ** 40),
                     st.integers(min_value=4290, max_value=6000).map(lambda n: "9" * n),
                     st.integers(min_value=100, max_value=5000).map(lambda n: "0x" + "f" * n))
number_keys = st.sampled_from(["plan = 90", "task = 0", "year = 2021", "format = 1", "plan = 100"])


@FAST
@given(key=number_keys, value=big_ints)
def test_huge_integers_anywhere(key, value):
    name = key.split(" = ")[0]
    check_lines(SEED_TEXT.replace(key, f"{name} = {value}", 1))


@FAST
@given(depth=st.integers(min_value=50, max_value=25000), kind=st.sampled_from(["[]", "{a="]))
def test_deep_nesting(depth, kind):
    value = "[" * depth + "]" * depth if kind == "[]" else "{a=" * depth + "1" + "}" * depth
    lines = check_lines(SEED_TEXT.replace("year = 2021", f"year = 2021\nx = {value}", 1))
    assert any(":5:" in line for line in lines)  # the finding points at the nested value


@FAST
@given(st.lists(st.one_of(st.integers(min_value=0, max_value=10 ** 120).map(str),
                          st.sampled_from(["*", "/", "+", "-", "(", ")", "х", "1e9999", ","])),
                max_size=12))
def test_huge_numbers_in_formulas(parts):
    formula = "Д=" + "".join(parts)
    evaluate(formula)
    text = SEED_TEXT.replace('formula = "ДПО=(20/30)*100"', f'formula = "{formula}"', 1)
    check_lines(text)


controls = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=12)


@FAST
@given(junk=controls, field=st.sampled_from(["name", "title", "executor", "act", "justification",
                                              "unit", "formula", "number"]))
def test_control_characters_everywhere(junk, field):
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or c in '"\\'
                      else c for c in junk)
    text = re.sub(rf'^({field} = ")', lambda m: m.group(1) + escaped, SEED_TEXT, flags=re.M)
    check_lines(text)
    assert not RAW.search(visible_text(junk))
    assert not RAW.search(visible(junk).replace("\t", ""))
