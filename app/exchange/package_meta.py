"""The information sheet of a commune package («Thông tin gói»): what it holds (the unit, the
campaign and period with their stable ids and dates, the export time, the package's number, the key
that signed it and the signature) and how it is written and read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.exchange.dates import format_day, parse_day
from app.exchange.tables import TableError, read_table
from app.exchange.text import fold, nfc

META_SHEET = "Thông tin gói"
PACKAGE_KIND = "Gói số liệu đơn vị — Thi đua DVCTT"
PACKAGE_VERSION = 3  # 2: with the nominations sheet; 3: stable ids, number and signature
READABLE_VERSIONS = (1, 2, 3)  # 1: figures only (packages made before the nominations were sent)

META_ROWS = (
    ("kind", "Loại tệp"),
    ("version", "Phiên bản"),
    ("unit_code", "Mã đơn vị"),
    ("unit_name", "Tên đơn vị"),
    ("campaign", "Đợt thi đua"),
    ("period_name", "Kỳ số liệu"),
    ("start", "Từ ngày"),
    ("end", "Đến ngày"),
    ("exported_at", "Thời điểm xuất"),
    ("campaign_uid", "Mã đợt thi đua"),
    ("campaign_year", "Năm"),
    ("period_uid", "Mã kỳ"),
    ("sequence", "Số thứ tự gói"),
    ("key_id", "Mã khóa ký"),
    ("signature", "Chữ ký (HMAC-SHA-256)"),
)
TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


class PackageError(UserError, ValueError):
    """A package that cannot be used here (message in Vietnamese)."""


@dataclass(frozen=True, slots=True)
class PackageMeta:
    unit_code: str
    unit_name: str
    campaign: str
    period_name: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    exported_at: dt.datetime | None = None
    version: int = PACKAGE_VERSION
    # Version 3: the campaign and period by stable id (and year), the package's number for the
    # unit, the key that signed it (``fingerprint``) and the signature ("" when unsigned).
    campaign_uid: str = ""
    campaign_year: int | None = None
    period_uid: str = ""
    sequence: int | None = None
    key_id: str = ""
    signature: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.signature)


def meta_values(meta: PackageMeta) -> dict[str, Any]:
    return {
        "kind": PACKAGE_KIND,
        "version": meta.version,
        "unit_code": meta.unit_code,
        "unit_name": meta.unit_name,
        "campaign": meta.campaign,
        "period_name": meta.period_name,
        "start": format_day(meta.start) if meta.start else "",
        "end": format_day(meta.end) if meta.end else "",
        "exported_at": meta.exported_at.strftime(TIME_FORMAT) if meta.exported_at else "",
        "campaign_uid": meta.campaign_uid,
        "campaign_year": "" if meta.campaign_year is None else str(meta.campaign_year),
        "period_uid": meta.period_uid,
        "sequence": "" if meta.sequence is None else str(meta.sequence),
        "key_id": meta.key_id,
        "signature": meta.signature,
    }


def meta_from(path: Path) -> tuple[PackageMeta, dict[str, str]]:
    try:
        table = read_table(path, max_rows=100, sheet=META_SHEET)
    except TableError as error:
        if f"«{META_SHEET}»" in str(error):
            raise PackageError(
                f"Tệp {path.name} không phải gói số liệu đơn vị (thiếu trang «{META_SHEET}»)"
            ) from error
        raise
    labels = {fold(label): key for key, label in META_ROWS}
    found: dict[str, str] = {}
    for _row, cells in table.rows:
        if len(cells) >= 2 and cells[0] is not None:
            key = labels.get(fold(str(cells[0])))
            if key is not None:
                found[key] = cell_text(cells[1])
    if fold(found.get("kind", "")) != fold(PACKAGE_KIND) or not found.get("unit_code"):
        raise PackageError(f"Tệp {path.name} không phải gói số liệu đơn vị của chương trình")
    version = as_int(found.get("version") or str(PACKAGE_VERSION))
    if version not in READABLE_VERSIONS:
        raise PackageError(
            f"Gói {path.name} có phiên bản {found.get('version')}, chương trình chỉ đọc phiên bản "
            + ", ".join(str(v) for v in READABLE_VERSIONS)
        )
    exported: dt.datetime | None = None
    if found.get("exported_at"):
        try:
            exported = dt.datetime.strptime(found["exported_at"], TIME_FORMAT)
        except ValueError:
            exported = None
    meta = PackageMeta(
        unit_code=found["unit_code"],
        unit_name=found.get("unit_name", ""),
        campaign=found.get("campaign", ""),
        period_name=found.get("period_name", ""),
        start=parse_day(found.get("start", "")),
        end=parse_day(found.get("end", "")),
        exported_at=exported,
        version=version,
        campaign_uid=found.get("campaign_uid", ""),
        campaign_year=as_int(found["campaign_year"]) if found.get("campaign_year") else None,
        period_uid=found.get("period_uid", ""),
        sequence=as_int(found["sequence"]) if found.get("sequence") else None,
        key_id=found.get("key_id", ""),
        signature=found.get("signature", ""),
    )
    return meta, {k: v for k, v in found.items() if k != "signature"}


def as_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, dt.date):
        return format_day(value)
    return nfc(str(value))
