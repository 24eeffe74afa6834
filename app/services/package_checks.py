"""The checks a commune package passes before anything of it is stored (DATA-FORMAT.md section D):
its campaign and period (stable id and dates, not names), its signature (the key of the unit it
names) and its age (not older than the last package imported for the unit and period). Each
refusal is a ``PackageError`` naming the file and the unit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import short_date
from app.exchange.package import PackageError, PackageMeta, UnitPackage
from app.exchange.signature import fingerprint, verify
from app.models import Campaign, Database, PackageReceipt, Period, Unit
from app.services import audit, package_keys
from app.services.campaigns import get_campaign_row
from app.services.errors import NotFoundError, ServiceError
from app.text import fold


class UnsignedPackageError(PackageError):
    """An unsigned package the officer has not confirmed (nothing was written)."""

    title = "Gói số liệu không có chữ ký"


def _unit(meta: PackageMeta) -> str:
    return f"{meta.unit_name} ({meta.unit_code})" if meta.unit_name else meta.unit_code


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    return f"từ {short_date(start) or '?'} đến {short_date(end) or '?'}"


def _check_campaign(name: str, meta: PackageMeta, campaign: Campaign) -> None:
    if meta.campaign_uid:
        # the id only: the year may be corrected at the district, where communes cannot
        if meta.campaign_uid != campaign.uid:
            raise PackageError(
                f"Gói {name} của {_unit(meta)} thuộc đợt thi đua «{meta.campaign}» năm "
                f"{meta.campaign_year or '?'} (mã {meta.campaign_uid[:8]}), không phải đợt đang "
                f"dùng «{campaign.name}» năm {campaign.year} (mã {campaign.uid[:8]}) — dù tên có "
                "thể giống nhau: không nhập."
            )
    elif fold(meta.campaign) != fold(campaign.name):
        raise PackageError(
            f"Gói {name} của {_unit(meta)} thuộc đợt thi đua «{meta.campaign}», không phải "
            f"«{campaign.name}»: không nhập."
        )


def package_period(
    db: Database,
    session: Session,
    name: str,
    meta: PackageMeta,
    campaign_id: int,
    period_id: int | None,
) -> int:
    """The period of this campaign the package goes into (see ``preview_package``)."""
    campaign = get_campaign_row(session, campaign_id)
    _check_campaign(name, meta, campaign)
    if not meta.period_uid:  # a package of an older version: by the period chosen, or its name
        return _legacy_period(db, meta.period_name, campaign_id, period_id)
    periods = list(campaign.periods)
    found = next((p for p in periods if p.uid == meta.period_uid), None)
    if found is None:
        found = next(
            (p for p in periods if (p.start_date, p.end_date) == (meta.start, meta.end)), None
        )
    if found is None or (found.start_date, found.end_date) != (meta.start, meta.end):
        raise PackageError(
            f"Gói {name} của {_unit(meta)} là số liệu kỳ «{meta.period_name}» "
            f"{_dates(meta.start, meta.end)}; đợt thi đua «{campaign.name}» không có kỳ này"
            + (
                f" (kỳ cùng mã «{found.name}» là {_dates(found.start_date, found.end_date)})"
                if found is not None
                else ""
            )
            + ": không nhập. Hai bên cần cùng ngày bắt đầu và kết thúc kỳ."
        )
    if period_id is not None and period_id != found.id:
        chosen = session.get(Period, period_id)
        raise PackageError(
            f"Gói {name} của {_unit(meta)} là số liệu kỳ «{found.name}», không phải kỳ "
            f"«{chosen.name if chosen else period_id}» đang chọn: không nhập."
        )
    return found.id


def _legacy_period(db: Database, name: str, campaign_id: int, period_id: int | None) -> int:
    from app.services.campaigns import find_period  # noqa: PLC0415

    if period_id is not None:
        return period_id
    try:
        return find_period(db, name or None, campaign_id).id
    except NotFoundError as error:
        raise ServiceError(
            f"Gói số liệu thuộc kỳ «{name}», chương trình không có kỳ này: {error} "
            "Hãy chọn kỳ (--period)."
        ) from error


def check_signature(session: Session, name: str, unit: Unit, package: UnitPackage) -> None:
    """Refuse a signed package whose signature is not made with the key of ``unit`` (the unit it
    names) over exactly its content. An unsigned package passes (the caller warns)."""
    meta = package.meta
    if not meta.signed:
        return
    secret = package_keys.unit_secret(session, unit)
    who = f"{unit.name} ({unit.code})"
    if secret is None:
        raise PackageError(
            f"Gói {name} ghi là của {who} và có chữ ký, nhưng chương trình này chưa có khóa ký "
            f"gói của {who} nên không kiểm tra được: không nhập. Tạo hoặc nhập khóa của đơn vị ở "
            "Cài đặt → Khóa ký gói."
        )
    if verify(secret, package.content, meta.signature):
        return
    other = package_keys.signed_by(session, meta.key_id)
    if (
        other is not None
        and other[0].id != unit.id
        and verify(other[1], package.content, meta.signature)
    ):
        raise PackageError(
            f"Gói {name} ghi là số liệu của {who} nhưng được ký bằng khóa của "
            f"{other[0].name} ({other[0].code}): một đơn vị không được gửi gói nhân danh đơn vị "
            "khác. Không nhập."
        )
    if meta.key_id == fingerprint(secret):
        raise PackageError(
            f"Gói {name} của {who} đã bị sửa sau khi đơn vị xuất gói (ví dụ sửa một ô trong "
            "Excel): chữ ký không khớp nội dung. Không nhập; hãy đề nghị đơn vị xuất lại gói từ "
            "chương trình."
        )
    raise PackageError(
        f"Gói {name} ghi là của {who} nhưng chữ ký không khớp khóa của {who} (gói do nơi khác "
        "làm, hoặc làm bằng khóa cũ trước khi cấp lại khóa): không nhập."
    )


def check_replay(
    session: Session, name: str, unit: Unit, period: Period, meta: PackageMeta
) -> None:
    """Refuse a package older than the last one imported for the unit and period: a lower number
    (signed packages), an earlier export time (packages without a number), or the same number
    with other content."""
    last = session.scalar(
        select(PackageReceipt).where(
            PackageReceipt.period_id == period.id, PackageReceipt.unit_id == unit.id
        )
    )
    if last is None:
        return
    seen = "" if last.sequence is None else f"gói số {last.sequence}"
    if last.exported_at is not None:
        seen = f"{seen or 'gói'} xuất lúc {last.exported_at:%H:%M:%S ngày %d/%m/%Y}"
    # Signed packages are ordered by their number (signed, and not fooled by a commune's clock);
    # a package without one (unsigned) by its export time.
    numbered = meta.sequence is not None and last.sequence is not None
    older = (
        meta.sequence is not None and last.sequence is not None and meta.sequence < last.sequence
    )
    earlier = (
        not numbered
        and meta.exported_at is not None
        and last.exported_at is not None
        and meta.exported_at < last.exported_at
    )
    when = f"{meta.exported_at:%H:%M:%S ngày %d/%m/%Y}" if meta.exported_at else "?"
    if older or earlier:
        raise PackageError(
            f"Gói {name} của {unit.name} ({unit.code}) (gói số {meta.sequence or '?'}, xuất lúc "
            f"{when}) cũ hơn gói đã nhập cho kỳ «{period.name}» ({seen or 'trước đó'}): nhập lại "
            "gói cũ sẽ ghi đè số liệu mới hơn. Không nhập."
        )
    if (
        meta.sequence is not None
        and meta.sequence == last.sequence
        and meta.signature != last.signature
    ):
        raise PackageError(
            f"Gói {name} của {unit.name} ({unit.code}) mang số {meta.sequence} như gói đã nhập "
            f"cho kỳ «{period.name}» nhưng nội dung khác: không nhập. Hãy đề nghị đơn vị xuất "
            "gói mới."
        )


def store_receipt(session: Session, unit: Unit, period: Period, meta: PackageMeta) -> None:
    """Remember ``meta`` as the last package imported for the unit and period."""
    row = session.scalar(
        select(PackageReceipt).where(
            PackageReceipt.period_id == period.id, PackageReceipt.unit_id == unit.id
        )
    )
    if row is None:
        row = PackageReceipt(period_id=period.id, unit_id=unit.id, signature="")
        session.add(row)
    row.sequence = meta.sequence if meta.sequence is not None else row.sequence
    row.exported_at = meta.exported_at or row.exported_at
    if meta.signed:
        row.signature = meta.signature
    row.imported_at = audit.now()
