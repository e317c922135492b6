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


# ---------------------------------------------------------------- strict spaces (issue 10, item 1)

from hypothesis import given, strategies as st          # noqa: E402

from kedr_tui.core.numbers import (GROUP_SPACES, MAX_ABS, MAX_PLACES, format_decimal,  # noqa: E402
                                   parse_date, parse_integer)

SPACES = {"plain": " ", "no-break": "\u00a0", "narrow no-break": "\u202f", "thin": "\u2009"}


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
def test_every_kind_of_space_groups_thousands(space):
    assert parse_number(f"1{space}129,01") == Decimal("1129.01")
    assert parse_number(f"−12{space}345{space}678") == Decimal("-12345678")


@pytest.mark.parametrize("text", ["1 2", "91 2", "12 34,5", "1 2345", "1234 567", "1  234",
                                  "1 234 56", "1,234 5", "- 5", "1 234,567 8", " 1 ,5"])
def test_a_space_outside_a_group_of_three_is_refused_not_glued(text):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert "пробел допустим только между группами по три цифры" in str(info.value)


@pytest.mark.parametrize("text", ["1\t234", "1'234", "1_234", "١٢", "1 234.5.6"])
def test_other_separators_and_foreign_digits_are_not_numbers(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_whole_numbers_and_dates_use_the_same_rules():
    assert parse_integer("2 021") == 2021
    assert parse_integer(" 3 ") == 3
    for text in ("2,5", "2,0", "20 21", "2_021"):
        with pytest.raises(NumberError):
            parse_integer(text)
    assert parse_date("24.03.2021").isoformat() == "2021-03-24"
    assert parse_date("2020-02-29").isoformat() == "2020-02-29"
    with pytest.raises(NumberError) as info:
        parse_date("31.02.2021")
    assert str(info.value) == "«31.02.2021»: такого дня нет — в феврале 2021 года 28 дней"
    with pytest.raises(NumberError) as info:
        parse_date("01.13.2021")
    assert "месяца 13 нет" in str(info.value)
    with pytest.raises(NumberError) as info:
        parse_date("вчера")
    assert "не дата (ДД.ММ.ГГГГ)" in str(info.value)
    # the keypad's point is «,» on the Russian layout; «/» is where the Latin «.» is
    assert parse_date("24,03,2021").isoformat() == "2021-03-24"
    assert parse_date("24/03/2021").isoformat() == "2021-03-24"
    for text in ("24.03,2021", "24,03.2021", "24/03.2021"):
        with pytest.raises(NumberError):
            parse_date(text)


entered = st.decimals(min_value=-MAX_ABS + 1, max_value=MAX_ABS - 1, allow_nan=False,
                      allow_infinity=False, places=None).filter(
    lambda d: -MAX_PLACES <= d.as_tuple().exponent <= 0)


@given(entered)
def test_every_entered_value_the_formatter_prints_reads_back_the_same(value):
    text = format_decimal(value)
    back = parse_number(text)
    assert back == value
    assert format_decimal(back) == text          # the same digits, trailing zeros kept


@given(entered, st.integers(min_value=0, max_value=4))
def test_every_rounded_figure_the_formatter_prints_reads_back_the_same(value, places):
    text = format_decimal(value, places)
    assert parse_number(text) == value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")


@given(st.text(alphabet="0123456789", min_size=1, max_size=7),
       st.text(alphabet="0123456789", min_size=1, max_size=7),
       st.sampled_from(GROUP_SPACES), st.sampled_from(["", ",5", ".25"]))
def test_a_space_not_followed_by_exactly_three_digits_or_after_a_long_head_is_refused(
        head, tail, space, fraction):
    text = f"{head}{space}{tail}{fraction}"
    if len(head) <= 3 and len(tail) == 3:
        assert parse_number(text) == Decimal(f"{head}{tail}{fraction.replace(',', '.')}")
    else:
        with pytest.raises(NumberError):
            parse_number(text)


def test_parse_an_en_dash_as_minus():
    assert parse_number("–5") == Decimal("-5")


@pytest.mark.parametrize("text, message", [
    ("", "пустое значение, ожидается число"),
    ("  ", "пустое значение, ожидается число"),
    ("12a", "«12a» — не число (пример: 1 129,01)"),
    ("1" + "0" * 15, "число слишком велико (не больше 15 цифр до запятой)"),
    ("-1" + "0" * 15, "число слишком велико (не больше 15 цифр до запятой)"),
    ("0,12345678901", "слишком много знаков после запятой (не больше 10)"),
])
def test_parse_refusals_say_exactly_why(text, message):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert str(info.value) == message


def test_the_largest_and_most_precise_numbers_accepted():
    assert parse_number("9" * 15) == Decimal("9" * 15)
    assert parse_number("0,1234567890") == Decimal("0.1234567890")


def test_out_of_range():
    from kedr_tui.core.numbers import out_of_range

    assert out_of_range(Decimal("Infinity")) == "ожидается конечное число"
    assert out_of_range(Decimal("NaN")) == "ожидается конечное число"
    assert out_of_range(Decimal(10) ** 15 - 1) is None
    assert out_of_range(Decimal("1E+15")) == "число слишком велико (не больше 15 цифр до запятой)"
    # beyond the decimal context's exponent limit (999 999): abs() raised decimal.Overflow
    assert out_of_range(Decimal("1e100000000")) == "число слишком велико (не больше 15 цифр до запятой)"
    assert out_of_range(Decimal("-1e100000000")) == "число слишком велико (не больше 15 цифр до запятой)"


def test_decimals_entered():
    from kedr_tui.core.numbers import decimals_of

    assert [decimals_of(Decimal(t)) for t in ("100", "99.5", "0.50", "1E+2", "5", "Infinity")] == \
        [0, 1, 2, 0, 0, 0]


def test_thousands_grouping():
    assert fmt_money(Decimal("123456")) == f"123{NBSP}456,00"
    assert fmt_value(Decimal("1234567")) == f"1{NBSP}234{NBSP}567"
    assert fmt_value(Decimal("12345.5")) == f"12{NBSP}345,5"
    assert fmt_value(Decimal("999")) == "999"


def test_plain_rounds_half_up_and_drops_negative_zero():
    assert plain(Decimal("0.125"), 2) == "0.13"
    assert plain(Decimal("2.675"), 2) == "2.68"
    assert plain(Decimal("-0.001"), 2) == "0.00"
    assert plain(Decimal("-0")) == "0"
    assert plain(Decimal("1"), 2) == "1.00"
    # 30 digits before the point and 2 after: more than the default context's 28
    assert plain(Decimal("1E+30") / 3, 2) == "333333333333333333333333333300.00"


def test_format_with_places_uses_the_wide_context():
    from kedr_tui.core.numbers import format_decimal

    big = Decimal("1E+30") / 3                       # 32 digits once rounded to 2 places
    assert format_decimal(big, 2) == NBSP.join(["333"] * 9) + f"{NBSP}300,00"


@pytest.mark.parametrize("n, text", [
    (0, "0 правок"), (1, "1 правка"), (2, "2 правки"), (3, "3 правки"), (4, "4 правки"),
    (5, "5 правок"), (10, "10 правок"), (11, "11 правок"), (12, "12 правок"), (14, "14 правок"),
    (15, "15 правок"), (21, "21 правка"), (22, "22 правки"), (101, "101 правка"),
    (111, "111 правок"), (112, "112 правок"), (114, "114 правок"), (1004, "1004 правки"),
])
def test_plural(n, text):
    from kedr_tui.core.wording import plural

    assert plural(n, "правка", "правки", "правок") == text


@pytest.mark.parametrize("text, value", [
    ("24.03.2021", "2021-03-24"), ("1.1.2021", "2021-01-01"), (" 2021-03-24 ", "2021-03-24"),
    ("29.02.2024", "2024-02-29"), ("31.12.2021", "2021-12-31"), ("01.01.0001", "0001-01-01"),
])
def test_parse_date(text, value):
    from kedr_tui.core.numbers import parse_date

    assert parse_date(text).isoformat() == value


@pytest.mark.parametrize("text, message", [
    ("2021", "«2021» — не дата (ДД.ММ.ГГГГ)"),
    ("24.03.21", "«24.03.21» — не дата (ДД.ММ.ГГГГ)"),
    ("24.13.2021", "«24.13.2021»: месяца 13 нет (месяц от 1 до 12)"),
    ("24.00.2021", "«24.00.2021»: месяца 0 нет (месяц от 1 до 12)"),
    ("01.01.0000", "«01.01.0000»: года 0 нет"),
    ("29.02.2021", "«29.02.2021»: такого дня нет — в феврале 2021 года 28 дней"),
    ("31.04.2021", "«31.04.2021»: такого дня нет — в апреле 2021 года 30 дней"),
    ("32.01.2021", "«32.01.2021»: такого дня нет — в январе 2021 года 31 день"),
    ("0.12.2021", "«0.12.2021»: такого дня нет — в декабре 2021 года 31 день"),
    ("2021-06-31", "«2021-06-31»: такого дня нет — в июне 2021 года 30 дней"),
])
def test_parse_date_refusals(text, message):
    from kedr_tui.core.numbers import parse_date

    with pytest.raises(NumberError) as info:
        parse_date(text)
    assert str(info.value) == message


@pytest.mark.parametrize("text, value", [
    ("1 129,01", "1129.01"), (f"1{NBSP}129", "1129"), ("1\u202f129", "1129"), ("1\u2009129", "1129"),
    ("12 345 678", "12345678"), (",5", "0.5"), ("5,", "5"), ("+5", "5"), ("–5", "-5"), ("−0", "0"),
])
def test_parse_number_forms(text, value):
    assert str(parse_number(text)) == value


@pytest.mark.parametrize("text, message", [
    ("1 2", "«1 2»: пробел допустим только между группами по три цифры (пример: 1 129,01)"),
    ("12 34,5", "«12 34,5»: пробел допустим только между группами по три цифры (пример: 1 129,01)"),
    ("1 234,5 6", "«1 234,5 6»: пробел допустим только между группами по три цифры (пример: 1 129,01)"),
    ("1234 567", "«1234 567»: пробел допустим только между группами по три цифры (пример: 1 129,01)"),
    (",", "«,» — не число (пример: 1 129,01)"),
    ("-", "«-» — не число (пример: 1 129,01)"),
    ("1.2.3", "«1.2.3» — не число (пример: 1 129,01)"),
    ("1,2a", "«1,2a» — не число (пример: 1 129,01)"),
    ("--5", "«--5» — не число (пример: 1 129,01)"),
])
def test_parse_number_refusals_word_for_word(text, message):
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert str(info.value) == message


def test_parse_integer():
    from kedr_tui.core.numbers import parse_integer

    assert parse_integer(" 12 ") == 12 and parse_integer("1 000") == 1000
    for text in ("1,5", "2,0", "1.00"):
        with pytest.raises(NumberError) as info:
            parse_integer(text)
        assert str(info.value) == f"«{text}» — не целое число"


def test_a_year_before_1000_keeps_four_digits_and_the_editor_reads_it_back():
    """A mistyped year (0202 for 2022) was shown «24.03.202» by strftime: a cut-off year to
    the reader, and the date editor, which needs four digits, refused its own initial text."""
    import datetime as dt

    from kedr_tui.core.fields import editable_text
    from kedr_tui.core.numbers import fmt_date, parse_date

    day = dt.date(202, 3, 24)
    assert fmt_date(day) == editable_text(day) == "24.03.0202"
    assert parse_date(editable_text(day)) == day
    assert fmt_date(dt.date(1, 1, 1)) == "01.01.0001" and fmt_date(dt.date(2021, 3, 24)) == "24.03.2021"
