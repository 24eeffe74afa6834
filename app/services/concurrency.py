"""Several officers on one server database: each edit of a unit's figures carries the version it
was made on, and an edit made on an older version is refused with who changed what since (from the
audit log) and the figures as they are now. The writers of one period are serialised by the
period's lock (``app.models.backend.lock_period``), so the check and the write see the same row.
``last_change`` lets the window notice that another officer changed the data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.models import AuditEntry, Database, DatabaseError, Period, Unit, UnitFiguresRow
from app.scoring import FIGURES, UnitFigures
from app.scoring.numbers import format_int
from app.services.errors import ServiceError

FIGURE_ACTIONS = ("figures.edit", "figures.import", "figures.clear")


class StaleEditError(ServiceError):
    """The figures were changed by someone else after the officer read them; nothing written.
    ``fresh``: the unit's figures as they are now (None when it has none)."""

    def __init__(self, message: str, code: str, fresh: UnitFigures | None) -> None:
        super().__init__(message)
        self.code = code
        self.fresh = fresh


def versions_in_session(session: Session, period_id: int) -> dict[str, int]:
    """Unit code → version of its stored figures for the period (a unit without figures: absent,
    which an edit carries as version 0)."""
    query = (
        select(Unit.code, UnitFiguresRow.version)
        .join(UnitFiguresRow, UnitFiguresRow.unit_id == Unit.id)
        .where(UnitFiguresRow.period_id == period_id)
    )
    return {code: int(version) for code, version in session.execute(query)}


def figure_versions(db: Database, period_id: int) -> dict[str, int]:
    """The versions an edit of the period's figures is made on (read them before the figures)."""
    with db.transaction() as session:
        return versions_in_session(session, period_id)


def _describe(unit: UnitFigures | None) -> str:
    if unit is None:
        return "chưa có số liệu"
    parts = []
    for figure in FIGURES:
        value = unit.figure(figure.key)
        parts.append(f"{figure.short_label} {'trống' if value is None else format_int(value)}")
    return ", ".join(parts)


def check_versions(
    session: Session,
    period: Period,
    units: Sequence[UnitFigures],
    versions: Mapping[str, int],
    current: Mapping[str, UnitFigures],
) -> None:
    """Refuse (StaleEditError) the first unit whose stored version is not the one its edit was
    made on. Call under the period's lock."""
    stored = versions_in_session(session, period.id)
    for unit in units:
        seen = versions.get(unit.code)
        if seen is None or stored.get(unit.code, 0) == seen:
            continue
        last = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.subject == unit.code,
                AuditEntry.period_name == period.name,
                AuditEntry.action.in_(FIGURE_ACTIONS),
            )
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
        fresh = current.get(unit.code)
        who = "một người khác đã thay đổi số liệu này"
        if last is not None:
            by = f"tài khoản «{last.account}»" if last.account else "một người khác"
            who = f"{by} đã thay đổi số liệu này lúc {last.at:%H:%M:%S %d/%m/%Y} («{last.summary}»)"
        name = fresh.name if fresh is not None else unit.name
        raise StaleEditError(
            f"Không lưu số liệu của {name} ({unit.code}): {who} sau khi anh/chị mở bảng. "
            f"Số liệu hiện tại: {_describe(fresh)}. Bảng đã được cập nhật; hãy xem lại rồi sửa "
            "lại nếu vẫn cần.",
            unit.code,
            fresh,
        )


def last_change(db: Database) -> int:
    """The id of the newest audit entry (0 when none): it grows with every change anybody makes.
    Raises DatabaseError when the server cannot be reached (the window tries again later)."""
    try:
        with db.transaction() as session:
            return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)
    except OperationalError as error:
        raise DatabaseError(f"Mất kết nối máy chủ {db.where}; chương trình sẽ thử lại.") from error
