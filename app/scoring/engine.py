"""Scoring and ranking (RULES.md sections 3–5): points, flags, ranks, ties, tiers, prizes, quotas.

Integer arithmetic throughout: points are counted in units of 10**-places, rates compared by
cross-multiplication, so the results are exact and fast (10,000 units in a few tens of ms).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from app.scoring.figures import UnitFigures
from app.scoring.numbers import from_scaled
from app.scoring.proxy import (
    POLICY_COUNT_AS_DIRECT,
    PROXY_TIE_BREAK,
    UnitProxy,
    count_as_direct,
)
from app.scoring.results import (
    PENDING,
    CriterionScore,
    Ranking,
    SettlementError,
    TieGroup,
    TieSettlement,
    UnitResult,
    dossiers_per_account,
)
from app.scoring.rules import FLAG_BELOW_THRESHOLD, RuleSet
from app.scoring.ties import (
    Entry,
    apply_settlements,
    split_by_proxy_share,
    split_equal_total,
    tie_reason,
)

__all__ = [  # the records are defined in app.scoring.results
    "PENDING",
    "CriterionScore",
    "Ranking",
    "SettlementError",
    "TieGroup",
    "TieSettlement",
    "UnitResult",
    "dossiers_per_account",
    "rank_units",
    "score_unit",
]


_new_result = tuple.__new__
assert CriterionScore._fields == ("key", "numerator", "denominator", "points", "flag", "full")
assert UnitResult._fields == (  # the order _rank_units makes them in
    "unit",
    "scored",
    "ranked",
    "excluded",
    "criteria",
    "total",
    "flags",
    "position",
    "rank",
    "tie",
    "tie_codes",
    "tie_broken_by_ratio",
    "settled_reason",
    "tier",
    "prize_vnd",
    "bonus_points",
    "individual_quota",
    "tie_broken_by_proxy",
    "proxy",
    "direct_online",
)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A criterion prepared for integer arithmetic (built once per rule set)."""

    key: str
    numerator: str
    denominator: str
    threshold: tuple[int, int] | None
    full_at: tuple[int, int] | None
    max_scaled: int  # max points in units of 10**-places
    max_num: int  # max points × 10**places as a fraction max_num / max_den
    max_den: int
    missing_flag: str
    zero: Decimal
    maximum: Decimal


@lru_cache(maxsize=16)
def _plans(rules: RuleSet) -> tuple[_Plan, ...]:
    scale = 10**rules.points_places
    plans = []
    for c in rules.criteria:
        mp = Fraction(c.max_points) * scale
        max_scaled = int(mp)
        plans.append(
            _Plan(
                key=c.key,
                numerator=c.numerator,
                denominator=c.denominator,
                threshold=None if c.threshold is None else c.threshold.as_integer_ratio(),
                full_at=None if c.full_at is None else c.full_at.as_integer_ratio(),
                max_scaled=max_scaled,
                max_num=mp.numerator,
                max_den=mp.denominator,
                missing_flag=c.missing_flag,
                zero=from_scaled(0, rules.points_places),
                maximum=from_scaled(max_scaled, rules.points_places),
            )
        )
    return tuple(plans)


def _score(
    unit: UnitFigures, plans: tuple[_Plan, ...], places: int
) -> tuple[tuple[CriterionScore, ...], int, tuple[str, ...]]:
    """Each criterion's score, the total in units of 10**-places, and the flags raised.

    Written out for speed (it runs once per unit on every ranking): the records are made
    positionally, the rounding half-up ``scaled_half_up`` is inlined."""
    scores = []
    flags = []
    total = 0
    for plan in plans:
        num: int | None = getattr(unit, plan.numerator)
        den: int | None = getattr(unit, plan.denominator)
        if num is None or not den:
            flag: str | None = plan.missing_flag
            points, full, scaled = plan.zero, False, 0
        elif plan.threshold is not None and num * plan.threshold[1] < plan.threshold[0] * den:
            flag, points, full, scaled = FLAG_BELOW_THRESHOLD, plan.zero, False, 0
        elif plan.full_at is not None and num * plan.full_at[1] >= plan.full_at[0] * den:
            flag, points, full, scaled = None, plan.maximum, True, plan.max_scaled
        else:
            numerator, denominator = num * plan.max_num, den * plan.max_den
            scaled = (2 * numerator + denominator) // (2 * denominator)  # scaled_half_up
            flag, points, full = None, from_scaled(scaled, places), False
        scores.append(_new_result(CriterionScore, (plan.key, num, den, points, flag, full)))
        if flag is not None:
            flags.append(flag)
        total += scaled
    return tuple(scores), total, tuple(flags)


def score_unit(unit: UnitFigures, rules: RuleSet) -> tuple[tuple[CriterionScore, ...], Decimal]:
    """The criterion scores and total of one unit, ignoring every other unit."""
    scores, total, _flags = _score(unit, _plans(rules), rules.points_places)
    return scores, from_scaled(total, rules.points_places)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a ranking is built.

    A ranking of n units makes some 5n small tuples that hold no reference cycle (they are freed
    by reference counting alone); with the collector running, its repeated passes over them took
    half of the time of 100,000 units. The collector is switched on again as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=16)
def _tier_table(rules: RuleSet) -> tuple[tuple[str | None, int, int, int | None], ...]:
    """(tier key, prize, bonus points, individual quota) of each position 1 … the last awarded
    one (index 0 is position 1); later positions get ``_other_units``."""
    table = []
    for tier in rules.tiers:
        row = (tier.key, tier.prize_vnd, tier.bonus_points, tier.individual_quota)
        table += [row] * tier.positions
    return tuple(table)


def _tier_key(
    table: tuple[tuple[str | None, int, int, int | None], ...], position: int
) -> str | None:
    return table[position - 1][0] if position <= len(table) else None


def rank_units(
    units: Iterable[UnitFigures],
    rules: RuleSet,
    settlements: Sequence[TieSettlement] = (),
    *,
    strict: bool = True,
    proxy: Mapping[str, UnitProxy] | None = None,
) -> Ranking:
    """Score and rank ``units`` (their figures must have been validated).

    ``settlements`` order unresolved ties. With ``strict`` a settlement that does not name exactly
    the units of one unresolved tie raises SettlementError; otherwise it is returned as stale.
    ``proxy``: unit code → its dossiers filed on others' behalf (app.scoring.proxy), used as the
    rule set's ``proxy_policy`` and ``tie_break`` say; None: not used.
    """
    with _collector_paused():
        return _rank_units(list(units), rules, settlements, strict=strict, proxy=proxy)


def _rank_units(
    units: list[UnitFigures],
    rules: RuleSet,
    settlements: Sequence[TieSettlement],
    *,
    strict: bool,
    proxy: Mapping[str, UnitProxy] | None = None,
) -> Ranking:
    plans = _plans(rules)
    places = rules.points_places
    scored_kinds = rules.scored_kinds
    exclude_below = rules.below_threshold_policy == "exclude"
    entries: list[Entry] = []
    as_direct = proxy is not None and rules.proxy_policy == POLICY_COUNT_AS_DIRECT
    split = (
        split_by_proxy_share
        if proxy is not None and rules.tie_break == PROXY_TIE_BREAK
        else split_equal_total
    )
    direct: dict[str, int | None] = {}
    for index, given in enumerate(units):
        if given.kind not in scored_kinds:
            continue
        unit_proxy = proxy.get(given.code) if proxy is not None else None
        unit = given
        if as_direct and unit_proxy is not None and unit_proxy.proxy_dossiers:
            direct[given.code] = given.online
            unit = count_as_direct(given, unit_proxy)
        scores, scaled, flags = _score(unit, plans, places)
        excluded = exclude_below and FLAG_BELOW_THRESHOLD in flags
        total = from_scaled(scaled, places)
        entries.append(Entry(index, unit, scores, total, scaled, flags, excluded))
        if unit_proxy is not None:
            entries[-1].proxy = unit_proxy

    competing = sorted((e for e in entries if not e.excluded), key=lambda e: -e.scaled)
    blocks: list[list[Entry]] = []
    start = 0
    while start < len(competing):
        end = start + 1
        while end < len(competing) and competing[end].scaled == competing[start].scaled:
            end += 1
        same_total = competing[start:end]
        blocks.extend(split(same_total) if len(same_total) > 1 else [same_total])
        start = end
    blocks, applied, stale = apply_settlements(blocks, settlements, strict=strict)

    tie_groups: list[TieGroup] = []
    tier_table = _tier_table(rules)
    position = 0
    for block in blocks:
        settled = block[0].settled_reason is not None
        first = position + 1
        for entry in block:
            position += 1
            entry.position = position
            entry.rank = position if settled or len(block) == 1 else first
        if len(block) > 1 and not settled:
            tiers = {_tier_key(tier_table, p) for p in range(first, first + len(block))}
            codes = tuple(e.unit.code for e in block)
            for entry in block:
                entry.tie_codes = codes
            tie_groups.append(
                TieGroup(
                    codes=codes,
                    rank=first,
                    total=block[0].total,
                    pending=len(tiers) > 1,
                    reason=tie_reason(block),
                )
            )

    pending_codes = {code for g in tie_groups if g.pending for code in g.codes}
    tier_table = _tier_table(rules)
    results: list[UnitResult | None] = [None] * len(units)
    for entry in entries:
        code = entry.unit.code
        if entry.excluded:
            results[entry.index] = UnitResult(
                unit=entry.unit,
                scored=True,
                ranked=False,
                excluded=True,
                criteria=entry.scores,
                total=entry.total,
                flags=entry.flags,
                individual_quota=rules.other_units_quota,
                proxy=entry.proxy,
                direct_online=direct.get(code),
            )
            continue
        if code in pending_codes:
            tier_key: str | None = PENDING
            prize = bonus = 0
            quota: int | None = None
        elif entry.position <= len(tier_table):
            tier_key, prize, bonus, quota = tier_table[entry.position - 1]
        else:
            tier_key, prize, bonus, quota = None, 0, 0, rules.other_units_quota
        # Positional, through tuple.__new__: the same record as UnitResult(unit=…, …), made
        # without the keyword handling that took a fifth of the time at 100,000 units.
        results[entry.index] = _new_result(
            UnitResult,
            (
                entry.unit,
                True,  # scored
                True,  # ranked
                False,  # excluded
                entry.scores,
                entry.total,
                entry.flags,
                entry.position,
                entry.rank,
                bool(entry.tie_codes),
                entry.tie_codes,
                entry.broken_by_ratio,
                entry.settled_reason,
                tier_key,
                prize,
                bonus,
                quota,
                entry.broken_by_proxy,
                entry.proxy,
                direct.get(code),
            ),
        )
    return Ranking(
        rules=rules,
        results=tuple(
            UnitResult(unit=unit, scored=False, ranked=False) if result is None else result
            for unit, result in zip(units, results, strict=True)
        ),
        tie_groups=tuple(tie_groups),
        applied_settlements=tuple(applied),
        stale_settlements=tuple(stale),
    )
