"""The award dossier of a period, read from the database for the documents (app/reports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from app.models.database import Database
from app.reports.dossier import AwardDossier, dossier_from_records
from app.services import campaigns, nominations, ranking, units


def award_dossier(db: Database, period_id: int, *, made_on: dt.date | None = None) -> AwardDossier:
    """Everything the documents of ``period_id`` need: settings, ranking, profiles, nominations."""
    period = campaigns.get_period(db, period_id)
    campaign = campaigns.get_campaign(db, period.campaign_id)
    return dossier_from_records(
        campaign,
        period,
        campaigns.document_settings(db, campaign.id),
        ranking.rank_period(db, period_id),
        units.list_units(db),
        nominations.list_nominations(db, period_id),
        made_on=made_on,
    )


def make_documents(db: Database, period_id: int, kinds: Iterable[str], out_dir: Path) -> list[Path]:
    """Write the PDFs of ``kinds`` for the period; raises DossierNotReadyError naming the units."""
    from app.reports.build import build_documents  # noqa: PLC0415 - ReportLab only when needed

    return build_documents(award_dossier(db, period_id), kinds, out_dir)
