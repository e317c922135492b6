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
