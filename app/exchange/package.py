"""The commune data package (DATA-FORMAT.md section D): one unit's figures as format A on the first
sheet, plus a sheet "Thông tin gói" naming the unit, the campaign, the period and the export time.

A package may only update the unit it names; the caller says which unit and campaign it expects
and a package that does not match is refused. ``figures_diff`` gives the old → new values that the
officer confirms before the service stores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.dates import format_day, parse_day
from app.exchange.tables import TableError, read_table
from app.exchange.templates import unit_figures_sheet
from app.exchange.text import fold, nfc
from app.exchange.unit_figures import parse_unit_figures
from app.exchange.xlsx import instructions_sheet, put, write_header, write_row
from app.scoring.figures import FIELD_LABELS, FIGURE_FIELDS, UnitFigures, UnitKind

META_SHEET = "Thông tin gói"
PACKAGE_KIND = "Gói số liệu đơn vị — Thi đua DVCTT"
PACKAGE_VERSION = 1
_META_ROWS = (
    ("kind", "Loại tệp"),
    ("version", "Phiên bản"),
    ("unit_code", "Mã đơn vị"),
    ("unit_name", "Tên đơn vị"),
    ("campaign", "Đợt thi đua"),
    ("period_name", "Kỳ số liệu"),
    ("start", "Từ ngày"),
    ("end", "Đến ngày"),
    ("exported_at", "Thời điểm xuất"),
)
_TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


class PackageError(ValueError):
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


@dataclass(frozen=True, slots=True)
class UnitPackage:
    meta: PackageMeta
    figures: UnitFigures
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FigureChange:
    field: str
    label: str
    old: int | None
    new: int | None

    def __str__(self) -> str:
        def shown(value: int | None) -> str:
            return "(trống)" if value is None else str(value)

        return f"{self.label}: {shown(self.old)} → {shown(self.new)}"


def figures_diff(old: UnitFigures | None, new: UnitFigures) -> list[FigureChange]:
    """The figures that differ between what is stored (``old``, None: nothing yet) and ``new``."""
    changes = []
    for name in FIGURE_FIELDS:
        before = old.figure(name) if old is not None else None
        after = new.figure(name)
        if before != after:
            changes.append(FigureChange(name, FIELD_LABELS[name], before, after))
    return changes


def write_package(
    path: Path,
    figures: UnitFigures,
    *,
    campaign: str,
    period_name: str = "",
    period: tuple[dt.date, dt.date] | None = None,
    exported_at: dt.datetime | None = None,
) -> PackageMeta:
    """Write one unit's figures as a package; returns the metadata written."""
    from openpyxl import Workbook  # noqa: PLC0415

    meta = PackageMeta(
        unit_code=figures.code,
        unit_name=figures.name,
        campaign=campaign,
        period_name=period_name,
        start=period[0] if period else None,
        end=period[1] if period else None,
        exported_at=(exported_at or dt.datetime.now()).replace(microsecond=0),
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    unit_figures_sheet(sheet, [figures], with_figures=True)
    info = workbook.create_sheet(META_SHEET)
    write_header(info, ["Mục", "Giá trị"], [20, 50])
    values: dict[str, Any] = {
        "kind": PACKAGE_KIND,
        "version": PACKAGE_VERSION,
        "unit_code": meta.unit_code,
        "unit_name": meta.unit_name,
        "campaign": meta.campaign,
        "period_name": meta.period_name,
        "start": format_day(meta.start) if meta.start else "",
        "end": format_day(meta.end) if meta.end else "",
        "exported_at": meta.exported_at.strftime(_TIME_FORMAT) if meta.exported_at else "",
    }
    for row, (key, label) in enumerate(_META_ROWS, start=2):
        write_row(info, row, [label, values[key]])
    put(info.cell(row=len(_META_ROWS) + 3, column=1), "Không sửa trang này.")
    instructions_sheet(
        workbook,
        f"Gói số liệu của {figures.name} ({figures.code})",
        [
            "Tệp này do chương trình Thi đua DVCTT của đơn vị xuất ra để gửi Phòng Văn hóa và "
            "Thông tin huyện.",
            "Không sửa mã đơn vị và trang «Thông tin gói»: gói chỉ được cập nhật đúng đơn vị ghi "
            "trong gói, và bị từ chối nếu không đúng đợt thi đua.",
        ],
    )
    workbook.save(path)
    return meta


def _meta_from(path: Path) -> PackageMeta:
    try:
        table = read_table(path, max_rows=100, sheet=META_SHEET)
    except TableError as error:
        if f"«{META_SHEET}»" in str(error):
            raise PackageError(
                f"Tệp {path.name} không phải gói số liệu đơn vị (thiếu trang «{META_SHEET}»)"
            ) from error
        raise
    labels = {fold(label): key for key, label in _META_ROWS}
    found: dict[str, str] = {}
    for _row, cells in table.rows:
        if len(cells) >= 2 and cells[0] is not None:
            key = labels.get(fold(str(cells[0])))
            if key is not None:
                found[key] = _text(cells[1])
    if fold(found.get("kind", "")) != fold(PACKAGE_KIND) or not found.get("unit_code"):
        raise PackageError(f"Tệp {path.name} không phải gói số liệu đơn vị của chương trình")
    try:
        version = int(found.get("version") or PACKAGE_VERSION)
    except ValueError:
        version = 0
    if version != PACKAGE_VERSION:
        raise PackageError(
            f"Gói {path.name} có phiên bản {found.get('version')}, chương trình chỉ đọc phiên bản "
            f"{PACKAGE_VERSION}"
        )
    exported: dt.datetime | None = None
    if found.get("exported_at"):
        try:
            exported = dt.datetime.strptime(found["exported_at"], _TIME_FORMAT)
        except ValueError:
            exported = None
    return PackageMeta(
        unit_code=found["unit_code"],
        unit_name=found.get("unit_name", ""),
        campaign=found.get("campaign", ""),
        period_name=found.get("period_name", ""),
        start=parse_day(found.get("start", "")),
        end=parse_day(found.get("end", "")),
        exported_at=exported,
        version=version,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime(_TIME_FORMAT)
    if isinstance(value, dt.date):
        return format_day(value)
    return nfc(str(value))


def read_package(
    path: Path,
    *,
    expected_unit: str | None = None,
    expected_campaign: str | None = None,
    scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN),
) -> UnitPackage:
    """Read a package. Raises PackageError when it is not a package, names another unit than
    ``expected_unit`` or another campaign than ``expected_campaign`` (compared ignoring case and
    diacritics), TableError for unreadable files, ProblemList for invalid figures."""
    meta = _meta_from(path)
    if expected_unit is not None and meta.unit_code != expected_unit:
        raise PackageError(
            f"Gói {path.name} là số liệu của đơn vị {meta.unit_code} ({meta.unit_name}), "
            f"không phải của đơn vị {expected_unit}: không nhập."
        )
    if expected_campaign is not None and fold(meta.campaign) != fold(expected_campaign):
        raise PackageError(
            f"Gói {path.name} thuộc đợt thi đua «{meta.campaign}», không phải «{expected_campaign}»: "
            "không nhập."
        )
    parsed = parse_unit_figures(read_table(path, max_rows=100), scored_kinds)
    if len(parsed.units) != 1:
        raise PackageError(
            f"Gói {path.name} phải có đúng một đơn vị trên trang số liệu (có {len(parsed.units)})"
        )
    figures = parsed.units[0]
    if figures.code != meta.unit_code:
        raise PackageError(
            f"Gói {path.name}: trang số liệu ghi đơn vị {figures.code}, trang «{META_SHEET}» ghi "
            f"{meta.unit_code}; gói chỉ được cập nhật đơn vị ghi trong gói: không nhập."
        )
    return UnitPackage(meta, figures, parsed.warnings)
