"""The fast paths of the ranking at national scale give exactly what a straightforward reference
gives: a ranking computed with Fraction by RULES.md sections 3–5, the table and numbers formatted
the plain way, figures validated without the shortcut (hypothesis)."""

from __future__ import annotations

import gc
import unicodedata
from decimal import Decimal
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.resources import default_rules
from app.scoring import PENDING, UnitFigures, UnitKind, rank_units, validate_units, validation
from app.scoring.explain import flag_label, tier_label
from app.scoring.numbers import (
    format_decimal,
    format_percent,
    format_ratio_percent,
    format_vnd,
    group_thousands,
    round_half_up,
)
from app.scoring.table import format_ranking_table
from tests.test_scoring_properties import unit_lists

RULES = default_rules()


def half_up(value: Fraction) -> Fraction:
    scaled = value * 100
    return Fraction((2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator), 100)


def reference_ranking(units: list[UnitFigures]) -> dict[str, tuple[Any, ...]]:
    """code → (total, rank, tie, tier, prize) by RULES.md, with Fraction and nothing clever."""
    scored = []
    for unit in units:
        first = Fraction(0)
        if unit.total and unit.online is not None:
            rate = Fraction(unit.online, unit.total)
            if rate >= Fraction(7, 10):
                first = half_up(rate * 60)
        second = Fraction(0)
        if unit.citizens and unit.eid is not None:
            rate = Fraction(unit.eid, unit.citizens)
            second = Fraction(40) if rate >= Fraction(9, 10) else half_up(rate * 40)
        ratio = (
            None
            if unit.online is None or not unit.accounts
            else Fraction(unit.online, unit.accounts)
        )
        scored.append((first + second, ratio, unit))

    def order(a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
        if a[0] != b[0]:
            return -1 if a[0] > b[0] else 1
        return 0

    scored.sort(key=cmp_to_key(order))
    tiers = [(t.key, t.prize_vnd) for t in RULES.tiers for _ in range(t.positions)]
    result: dict[str, tuple[Any, ...]] = {}
    start = 0
    while start < len(scored):
        end = start
        while end < len(scored) and scored[end][0] == scored[start][0]:
            end += 1
        group = scored[start:end]
        if all(g[1] is not None for g in group):
            blocks: list[list[Any]] = []
            for entry in sorted(group, key=lambda g: g[1]):
                if blocks and blocks[-1][0][1] == entry[1]:
                    blocks[-1].append(entry)
                else:
                    blocks.append([entry])
        else:
            blocks = [group]
        position = start
        for block in blocks:
            places = range(position, position + len(block))
            keys = {tiers[p] if p < len(tiers) else (None, 0) for p in places}
            for entry in block:
                tie = len(block) > 1
                tier = (PENDING, 0) if len(keys) > 1 else next(iter(keys))
                result[entry[2].code] = (entry[0], position + 1, tie, *tier)
            position += len(block)
        start = end
    return result


@settings(max_examples=300, deadline=None)
@given(unit_lists())
def test_ranking_equals_the_fraction_reference(units: list[UnitFigures]) -> None:
    ranking = rank_units(units, RULES)
    got = {r.code: (Fraction(r.total), r.rank, r.tie, r.tier, r.prize_vnd) for r in ranking.results}
    assert got == reference_ranking(units)


def test_the_collector_is_switched_on_again() -> None:
    units = [UnitFigures("A", "A", UnitKind.XA, 1, 1, 1, 1, 1)]
    assert gc.isenabled()
    rank_units(units, RULES)
    assert gc.isenabled()
    gc.disable()
    try:
        rank_units(units, RULES)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def plain_decimal(value: Decimal | Fraction | int, places: int) -> str:
    text = f"{round_half_up(Fraction(value), places):f}"
    whole, _, decimals = text.partition(".")
    return group_thousands(whole) + ("," + decimals if decimals else "")


@given(
    st.integers(-(10**9), 10**9),
    st.integers(1, 10**7) | st.integers(-(10**7), -1),
    st.integers(0, 4),
    st.integers(-3, 6),
)
def test_number_texts_equal_the_fraction_reference(
    numerator: int, denominator: int, places: int, exponent: int
) -> None:
    rate = Fraction(numerator, denominator)
    assert format_ratio_percent(numerator, denominator, places) == (
        plain_decimal(rate * 100, places) + "%"
    )
    assert format_percent(rate, places) == plain_decimal(rate * 100, places) + "%"
    for value in (Decimal(numerator).scaleb(-places), Decimal(numerator).scaleb(-exponent)):
        assert format_decimal(value, places) == plain_decimal(value, places)
    assert format_decimal(numerator, places) == plain_decimal(numerator, places)
    assert format_decimal(rate, places) == plain_decimal(rate, places)


def test_negative_zero_and_whole_decimals() -> None:
    for value in (Decimal("-0.00"), Decimal("0E-2"), Decimal("1E+2"), Decimal("-0.001")):
        for places in range(4):
            assert format_decimal(value, places) == plain_decimal(value, places)


def plain_table(ranking: Any) -> str:
    """The table drawn cell by cell (the code before it was made fast)."""

    def width(text: str) -> int:
        return sum(0 if unicodedata.combining(ch) else 1 for ch in text)

    rules = ranking.rules
    headers = ["Hạng", "Mã", "Đơn vị", *[c.short_label for c in rules.criteria]]
    headers += ["Tổng", "Giải", "Thưởng (đ)", "Ghi chú"]
    right = {0, *range(3, 3 + len(rules.criteria) + 1), len(headers) - 2}
    rows = []
    for result in ranking.ordered + tuple(r for r in ranking.results if r.excluded):
        notes = [flag_label(f, rules) for f in result.flags]
        notes += ["đồng hạng"] if result.tie else []
        notes += ["Hội đồng phân định"] if result.settled_reason else []
        notes += ["không xếp hạng"] if result.excluded else []
        rates = [format_percent(s.rate) if s.rate is not None else "—" for s in result.criteria]
        rows.append(
            [
                "" if result.rank is None else str(result.rank),
                result.unit.code,
                result.unit.name,
                *[
                    f"{format_decimal(s.points, rules.points_places)} ({rate})"
                    for s, rate in zip(result.criteria, rates, strict=True)
                ],
                format_decimal(result.total or 0, rules.points_places),
                tier_label(result.tier, rules),
                format_vnd(result.prize_vnd) if result.prize_vnd else "",
                "; ".join(notes),
            ]
        )
    widths = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def pad(text: str, size: int, to_right: bool) -> str:
        gap = " " * max(0, size - width(text))
        return gap + text if to_right else text + gap

    lines = [
        "  ".join(pad(cell, widths[i], i in right) for i, cell in enumerate(row)).rstrip()
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@settings(max_examples=100, deadline=None)
@given(unit_lists(), st.booleans())
def test_table_equals_the_plain_drawing(units: list[UnitFigures], decomposed: bool) -> None:
    if decomposed:  # names typed with combining marks still line up
        units = [
            UnitFigures(
                u.code,
                unicodedata.normalize("NFD", "Xã Hòa " + u.code),
                u.kind,
                u.online,
                u.total,
                u.accounts,
                u.eid,
                u.citizens,
            )
            for u in units
        ]
    ranking = rank_units(units, RULES)
    table = format_ranking_table(ranking)
    assert table.startswith(plain_table(ranking) + "\n")


@given(unit_lists(), st.booleans())
def test_validation_shortcut_changes_nothing(units: list[UnitFigures], require_all: bool) -> None:
    odd = [
        UnitFigures("N", "N", UnitKind.XA, 5, 3, 0, 2, 1),
        UnitFigures("B", "B", UnitKind.XA, True, 3, None, 2, 2),  # type: ignore[arg-type]
        UnitFigures("Z", "Z", UnitKind.XA, 4, 4, 0, 2, 2),
        UnitFigures("M", "M", UnitKind.XA, -1, 4, None, None, 2),
    ]
    fast = validate_units(units + odd, require_all=require_all)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "_plainly_valid", lambda _unit: False)
        plain = validate_units(units + odd, require_all=require_all)
    assert fast == plain and len(plain) >= 4
