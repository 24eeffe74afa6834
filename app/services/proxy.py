"""Evidence of dossiers filed on citizens' behalf (RULES.md section 4), from the stored dossiers.

One SQL aggregation per period (``GROUP BY unit_id, account`` over the ``dossier`` table, helped by
the index on period, unit and account) gives each account's online dossiers, distinct owners,
procedures and active days; :mod:`app.scoring.proxy` marks the accounts and counts the proxy
dossiers. The ranking asks for it only when the rule set uses it (``RuleSet.uses_proxy``), so the
ordinary ranking never pays for it.
"""

from __future__ import annotations

import heapq

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Database, OfficialAccount, Unit
from app.scoring import RuleSet
from app.scoring.proxy import (
    AccountActivity,
    ProxyEvidence,
    UnitEvidence,
    UnitProxy,
    UnitProxyEvidence,
    analyse,
    proxy_figures,
)
from app.services.campaigns import get_period_row, rules_of

LISTED = 20  # the busiest accounts of each unit listed besides those that may be marked
_IN_PERIOD = (
    "period_id = :period AND online = 1 "
    "AND (received_on IS NULL OR received_on BETWEEN :start AND :end)"
)
# One pass over the index ix_dossier_accounts, in its order: no sort, no table lookup.
_ACCOUNTS = (
    "SELECT unit_id, account, COUNT(*), COUNT(owner_key) FROM dossier "
    f"WHERE {_IN_PERIOD} GROUP BY unit_id, account"
)
# Then, for the accounts listed only: owners, procedures, days, authorisations.
_DETAIL = (
    "SELECT COUNT(DISTINCT owner_key), COUNT(DISTINCT procedure), COUNT(DISTINCT received_on), "
    "SUM(CASE WHEN authorised THEN 0 ELSE 1 END), "
    "COUNT(DISTINCT CASE WHEN authorised THEN NULL ELSE owner_key END) "
    f"FROM dossier WHERE {_IN_PERIOD} AND unit_id = :unit AND account = :account"
)


def _evidence(session: Session, period_id: int, rules: RuleSet) -> dict[str, UnitEvidence]:
    """Unit code → evidence over the stored dossiers of the period (units with dossiers only)."""
    period = get_period_row(session, period_id)
    bounds: dict[str, object] = {
        "period": period_id,
        "start": period.start_date.isoformat(),
        "end": period.end_date.isoformat(),
    }
    codes: dict[int, str] = dict(session.execute(select(Unit.id, Unit.code)).all())
    official = set(session.execute(select(OfficialAccount.unit_id, OfficialAccount.account)))
    threshold = rules.proxy_owner_threshold
    online: dict[int, int] = {}
    accounts: dict[int, int] = {}
    known: set[int] = set()
    listed: list[tuple[int, str, int]] = []  # may be marked: enough dossiers, or registered
    busiest: dict[int, list[tuple[int, str]]] = {}  # unit → heap of (dossiers, account)
    connection = session.connection().connection.driver_connection  # sqlite3: a million rows
    assert connection is not None
    for unit_id, account, dossiers, with_owner in connection.execute(_ACCOUNTS, bounds):
        online[unit_id] = online.get(unit_id, 0) + dossiers
        if with_owner:
            known.add(unit_id)
        if account is None:
            continue  # online dossiers without an account: in the unit's online count only
        accounts[unit_id] = accounts.get(unit_id, 0) + 1
        if dossiers >= threshold or (unit_id, account) in official:
            listed.append((unit_id, account, dossiers))
            continue
        heap = busiest.setdefault(unit_id, [])
        if len(heap) < LISTED:
            heapq.heappush(heap, (dossiers, account))
        elif dossiers > heap[0][0]:
            heapq.heapreplace(heap, (dossiers, account))
    for unit_id, heap in busiest.items():
        room = LISTED - sum(1 for u, _a, _n in listed if u == unit_id)
        chosen = heapq.nlargest(max(room, 0), heap)
        listed.extend((unit_id, account, dossiers) for dossiers, account in chosen)
    activities = []
    for unit_id, account, dossiers in listed:
        detail = connection.execute(_DETAIL, {**bounds, "unit": unit_id, "account": account})
        owners, procedures, days, unauthorised, unauthorised_owners = detail.fetchone()
        activities.append(
            AccountActivity(
                unit=codes[unit_id],
                account=str(account),
                dossiers=int(dossiers),
                owners=int(owners),
                procedures=int(procedures),
                active_days=int(days),
                unauthorised=int(unauthorised or 0),
                unauthorised_owners=int(unauthorised_owners),
                official=(unit_id, account) in official,
            )
        )
    return analyse(
        activities,
        {codes[u]: n for u, n in online.items()},
        threshold,
        {codes[u] for u in known},
        {codes[u]: n for u, n in accounts.items()},
    )


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
        kinds = {kind.value for kind in rules.scored_kinds}
        for code, name, kind in session.execute(
            select(Unit.code, Unit.name, Unit.kind)
            .where(Unit.active.is_(True))
            .order_by(Unit.sort_order, Unit.id)
        ):
            if kind not in kinds:
                continue
            evidence = found.get(code) or UnitEvidence(
                code, 0, (), False, rules.proxy_owner_threshold
            )
            units.append(UnitProxyEvidence(code, name, evidence))
        registered = session.scalar(select(func.count()).select_from(OfficialAccount))
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
