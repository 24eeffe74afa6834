"""Writing checked unit figures in bulk, inside the caller's transaction, audited old → new."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models import FIGURE_SOURCES, SOURCE_TYPED, AuditEntry, Unit, UnitFiguresRow
from app.scoring import UnitFigures
from app.scoring.figures import FIGURE_FIELDS
from app.services import audit
from app.services.campaigns import get_period_row
from app.services.errors import ServiceError
from app.services.units import next_sort_order

Progress = Callable[[int, int], None]  # (units written, units in all)
PROGRESS_EVERY = 1000


def stored_values(row: UnitFiguresRow | None) -> dict[str, int | None] | None:
    if row is None:
        return None
    return {key: getattr(row, key) for key in FIGURE_FIELDS}


def wanted(unit: UnitFigures) -> dict[str, int | None]:
    return {key: unit.figure(key) for key in FIGURE_FIELDS}


def would_change(
    session: Session, period_id: int, units: Sequence[UnitFigures], register: dict[str, Unit]
) -> bool:
    """Whether storing ``units`` changes any figure or adds a unit."""
    stored = {
        row.unit_id: {key: getattr(row, key) for key in FIGURE_FIELDS}
        for row in session.scalars(
            select(UnitFiguresRow).where(UnitFiguresRow.period_id == period_id)
        )
    }
    for unit in units:
        known = register.get(unit.code)
        if known is None:
            return True
        new, old = wanted(unit), stored.get(known.id)
        if old != new and not (old is None and all(v is None for v in new.values())):
            return True
    return False


def store_units(
    session: Session,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_kind: str,
    source_name: str,
    progress: Progress | None = None,
) -> list[str]:
    """Write figures of known units, already checked by the caller, inside the caller's
    transaction (audited old → new); returns the codes whose figures changed."""
    if source_kind not in FIGURE_SOURCES:
        raise ServiceError(f"Nguồn số liệu «{source_kind}» không hợp lệ.")
    changed, _added = store_many(session, period_id, units, source_kind, source_name, progress)
    return changed


def store_many(
    session: Session,
    period_id: int,
    units: Sequence[UnitFigures],
    source_kind: str,
    source_name: str,
    progress: Progress | None,
) -> tuple[list[str], list[str]]:
    """Write checked figures in batches of bulk statements, all inside the caller's transaction.

    Returns (codes whose figures changed, codes of units created).
    """
    period = get_period_row(session, period_id)
    ids: dict[str, int] = dict(session.execute(select(Unit.code, Unit.id)).all())
    columns = [getattr(UnitFiguresRow, key) for key in FIGURE_FIELDS]
    existing = {
        row.unit_id: row
        for row in session.execute(
            select(
                UnitFiguresRow.id, UnitFiguresRow.unit_id, UnitFiguresRow.version, *columns
            ).where(UnitFiguresRow.period_id == period_id)
        )
    }
    order = next_sort_order(session)
    stamp = audit.now()
    where = "nhập tay" if source_kind == SOURCE_TYPED else f"từ {source_name}"
    action = (
        audit.Action.FIGURES_EDIT if source_kind == SOURCE_TYPED else audit.Action.FIGURES_IMPORT
    )
    changed: list[str] = []
    added: list[str] = []
    for start in range(0, len(units), PROGRESS_EVERY):
        batch = units[start : start + PROGRESS_EVERY]
        entries: list[dict[str, Any]] = []
        fresh = [u for u in batch if u.code not in ids]
        if fresh:
            session.execute(
                insert(Unit),
                [
                    {
                        "code": u.code,
                        "name": u.name,
                        "kind": u.kind.value,
                        "active": True,
                        "sort_order": order + i,
                    }
                    for i, u in enumerate(fresh)
                ],
            )
            order += len(fresh)
            codes = [u.code for u in fresh]
            ids.update(
                dict(session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(codes))).all())
            )
            added += codes
            entries += [
                audit.entry(
                    audit.Action.UNIT_ADD,
                    f"Thêm đơn vị {u.code} ({u.name}) khi nhập {source_name}",
                    subject=u.code,
                    new={"name": u.name, "kind": u.kind.value},
                    at=stamp,
                )
                for u in fresh
            ]
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for unit in batch:
            unit_id = ids[unit.code]
            row = existing.get(unit_id)
            old = None if row is None else {key: getattr(row, key) for key in FIGURE_FIELDS}
            new = wanted(unit)
            if old == new or (old is None and all(v is None for v in new.values())):
                continue
            values: dict[str, Any] = {**new, "source_kind": source_kind, "source_name": source_name}
            values["updated_at"] = stamp
            if row is None:
                inserts.append({"period_id": period_id, "unit_id": unit_id, **values})
            else:
                updates.append({"id": row.id, "version": row.version + 1, **values})
            changed.append(unit.code)
            entries.append(
                audit.entry(
                    action,
                    f"Số liệu {unit.code} ({unit.name}) {where}",
                    subject=unit.code,
                    period_name=period.name,
                    old=old,
                    new=new,
                    at=stamp,
                )
            )
        if inserts:
            session.execute(insert(UnitFiguresRow), inserts)
        if updates:
            session.execute(update(UnitFiguresRow), updates)
        if entries:
            session.execute(insert(AuditEntry), entries)
        if progress is not None and start + len(batch) < len(units):
            progress(start + len(batch), len(units))
    if source_kind == SOURCE_TYPED:
        session.flush()
        return changed, added
    audit.record(
        session,
        audit.Action.FIGURES_IMPORT_FILE,
        f"Nhập số liệu từ {source_name}: {len(units)} đơn vị, {len(changed)} thay đổi, "
        f"{len(added)} đơn vị mới",
        subject=source_name,
        period_name=period.name,
    )
    session.flush()
    if progress is not None:
        progress(len(units), len(units))
    return changed, added
