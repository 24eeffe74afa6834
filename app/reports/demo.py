"""A dossier from the shared sample files (figures + nominations), for the benchmark and previews.

The real program builds its dossier from the database; this reads ``sample-units-2023.csv`` and
``sample-nominations-2023.csv`` (DATA-FORMAT.md sections A and F) with no database at all.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from app.exchange.text import fold, nfc
from app.exchange.unit_figures import read_unit_figures
from app.reports.dossier import AwardDossier, Nomination
from app.reports.settings import DocumentSettings
from app.reports.words import parse_date
from app.resources import default_rules
from app.scoring.engine import TieSettlement, rank_units
from app.scoring.figures import UnitFigures

CAMPAIGN = "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến"


def read_nominations(path: Path, units: list[UnitFigures]) -> list[Nomination]:
    """Nominations from a CSV (format F); the unit is given by its code or its name."""
    by_code = {u.code: u for u in units}
    by_name = {fold(u.name): u for u in units}
    out: list[Nomination] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            cells = {fold(k): nfc(v or "") for k, v in row.items() if k}
            unit_text = cells.get("don vi", "")
            unit = by_code.get(unit_text) or by_name.get(fold(unit_text))
            if unit is None:
                raise ValueError(f"Đơn vị «{unit_text}» không có trong danh sách đơn vị")
            out.append(
                Nomination(
                    full_name=cells.get("ho va ten", ""),
                    position=cells.get("chuc vu", ""),
                    unit_code=unit.code,
                    unit_name=unit.name,
                    achievement_summary=cells.get("tom tat thanh tich", ""),
                    birth_date=parse_date(cells.get("ngay sinh")),
                    gender=cells.get("gioi tinh", ""),
                )
            )
    return out


def demo_dossier(
    units_csv: Path,
    nominations_csv: Path | None = None,
    *,
    settlements: tuple[TieSettlement, ...] = (),
    made_on: dt.date | None = dt.date(2024, 1, 5),
) -> AwardDossier:
    figures = read_unit_figures(units_csv)
    ranking = rank_units(figures.units, default_rules(), settlements)
    nominations = read_nominations(nominations_csv, figures.units) if nominations_csv else []
    return AwardDossier(
        campaign_name=CAMPAIGN,
        year=2023,
        settings=DocumentSettings(),
        ranking=ranking,
        nominations=tuple(nominations),
        period_name="Tổng kết",
        period_start=dt.date(2023, 9, 1),
        period_end=dt.date(2023, 12, 31),
        made_on=made_on,
    )
