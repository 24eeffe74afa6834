"""The commune data package (DATA-FORMAT.md section D): one unit's figures as format A on the first
sheet, the unit's nominations for the period as format F on the sheet "Đề nghị khen thưởng"
(version 2; packages of version 1 have no such sheet and carry figures only), plus a sheet
"Thông tin gói" naming the unit, the campaign and the period (by their stable ids and dates, version 3),
the export time, the package's number and its signature (``app.exchange.signature``).

A package may only update the unit it names; the caller says which unit and campaign it expects
and a package that does not match (or whose nominations name another unit) is refused.
``figures_diff`` and ``nominations_diff`` (``package_diff``) give the old → new values that the
officer confirms before the service stores them.

The file is read once (``read_package``): its bytes are copied to a private folder and every sheet
is parsed from that copy, so what the officer is shown is what the service stores, whatever happens
to the file afterwards. Whether the signature is good is for the caller to say (it holds the keys):
``UnitPackage.content`` is what was signed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.exchange.nominations import LABELS as NOMINATION_LABELS
from app.exchange.nominations import MAX_ROWS as NOMINATION_MAX_ROWS
from app.exchange.nominations import Nomination, parse_nominations
from app.exchange.package_diff import (
    FigureChange,
    NominationsDiff,
    figures_diff,
    name_key,
    nominations_diff,
)
from app.exchange.package_meta import (
    META_ROWS,
    META_SHEET,
    PACKAGE_VERSION,
    PackageError,
    PackageMeta,
    meta_from,
    meta_values,
)
from app.exchange.signature import canonical, fingerprint, sign
from app.exchange.tables import MAX_FILE_BYTES, TableError, read_table
from app.exchange.templates import unit_figures_sheet
from app.exchange.text import nfc
from app.exchange.unit_figures import parse_unit_figures
from app.exchange.xlsx import instructions_sheet, put, write_header, write_row
from app.scoring.figures import FIGURE_FIELDS, UnitFigures, UnitKind

__all__ = [
    "META_SHEET",
    "NOMINATIONS_SHEET",
    "FigureChange",
    "NominationsDiff",
    "PackageError",
    "PackageMeta",
    "Signer",
    "UnitPackage",
    "figures_diff",
    "name_key",
    "nominations_diff",
    "read_package",
    "write_package",
]

NOMINATIONS_SHEET = "Đề nghị khen thưởng"
# Format F's columns, then the free text stored with each nomination (optional when reading).
NOMINATION_KEYS = (
    "full_name",
    "position",
    "unit",
    "achievement",
    "birth_date",
    "gender",
    "achievement_text",
    "past_awards_text",
)
_NOMINATION_WIDTHS = (28, 30, 14, 60, 14, 10, 60, 40)


@dataclass(frozen=True, slots=True)
class Signer:
    """The unit's key and the number of the package it signs."""

    secret: bytes
    sequence: int


@dataclass(frozen=True, slots=True)
class UnitPackage:
    meta: PackageMeta
    figures: UnitFigures
    warnings: list[str] = field(default_factory=list)
    # The unit's nominations for the period; None: a version 1 package, which has none to give
    # (the stored nominations are then left as they are).
    nominations: list[Nomination] | None = None
    content: bytes = b""  # what the signature covers (``signature.canonical``)


def _nominations_sheet(sheet: Any, unit_code: str, nominations: Sequence[Nomination]) -> None:
    """Format F (plus the two free-text columns) for one unit; every text cell formula-safe."""
    write_header(sheet, [NOMINATION_LABELS[k] for k in NOMINATION_KEYS], list(_NOMINATION_WIDTHS))
    for row, nomination in enumerate(nominations, start=2):
        values: list[Any] = [
            nfc(nomination.full_name),
            nfc(nomination.position),
            unit_code,
            nfc(nomination.achievement),
            nomination.birth_date,
            nomination.gender or "",
            nfc(nomination.achievement_text),
            nfc(nomination.past_awards_text),
        ]
        write_row(sheet, row, values)
        sheet.cell(row=row, column=5).number_format = "DD/MM/YYYY"


def write_package(
    path: Path,
    figures: UnitFigures,
    *,
    campaign: str,
    period_name: str = "",
    period: tuple[dt.date, dt.date] | None = None,
    exported_at: dt.datetime | None = None,
    nominations: Sequence[Nomination] | None = None,
    campaign_uid: str = "",
    campaign_year: int | None = None,
    period_uid: str = "",
    signer: Signer | None = None,
) -> PackageMeta:
    """Write one unit's figures and its nominations for the period as a package; returns the
    metadata written.

    ``nominations`` (all of ``figures.code``) makes a package with the nominations sheet; an
    empty list is a list too (the district then removes what it holds for the unit). None writes
    a figures-only package of version 1, as programs before version 2 did (the district then
    leaves the unit's nominations as they are). ``signer``: the unit's key and the package's
    number; the package is written, read back as the district reads it, and that content signed.
    """
    others = sorted({n.unit_code for n in nominations or () if n.unit_code != figures.code})
    if others:
        raise PackageError(
            f"Gói của đơn vị {figures.code} chỉ chứa đề nghị khen thưởng của đơn vị này "
            f"(có đề nghị của {', '.join(others)})."
        )
    from openpyxl import Workbook  # noqa: PLC0415

    meta = PackageMeta(
        unit_code=figures.code,
        unit_name=figures.name,
        campaign=campaign,
        period_name=period_name,
        start=period[0] if period else None,
        end=period[1] if period else None,
        exported_at=(exported_at or dt.datetime.now()).replace(microsecond=0),
        version=PACKAGE_VERSION if nominations is not None else 1,
        campaign_uid=campaign_uid,
        campaign_year=campaign_year,
        period_uid=period_uid,
        sequence=None if signer is None else signer.sequence,
        key_id="" if signer is None else fingerprint(signer.secret),
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    unit_figures_sheet(sheet, [figures], with_figures=True)
    if nominations is not None:
        _nominations_sheet(workbook.create_sheet(NOMINATIONS_SHEET), figures.code, nominations)
    info = workbook.create_sheet(META_SHEET)
    write_header(info, ["Mục", "Giá trị"], [20, 50])
    values = meta_values(meta)
    for row, (key, label) in enumerate(META_ROWS, start=2):
        write_row(info, row, [label, values[key]])
    put(info.cell(row=len(META_ROWS) + 3, column=1), "Không sửa trang này.")
    instructions_sheet(
        workbook, f"Gói số liệu của {figures.name} ({figures.code})", _notes(nominations)
    )
    workbook.save(path)
    if signer is None:
        return meta
    written = read_package(path, units=[(n.unit_code, n.unit_name) for n in nominations or ()])
    signature = sign(signer.secret, written.content)
    row = 2 + [key for key, _label in META_ROWS].index("signature")
    info.cell(row=row, column=2).value = signature
    workbook.save(path)
    return replace(meta, signature=signature)


def _notes(nominations: Sequence[Nomination] | None) -> list[str]:
    notes = [
        "Tệp này do chương trình Thi đua DVCTT của đơn vị xuất ra để gửi Phòng Văn hóa và "
        "Thông tin huyện.",
        "Không sửa tệp này: gói được ký bằng khóa của đơn vị, sửa bất kỳ ô nào (kể cả trong "
        "Excel) thì Phòng từ chối gói. Gói chỉ được cập nhật đúng đơn vị ghi trong gói, và bị "
        "từ chối nếu không đúng đợt thi đua, kỳ số liệu, hoặc cũ hơn gói đã nhập.",
    ]
    if nominations is not None:
        notes.append(
            f"Trang «{NOMINATIONS_SHEET}» là danh sách đề nghị khen thưởng cá nhân của đơn vị "
            "trong kỳ: khi nhập gói, huyện thay danh sách đề nghị của đơn vị bằng danh sách này "
            "(gói vượt chỉ tiêu khen thưởng cá nhân bị từ chối cả gói)."
        )
    return notes


def _private_copy(path: Path, folder: Path) -> Path:
    """The file's bytes, read once, in ``folder`` under the same name (every sheet is parsed from
    this copy: swapping or editing the file afterwards changes nothing)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise TableError(f"Không đọc được tệp {path.name}: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise TableError(f"Tệp {path.name} quá lớn với một gói số liệu: chương trình không đọc.")
    copy = folder / path.name
    copy.write_bytes(data)
    return copy


def read_package(
    path: Path,
    *,
    expected_unit: str | None = None,
    scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN),
    units: Iterable[tuple[str, str]] | None = None,
) -> UnitPackage:
    """Read a package (the file read once). Raises PackageError when it is not a package, names
    another unit than ``expected_unit``, or has nominations of another unit; TableError for
    unreadable files, ProblemList for invalid figures or nominations. The signature is not checked
    here (``UnitPackage.content`` is what it covers).

    ``units`` — (code, name) of the units the nominations' «Đơn vị» may name (the register), so
    that a nomination of another unit is reported as such; default: the package's unit only.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="thidua-goi-") as folder:
        copy = _private_copy(path, Path(folder))
        return _read_copy(copy, expected_unit, scored_kinds, units)


def _read_copy(
    path: Path,
    expected_unit: str | None,
    scored_kinds: Sequence[UnitKind],
    units: Iterable[tuple[str, str]] | None,
) -> UnitPackage:
    meta, values = meta_from(path)
    if expected_unit is not None and meta.unit_code != expected_unit:
        raise PackageError(
            f"Gói {path.name} là số liệu của đơn vị {meta.unit_code} ({meta.unit_name}), "
            f"không phải của đơn vị {expected_unit}: không nhập."
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
    warnings = list(parsed.warnings)
    nominations: list[Nomination] | None = None
    if meta.version >= 2:
        known = list(units) if units is not None else [(meta.unit_code, meta.unit_name)]
        nominations = _read_nominations(path, meta, known, warnings)
    content = canonical(
        values,
        {
            "code": figures.code,
            "name": figures.name,
            "kind": figures.kind.value,
            **{name: figures.figure(name) for name in FIGURE_FIELDS},
        },
        None
        if nominations is None
        else [
            (
                n.full_name,
                n.position,
                n.unit_code,
                n.achievement,
                n.birth_date,
                n.gender or "",
                n.achievement_text,
                n.past_awards_text,
            )
            for n in nominations
        ],
    )
    return UnitPackage(meta, figures, warnings, nominations, content)


def _read_nominations(
    path: Path, meta: PackageMeta, units: list[tuple[str, str]], warnings: list[str]
) -> list[Nomination]:
    try:
        table = read_table(path, max_rows=NOMINATION_MAX_ROWS, sheet=NOMINATIONS_SHEET)
    except TableError as error:
        if f"«{NOMINATIONS_SHEET}»" in str(error) or "trống" in str(error):
            raise PackageError(
                f"Gói {path.name} (phiên bản {meta.version}) thiếu trang «{NOMINATIONS_SHEET}»: "
                "gói bị sửa hoặc hỏng, không nhập."
            ) from error
        raise
    if not table.rows:  # the unit nominates nobody
        return []
    parsed = parse_nominations(table, units)
    others = [n for n in parsed.nominations if n.unit_code != meta.unit_code]
    if others:
        first = others[0]
        raise PackageError(
            f"Gói {path.name} là gói của đơn vị {meta.unit_code} ({meta.unit_name}) nhưng trang "
            f"«{NOMINATIONS_SHEET}» dòng {first.row} đề nghị khen thưởng {first.full_name} của "
            f"đơn vị {first.unit_code} ({first.unit_name}); gói chỉ được cập nhật đơn vị ghi "
            "trong gói: không nhập."
        )
    warnings += [f"Trang «{NOMINATIONS_SHEET}»: {w}" for w in parsed.warnings]
    return parsed.nominations
