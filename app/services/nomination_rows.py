"""The checks and rows shared by the nomination use cases: the nominee's fields checked (gender,
birth date, unit), the rows built and described for the audit log, the nominations of each unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import short_date
from app.models import Nomination, Unit
from app.scoring import Problem
from app.services.errors import ServiceError
from app.services.records import NominationInfo, NominationInput
from app.text import fold, nfc

GENDERS = {"nam": "Nam", "nu": "Nữ"}
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def nomination_info(row: Nomination) -> NominationInfo:
    return NominationInfo(
        id=row.id,
        period_id=row.period_id,
        unit_code=row.unit.code,
        unit_name=row.unit.name,
        full_name=row.full_name,
        position=row.position,
        achievement_summary=row.achievement_summary,
        birth_date=row.birth_date,
        gender=row.gender,
        achievement_text=row.achievement_text,
        past_awards_text=row.past_awards_text,
    )


def audit_data(row: Nomination) -> dict[str, Any]:
    return {
        "unit": row.unit.code,
        "full_name": row.full_name,
        "position": row.position,
        "achievement_summary": row.achievement_summary,
        "birth_date": None if row.birth_date is None else row.birth_date.isoformat(),
        "gender": row.gender,
    }


def checked_gender(value: str | None) -> str | None:
    if value is None or not nfc(value):
        return None
    gender = GENDERS.get(fold(value))
    if gender is None:
        raise ServiceError(f"Giới tính «{value}» không hợp lệ: ghi Nam hoặc Nữ (hoặc để trống).")
    return gender


def birth_date_problem(day: dt.date | None, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a nominee's birth date (in the future, before 1900), or None."""
    if day is None:
        return None
    if day > (today or dt.date.today()):
        return f"ngày sinh {short_date(day)} ở tương lai"
    if day < EARLIEST_BIRTH:
        return f"ngày sinh {short_date(day)} trước năm {EARLIEST_BIRTH.year}: hãy kiểm tra năm sinh"
    return None


def checked_birth_date(day: dt.date | None) -> dt.date | None:
    problem = birth_date_problem(day)
    if problem is not None:
        raise ServiceError(problem[0].upper() + problem[1:] + ".")
    return day


def unit_counts(session: Session, period_id: int, *, skip_id: int | None = None) -> Counter[str]:
    query = (
        select(Unit.code)
        .join(Nomination, Nomination.unit_id == Unit.id)
        .where(Nomination.period_id == period_id)
    )
    if skip_id is not None:
        query = query.where(Nomination.id != skip_id)
    return Counter(session.scalars(query))


def new_row(
    period_id: int, unit: Unit, entry: NominationInput, gender: str | None, now: dt.datetime
) -> Nomination:
    return Nomination(
        period_id=period_id,
        unit=unit,
        full_name=nfc(entry.full_name),
        position=nfc(entry.position),
        achievement_summary=nfc(entry.achievement_summary),
        birth_date=entry.birth_date,
        gender=gender,
        achievement_text=nfc(entry.achievement_text),
        past_awards_text=nfc(entry.past_awards_text),
        created_at=now,
    )


def check_entry(
    entry: NominationInput, register: dict[str, Unit]
) -> tuple[list[Problem], Unit | None, str | None]:
    code = nfc(entry.unit_code)
    unit = register.get(code)
    name = nfc(entry.full_name)
    problems: list[Problem] = []

    def problem(message: str, field: str = "", value: str = "") -> None:
        problems.append(
            Problem(
                message,
                unit_code=code,
                unit_name=unit.name if unit is not None else "",
                field=field,
                value=value,
                row=entry.row,
            )
        )

    if unit is None:
        problem("không có đơn vị mã này trong danh sách đơn vị", "code", code)
        return problems, None, None
    if not name:
        problem("thiếu họ và tên người được đề nghị", "ho_ten")
    if not nfc(entry.position):
        problem(f"{name}: thiếu chức vụ", "chuc_vu")
    gender = None
    try:
        gender = checked_gender(entry.gender)
    except ServiceError as error:
        problem(str(error), "gioi_tinh", entry.gender or "")
    birth = birth_date_problem(entry.birth_date)
    if birth is not None:
        problem(birth, "ngay_sinh", short_date(entry.birth_date))
    return problems, unit, gender
