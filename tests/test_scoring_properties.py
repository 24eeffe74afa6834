"""Properties that hold for any valid figures (hypothesis)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.resources import default_rules
from app.scoring import PENDING, UnitFigures, UnitKind, rank_units, score_unit, validate_units

RULES = default_rules()
QUOTA = {t.key: t.individual_quota for t in RULES.tiers}


@st.composite
def unit_figures(draw: st.DrawFn, code: str = "U") -> UnitFigures:
    total = draw(st.integers(0, 5000))
    online = draw(st.integers(0, total))
    accounts = draw(st.one_of(st.none(), st.integers(1, max(1, online)))) if online else None
    citizens = draw(st.integers(0, 5000))
    eid = draw(st.integers(0, citizens))
    kind = draw(st.sampled_from([UnitKind.XA, UnitKind.THI_TRAN]))
    return UnitFigures(code, f"Đơn vị {code}", kind, online, total, accounts, eid, citizens)


@st.composite
def unit_lists(draw: st.DrawFn) -> list[UnitFigures]:
    count = draw(st.integers(1, 12))
    # few distinct figures make equal totals (ties) common
    small = draw(st.booleans())
    units = []
    for i in range(count):
        unit = draw(unit_figures(code=f"U{i}"))
        if small:
            unit = replace(
                unit,
                total=10,
                online=min(10, (unit.online or 0) % 11),
                citizens=10,
                eid=(unit.eid or 0) % 11,
                accounts=None if unit.accounts is None else 1 + (unit.accounts % 3),
            )
            if unit.online == 0:
                unit = replace(unit, accounts=None)
            elif unit.accounts is not None and unit.online is not None:
                unit = replace(unit, accounts=min(unit.accounts, unit.online))
        units.append(unit)
    return units


@given(unit_figures())
def test_points_stay_within_bounds(unit: UnitFigures) -> None:
    scores, total = score_unit(unit, RULES)
    assert Decimal(0) <= total <= Decimal(100)
    for score, criterion in zip(scores, RULES.criteria, strict=True):
        assert Decimal(0) <= score.points <= criterion.max_points
        assert score.points.as_tuple().exponent == -2


@given(unit_figures(), st.integers(1, 500))
def test_more_online_dossiers_never_lower_the_points(unit: UnitFigures, extra: int) -> None:
    assert unit.online is not None and unit.total is not None
    more = replace(unit, online=min(unit.total, unit.online + extra))
    assert score_unit(more, RULES)[1] >= score_unit(unit, RULES)[1]


@settings(max_examples=200)
@given(unit_lists())
def test_ranks_agree_with_totals(units: list[UnitFigures]) -> None:
    assert validate_units(units) == []
    ranking = rank_units(units, RULES)
    ordered = ranking.ordered
    assert [r.position for r in ordered] == list(range(1, len(units) + 1))
    for a, b in itertools.pairwise(ordered):
        assert a.total is not None and b.total is not None
        assert a.total >= b.total
        assert a.rank is not None and b.rank is not None
        assert a.rank <= b.rank
        if a.total > b.total:
            assert b.rank == b.position  # competition ranking: rank = 1 + units strictly ahead
        if a.rank == b.rank:
            assert a.tie and b.tie and a.total == b.total
    for result in ordered:
        ahead = sum(1 for r in ordered if r.total is not None and r.total > (result.total or 0))
        assert result.rank is not None and result.rank >= ahead + 1


@settings(max_examples=200)
@given(unit_lists())
def test_quotas_prizes_and_bonus_follow_the_tier(units: list[UnitFigures]) -> None:
    ranking = rank_units(units, RULES)
    for result in ranking.ordered:
        if result.tier == PENDING:
            assert result.individual_quota is None and result.prize_vnd == 0
            assert result.tie
        elif result.tier is None:
            assert result.individual_quota == RULES.other_units_quota
            assert result.prize_vnd == 0 and result.bonus_points == 0
        else:
            tier = RULES.tier(result.tier)
            assert result.individual_quota == QUOTA[result.tier]
            assert (result.prize_vnd, result.bonus_points) == (tier.prize_vnd, tier.bonus_points)
    assert ranking.total_prize_vnd <= RULES.total_prize_vnd
    awarded = [r for r in ranking.ordered if r.tier not in (None, PENDING)]
    for tier in RULES.tiers:
        assert sum(1 for r in awarded if r.tier == tier.key) <= tier.positions
