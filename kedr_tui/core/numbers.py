"""Russian number parsing and formatting: the one place figures become text."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from kedr_tui.core.errors import KedrError
from kedr_tui.core import wording

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"

TWO = Decimal("0.01")
FOUR = Decimal("0.0001")

# Limits of an entered number: beyond them it is a typo, not a figure of a report.
MAX_ABS = Decimal(10) ** 15
MAX_PLACES = 10
# Rounding never runs out of digits (28 by default), however large a ratio gets.
_WIDE = Context(prec=80, rounding=ROUND_HALF_UP)

# A typed space groups thousands: plain, no-break, narrow no-break or thin.
GROUP_SPACES = " \u00a0\u202f\u2009"
_SIGNS = {MINUS: "-", "\u2013": "-", "+": "+", "-": "-"}
# the whole part: digits, or groups of exactly three after a head of one to three
_GROUPED = re.compile(f"[0-9]{{1,3}}(?:[{GROUP_SPACES}][0-9]{{3}})+")
_PLAIN = re.compile(r"[0-9]+")
_FRACTION = re.compile(r"[0-9]*")


class NumberError(KedrError, ValueError):
    """Text that is not a number; the message is Russian and user-facing."""


def parse_number(text: str) -> Decimal:
    """``1 129,01``, ``1129.01``, ``-5``, ``−5`` -> Decimal, keeping the digits typed.

    The one parser of every typed number.  A space (plain, no-break, narrow
    no-break, thin) is read as a thousands separator only between groups of
    exactly three digits: ``1 2`` or ``12 34,5`` is a typo and is refused,
    never silently read as 12 or 1234,5.
    """
    shown = text.strip()
    if not shown:
        raise NumberError(wording.NUMBER_EMPTY)
    sign, body = "", shown
    if body[0] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:]
    whole, comma, fraction = body.replace(",", ".").partition(".")
    if any(ch in GROUP_SPACES for ch in body) and not _spaced_well(whole, fraction):
        raise NumberError(wording.number_bad_spaces(shown))
    if ((not whole and not fraction) or "." in fraction
            or not (_PLAIN.fullmatch(whole) or _GROUPED.fullmatch(whole) or not whole)
            or not _FRACTION.fullmatch(fraction)):
        raise NumberError(wording.not_a_number_example(shown))
    digits = "".join(ch for ch in whole if ch not in GROUP_SPACES)
    try:
        value = Decimal(f"{sign}{digits or '0'}{'.' + fraction if comma else ''}")
    except InvalidOperation as exc:  # pragma: no cover - the patterns above guard
        raise NumberError(wording.not_a_number(shown)) from exc
    if problem := out_of_range(value):
        raise NumberError(problem)
    if value == 0:
        value = abs(value)  # no negative zero
    return value


def shown(value: object) -> str:
    """A value from a file, for a message: never thousands of digits, and never the
    ValueError Python raises when asked to print a 16 000-bit integer in decimal."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        text = str(value)
        return text if len(text) <= 60 else text[:59] + "…"
    if isinstance(value, int):
        if abs(value) < 10 ** 30:
            return str(value)
        digits = int(value.bit_length() * 0.30103) + 1
        return wording.huge_number_about('−' if value < 0 else '', digits)
    if value.is_finite() and value.adjusted() > 30:
        return wording.huge_number('−' if value < 0 else '', value.adjusted() + 1)
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _spaced_well(whole: str, fraction: str) -> bool:
    """Spaces only inside the whole part, each between groups of three digits."""
    return bool(_GROUPED.fullmatch(whole)) and not any(ch in GROUP_SPACES for ch in fraction)


def parse_integer(text: str) -> int:
    """A typed whole number (a task's number, a year): the same rules, no fraction."""
    shown = text.strip()
    if shown and not _INTEGERISH.fullmatch(shown):  # «abc»: the example is a whole number
        raise NumberError(wording.not_an_integer_example(shown))
    value = parse_number(text)
    if value != value.to_integral_value() or decimals_of(value):
        raise NumberError(wording.not_an_integer(text.strip()))
    return int(value)


def parse_date(text: str) -> _dt.date:
    """``24.03.2021`` (``24,03,2021``, ``24/03/2021``, or ISO ``2021-03-24``) -> a date; a day
    that does not exist says so."""
    shown = text.strip()
    match = _DATE_RU.fullmatch(shown) or _DATE_ISO.fullmatch(shown)
    if not match:
        raise NumberError(wording.not_a_date(shown))
    day, month, year = (int(match.group(n)) for n in ("d", "m", "y"))
    if not 1 <= month <= 12:
        raise NumberError(wording.no_such_month(shown, month))
    if year < 1:
        raise NumberError(wording.no_such_year(shown, year))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise NumberError(wording.no_such_day(shown, month, year, last))
    return _dt.date(year, month, day)


# what may be a whole number, perhaps mistyped (grouped, with a fraction): parse_number says
_INTEGERISH = re.compile(f"[{re.escape(''.join(_SIGNS))}]?[0-9][0-9{GROUP_SPACES}]*(?:[.,][0-9]*)?")
# «24,03,2021» and «24/03/2021» too, one separator throughout: on the Russian layout the
# keypad's point types «,» (and the Latin «/» key is «.» there)
_DATE_RU = re.compile(r"(?P<d>[0-9]{1,2})(?P<s>[.,/])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4})")
_DATE_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})")


def out_of_range(value: Decimal) -> str | None:
    """Why an entered number can't be a figure of a report, or ``None``."""
    if not value.is_finite():
        return wording.NUMBER_NOT_FINITE
    if value.copy_abs() >= MAX_ABS:        # exact: abs() overflows past the context's Emax
        return wording.NUMBER_TOO_LARGE
    if decimals_of(value) > MAX_PLACES:
        return wording.too_many_places(MAX_PLACES)
    return None


def round_half_up(value: Decimal, places: Decimal = TWO) -> Decimal:
    return value.quantize(places, context=_WIDE)


def decimals_of(value: Decimal) -> int:
    """How many decimals a value was entered with (``99.5`` -> 1, ``100`` -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return NBSP.join(parts)


def format_decimal(value: Decimal | None, places: int | None = None) -> str:
    """Russian form: no-break space thousands, decimal comma, minus sign ``−``.

    ``places=None`` keeps the precision the value has (entered values);
    otherwise rounds half-up to that many decimals.  ``None`` gives «—».
    """
    if value is None:
        return DASH
    if places is not None:
        value = value.quantize(_STEPS.get(places) or Decimal(1).scaleb(-places), context=_WIDE)
    text = f"{value:f}"
    negative = text[0] == "-"
    if negative:
        text = text[1:]
        negative = value != 0               # −0 is shown as 0
    whole, _, frac = text.partition(".")
    if len(whole) > 3:                      # (a table formats some 10 000 numbers)
        whole = _group(whole)
    out = whole + "," + frac if frac else whole
    return MINUS + out if negative else out


_STEPS = {places: Decimal(1).scaleb(-places) for places in range(11)}


def fmt_value(value: Decimal | None) -> str:
    """An entered indicator value, as precise as it was entered."""
    return format_decimal(value)


def fmt_money(value: Decimal | None) -> str:
    """Money and percentages: two decimals, rounded half-up."""
    return format_decimal(value, 2)


fmt_pct = fmt_money


def fmt_date(value: _dt.date) -> str:
    """``24.03.2021``; a year before 1000 with its four digits (``strftime`` writes year 202
    as «202», which the date editor and a reader take for a different, cut-off year)."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def fmt_ratio(value: Decimal | None) -> str:
    """Evaluation coefficients: four decimals."""
    return format_decimal(value, 4)


def plain(value: Decimal | None, places: int | None = None) -> str | None:
    """Plain decimal string for JSON (``"91.20"``), or ``None``."""
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), context=_WIDE)
    if value == 0:
        value = abs(value)
    return f"{value:f}"

