"""Dossiers filed on citizens' behalf (RULES.md section 4): which portal accounts show signs of it,
the share of each unit's online dossiers they filed, and how the rule set counts them.

Pure logic over counts the caller aggregated (per unit and account): exact arithmetic, no I/O.

- An account is marked "có dấu hiệu nộp thay" when it filed online dossiers without an
  authorisation flag for at least ``proxy_owner_threshold`` distinct owners (rule-set parameter,
  default 10), or when the district registered it as an official's account of the unit.
- Its online dossiers without an authorisation flag are the unit's proxy dossiers; the proxy share
  is proxy dossiers / online dossiers of the unit.
- ``proxy_policy`` ``tie_break`` (default): scores are unchanged; a rule set whose ``tie_break`` is
  :data:`PROXY_TIE_BREAK` compares the proxy share (lower is better) before dossiers per account.
  ``count_as_direct``: proxy dossiers count as not online (online − proxy dossiers; an account
  left without online dossiers no longer counts among the accounts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypeVar

from app.scoring.figures import UnitFigures

POLICY_TIE_BREAK = "tie_break"
POLICY_COUNT_AS_DIRECT = "count_as_direct"
PROXY_POLICIES = (POLICY_TIE_BREAK, POLICY_COUNT_AS_DIRECT)
PROXY_POLICY_LABELS = {
    POLICY_TIE_BREAK: "chỉ dùng khi bằng điểm",
    POLICY_COUNT_AS_DIRECT: "hồ sơ nộp thay tính là không trực tuyến",
}
DEFAULT_OWNER_THRESHOLD = 10
PROXY_TIE_BREAK = "lower_proxy_share_then_dossiers_per_account"
T = TypeVar("T")
FLAGGED_LABEL = "có dấu hiệu nộp thay"
OFFICIAL_LABEL = "tài khoản cán bộ"


@dataclass(frozen=True, slots=True)
class AccountActivity:
    """One account's online dossiers of one unit in a period, as counted from stored dossiers."""

    unit: str  # unit code
    account: str
    dossiers: int  # online dossiers it filed
    owners: int  # distinct owners among them (0 when the exports named none)
    procedures: int  # distinct procedures among them
    active_days: int  # distinct days it filed on
    unauthorised: int  # of its dossiers, those without an authorisation flag
    unauthorised_owners: int  # distinct owners among those
    official: bool = False  # registered by the district as an official's account


@dataclass(frozen=True, slots=True)
class AccountEvidence:
    account: str
    dossiers: int
    owners: int
    procedures: int
    active_days: int
    share: Fraction  # of the unit's online dossiers
    flagged: bool  # "có dấu hiệu nộp thay" (by owners, or a registered official account)
    official: bool
    proxy_dossiers: int  # its dossiers counted as filed on others' behalf
    unauthorised_owners: int

    @property
    def reason(self) -> str:
        """Why it is marked, in Vietnamese ('' when it is not)."""
        parts = []
        if self.official:
            parts.append("tài khoản cán bộ đã đăng ký")
        if self.flagged and self.unauthorised_owners and not self.official:
            parts.append(f"nộp cho {self.unauthorised_owners} chủ hồ sơ khác nhau không ủy quyền")
        elif self.flagged and self.official and self.unauthorised_owners:
            parts.append(f"{self.unauthorised_owners} chủ hồ sơ không ủy quyền")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class UnitEvidence:
    code: str
    online: int  # online dossiers of the unit (stored, within the period)
    accounts: tuple[AccountEvidence, ...]  # marked ones first, then most dossiers first
    owners_known: bool  # the stored dossiers name their owners
    threshold: int
    account_count: int = 0  # every account with online dossiers of the unit (listed or not)

    @property
    def others(self) -> tuple[int, int]:
        """(accounts, online dossiers) not listed in :attr:`accounts` (the many citizens' own)."""
        listed = sum(a.dossiers for a in self.accounts)
        return max(self.account_count - len(self.accounts), 0), self.online - listed

    @property
    def proxy_dossiers(self) -> int:
        return sum(a.proxy_dossiers for a in self.accounts)

    @property
    def official_dossiers(self) -> int:
        return sum(a.dossiers for a in self.accounts if a.official)

    @property
    def flagged(self) -> tuple[AccountEvidence, ...]:
        return tuple(a for a in self.accounts if a.flagged)

    @property
    def emptied_accounts(self) -> int:
        """Marked accounts all of whose online dossiers are proxy dossiers."""
        return sum(1 for a in self.accounts if a.flagged and a.proxy_dossiers == a.dossiers)

    @property
    def proxy_share(self) -> Fraction:
        """Proxy dossiers / online dossiers (0 without online dossiers)."""
        return Fraction(self.proxy_dossiers, self.online) if self.online else Fraction(0)


@dataclass(frozen=True, slots=True)
class UnitProxyEvidence:
    code: str
    name: str
    evidence: UnitEvidence  # the accounts, marked ones first


@dataclass(frozen=True, slots=True)
class ProxyEvidence:
    """The evidence of a period for the council: per scored unit, its accounts."""

    campaign_name: str
    period_id: int
    period_name: str
    threshold: int  # distinct owners without authorisation that mark an account
    policy: str  # the rule set's proxy_policy
    tie_break: str
    units: tuple[UnitProxyEvidence, ...]  # register order
    owners_known: bool  # some stored dossier names its owner
    official_accounts: int  # accounts the district registered

    @property
    def flagged_units(self) -> tuple[UnitProxyEvidence, ...]:
        return tuple(u for u in self.units if u.evidence.flagged)

    def unit(self, code: str) -> UnitProxyEvidence:
        for unit in self.units:
            if unit.code == code:
                return unit
        raise KeyError(code)


def _evidence(activity: AccountActivity, online: int, threshold: int) -> AccountEvidence:
    by_owners = activity.unauthorised_owners >= threshold
    flagged = by_owners or activity.official
    return AccountEvidence(
        account=activity.account,
        dossiers=activity.dossiers,
        owners=activity.owners,
        procedures=activity.procedures,
        active_days=activity.active_days,
        share=Fraction(activity.dossiers, online) if online else Fraction(0),
        flagged=flagged,
        official=activity.official,
        proxy_dossiers=activity.unauthorised if flagged else 0,
        unauthorised_owners=activity.unauthorised_owners,
    )


def analyse(
    activities: Iterable[AccountActivity],
    online: Mapping[str, int],
    threshold: int = DEFAULT_OWNER_THRESHOLD,
    owners_known: Iterable[str] = (),
    account_counts: Mapping[str, int] | None = None,
) -> dict[str, UnitEvidence]:
    """Unit code → evidence, for the units of ``online`` (unit code → its online dossiers) in its
    order. ``activities`` may list only some accounts of a unit (the busiest, those that may be
    marked); ``account_counts`` gives every unit's number of accounts (default: those listed).
    ``owners_known``: codes of the units whose stored dossiers name their owners."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    per_unit: dict[str, list[AccountEvidence]] = {code: [] for code in online}
    for activity in activities:
        unit_online = online.get(activity.unit)
        if unit_online is None:
            continue
        per_unit[activity.unit].append(_evidence(activity, unit_online, threshold))
    known = set(owners_known)
    result: dict[str, UnitEvidence] = {}
    for code, accounts in per_unit.items():
        accounts.sort(key=lambda a: (not a.flagged, -a.dossiers, a.account))
        count = len(accounts) if account_counts is None else account_counts.get(code, 0)
        result[code] = UnitEvidence(
            code, online[code], tuple(accounts), code in known, threshold, max(count, len(accounts))
        )
    return result


@dataclass(frozen=True, slots=True)
class UnitProxy:
    """What the ranking needs of a unit's evidence (see :func:`proxy_figures`)."""

    online: int  # online dossiers counted from the stored dossiers
    proxy_dossiers: int
    emptied_accounts: int  # marked accounts left without online dossiers under count_as_direct

    @property
    def share(self) -> Fraction:
        return Fraction(self.proxy_dossiers, self.online) if self.online else Fraction(0)


def proxy_figures(evidence: Mapping[str, UnitEvidence]) -> dict[str, UnitProxy]:
    return {
        code: UnitProxy(e.online, e.proxy_dossiers, e.emptied_accounts)
        for code, e in evidence.items()
    }


def count_as_direct(unit: UnitFigures, proxy: UnitProxy | None) -> UnitFigures:
    """The unit's figures with its proxy dossiers counted as not online."""
    if proxy is None or not proxy.proxy_dossiers or unit.online is None:
        return unit
    online = max(unit.online - proxy.proxy_dossiers, 0)
    accounts = unit.accounts
    if accounts is not None:
        accounts = min(max(accounts - proxy.emptied_accounts, 0), online)
        if online and not accounts:
            accounts = None  # no account left to compare: unknown, as without an account column
    return replace(unit, online=online, accounts=accounts)


def split_by_share(
    group: list[T],
    proxy_of: Callable[[T], UnitProxy | None],
    split: Callable[[list[T]], list[list[T]]],
    mark: Callable[[T, bool], None],
) -> list[list[T]]:
    """Order a group of equal totals by proxy share (lower first), each equal share by ``split``
    (dossiers per account); without a proxy figure for every unit, by ``split`` alone.
    ``mark(item, True)`` tells the items the share separated."""
    proxies = [proxy_of(item) for item in group]
    if any(p is None for p in proxies):
        return split(group)
    share = {id(item): p.share for item, p in zip(group, proxies, strict=True) if p is not None}
    ordered = sorted(group, key=lambda item: share[id(item)])
    same: list[list[T]] = []
    for item in ordered:
        if same and share[id(same[-1][0])] == share[id(item)]:
            same[-1].append(item)
        else:
            same.append([item])
    blocks: list[list[T]] = []
    for part in same:
        for item in part:
            mark(item, len(same) > 1)
        blocks.extend(split(part) if len(part) > 1 else [part])
    return blocks
