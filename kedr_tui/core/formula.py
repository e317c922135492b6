"""The numeric part of «Расчет значения показателя», evaluated without ``eval``.

A formula is free text such as ``Пв=Кпс/Очз х 100 (100=8/8*100)``.  Its
numeric part is the last stretch of numbers, operators and parentheses that
forms an expression with at least one operator (here ``8/8*100``).  Two operands with
only a space between them end one stretch and start the next: in ``45/50*100 (90 %)``
the result written after the expression is not part of it.  Numbers may be grouped by
thousands (``1 200``), as the app accepts them.

The Cyrillic «х» below is an operator of the formula's grammar (the seed writes
``х 100``), not wording: ``tests/test_wording.py`` allows exactly those literals.
"""

from __future__ import annotations

import decimal
import functools
import re
from decimal import Decimal

from msgspec import Struct

from kedr_tui.core.errors import KedrError
from kedr_tui.core import wording

MAX_DEPTH = 64

# A number may be grouped by thousands as a person types it in a report (``1 200``, the
# spaces the app accepts: plain, no-break, narrow no-break, thin), groups of exactly three.
_TOKEN = re.compile(r"\s*(?:(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)"
                    r"|(?P<op>[-+*/×:хxX])|(?P<paren>[()])|(?P<other>.))", re.S)
# The minus sign (U+2212: the app's own, and a typeset document's) and the en dash (what a
# word processor makes of «10 - 2») are read as the hyphen-minus: ``(10−2)/4`` was taken
# apart at «−» and its tail ``2/4`` checked against the fact.
_MINUS = str.maketrans("\u2212\u2013", "--")
_GROUP_SPACE = re.compile("[ \u00a0\u202f\u2009]")
_MUL = {"*", "×", "х", "x", "X"}
_DIV = {"/", ":"}


class FormulaError(KedrError, ValueError):
    """An expression that cannot be evaluated; the message is Russian."""


class FormulaValue(Struct, frozen=True):
    """What a formula text holds: the expression found and its value (or why not)."""

    expression: str | None = None
    value: Decimal | None = None
    error: str | None = None


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value, _spaced in _spaced_tokens(text)]


def _spaced_tokens(text: str) -> list[tuple[str, str, bool]]:
    """The tokens, each with whether a space stood before it."""
    out: list[tuple[str, str, bool]] = []
    text = text.translate(_MINUS)         # one character for one: the positions stay
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "op" and value in "хxX":
            # a letter, unless it stands alone between spaces, digits or parentheses
            before = text[match.start(kind) - 1] if match.start(kind) else " "
            after = text[match.end(kind)] if match.end(kind) < len(text) else " "
            if before.isalpha() or after.isalpha() or before == "_" or after == "_":
                kind = "other"
        out.append((kind, value, match.start(kind) > match.start()))
    return out


def _balanced(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop the parentheses that have no partner."""
    stack: list[int] = []
    unmatched: set[int] = set()
    for i, (kind, value) in enumerate(run):
        if kind == "paren" and value == "(":
            stack.append(i)
        elif kind == "paren":
            if stack:
                stack.pop()
            else:
                unmatched.add(i)
    unmatched.update(stack)
    return [tok for i, tok in enumerate(run) if i not in unmatched]


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Decimal:
        value = self.expr(0)
        if self.peek() is not None:
            raise FormulaError(wording.FORMULA_TRAILING)
        return value

    def expr(self, depth: int) -> Decimal:
        value = self.term(depth)
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.take()
            right = self.term(depth)
            value = value + right if tok[1] == "+" else value - right
        return value

    def term(self, depth: int) -> Decimal:
        value = self.unary(depth)
        while (tok := self.peek()) and tok[0] == "op" and (tok[1] in _MUL or tok[1] in _DIV):
            self.take()
            right = self.unary(depth)
            if tok[1] in _MUL:
                value = value * right
            elif right == 0:
                raise FormulaError(wording.FORMULA_DIVISION_BY_ZERO)
            else:
                value = value / right
        return value

    def unary(self, depth: int) -> Decimal:
        if depth > MAX_DEPTH:
            raise FormulaError(wording.FORMULA_TOO_DEEP)
        tok = self.peek()
        if tok is None:
            raise FormulaError(wording.FORMULA_CUT_SHORT)
        if tok == ("op", "-"):
            self.take()
            return -self.unary(depth + 1)
        if tok == ("op", "+"):
            self.take()
            return self.unary(depth + 1)
        if tok[0] == "num":
            self.take()
            return Decimal(_GROUP_SPACE.sub("", tok[1]).replace(",", "."))
        if tok == ("paren", "("):
            self.take()
            value = self.expr(depth + 1)
            if self.peek() != ("paren", ")"):
                raise FormulaError(wording.FORMULA_PAREN_OPEN)
            self.take()
            return value
        raise FormulaError(wording.formula_unexpected(tok[1]))


def evaluate_expression(text: str) -> Decimal:
    """Evaluate a pure arithmetic expression; raises only FormulaError."""
    tokens = _tokens(text)
    if any(kind == "other" for kind, _ in tokens):
        raise FormulaError(wording.FORMULA_FOREIGN)
    return _evaluate(tokens)


MAX_DIGITS = 20      # a number in a formula: more digits is not a figure of a report
MAX_RESULT = Decimal(10) ** 18


def _evaluate(tokens: list[tuple[str, str]]) -> Decimal:
    if any(kind == "num" and len(value) > MAX_DIGITS for kind, value in tokens):
        raise FormulaError(wording.FORMULA_NUMBER_RANGE)  # longer than MAX_DIGITS
    try:
        with decimal.localcontext() as ctx:
            ctx.prec = 28
            ctx.traps[decimal.Inexact] = False
            value = +_Parser(tokens).parse()
        if not value.is_finite() or abs(value) >= MAX_RESULT:
            raise FormulaError(wording.FORMULA_RESULT_RANGE)
        return value
    except decimal.DecimalException as exc:
        raise FormulaError(wording.FORMULA_NUMBER_RANGE) from exc
    except RecursionError as exc:  # pragma: no cover - MAX_DEPTH guards first
        raise FormulaError(wording.FORMULA_TOO_DEEP) from exc


def _render(tokens: list[tuple[str, str]]) -> str:
    return "".join(value for _kind, value in tokens)


def _apart(before: tuple[str, str], token: tuple[str, str], spaced: bool) -> bool:
    """Two operands with no operator between them are two expressions («… 100 (90)»,
    «… 100 90»), except ``2(3+4)`` or ``(1+2)(3+4)`` written close, which stay one (and
    fail: there is no implicit ×)."""
    ends = before[0] == "num" or before == ("paren", ")")
    if not ends:
        return False
    if token[0] == "num":
        return True
    return token == ("paren", "(") and spaced


@functools.lru_cache(maxsize=4096)  # pure; every edit re-derives all formulas
def evaluate(formula: str) -> FormulaValue:
    """Find and evaluate the numeric part of a free-text formula.  Never raises."""
    runs: list[list[tuple[str, str]]] = [[]]
    for kind, value, spaced in _spaced_tokens(formula or ""):
        token = (kind, value)
        if kind == "other":
            if runs[-1]:
                runs.append([])
        else:
            if runs[-1] and _apart(runs[-1][-1], token, spaced):
                runs.append([])     # «45/50*100 (90 %)»: the result after the expression is apart
            runs[-1].append(token)
    first_error: FormulaValue | None = None
    for run in reversed(runs):
        run = _balanced(run)
        while run and run[0][0] == "op" and run[0][1] != "-":
            run = run[1:]
        while run and run[-1][0] == "op":
            run = run[:-1]
        has_number = any(kind == "num" for kind, _ in run)
        has_operator = any(kind == "op" for kind, _ in run[1:])
        if not (has_number and has_operator):
            continue
        expression = _render(run)
        try:
            return FormulaValue(expression, _evaluate(run))
        except FormulaError as exc:
            first_error = first_error or FormulaValue(expression, None, str(exc))
    return first_error or FormulaValue()
