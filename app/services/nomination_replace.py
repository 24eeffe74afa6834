"""Replacing one unit's nominations for a period by a new list (a commune package carries the
unit's whole list), inside the caller's transaction, quota checked with the figures stored with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Nomination, Unit
from app.scoring import Problem, ProblemList, QuotaReport, quota_report
from app.services import audit
from app.services.campaigns import get_period_row
from app.services.nomination_rows import (
    audit_data,
    check_entry,
    new_row,
    nomination_info,
    unit_counts,
)
from app.services.ranking import rank_in_session
from app.services.records import NominationInfo, NominationInput
from app.services.units import get_unit_row
from app.text import nfc


@dataclass(frozen=True, slots=True)
class NominationsReplaced:
    """What replacing a unit's nominations for a period did (``replace_unit_nominations``)."""

    unit_code: str
    unit_name: str
    removed: tuple[NominationInfo, ...]  # the nominations the unit had (all deleted)
    stored: tuple[NominationInfo, ...]  # the nominations it has now
    notes: tuple[str, ...] = ()  # e.g. a tier pending a tie settlement: quota not yet known


def replace_unit_nominations(
    session: Session,
    period_id: int,
    unit_code: str,
    entries: Sequence[NominationInput],
    *,
    source_name: str = "",
) -> NominationsReplaced:
    """Replace every nomination of one unit for the period by ``entries``, inside the caller's
    transaction (a commune package is stored with its figures in one transaction).

    The quota is that of the ranking in ``session`` (with the figures the caller has just
    stored): entries beyond it, of another unit, or with missing name, position or a bad gender
    raise ProblemList (the quota problem names the unit, its quota and the count); the caller's
    transaction must then be rolled back. Other units' nominations are not touched. While the
    unit's tier is pending a tie settlement its quota is unknown: the entries are stored and a
    note says so (the unit is flagged "vượt chỉ tiêu" later if they exceed it). Audited as one
    ``nomination.replace`` entry with the old and new lists; the same list as stored (every
    field, in order) writes nothing.
    """
    period = get_period_row(session, period_id)
    unit = get_unit_row(session, unit_code)
    register = {u.code: u for u in session.scalars(select(Unit))}
    problems: list[Problem] = []
    cleaned: list[tuple[NominationInput, str | None]] = []
    for entry in entries:
        entry_problems, entry_unit, gender = check_entry(entry, register)
        problems += entry_problems
        if entry_unit is None:
            continue
        if entry_unit.id != unit.id:
            problems.append(
                Problem(
                    f"{nfc(entry.full_name)} là đề nghị của đơn vị {entry_unit.code} "
                    f"({entry_unit.name}): chỉ được thay danh sách đề nghị của {unit.name}",
                    unit_code=entry_unit.code,
                    unit_name=entry_unit.name,
                    row=entry.row,
                )
            )
            continue
        cleaned.append((entry, gender))
    counts = unit_counts(session, period_id)
    counts[unit.code] = len(cleaned)
    report = quota_report(rank_in_session(session, period_id), counts)
    notes: list[str] = []
    if cleaned and not problems:
        problems += _replace_problems(report, unit, len(cleaned))
        quota = next((u for u in report.units if u.code == unit.code), None)
        if quota is not None and quota.quota is None:
            notes.append(
                f"{unit.name} đang đồng hạng chờ phân định nên chưa biết chỉ tiêu khen thưởng cá "
                f"nhân: {len(cleaned)} đề nghị được lưu, kiểm tra lại chỉ tiêu sau khi phân định."
            )
    if problems:
        raise ProblemList(problems)

    query = select(Nomination).where(
        Nomination.period_id == period_id, Nomination.unit_id == unit.id
    )
    old_rows = list(session.scalars(query.order_by(Nomination.id)))
    wanted = [_entry_content(entry, gender) for entry, gender in cleaned]
    if [_row_content(r) for r in old_rows] == wanted:  # the same list: nothing to write
        kept = tuple(nomination_info(r) for r in old_rows)
        return NominationsReplaced(unit.code, unit.name, (), kept, tuple(notes))
    removed = tuple(nomination_info(r) for r in old_rows)
    old_data = [audit_data(r) for r in old_rows]
    for row in old_rows:
        session.delete(row)
    now = audit.now()
    rows = [new_row(period_id, unit, entry, gender, now) for entry, gender in cleaned]
    session.add_all(rows)
    session.flush()
    audit.record(
        session,
        audit.Action.NOMINATION_REPLACE,
        f"Thay danh sách đề nghị khen thưởng {unit.name}: bỏ {len(old_rows)}, lưu {len(rows)}"
        + (f" từ {source_name}" if source_name else ""),
        subject=unit.code,
        period_name=period.name,
        old=old_data,
        new=[audit_data(r) for r in rows],
    )
    return NominationsReplaced(
        unit_code=unit.code,
        unit_name=unit.name,
        removed=removed,
        stored=tuple(nomination_info(r) for r in rows),
        notes=tuple(notes),
    )


def _row_content(row: Nomination) -> tuple[object, ...]:
    return (
        row.full_name,
        row.position,
        row.achievement_summary,
        row.birth_date,
        row.gender,
        row.achievement_text,
        row.past_awards_text,
    )


def _entry_content(entry: NominationInput, gender: str | None) -> tuple[object, ...]:
    return (
        nfc(entry.full_name),
        nfc(entry.position),
        nfc(entry.achievement_summary),
        entry.birth_date,
        gender,
        nfc(entry.achievement_text),
        nfc(entry.past_awards_text),
    )


def _replace_problems(report: QuotaReport, unit: Unit, count: int) -> list[Problem]:
    """Why ``count`` nominations do not fit ``unit`` (``report`` counts them already)."""
    if unit.code in report.agency_codes:
        if not report.agency_over_by:
            return []
        return [
            Problem(
                f"các cơ quan cấp huyện chỉ được đề nghị tổng cộng {report.agency_quota} cá nhân: "
                f"{unit.name} đề nghị {count}, cả các cơ quan là {report.agency_nominated}",
                unit_code=unit.code,
                unit_name=unit.name,
            )
        ]
    quota = next((u for u in report.units if u.code == unit.code), None)
    if quota is None:
        return [
            Problem(
                "đơn vị không có chỉ tiêu đề nghị khen thưởng cá nhân trong kỳ này (không hoạt "
                f"động hoặc không thuộc diện thi đua), đề nghị {count}",
                unit_code=unit.code,
                unit_name=unit.name,
            )
        ]
    if quota.over_by:
        return [
            Problem(
                f"vượt chỉ tiêu khen thưởng cá nhân {quota.over_by}: được {quota.quota} cá nhân, "
                f"đề nghị {count}",
                unit_code=unit.code,
                unit_name=unit.name,
            )
        ]
    return []
