"""A dossier from the shared sample files (figures + nominations), for the benchmark and previews.

The real program builds its dossier from the database; this reads ``sample-units-2023.csv`` and
``sample-nominations-2023.csv`` (DATA-FORMAT.md sections A and F) with no database at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.exchange.unit_figures import read_unit_figures
from app.reports.dossier import AwardDossier, Nomination
from app.reports.settings import DocumentSettings
from app.resources import default_rules
from app.scoring.engine import TieSettlement, rank_units
from app.scoring.figures import UnitFigures

CAMPAIGN = "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến"


def read_nominations(path: Path, units: list[UnitFigures]) -> list[Nomination]:
    """Nominations from a file of format F (the exchange reader), as the documents take them."""
    from app.exchange.nominations import read_nominations as read_file

    return [
        Nomination(
            full_name=n.full_name,
            position=n.position,
            unit_code=n.unit_code,
            unit_name=n.unit_name,
            achievement_summary=n.achievement,
            birth_date=n.birth_date,
            gender=n.gender or "",
        )
        for n in read_file(path, [(u.code, u.name) for u in units]).nominations
    ]


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
