"""Evidence of dossiers filed on citizens' behalf (RULES.md section 4), from the stored dossiers.

One SQL aggregation per period (``GROUP BY unit_id, account`` over the ``dossier`` table, helped by
the index on period, unit and account) gives each account's online dossiers, distinct owners,
procedures and active days; :mod:`app.scoring.proxy` marks the accounts and counts the proxy
dossiers. The ranking asks for it only when the rule set uses it (``RuleSet.uses_proxy``), so the
ordinary ranking never pays for it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
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
# Every query reads the index ix_dossier_accounts in its order (no table lookup), the grouping
# by account done inside SQLite: only a few rows per unit come back to Python.
_GROUPS = (
    "SELECT unit_id, account, COUNT(*) AS n, COUNT(owner_key) AS named FROM dossier "
    f"INDEXED BY ix_dossier_accounts WHERE {_IN_PERIOD} GROUP BY unit_id, account"
)
# Per unit, in one pass: online dossiers, accounts, dossiers naming their owner, and the
# accounts that may be marked (at least as many dossiers as the threshold of owners).
_SEPARATOR = "\x1f"
_TOTALS = (
    "SELECT unit_id, SUM(n), COUNT(account), SUM(named), "
    f"GROUP_CONCAT(CASE WHEN n >= :least THEN account END, char({ord(_SEPARATOR)})) "
    f"FROM ({_GROUPS}) GROUP BY unit_id"
)
# The busiest accounts of one unit.
_TOP = (
    "SELECT account, COUNT(*) AS n FROM dossier INDEXED BY ix_dossier_accounts "
    f"WHERE {_IN_PERIOD} AND unit_id = :unit AND account IS NOT NULL "
    "GROUP BY account ORDER BY n DESC, account LIMIT :top"
)
# Then, for the accounts listed only: owners, procedures, days, authorisations. (INDEXED BY: the
# primary key also starts with the period and holds every column, and without statistics SQLite
# would scan the whole period once per account through it.)
_DETAIL = (
    "SELECT COUNT(*), COUNT(DISTINCT owner_key), COUNT(DISTINCT procedure), "
    "COUNT(DISTINCT received_on), "
    "SUM(CASE WHEN authorised THEN 0 ELSE 1 END), "
    "COUNT(DISTINCT CASE WHEN authorised THEN NULL ELSE owner_key END) "
    "FROM dossier INDEXED BY ix_dossier_accounts "
    f"WHERE {_IN_PERIOD} AND unit_id = :unit AND account = :account"
)


class _Portable:
    """The same queries on PostgreSQL, through SQLAlchemy (no index hint, ``string_agg``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def execute(self, query: str, params: dict[str, object]) -> Any:
        query = (
            query.replace(" INDEXED BY ix_dossier_accounts", "")
            .replace("online = 1", "online")
            .replace("GROUP_CONCAT(", "string_agg(")
            .replace(f"char({ord(_SEPARATOR)})", f"chr({ord(_SEPARATOR)})")
        )
        if query.endswith(") GROUP BY unit_id"):  # a subquery needs a name on PostgreSQL
            query = query[: -len(" GROUP BY unit_id")] + " AS grouped GROUP BY unit_id"
        return self.session.execute(text(query), params)


def _evidence(
    session: Session, period_id: int, rules: RuleSet, top: int = LISTED
) -> dict[str, UnitEvidence]:
    """Unit code → evidence over the stored dossiers of the period (units with dossiers only):
    the accounts that may be marked and the ``top`` busiest of each unit."""
    period = get_period_row(session, period_id)
    bounds: dict[str, object] = {
        "period": period_id,
        "start": period.start_date.isoformat(),
        "end": period.end_date.isoformat(),
    }
    codes: dict[int, str] = dict(session.execute(select(Unit.id, Unit.code)).all())
    official = set(session.execute(select(OfficialAccount.unit_id, OfficialAccount.account)))
    threshold = rules.proxy_owner_threshold
    if session.get_bind().dialect.name == "postgresql":
        connection: Any = _Portable(session)
        bounds.update(start=period.start_date, end=period.end_date)
    else:
        connection = session.connection().connection.driver_connection  # sqlite3, few rows
    assert connection is not None
    online: dict[int, int] = {}
    accounts: dict[int, int] = {}
    known: set[int] = set()
    listed: set[tuple[int, str]] = set()  # (unit, account)
    totals = connection.execute(_TOTALS, {**bounds, "least": threshold})
    for unit_id, dossiers, count, named, busy in totals:
        online[unit_id], accounts[unit_id] = int(dossiers), int(count)
        if named:
            known.add(unit_id)
        listed.update((unit_id, account) for account in (busy or "").split(_SEPARATOR) if busy)
    for unit_id in online if top else ():
        busiest = connection.execute(_TOP, {**bounds, "unit": unit_id, "top": top})
        listed.update((unit_id, account) for account, _dossiers in busiest)
    listed.update((u, a) for u, a in official if u in online)
    activities = []
    for unit_id, account in sorted(listed):
        detail = connection.execute(_DETAIL, {**bounds, "unit": unit_id, "account": account})
        dossiers, owners, procedures, days, unauthorised, unauthorised_owners = detail.fetchone()
        if not dossiers:
            continue  # a registered account without online dossiers in the period
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
    return proxy_figures(_evidence(session, period_id, rules, top=0))


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
