from decimal import Decimal

import pytest

from kedr_tui.core.numbers import (NBSP, NumberError, fmt_money, fmt_pct, fmt_ratio, fmt_value,
                                   parse_number, plain)


@pytest.mark.parametrize("text, value", [
    ("1129.01", "1129.01"), ("1129,01", "1129.01"), ("1 129,01", "1129.01"),
    (f"1{NBSP}129,01", "1129.01"), ("-5", "-5"), ("−5", "-5"), ("0,50", "0.50"), ("+3", "3"),
    ("  42 ", "42"), ("-0", "0"),
])
def test_parse_accepts_russian_and_plain_forms(text, value):
    assert parse_number(text) == Decimal(value)
    assert str(parse_number(text)) == value


@pytest.mark.parametrize("text", ["abc", "", "1.2.3", "1,2,3", "12a", "--5", "1e5", "nan", "inf", "½"])
def test_parse_refuses_non_numbers_with_a_russian_reason(text):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert "числ" in str(info.value) or "пуст" in str(info.value)


def test_format_russian():
    assert fmt_money(Decimal("1129.01")) == f"1{NBSP}129,01"
    assert fmt_money(Decimal("-1234567.5")) == f"−1{NBSP}234{NBSP}567,50"
    assert fmt_pct(Decimal("88.885")) == "88,89"      # half-up, not banker's
    assert fmt_pct(Decimal("0.125")) == "0,13"
    assert fmt_value(Decimal("99.5")) == "99,5"        # entered precision kept
    assert fmt_value(Decimal("90")) == "90"
    assert fmt_value(Decimal("-8.8")) == "−8,8"
    assert fmt_ratio(Decimal("0.85332")) == "0,8533"
    assert fmt_money(None) == fmt_value(None) == "—"
    assert fmt_money(Decimal("-0.001")) == "0,00"      # no negative zero


def test_plain_for_json():
    assert plain(Decimal("91.2"), 2) == "91.20"
    assert plain(Decimal("-10")) == "-10"
    assert plain(None) is None
