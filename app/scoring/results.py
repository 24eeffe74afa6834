"""What a ranking is made of (RULES.md sections 3–5): each criterion's score, each unit's
result, the unresolved ties and the council's settlements — immutable records made by
``app.scoring.engine.rank_units``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple

from app.errors import UserError
from app.scoring.figures import UnitFigures
from app.scoring.proxy import UnitProxy
from app.scoring.rules import RuleSet

PENDING = "pending"


class SettlementError(UserError, ValueError):
    """A manual tie settlement that does not fit the ranking (message in Vietnamese)."""


@dataclass(frozen=True, slots=True)
class TieSettlement:
    """The council's order for the units of one unresolved tie, with its written reason."""

    order: tuple[str, ...]
    reason: str


class CriterionScore(NamedTuple):
    """One criterion's points for one unit (a named tuple: immutable and cheap to make)."""

    key: str
    numerator: int | None
    denominator: int | None
    points: Decimal
    flag: str | None = None
    full: bool = False  # the rate reached ``full_at``: maximum points

    @property
    def rate(self) -> Fraction | None:
        if self.numerator is None or not self.denominator:
            return None
        return Fraction(self.numerator, self.denominator)


class UnitResult(NamedTuple):
    """One unit's outcome. ``scored``: its kind is scored; ``ranked``: it takes part in the ranking.

    A named tuple rather than a frozen dataclass: as immutable, and four times cheaper to make,
    which counts when 10,000 units are ranked on every edit.
    """

    unit: UnitFigures
    scored: bool
    ranked: bool
    excluded: bool = False
    criteria: tuple[CriterionScore, ...] = ()
    total: Decimal | None = None
    flags: tuple[str, ...] = ()
    position: int | None = None  # 1-based place in the final order
    rank: int | None = None  # competition rank: tied units share it
    tie: bool = False  # in an unresolved tie
    tie_codes: tuple[str, ...] = ()  # codes of every unit of that tie, this one included
    tie_broken_by_ratio: bool = False  # equal total, separated by dossiers per account
    settled_reason: str | None = None  # order set by the council
    tier: str | None = None  # a tier key, PENDING, or None
    prize_vnd: int = 0
    bonus_points: int = 0
    individual_quota: int | None = None
    tie_broken_by_proxy: bool = False  # equal total, separated by the proxy share (lower first)
    proxy: UnitProxy | None = None  # dossiers filed on others' behalf, when the rules use them
    direct_online: int | None = None  # online before proxy dossiers counted as not online

    @property
    def code(self) -> str:
        return self.unit.code

    def criterion(self, key: str) -> CriterionScore:
        for score in self.criteria:
            if score.key == key:
                return score
        raise KeyError(key)

    @property
    def dossiers_per_account(self) -> Fraction | None:
        return dossiers_per_account(self.unit)

    @property
    def tied_with(self) -> tuple[str, ...]:
        """Codes of the other units of this unit's unresolved tie."""
        return tuple(code for code in self.tie_codes if code != self.unit.code)


@dataclass(frozen=True, slots=True)
class TieGroup:
    """Units that share a rank and that nothing in the rules separates."""

    codes: tuple[str, ...]
    rank: int
    total: Decimal
    pending: bool  # its members would fall into different tiers
    reason: str  # why the tie-break could not separate them (Vietnamese)


@dataclass(frozen=True)
class Ranking:
    rules: RuleSet
    results: tuple[UnitResult, ...]  # in input order
    tie_groups: tuple[TieGroup, ...] = ()
    applied_settlements: tuple[TieSettlement, ...] = ()
    stale_settlements: tuple[TieSettlement, ...] = ()
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({r.unit.code: i for i, r in enumerate(self.results)})

    def result(self, code: str) -> UnitResult:
        return self.results[self._index[code]]

    def __contains__(self, code: object) -> bool:
        return code in self._index

    @cached_property
    def ordered(self) -> tuple[UnitResult, ...]:
        """Ranked units by final position."""
        ranked = [r for r in self.results if r.position is not None]
        return tuple(sorted(ranked, key=lambda r: r.position or 0))

    @property
    def pending(self) -> tuple[UnitResult, ...]:
        return tuple(r for r in self.results if r.tier == PENDING)

    @property
    def awarded(self) -> tuple[UnitResult, ...]:
        """Ranked units with a tier, in order."""
        return tuple(r for r in self.ordered if r.tier not in (None, PENDING))

    @property
    def total_prize_vnd(self) -> int:
        return sum(r.prize_vnd for r in self.results)

    @property
    def unit_above(self) -> dict[str, str]:
        """Code → code of the unit one position ahead in the final order."""
        order = self.ordered
        return {order[i].unit.code: order[i - 1].unit.code for i in range(1, len(order))}


def dossiers_per_account(unit: UnitFigures) -> Fraction | None:
    """online / accounts, or None when accounts is missing or zero."""
    if unit.online is None or not unit.accounts:
        return None
    return Fraction(unit.online, unit.accounts)
