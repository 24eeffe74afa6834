"""Deleting several nominations at once, and undoing it (the window's Hoàn tác / Ctrl+Z).

``delete_nominations`` returns everything the deleted rows held (their ids and creation times
included); ``restore_nominations`` puts them back as they were — with their own ids, so the lists
(ordered by id) show them in their old places. An id taken meanwhile (SQLite may give a deleted
row's id to the next one added) gets a new id; the person is restored all the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app.models import Database, Nomination, Unit
from app.scoring import quota_report
from app.services import audit
from app.services.campaigns import get_period_row
from app.services.errors import NotFoundError, QuotaError, ServiceError
from app.services.nomination_rows import audit_data, nomination_info, unit_counts
from app.services.ranking import rank_in_session
from app.services.records import NominationInfo


@dataclass(frozen=True, slots=True)
class DeletedNomination:
    info: NominationInfo
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DeletedNominations:
    """What ``delete_nominations`` removed, in id order — enough to restore it exactly."""

    period_id: int
    items: tuple[DeletedNomination, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(d.info.id for d in self.items)

    def summary(self) -> str:
        names = ", ".join(d.info.full_name for d in self.items[:3])
        more = f" và {len(self.items) - 3} người khác" if len(self.items) > 3 else ""
        return f"{len(self.items)} đề nghị ({names}{more})"


def delete_nominations(db: Database, nomination_ids: Iterable[int]) -> DeletedNominations:
    """Delete the nominations (all of one period) in one transaction, audited as one entry.
    NotFoundError when one of them no longer exists (then nothing is deleted)."""
    ids = sorted(set(nomination_ids))
    if not ids:
        raise ServiceError("Chưa chọn đề nghị khen thưởng nào để xóa.")
    with db.transaction() as session:
        rows = list(session.scalars(select(Nomination).where(Nomination.id.in_(ids))))
        missing = sorted(set(ids) - {r.id for r in rows})
        if missing:
            raise NotFoundError(
                "Không có đề nghị khen thưởng số " + ", ".join(map(str, missing)) + "."
            )
        periods = {r.period_id for r in rows}
        if len(periods) != 1:
            raise ServiceError("Chỉ xóa cùng lúc các đề nghị của một kỳ.")
        rows.sort(key=lambda r: r.id)
        period = get_period_row(session, rows[0].period_id)
        deleted = DeletedNominations(
            period_id=period.id,
            items=tuple(DeletedNomination(nomination_info(r), r.created_at) for r in rows),
        )
        audit.record(
            session,
            audit.Action.NOMINATIONS_DELETE,
            f"Xóa {deleted.summary()}",
            subject=", ".join(sorted({r.unit.code for r in rows})),
            period_name=period.name,
            old=[{"id": r.id, **audit_data(r)} for r in rows],
        )
        for row in rows:
            session.delete(row)
    return deleted


def restore_nominations(db: Database, deleted: DeletedNominations) -> list[NominationInfo]:
    """Put deleted nominations back (undo), in one transaction, audited. Refused (QuotaError)
    when a unit's quota has been used meanwhile so that they no longer fit."""
    with db.transaction() as session:
        period = get_period_row(session, deleted.period_id)
        register = {u.code: u for u in session.scalars(select(Unit))}
        back = Counter(d.info.unit_code for d in deleted.items)
        before = unit_counts(session, period.id)
        report = quota_report(rank_in_session(session, period.id), before + back)
        for quota in report.over_quota:
            if back.get(quota.code):
                raise QuotaError(
                    f"Không hoàn tác được: {quota.name} đã có {before.get(quota.code, 0)} đề "
                    f"nghị, thêm lại {back[quota.code]} sẽ vượt chỉ tiêu {quota.quota} cá nhân."
                )
        if report.agency_over_by and any(c in report.agency_codes for c in back):
            raise QuotaError(
                "Không hoàn tác được: các cơ quan cấp huyện chỉ được đề nghị tổng cộng "
                f"{report.agency_quota} cá nhân."
            )
        taken = set(session.scalars(select(Nomination.id).where(Nomination.id.in_(deleted.ids))))
        rows: list[Nomination] = []
        for item in deleted.items:
            info = item.info
            unit = register.get(info.unit_code)
            if unit is None:
                raise NotFoundError(f"Không hoàn tác được: không còn đơn vị {info.unit_code}.")
            row = Nomination(
                period_id=period.id,
                unit=unit,
                full_name=info.full_name,
                position=info.position,
                achievement_summary=info.achievement_summary,
                birth_date=info.birth_date,
                gender=info.gender,
                achievement_text=info.achievement_text,
                past_awards_text=info.past_awards_text,
                created_at=item.created_at,
            )
            if info.id not in taken:
                row.id = info.id
            rows.append(row)
        session.add_all(rows)
        session.flush()
        audit.record(
            session,
            audit.Action.NOMINATIONS_RESTORE,
            f"Hoàn tác xóa {deleted.summary()}",
            subject=", ".join(sorted(back)),
            period_name=period.name,
            new=[{"id": r.id, **audit_data(r)} for r in rows],
        )
        return [nomination_info(r) for r in rows]
