"""Units (xã, thị trấn, cơ quan): the register and the profile the achievement reports use."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Database, Nomination, Unit, UnitFiguresRow
from app.scoring import UnitKind
from app.services import audit
from app.services.errors import NotFoundError, ServiceError
from app.services.records import UnitInfo
from app.text import nfc

PROFILE_FIELDS = (
    "name",
    "kind",
    "active",
    "sort_order",
    "address",
    "phone",
    "head_name",
    "head_title",
    "profile_text",
    "achievement_text",
    "past_awards_text",
)


def unit_info(row: Unit) -> UnitInfo:
    return UnitInfo(
        id=row.id,
        code=row.code,
        name=row.name,
        kind=UnitKind(row.kind),
        active=row.active,
        sort_order=row.sort_order,
        address=row.address,
        phone=row.phone,
        head_name=row.head_name,
        head_title=row.head_title,
        profile_text=row.profile_text,
        achievement_text=row.achievement_text,
        past_awards_text=row.past_awards_text,
    )


def units_query(*, active_only: bool = False) -> Any:
    query = select(Unit).order_by(Unit.sort_order, Unit.id)
    return query.where(Unit.active.is_(True)) if active_only else query


def get_unit_row(session: Session, code: str) -> Unit:
    row = session.scalar(select(Unit).where(Unit.code == nfc(code)))
    if row is None:
        raise NotFoundError(f"Không có đơn vị mã «{code}».")
    return row


def next_sort_order(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(Unit.sort_order), 0))) or 0) + 1


def list_units(db: Database, *, active_only: bool = False) -> list[UnitInfo]:
    with db.transaction() as session:
        return [unit_info(r) for r in session.scalars(units_query(active_only=active_only))]


def get_unit(db: Database, code: str) -> UnitInfo:
    with db.transaction() as session:
        return unit_info(get_unit_row(session, code))


def _clean(changes: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, raw in changes.items():
        value: Any = raw
        if key not in PROFILE_FIELDS:
            raise ServiceError(f"Đơn vị không có trường «{key}».")
        if key == "kind":
            try:
                value = UnitKind(value).value
            except ValueError as error:
                raise ServiceError(
                    f"Loại đơn vị «{value}» không hợp lệ (xa, thi_tran, co_quan)."
                ) from error
        elif key == "active":
            value = bool(value)
        elif key == "sort_order":
            value = int(value)
        else:
            value = nfc(str(value or ""))
        cleaned[key] = value
    if "name" in cleaned and not cleaned["name"]:
        raise ServiceError("Tên đơn vị không được để trống.")
    return cleaned


def add_unit(db: Database, code: str, name: str, kind: UnitKind | str, **profile: Any) -> UnitInfo:
    code = nfc(code)
    if not code:
        raise ServiceError("Mã đơn vị không được để trống.")
    values = _clean({"name": name, "kind": kind, **profile})
    with db.transaction() as session:
        if session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
            raise ServiceError(f"Đã có đơn vị mã «{code}».")
        values.setdefault("sort_order", next_sort_order(session))
        row = Unit(code=code, active=True, **values)
        session.add(row)
        session.flush()
        audit.record(
            session,
            audit.Action.UNIT_ADD,
            f"Thêm đơn vị {code} ({row.name})",
            subject=code,
            new=values,
        )
        return unit_info(row)


def update_unit(db: Database, code: str, **changes: Any) -> UnitInfo:
    """Change the profile of a unit (name, kind, active, address, phone, head, free texts)."""
    values = _clean(changes)
    with db.transaction() as session:
        row = get_unit_row(session, code)
        old = {k: getattr(row, k) for k in values}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            return unit_info(row)
        for key, value in changed.items():
            setattr(row, key, value)
        audit.record(
            session,
            audit.Action.UNIT_UPDATE,
            f"Sửa thông tin đơn vị {row.code} ({row.name})",
            subject=row.code,
            old={k: old[k] for k in changed},
            new=changed,
        )
        return unit_info(row)


def delete_unit(db: Database, code: str) -> None:
    """Delete a unit that was never used; a unit with figures or nominations can only be made
    inactive (``update_unit(code, active=False)``)."""
    with db.transaction() as session:
        row = get_unit_row(session, code)
        used = session.scalar(
            select(func.count()).select_from(UnitFiguresRow).where(UnitFiguresRow.unit_id == row.id)
        ) or session.scalar(
            select(func.count()).select_from(Nomination).where(Nomination.unit_id == row.id)
        )
        if used:
            raise ServiceError(
                f"Đơn vị {row.code} ({row.name}) đã có số liệu hoặc đề nghị khen thưởng nên không "
                "xóa được; hãy chuyển sang «ngừng hoạt động»."
            )
        audit.record(
            session,
            audit.Action.UNIT_DELETE,
            f"Xóa đơn vị {row.code} ({row.name})",
            subject=row.code,
            old={"name": row.name, "kind": row.kind},
        )
        session.delete(row)
