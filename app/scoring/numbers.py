"""Exact rounding and Vietnamese number formatting (no floats anywhere)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache


def scaled_half_up(numerator: int, denominator: int) -> int:
    """Round ``numerator / denominator`` (both ≥ 0, denominator > 0) half-up to an integer."""
    return (2 * numerator + denominator) // (2 * denominator)


def round_half_up(value: Fraction | int, places: int) -> Decimal:
    """``value`` rounded half-up (away from zero on .5) to ``places`` decimals, as a Decimal."""
    frac = Fraction(value)
    scale = 10**places
    magnitude = scaled_half_up(abs(frac.numerator) * scale, frac.denominator)
    sign = -1 if frac < 0 else 1
    return Decimal(sign * magnitude).scaleb(-places)


@lru_cache(maxsize=1 << 16)
def from_scaled(value: int, places: int) -> Decimal:
    """An integer count of 10**-places units as a Decimal with exactly ``places`` decimals.

    Cached: points take few distinct values (0.00 … 100.00), and Decimals are immutable."""
    return Decimal(value).scaleb(-places)


def group_thousands(digits: str) -> str:
    """'1234567' -> '1.234.567' (Vietnamese thousands separator)."""
    sign = ""
    if digits.startswith("-"):
        sign, digits = "-", digits[1:]
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return sign + ".".join(reversed(groups))


def format_int(value: int) -> str:
    """1000 -> '1.000'."""
    return group_thousands(str(value))


def _vietnamese(text: str) -> str:
    """'1234.50' -> '1.234,50'."""
    whole, _, decimals = text.partition(".")
    if len(whole) > 3 or whole.startswith("-"):
        whole = group_thousands(whole)
    return whole + ("," + decimals if decimals else "")


def format_decimal(value: Decimal | Fraction | int, places: int = 2) -> str:
    """Vietnamese decimal: 42 -> '42,00', 1234.5 -> '1.234,50' (half-up)."""
    if isinstance(value, Decimal) and value.is_finite() and not value.is_signed():
        text = f"{value:f}"
        if len(text.partition(".")[2]) == places:  # points: already exactly ``places`` decimals
            return _vietnamese(text)
    if isinstance(value, int) and value >= 0:
        return _vietnamese(f"{value}.{'0' * places}" if places else str(value))
    return _vietnamese(f"{round_half_up(Fraction(value), places):f}")


def format_percent(rate: Fraction, places: int = 2) -> str:
    """Fraction(7, 10) -> '70,00%' (a Decimal or an int is taken exactly too)."""
    exact = rate if isinstance(rate, Fraction) else Fraction(rate)
    return format_ratio_percent(exact.numerator, exact.denominator, places)


def format_ratio_percent(numerator: int, denominator: int, places: int = 2) -> str:
    """numerator / denominator as a percentage, half-up, in whole numbers: (7, 10) -> '70,00%'
    (the same text as ``format_percent(Fraction(numerator, denominator))``)."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    scale = 10**places
    magnitude = (200 * scale * abs(numerator) + denominator) // (2 * denominator)
    whole, part = divmod(magnitude, scale)
    text = str(whole) if whole < 1000 else group_thousands(str(whole))
    sign = "-" if numerator < 0 and magnitude else ""
    return f"{sign}{text},{part:0{places}d}%" if places else f"{sign}{text}%"


def format_share(rate: Fraction) -> str:
    """A rule parameter as a short percentage: Fraction(7, 10) -> '70%', Fraction(9, 10) -> '90%'."""
    text = f"{Decimal(rate.numerator * 100) / Decimal(rate.denominator):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def format_vnd(amount: int) -> str:
    """6000000 -> '6.000.000'."""
    return format_int(amount)


def rate_string(numerator: int, denominator: int, places: int = 4) -> str:
    """The rate as a decimal string with ``places`` places, half-up: 6999/10000 -> '0.6999'."""
    return f"{round_half_up(Fraction(numerator, denominator), places):f}"


def name_list(names: Sequence[str], limit: int = 4) -> str:
    """'A, B, C' — or, past ``limit`` names, 'A, B, C, D và 11 đơn vị khác' (a readable sentence
    even when a period without figures ties every unit)."""
    if len(names) <= limit + 1:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} và {len(names) - limit} đơn vị khác"
