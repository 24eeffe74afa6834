"""Ranking a period from the stored figures, with the council's tie settlements applied."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Database, Period, TieSettlementRow, Unit, UnitFiguresRow
from app.scoring import (
    Ranking,
    RuleSet,
    SettlementError,
    TieSettlement,
    UnitFigures,
    UnitKind,
    rank_units,
)
from app.scoring.figures import FIGURE_FIELDS
from app.services import audit
from app.services.campaigns import get_period_row, rules_of
from app.services.errors import NotFoundError, ServiceError
from app.services.records import SettlementInfo
from app.text import nfc

NO_FIGURES = "Chưa có số liệu"


def has_figures(ranking: Ranking) -> bool:
    """Whether any scored unit of the period has a figure: a period without any is "Chưa có số
    liệu" — its units all score 0, a tie that is no one's to settle."""
    return any(
        result.scored and any(result.unit.figure(key) is not None for key in FIGURE_FIELDS)
        for result in ranking.results
    )


def figures_of(unit: Unit, row: UnitFiguresRow | None) -> UnitFigures:
    if row is None:
        return UnitFigures(code=unit.code, name=unit.name, kind=UnitKind(unit.kind))
    return UnitFigures(
        code=unit.code,
        name=unit.name,
        kind=UnitKind(unit.kind),
        online=row.online,
        total=row.total,
        accounts=row.accounts,
        eid=row.eid,
        citizens=row.citizens,
    )


def period_units(session: Session, period_id: int) -> list[UnitFigures]:
    """Active units in register order with their figures for the period (None when not given).

    Read as plain rows, not ORM objects: the window re-ranks on every edit, and with 10,000 units
    the ORM objects cost more than the scoring.
    """
    columns = [getattr(UnitFiguresRow, key) for key in FIGURE_FIELDS]
    stored = {
        row[0]: row[1:]
        for row in session.execute(
            select(UnitFiguresRow.unit_id, *columns).where(UnitFiguresRow.period_id == period_id)
        )
    }
    empty = (None,) * len(FIGURE_FIELDS)
    units = []
    for unit_id, code, name, kind in session.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.kind)
        .where(Unit.active.is_(True))
        .order_by(Unit.sort_order, Unit.id)
    ):
        online, total, accounts, eid, citizens = stored.get(unit_id, empty)
        units.append(
            UnitFigures(code, name, UnitKind(kind), online, total, accounts, eid, citizens)
        )
    return units


def _settlement_rows(session: Session, period_id: int) -> list[TieSettlementRow]:
    return list(
        session.scalars(
            select(TieSettlementRow)
            .where(TieSettlementRow.period_id == period_id)
            .order_by(TieSettlementRow.id)
        )
    )


def _settlement(row: TieSettlementRow) -> TieSettlement:
    return TieSettlement(order=tuple(json.loads(row.order_json)), reason=row.reason)


def _info(row: TieSettlementRow) -> SettlementInfo:
    return SettlementInfo(
        id=row.id,
        period_id=row.period_id,
        order=tuple(json.loads(row.order_json)),
        reason=row.reason,
        created_at=row.created_at,
    )


def period_rules(session: Session, period: Period) -> RuleSet:
    return rules_of(period.campaign)


def _rank(
    session: Session,
    period: Period,
    units: list[UnitFigures],
    settlements: Sequence[TieSettlement],
    *,
    strict: bool,
) -> Ranking:
    """Rank with the dossiers filed on others' behalf only when the rule set uses them."""
    rules = period_rules(session, period)
    proxy = None
    if rules.uses_proxy:
        from app.services.proxy import proxy_in_session  # noqa: PLC0415

        proxy = proxy_in_session(session, period.id, rules)
    return rank_units(units, rules, settlements, strict=strict, proxy=proxy)


def rank_in_session(session: Session, period_id: int) -> Ranking:
    period = get_period_row(session, period_id)
    settlements = [_settlement(r) for r in _settlement_rows(session, period_id)]
    return _rank(session, period, period_units(session, period_id), settlements, strict=False)


def rank_period(db: Database, period_id: int) -> Ranking:
    """The ranking of a period: active units, stored figures, stored settlements.

    Settlements that no longer fit (the figures changed) are not applied and are listed in
    ``Ranking.stale_settlements``.
    """
    with db.transaction() as session:
        return rank_in_session(session, period_id)


def list_settlements(db: Database, period_id: int) -> list[SettlementInfo]:
    with db.transaction() as session:
        return [_info(r) for r in _settlement_rows(session, period_id)]


def settle_tie(db: Database, period_id: int, order: Sequence[str], reason: str) -> SettlementInfo:
    """Record the council's order for one unresolved tie; it replaces an earlier settlement of the
    same units. Raises ServiceError (with the scoring core's message) when ``order`` is not exactly
    the units of one unresolved tie."""
    codes = tuple(nfc(c) for c in order if nfc(c))
    reason = nfc(reason)
    if len(codes) < 2:
        raise ServiceError("Thứ tự phân định đồng hạng phải nêu ít nhất hai mã đơn vị.")
    if not reason:
        raise ServiceError("Phải ghi lý do phân định đồng hạng (sẽ in trong biên bản họp).")
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        units = period_units(session, period_id)
        known = {u.code for u in units}
        missing = [c for c in codes if c not in known]
        if missing:
            raise NotFoundError("Không có đơn vị đang hoạt động mã: " + ", ".join(missing) + ".")
        rows = _settlement_rows(session, period_id)
        replaced = [r for r in rows if set(json.loads(r.order_json)) == set(codes)]
        new = TieSettlement(order=codes, reason=reason)
        try:
            _rank(session, period, units, [new], strict=True)
        except SettlementError as error:
            raise ServiceError(str(error)) from error
        for row in replaced:
            session.delete(row)
        row = TieSettlementRow(
            period_id=period_id,
            order_json=json.dumps(list(codes)),
            reason=reason,
            created_at=audit.now(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            audit.Action.SETTLEMENT_ADD,
            "Phân định đồng hạng: " + " > ".join(codes),
            subject=", ".join(codes),
            period_name=period.name,
            old=[{"order": json.loads(r.order_json), "reason": r.reason} for r in replaced] or None,
            new={"order": list(codes), "reason": reason},
        )
        return _info(row)


def remove_settlement(db: Database, settlement_id: int) -> None:
    with db.transaction() as session:
        row = session.get(TieSettlementRow, settlement_id)
        if row is None:
            raise NotFoundError(f"Không có quyết định phân định đồng hạng số {settlement_id}.")
        period = get_period_row(session, row.period_id)
        order = json.loads(row.order_json)
        audit.record(
            session,
            audit.Action.SETTLEMENT_REMOVE,
            "Bỏ phân định đồng hạng: " + " > ".join(order),
            subject=", ".join(order),
            period_name=period.name,
            old={"order": order, "reason": row.reason},
        )
        session.delete(row)
