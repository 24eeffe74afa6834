"""Files out of the database: blank templates (unit figures, e-ID figures, nominations), a commune's
data package, the score table. Writing a file changes nothing in the database; each export is
written to a temporary file beside ``out`` and renamed, so a failed export leaves no half file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.models import Database, Unit, UnitFiguresRow
from app.scoring import UnitFigures, UnitKind
from app.scoring.figures import FIELD_LABELS
from app.scoring.validation import REQUIRED_FIGURES
from app.services.campaigns import current_campaign, get_period_row, rules_of
from app.services.errors import ServiceError
from app.services.nominations import unit_records
from app.services.outputs import check_output
from app.services.ranking import figures_of, rank_period
from app.services.units import get_unit_row, units_query

TEMPLATE_KINDS = ("unit-figures", "eid", "nominations")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    rows: int  # units or data rows written
    summary: str


@contextmanager
def _atomic(db: Database, out: Path) -> Iterator[Path]:
    out = Path(out)
    partial = out.with_name(f".{out.stem}.dang-ghi.xlsx")
    check_output(db, out)
    check_output(db, partial)
    if out.suffix.lower() != ".xlsx":
        raise ServiceError(f"Tệp xuất {out.name} phải có đuôi .xlsx.")
    if not out.parent.is_dir():
        raise ServiceError(f"Không có thư mục {out.parent}.")
    try:
        yield partial
        os.replace(partial, out)
    except PermissionError as error:
        raise ServiceError(
            f"Không ghi được {out}: tệp đang mở trong Excel hoặc không có quyền ghi."
        ) from error
    finally:
        partial.unlink(missing_ok=True)


def _write(db: Database, out: Path, writer: Callable[[Path], object]) -> Path:
    with _atomic(db, out) as partial:
        writer(partial)
    return Path(out)


def export_template(db: Database, kind: str, out: Path) -> ExportResult:
    """A blank template (``kind`` in TEMPLATE_KINDS) with the campaign's active units."""
    from app.exchange.templates import write_template  # noqa: PLC0415

    if kind not in TEMPLATE_KINDS:
        raise ServiceError(f"Không có mẫu «{kind}»; các mẫu: {', '.join(TEMPLATE_KINDS)}.")
    campaign = current_campaign(db)
    with db.transaction() as session:
        units = [
            UnitFigures(u.code, u.name, UnitKind(u.kind))
            for u in session.scalars(units_query(active_only=True))
        ]
    path = _write(db, out, lambda p: write_template(kind, p, units, campaign=campaign.name))
    names = {"unit-figures": "số liệu đơn vị", "eid": "số liệu định danh", "nominations": "đề nghị"}
    return ExportResult(path, len(units), f"Đã ghi mẫu {names[kind]} vào {path}")


def export_package(db: Database, period_id: int, unit_code: str, out: Path) -> ExportResult:
    """One unit's stored figures and nominations of the period as a commune data package
    (section D; the nominations in format F on their own sheet), naming the campaign and period
    by their stable ids and signed with the unit's key when this program has one (the package
    gets the unit's next number)."""
    from app.exchange.package import write_package  # noqa: PLC0415
    from app.services.package_keys import next_signer  # noqa: PLC0415

    with db.transaction() as session:
        period = get_period_row(session, period_id)
        unit = get_unit_row(session, unit_code)
        row = session.scalar(
            select(UnitFiguresRow).where(
                UnitFiguresRow.period_id == period_id, UnitFiguresRow.unit_id == unit.id
            )
        )
        figures = figures_of(unit, row)
        campaign = period.campaign
        campaign_name, campaign_uid, campaign_year = campaign.name, campaign.uid, campaign.year
        scored = rules_of(campaign).scored_kinds
        period_name, bounds, period_uid = (
            period.name,
            (period.start_date, period.end_date),
            period.uid,
        )
        nominations = unit_records(session, period_id, unit)
    if row is None:
        raise ServiceError(
            f"{figures.name} ({figures.code}) chưa có số liệu kỳ «{period_name}»: không có gì để "
            "xuất."
        )
    if figures.kind in scored:
        missing = [FIELD_LABELS[k] for k in REQUIRED_FIGURES if figures.figure(k) is None]
        if missing:
            raise ServiceError(
                f"{figures.name} ({figures.code}) chưa đủ số liệu kỳ «{period_name}» để xuất gói "
                f"(huyện chỉ nhận gói đủ số liệu): thiếu {', '.join(missing)}."
            )
    with db.transaction() as session:  # the number is used even if writing fails (gaps are fine)
        signer = next_signer(session, get_unit_row(session, unit_code))
    path = _write(
        db,
        out,
        lambda p: write_package(
            p,
            figures,
            campaign=campaign_name,
            period_name=period_name,
            period=bounds,
            nominations=nominations,
            campaign_uid=campaign_uid,
            campaign_year=campaign_year,
            period_uid=period_uid,
            signer=signer,
        ),
    )
    signed = (
        f"đã ký bằng khóa của đơn vị (gói số {signer.sequence})"
        if signer is not None
        else "CHƯA KÝ (chưa có khóa ký gói của đơn vị: Cài đặt → Khóa ký gói)"
    )
    return ExportResult(
        path,
        1,
        f"Đã xuất gói số liệu {figures.name} ({figures.code}), kỳ «{period_name}», kèm "
        f"{len(nominations)} đề nghị khen thưởng cá nhân, {signed}, vào {path}",
    )


def export_score_table(db: Database, period_id: int, out: Path) -> ExportResult:
    """The ranking of the period as an .xlsx score table (table, explanations, chart)."""
    from app.exchange.score_table import score_table_rows, write_score_table  # noqa: PLC0415

    ranking = rank_period(db, period_id)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        title = f"Bảng điểm {period.campaign.name} — {period.name}"
        has_units = session.scalar(select(Unit.id).limit(1)) is not None
    if not has_units:
        raise ServiceError("Chưa có đơn vị nào: không có bảng điểm để xuất.")
    path = _write(db, out, lambda p: write_score_table(p, ranking, title=title))
    rows = len(score_table_rows(ranking))
    return ExportResult(path, rows, f"Đã ghi bảng điểm ({rows} đơn vị) vào {path}")
