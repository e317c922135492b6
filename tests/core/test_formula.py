from decimal import Decimal

import pytest

from kedr_tui.core.derive import formula_mismatch
from kedr_tui.core.formula import FormulaError, evaluate, evaluate_expression
from kedr_tui.core.model import Indicator


@pytest.mark.parametrize("formula, fact, expression, mismatch", [
    ("Дг=(2981/2996)*100", "99.5", "(2981/2996)*100", False),
    ("ДМУ=(52/57)*100", "91.2", "(52/57)*100", False),
    ("Пв=Кпс/Очз х 100 (100=8/8*100)", "100", "8/8*100", False),
    ("ДПО=(20/30)*100", "20", "(20/30)*100", True),
    ("Количественный подсчет", "5", None, False),
])
def test_spec_table(formula, fact, expression, mismatch):
    value = evaluate(formula)
    assert value.expression == expression
    ind = Indicator(name="x", plan=Decimal(1), fact=Decimal(fact), formula=formula)
    assert formula_mismatch(ind, value) is mismatch


def test_values():
    assert evaluate("Дг=(2981/2996)*100").value.quantize(Decimal("0.0001")) == Decimal("99.4993")
    assert evaluate("ДМУ=(52/57)*100").value.quantize(Decimal("0.0001")) == Decimal("91.2281")
    assert evaluate("Пв=Кпс/Очз х 100 (100=8/8*100)").value == 100


@pytest.mark.parametrize("text, value", [
    ("2+3*4", "14"), ("(2+3)*4", "20"), ("10:4", "2.5"), ("3 × 4", "12"), ("3 х 4", "12"),
    ("1,5*2", "3.0"), ("-5+2", "-3"), ("2*-3", "-6"), ("((1))", "1"),
])
def test_arithmetic(text, value):
    assert evaluate_expression(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1/0", "(1+2", "1+", "2**3", "abc", "(" * 200 + "1" + ")" * 200])
def test_bad_expressions_raise_only_formula_error(text):
    with pytest.raises(FormulaError):
        evaluate_expression(text)


def test_division_by_zero_in_free_text_is_reported_not_raised():
    value = evaluate("Д=5/0*100")
    assert value.value is None and value.error == "деление на ноль"


def test_letter_x_inside_words_is_not_multiplication():
    assert evaluate("расход х 2").expression is None
    assert evaluate("Количественный подсчет").value is None


@pytest.mark.parametrize("text, value", [
    # precedence: × and ÷ before + and −, each level left to right
    ("2*3+4", "10"), ("2+3*4", "14"), ("2-3*4", "-10"), ("20-4/2", "18"), ("8/4*2", "4"),
    ("10-4-3", "3"), ("100/10/2", "5"), ("2*(3+4)", "14"), ("(2+3)*(4-1)", "15"),
    ("-2+5", "3"), ("-(2+3)", "-5"), ("+4", "4"), ("6:4", "1.5"), ("3х3+1", "10"),
    ("1,5+1,5*2", "4.5"),
])
def test_operator_precedence_and_associativity(text, value):
    assert evaluate_expression(text) == Decimal(value)


@pytest.mark.parametrize("formula, expression, value", [
    ("П=2+3*4", "2+3*4", "14"),                          # the whole run, not its tail
    ("Пп=(10-4)-3 (было 5)", "(10-4)-3", "3"),           # a lone number after it is no expression
    ("Д=(1+2)*3 (100=50*2)", "50*2", "100"),             # the last run with an operator wins
    ("С=1,5*2", "1,5*2", "3.0"),
    # the minus sign (U+2212) and the en dash (U+2013) are minus: read as the hyphen, the
    # run stopped at them and 2/4*100 = 50 was checked against the fact
    ("Д=(10\u22122)/4*100", "(10-2)/4*100", "200"),
    ("Д = (10 \u2013 2) / 4 * 100", "(10-2)/4*100", "200"),
    ("Д=\u22125+10", "-5+10", "5"),
])
def test_the_numeric_part_of_free_text(formula, expression, value):
    found = evaluate(formula)
    assert (found.expression, found.value, found.error) == (expression, Decimal(value), None)


def test_an_expression_that_cannot_be_evaluated_says_why():
    assert evaluate("Д=(5+)*2").error is not None
    value = evaluate("Д=7/(2-2)")
    assert (value.expression, value.value, value.error) == ("7/(2-2)", None, "деление на ноль")


@pytest.mark.parametrize("fact, mismatch", [
    # 2/3 × 100 = 66,666…: compared at the precision the fact was entered with
    ("66.67", False), ("66.7", False), ("67", False), ("66.66", True), ("66.6", True), ("66", True),
])
def test_formula_compared_at_the_facts_precision_half_up(fact, mismatch):
    value = evaluate("Д=2/3*100")
    ind = Indicator(name="x", plan=Decimal(1), fact=Decimal(fact), formula="Д=2/3*100")
    assert formula_mismatch(ind, value) is mismatch


def test_formula_tie_rounds_half_up():
    # 12,5 to whole numbers is 13 (half-even would say 12)
    value = evaluate("Д=25/2")
    assert formula_mismatch(Indicator(name="x", fact=Decimal("13")), value) is False
    assert formula_mismatch(Indicator(name="x", fact=Decimal("12")), value) is True
    assert formula_mismatch(Indicator(name="x"), value) is False          # no fact: nothing to compare
    assert formula_mismatch(Indicator(name="x", fact=Decimal(1)), evaluate("")) is False


@pytest.mark.parametrize("text, message", [
    ("1 2", "лишние символы в выражении"),
    ("5/0", "деление на ноль"),
    ("5/(3-3)", "деление на ноль"),
    ("1+", "выражение оборвано"),
    ("(1+2", "не закрыта скобка"),
    (")", "неожиданный символ «)»"),
    ("2**3", "неожиданный символ «*»"),
    ("2+abc", "в выражении есть посторонние символы"),
    ("(" * 65 + "1" + ")" * 65, "слишком глубокая вложенность скобок"),
    ("-" * 65 + "1", "слишком глубокая вложенность скобок"),
    ("+" * 65 + "1", "слишком глубокая вложенность скобок"),
    ("9" * 500001 + "*" + "9" * 500001, "число вне допустимого диапазона"),
])
def test_what_an_expression_that_cannot_be_evaluated_says(text, message):
    with pytest.raises(FormulaError) as info:
        evaluate_expression(text)
    assert str(info.value) == message


def test_nesting_up_to_the_limit_is_fine():
    assert evaluate_expression("(" * 64 + "1" + ")" * 64) == 1
    assert evaluate_expression("-" * 64 + "1") == 1
    assert evaluate_expression("+" * 64 + "1") == 1
    assert evaluate_expression("-(" * 32 + "1" + ")" * 32) == 1


def test_division_precision_and_no_trap_on_inexact():
    assert evaluate_expression("1/3") == Decimal("0." + "3" * 28)   # 28 significant digits
    assert evaluate_expression("5/1") == 5
    assert evaluate_expression("2/3*3") == Decimal("2.000000000000000000000000000")


@pytest.mark.parametrize("text, kinds", [
    ("2х3", ["num", "op", "num"]),                  # х between numbers multiplies
    ("2 х 3", ["num", "op", "num"]),
    ("х2", ["op", "num"]), ("2х", ["num", "op"]),   # at either end, nothing beyond it
    ("х2а", ["op", "num", "other"]),
    ("ах2", ["other", "other", "num"]),             # inside a word it is a letter
    ("2ха", ["num", "other", "other"]),
    ("1ах2", ["num", "other", "other", "num"]),
    ("_х2", ["other", "other", "num"]), ("2х_", ["num", "other", "other"]),
    ("3x4", ["num", "op", "num"]), ("3X4", ["num", "op", "num"]), ("3Х4", ["num", "other", "num"]),
    ("аX2", ["other", "other", "num"]), ("аx2", ["other", "other", "num"]),
    ("(1,5)", ["paren", "num", "paren"]),
])
def test_tokens(text, kinds):
    from kedr_tui.core.formula import _tokens

    assert [kind for kind, _value in _tokens(text)] == kinds


def test_unpartnered_parentheses_are_dropped():
    from kedr_tui.core.formula import _balanced, _tokens

    assert "".join(v for _k, v in _balanced(_tokens("((1+2)"))) == "(1+2)"
    assert "".join(v for _k, v in _balanced(_tokens("(1+2))*3"))) == "(1+2)*3"
    assert "".join(v for _k, v in _balanced(_tokens(")1+2("))) == "1+2"
    found = evaluate("Д=(1+2))*3")
    assert (found.expression, found.value) == ("(1+2)*3", Decimal(9))
    found = evaluate("Д=(1+2")
    assert (found.expression, found.value) == ("1+2", Decimal(3))


def test_the_last_run_that_evaluates_wins_and_an_error_is_kept_for_later():
    found = evaluate("А=1/0 Б=2*3")
    assert (found.expression, found.value, found.error) == ("2*3", Decimal(6), None)
    found = evaluate("А=1/0 Б=2/0")
    assert (found.expression, found.value, found.error) == ("2/0", None, "деление на ноль")
    assert evaluate("А=-2*3").expression == "-2*3"             # a leading minus is kept
    assert evaluate("А=*2*3+").expression == "2*3"             # other leading and trailing operators not
    assert evaluate("") == evaluate("просто текст") == type(evaluate(""))()


@pytest.mark.parametrize("formula, expression, value", [
    ("Д = 45/50*100 (90%)", "45/50*100", "90"),          # its result after it, in parentheses
    ("Д = (2981/2996)*100 (99,5)", "(2981/2996)*100", "99.49933244325767690253671562"),
    ("Д = 45/50*100 90", "45/50*100", "90"),
    ("Д = 1 200/1 500*100", "1 200/1 500*100", "80"),    # grouped by thousands as in the report
    ("Д = 1\u00a0200 / 3\u202f000 × 100", "1\u00a0200/3\u202f000×100", "40"),
    ("Пв=Кпс/Очз х 100 (100=8/8*100)", "8/8*100", "100"),
])
def test_a_result_after_the_expression_and_thousands_groups(formula, expression, value):
    """Free text as officers write it: «45/50*100 (90%)» was «лишние символы» and «1 200» two
    numbers, so a right formula got W-FORMULA."""
    found = evaluate(formula)
    assert (found.expression, found.value, found.error) == (expression, Decimal(value), None)


@pytest.mark.parametrize("formula", ["Д = 2(3+4)", "Д = (1+2)(3+4)"])
def test_operands_written_close_are_not_taken_apart(formula):
    assert evaluate(formula).error == "лишние символы в выражении"
