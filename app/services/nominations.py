"""Individual nominations, checked against the quotas of the period's ranking (RULES.md §6).

Adding beyond a quota is refused. When new figures lower a quota below the nominations already
made, nothing is deleted: ``quota_problems`` reports "vượt chỉ tiêu N" for the unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Database, Nomination, Unit
from app.models.backend import lock_period
from app.scoring import Problem, ProblemList, QuotaReport, quota_report
from app.services import audit
from app.services.campaigns import get_period_row
from app.services.errors import NotFoundError, QuotaError, ServiceError
from app.services.nomination_rows import (
    audit_data,
    check_entry,
    checked_birth_date,
    checked_gender,
    new_row,
    nomination_info,
    unit_counts,
)
from app.services.ranking import rank_in_session
from app.services.records import NominationInfo, NominationInput
from app.services.units import get_unit_row
from app.text import nfc

if TYPE_CHECKING:
    from app.exchange.nominations import Nomination as NominationRecord

TEXT_FIELDS = (
    "full_name",
    "position",
    "achievement_summary",
    "achievement_text",
    "past_awards_text",
)
FIELDS = (*TEXT_FIELDS, "birth_date", "gender", "unit_code")


def _report(session: Session, period_id: int, *, skip_id: int | None = None) -> QuotaReport:
    return quota_report(
        rank_in_session(session, period_id), unit_counts(session, period_id, skip_id=skip_id)
    )


def _check_room(
    session: Session, period_id: int, unit: Unit, *, skip_id: int | None = None
) -> None:
    report = _report(session, period_id, skip_id=skip_id)
    if unit.code not in report.agency_codes and all(u.code != unit.code for u in report.units):
        raise QuotaError(
            f"{unit.name} không có chỉ tiêu đề nghị khen thưởng cá nhân trong kỳ này "
            "(đơn vị không hoạt động hoặc không thuộc diện thi đua)."
        )
    fits, reason = report.room_for(unit.code)
    if not fits:
        raise QuotaError(reason)


def unit_records(session: Session, period_id: int, unit: Unit) -> list[NominationRecord]:
    """The unit's nominations for the period as the file formats hold them (package, format F)."""
    from app.exchange.nominations import Nomination as Record  # noqa: PLC0415

    return [
        Record(
            full_name=n.full_name,
            position=n.position,
            unit_code=unit.code,
            unit_name=unit.name,
            achievement=n.achievement_summary,
            birth_date=n.birth_date,
            gender=n.gender,
            achievement_text=n.achievement_text,
            past_awards_text=n.past_awards_text,
        )
        for n in session.scalars(
            select(Nomination)
            .where(Nomination.period_id == period_id, Nomination.unit_id == unit.id)
            .order_by(Nomination.id)
        )
    ]


def count_in_session(session: Session, period_id: int) -> dict[str, int]:
    """Unit code → number of nominations in the period, inside the caller's transaction."""
    return dict(unit_counts(session, period_id))


def nomination_counts(db: Database, period_id: int) -> dict[str, int]:
    """Unit code → number of nominations in the period (for ``quota_report`` with a ranking the
    caller already holds)."""
    with db.transaction() as session:
        get_period_row(session, period_id)
        return count_in_session(session, period_id)


def nomination_quotas(db: Database, period_id: int) -> QuotaReport:
    with db.transaction() as session:
        get_period_row(session, period_id)
        return _report(session, period_id)


def quota_problems(db: Database, period_id: int) -> list[str]:
    """Units over quota ("…: vượt chỉ tiêu N (được Q, đã đề nghị M)"); empty when all fit."""
    return nomination_quotas(db, period_id).problems()


def list_nominations(
    db: Database, period_id: int, unit_code: str | None = None
) -> list[NominationInfo]:
    with db.transaction() as session:
        query = (
            select(Nomination)
            .join(Unit, Nomination.unit_id == Unit.id)
            .where(Nomination.period_id == period_id)
            .order_by(Unit.sort_order, Unit.id, Nomination.id)
        )
        if unit_code is not None:
            query = query.where(Unit.code == nfc(unit_code))
        return [nomination_info(r) for r in session.scalars(query)]


def add_nomination(
    db: Database,
    period_id: int,
    unit_code: str,
    full_name: str,
    position: str,
    achievement_summary: str = "",
    *,
    birth_date: dt.date | None = None,
    gender: str | None = None,
    achievement_text: str = "",
    past_awards_text: str = "",
) -> NominationInfo:
    """Add one nomination; QuotaError when the unit's (or the agencies') quota is already used."""
    full_name, position = nfc(full_name), nfc(position)
    if not full_name:
        raise ServiceError("Họ và tên người được đề nghị không được để trống.")
    if not position:
        raise ServiceError(f"{full_name}: chức vụ không được để trống.")
    with db.transaction() as session:
        lock_period(session, period_id)  # two officers adding at once never pass the quota
        period = get_period_row(session, period_id)
        unit = get_unit_row(session, unit_code)
        _check_room(session, period_id, unit)
        row = Nomination(
            period_id=period_id,
            unit=unit,
            full_name=full_name,
            position=position,
            achievement_summary=nfc(achievement_summary),
            birth_date=checked_birth_date(birth_date),
            gender=checked_gender(gender),
            achievement_text=nfc(achievement_text),
            past_awards_text=nfc(past_awards_text),
            created_at=audit.now(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            audit.Action.NOMINATION_ADD,
            f"Đề nghị khen thưởng {full_name} ({unit.name})",
            subject=full_name,
            period_name=period.name,
            new=audit_data(row),
        )
        return nomination_info(row)


def _row(session: Session, nomination_id: int) -> Nomination:
    row = session.get(Nomination, nomination_id)
    if row is None:
        raise NotFoundError(f"Không có đề nghị khen thưởng số {nomination_id}.")
    return row


def update_nomination(db: Database, nomination_id: int, **changes: Any) -> NominationInfo:
    """Change fields (full_name, position, texts, birth_date, gender, unit_code)."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ServiceError(f"Đề nghị khen thưởng không có trường {', '.join(unknown)}.")
    with db.transaction() as session:
        row = _row(session, nomination_id)
        old = audit_data(row)
        for key in TEXT_FIELDS:
            if key in changes:
                value = nfc(str(changes[key] or ""))
                if key in ("full_name", "position") and not value:
                    raise ServiceError("Họ và tên và chức vụ không được để trống.")
                setattr(row, key, value)
        if "birth_date" in changes:
            row.birth_date = checked_birth_date(changes["birth_date"])
        if "gender" in changes:
            row.gender = checked_gender(changes["gender"])
        if "unit_code" in changes:
            unit = get_unit_row(session, changes["unit_code"])
            if unit.id != row.unit_id:
                _check_room(session, row.period_id, unit, skip_id=row.id)
                row.unit = unit
        session.flush()
        new = audit_data(row)
        if new != old or any(k in changes for k in ("achievement_text", "past_awards_text")):
            audit.record(
                session,
                audit.Action.NOMINATION_UPDATE,
                f"Sửa đề nghị khen thưởng {row.full_name}",
                subject=row.full_name,
                period_name=get_period_row(session, row.period_id).name,
                old=old,
                new=new,
            )
        return nomination_info(row)


def delete_nomination(db: Database, nomination_id: int) -> None:
    with db.transaction() as session:
        row = _row(session, nomination_id)
        audit.record(
            session,
            audit.Action.NOMINATION_DELETE,
            f"Xóa đề nghị khen thưởng {row.full_name} ({row.unit.name})",
            subject=row.full_name,
            period_name=get_period_row(session, row.period_id).name,
            old=audit_data(row),
        )
        session.delete(row)


def add_nominations(
    db: Database,
    period_id: int,
    entries: Sequence[NominationInput],
    *,
    source_name: str = "",
    check_only: bool = False,
) -> list[NominationInfo]:
    """Add many nominations in one transaction, all or nothing (a nominations file).

    Every problem is collected (unknown unit, missing name or position, bad gender, a quota the
    stored plus the new nominations would exceed, a unit whose tier is pending) and raised as one
    ProblemList; nothing is written then. ``check_only``: raise the same problems, write nothing
    and return [] (to back up only before an import that will be written).
    """
    problems: list[Problem] = []
    with db.transaction() as session:
        lock_period(session, period_id)
        period = get_period_row(session, period_id)
        register = {u.code: u for u in session.scalars(select(Unit))}
        cleaned: list[tuple[NominationInput, Unit, str | None]] = []
        for entry in entries:
            entry_problems, unit, gender = check_entry(entry, register)
            problems += entry_problems
            if unit is not None:
                cleaned.append((entry, unit, gender))
        added = Counter(unit.code for _, unit, _ in cleaned)
        counts = unit_counts(session, period_id)
        report = quota_report(rank_in_session(session, period_id), counts + added)
        agency_added = 0
        for code, count in added.items():
            if code in report.agency_codes:
                agency_added += count
                continue
            quota = next((u for u in report.units if u.code == code), None)
            unit = register[code]
            if quota is None:
                problems.append(
                    Problem(
                        "đơn vị không có chỉ tiêu đề nghị khen thưởng cá nhân trong kỳ này "
                        "(không hoạt động hoặc không thuộc diện thi đua)",
                        unit_code=code,
                        unit_name=unit.name,
                    )
                )
            elif quota.quota is None:
                problems.append(
                    Problem(
                        "đang đồng hạng chờ phân định nên chưa có chỉ tiêu cá nhân; hãy giải "
                        "quyết đồng hạng trước",
                        unit_code=code,
                        unit_name=unit.name,
                    )
                )
            elif quota.over_by:
                file_rows = [e.row for e, u, _ in cleaned if u.code == code]
                first_over = max(0, quota.quota - counts.get(code, 0))
                problems.append(
                    Problem(
                        f"vượt chỉ tiêu {quota.over_by}: được {quota.quota} cá nhân, đã có "
                        f"{counts.get(code, 0)}, thêm {count}",
                        unit_code=code,
                        unit_name=unit.name,
                        row=file_rows[min(first_over, len(file_rows) - 1)],
                    )
                )
        if agency_added and report.agency_over_by:
            problems.append(
                Problem(
                    f"các cơ quan cấp huyện chỉ được đề nghị tổng cộng {report.agency_quota} cá "
                    f"nhân: đã có {report.agency_nominated - agency_added}, thêm {agency_added}"
                )
            )
        if problems:
            raise ProblemList(problems)
        if check_only:
            return []
        rows: list[Nomination] = []
        now = audit.now()
        for entry, unit, gender in cleaned:
            row = new_row(period_id, unit, entry, gender, now)
            session.add(row)
            rows.append(row)
        session.flush()
        for row in rows:
            audit.record(
                session,
                audit.Action.NOMINATION_ADD,
                f"Đề nghị khen thưởng {row.full_name} ({row.unit.name})"
                + (f" từ {source_name}" if source_name else ""),
                subject=row.full_name,
                period_name=period.name,
                new=audit_data(row),
            )
        return [nomination_info(r) for r in rows]
