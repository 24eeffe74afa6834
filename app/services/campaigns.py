"""Campaigns and their periods; the rule set and the document settings of a campaign."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Campaign, Database, Period
from app.reports.settings import DocumentSettings
from app.scoring import RuleSet, parse_rules, rules_to_data
from app.services import audit
from app.services.errors import NotFoundError, ServiceError
from app.services.records import CampaignInfo, PeriodInfo
from app.text import nfc

CAMPAIGN_FIELDS = ("name", "year", "plan_number", "plan_date", "issuing_body")


def campaign_info(row: Campaign) -> CampaignInfo:
    return CampaignInfo(
        id=row.id,
        name=row.name,
        year=row.year,
        plan_number=row.plan_number,
        plan_date=row.plan_date,
        issuing_body=row.issuing_body,
    )


def period_info(row: Period) -> PeriodInfo:
    return PeriodInfo(
        id=row.id,
        campaign_id=row.campaign_id,
        name=row.name,
        start_date=row.start_date,
        end_date=row.end_date,
        is_final=row.is_final,
    )


def get_campaign_row(session: Session, campaign_id: int) -> Campaign:
    row = session.get(Campaign, campaign_id)
    if row is None:
        raise NotFoundError(f"Không có phong trào thi đua số {campaign_id}.")
    return row


def get_period_row(session: Session, period_id: int) -> Period:
    row = session.get(Period, period_id)
    if row is None:
        raise NotFoundError(f"Không có kỳ số liệu số {period_id}.")
    return row


def rules_of(row: Campaign) -> RuleSet:
    return parse_rules(json.loads(row.rules_json))


# --- campaigns -------------------------------------------------------------------------------


def list_campaigns(db: Database) -> list[CampaignInfo]:
    with db.transaction() as session:
        rows = session.scalars(select(Campaign).order_by(Campaign.year.desc(), Campaign.id.desc()))
        return [campaign_info(r) for r in rows]


def current_campaign(db: Database) -> CampaignInfo:
    """The newest campaign (the program normally holds one per year)."""
    campaigns = list_campaigns(db)
    if not campaigns:
        raise NotFoundError("Cơ sở dữ liệu chưa có phong trào thi đua nào.")
    return campaigns[0]


def get_campaign(db: Database, campaign_id: int) -> CampaignInfo:
    with db.transaction() as session:
        return campaign_info(get_campaign_row(session, campaign_id))


def update_campaign(db: Database, campaign_id: int, **changes: Any) -> CampaignInfo:
    """Change name, year, plan_number, plan_date or issuing_body."""
    unknown = sorted(set(changes) - set(CAMPAIGN_FIELDS))
    if unknown:
        raise ServiceError(f"Không có trường {', '.join(unknown)} ở phong trào thi đua.")
    with db.transaction() as session:
        row = get_campaign_row(session, campaign_id)
        old = {k: getattr(row, k) for k in changes}
        for key, value in changes.items():
            setattr(row, key, nfc(value) if isinstance(value, str) else value)
        if not row.name:
            raise ServiceError("Tên phong trào thi đua không được để trống.")
        audit.record(
            session,
            audit.Action.CAMPAIGN_UPDATE,
            "Sửa thông tin phong trào thi đua",
            subject=row.name,
            old=old,
            new={k: getattr(row, k) for k in changes},
        )
        return campaign_info(row)


def campaign_rules(db: Database, campaign_id: int) -> RuleSet:
    with db.transaction() as session:
        return rules_of(get_campaign_row(session, campaign_id))


def set_campaign_rules(db: Database, campaign_id: int, rules: RuleSet) -> None:
    """Replace the rule set of a campaign (audited with the whole old and new rule sets)."""
    with db.transaction() as session:
        row = get_campaign_row(session, campaign_id)
        old = json.loads(row.rules_json)
        new = rules_to_data(rules)
        if old == new:
            return
        row.rules_json = json.dumps(new, ensure_ascii=False)
        audit.record(
            session,
            audit.Action.RULES_CHANGE,
            f"Thay bộ quy tắc: {old.get('name', '')} → {rules.name}",
            subject=row.name,
            old=old,
            new=new,
        )


def document_settings(db: Database, campaign_id: int) -> DocumentSettings:
    with db.transaction() as session:
        row = get_campaign_row(session, campaign_id)
        return DocumentSettings.from_data(json.loads(row.settings_json or "{}"))


def set_document_settings(db: Database, campaign_id: int, settings: DocumentSettings) -> None:
    with db.transaction() as session:
        row = get_campaign_row(session, campaign_id)
        old = json.loads(row.settings_json or "{}")
        new = settings.to_data()
        if old == new:
            return
        row.settings_json = json.dumps(new, ensure_ascii=False)
        changed = sorted(k for k in new.keys() | old.keys() if old.get(k) != new.get(k))
        audit.record(
            session,
            audit.Action.SETTINGS_CHANGE,
            "Sửa thông tin văn bản: " + ", ".join(changed),
            subject=row.name,
            old={k: old.get(k) for k in changed},
            new={k: new.get(k) for k in changed},
        )


# --- periods ---------------------------------------------------------------------------------


def list_periods(db: Database, campaign_id: int) -> list[PeriodInfo]:
    with db.transaction() as session:
        rows = session.scalars(
            select(Period)
            .where(Period.campaign_id == campaign_id)
            .order_by(Period.start_date, Period.id)
        )
        return [period_info(r) for r in rows]


def get_period(db: Database, period_id: int) -> PeriodInfo:
    with db.transaction() as session:
        return period_info(get_period_row(session, period_id))


def find_period(
    db: Database, name: str | None = None, campaign_id: int | None = None
) -> PeriodInfo:
    """The period called ``name``, or else the final period (or the only one) of the campaign."""
    if campaign_id is None:
        campaign_id = current_campaign(db).id
    periods = list_periods(db, campaign_id)
    if name is not None:
        wanted = nfc(name).casefold()
        for period in periods:
            if period.name.casefold() == wanted:
                return period
        names = ", ".join(f"«{p.name}»" for p in periods) or "(chưa có kỳ nào)"
        raise NotFoundError(f"Không có kỳ số liệu «{name}». Các kỳ hiện có: {names}.")
    final = [p for p in periods if p.is_final]
    if final:
        return final[0]
    if len(periods) == 1:
        return periods[0]
    if not periods:
        raise NotFoundError("Phong trào thi đua chưa có kỳ số liệu nào.")
    names = ", ".join(f"«{p.name}»" for p in periods)
    raise ServiceError(
        f"Chưa chọn kỳ tổng kết: hãy ghi rõ kỳ số liệu (--period). Các kỳ hiện có: {names}."
    )


def _check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ServiceError(
            f"Ngày kết thúc ({end:%d/%m/%Y}) phải sau ngày bắt đầu ({start:%d/%m/%Y})."
        )


def add_period(
    db: Database,
    campaign_id: int,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    *,
    is_final: bool = False,
) -> PeriodInfo:
    name = nfc(name)
    if not name:
        raise ServiceError("Tên kỳ số liệu không được để trống.")
    _check_dates(start_date, end_date)
    with db.transaction() as session:
        campaign = get_campaign_row(session, campaign_id)
        if session.scalar(
            select(Period.id).where(Period.campaign_id == campaign_id, Period.name == name)
        ):
            raise ServiceError(f"Đã có kỳ số liệu «{name}».")
        if is_final:
            _clear_final(session, campaign_id)
        row = Period(
            campaign=campaign,
            name=name,
            start_date=start_date,
            end_date=end_date,
            is_final=is_final,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            audit.Action.PERIOD_ADD,
            f"Thêm kỳ số liệu «{name}»",
            subject=campaign.name,
            period_name=name,
            new=_period_data(row),
        )
        return period_info(row)


def _period_data(row: Period) -> dict[str, Any]:
    return {
        "name": row.name,
        "start_date": row.start_date.isoformat(),
        "end_date": row.end_date.isoformat(),
        "is_final": row.is_final,
    }


def _clear_final(session: Session, campaign_id: int) -> None:
    for other in session.scalars(
        select(Period).where(Period.campaign_id == campaign_id, Period.is_final.is_(True))
    ):
        other.is_final = False
    session.flush()


def update_period(
    db: Database,
    period_id: int,
    *,
    name: str | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> PeriodInfo:
    with db.transaction() as session:
        row = get_period_row(session, period_id)
        old = _period_data(row)
        if name is not None:
            name = nfc(name)
            if not name:
                raise ServiceError("Tên kỳ số liệu không được để trống.")
            clash = session.scalar(
                select(Period.id).where(
                    Period.campaign_id == row.campaign_id, Period.name == name, Period.id != row.id
                )
            )
            if clash:
                raise ServiceError(f"Đã có kỳ số liệu «{name}».")
            row.name = name
        if start_date is not None:
            row.start_date = start_date
        if end_date is not None:
            row.end_date = end_date
        _check_dates(row.start_date, row.end_date)
        audit.record(
            session,
            audit.Action.PERIOD_UPDATE,
            f"Sửa kỳ số liệu «{row.name}»",
            period_name=row.name,
            old=old,
            new=_period_data(row),
        )
        return period_info(row)


def set_final_period(db: Database, period_id: int) -> PeriodInfo:
    """Mark ``period_id`` as the final period (the one deciding the awards) of its campaign."""
    with db.transaction() as session:
        row = get_period_row(session, period_id)
        if row.is_final:
            return period_info(row)
        _clear_final(session, row.campaign_id)
        row.is_final = True
        audit.record(
            session,
            audit.Action.PERIOD_FINAL,
            f"Chọn «{row.name}» là kỳ tổng kết",
            period_name=row.name,
        )
        return period_info(row)
