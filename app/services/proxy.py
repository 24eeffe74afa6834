"""Evidence of dossiers filed on citizens' behalf (RULES.md section 4), from the stored dossiers.

One SQL aggregation per period (``GROUP BY unit_id, account`` over the ``dossier`` table, helped by
the index on period, unit and account) gives each account's online dossiers, distinct owners,
procedures and active days; :mod:`app.scoring.proxy` marks the accounts and counts the proxy
dossiers. The ranking asks for it only when the rule set uses it (``RuleSet.uses_proxy``), so the
ordinary ranking never pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import Database, OfficialAccount, Unit
from app.scoring import RuleSet
from app.scoring.proxy import AccountActivity, UnitEvidence, UnitProxy, analyse, proxy_figures
from app.services.campaigns import get_period_row, rules_of
from app.services.ranking import period_units

_IN_PERIOD = "period_id = :period AND (received_on IS NULL OR received_on BETWEEN :start AND :end)"
_ACCOUNTS = text(
    "SELECT unit_id, account, COUNT(*), COUNT(DISTINCT owner_key), COUNT(DISTINCT procedure), "
    "COUNT(DISTINCT received_on), SUM(CASE WHEN authorised THEN 0 ELSE 1 END), "
    "COUNT(DISTINCT CASE WHEN authorised THEN NULL ELSE owner_key END) "
    f"FROM dossier WHERE {_IN_PERIOD} AND online GROUP BY unit_id, account"
)


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


def _evidence(session: Session, period_id: int, rules: RuleSet) -> dict[str, UnitEvidence]:
    """Unit code → evidence over the stored dossiers of the period (units with dossiers only)."""
    period = get_period_row(session, period_id)
    bounds = {
        "period": period_id,
        "start": period.start_date.isoformat(),
        "end": period.end_date.isoformat(),
    }
    codes: dict[int, str] = dict(session.execute(select(Unit.id, Unit.code)).all())
    official = {
        (codes[unit_id], account)
        for unit_id, account in session.execute(
            select(OfficialAccount.unit_id, OfficialAccount.account)
        )
    }
    online: dict[str, int] = {}
    known: set[str] = set()
    activities: list[AccountActivity] = []
    for row in session.execute(_ACCOUNTS, bounds):
        unit_id, account, dossiers, owners, procedures, days, unauthorised, unauth_owners = row
        code = codes[unit_id]
        online[code] = online.get(code, 0) + int(dossiers)
        if owners:
            known.add(code)
        if account is None:
            continue  # online dossiers without an account: in the unit's online count only
        activities.append(
            AccountActivity(
                unit=code,
                account=str(account),
                dossiers=int(dossiers),
                owners=int(owners),
                procedures=int(procedures),
                active_days=int(days),
                unauthorised=int(unauthorised or 0),
                unauthorised_owners=int(unauth_owners),
                official=(code, str(account)) in official,
            )
        )
    return analyse(activities, online, rules.proxy_owner_threshold, known)


def proxy_in_session(session: Session, period_id: int, rules: RuleSet) -> dict[str, UnitProxy]:
    """What the ranking needs: unit code → proxy dossiers (units with stored dossiers only)."""
    return proxy_figures(_evidence(session, period_id, rules))


def period_evidence(db: Database, period_id: int) -> ProxyEvidence:
    """The evidence of the period for every scored active unit, in register order."""
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        rules = rules_of(period.campaign)
        found = _evidence(session, period_id, rules)
        units = []
        for unit in period_units(session, period_id):
            if unit.kind not in rules.scored_kinds:
                continue
            evidence = found.get(unit.code) or UnitEvidence(
                unit.code, 0, (), False, rules.proxy_owner_threshold
            )
            units.append(UnitProxyEvidence(unit.code, unit.name, evidence))
        registered = session.scalar(select(text("COUNT(*)")).select_from(OfficialAccount))
        return ProxyEvidence(
            campaign_name=period.campaign.name,
            period_id=period_id,
            period_name=period.name,
            threshold=rules.proxy_owner_threshold,
            policy=rules.proxy_policy,
            tie_break=rules.tie_break,
            units=tuple(units),
            owners_known=any(e.owners_known for e in found.values()),
            official_accounts=int(registered or 0),
        )
