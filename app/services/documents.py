"""The award dossier of a period, read from the database for the documents (app/reports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from app.models.database import Database
from app.reports.dossier import AwardDossier, Nomination, UnitProfile
from app.services import campaigns, nominations, ranking, units


def award_dossier(db: Database, period_id: int, *, made_on: dt.date | None = None) -> AwardDossier:
    """Everything the documents of ``period_id`` need: settings, ranking, profiles, nominations."""
    period = campaigns.get_period(db, period_id)
    campaign = campaigns.get_campaign(db, period.campaign_id)
    profiles = {
        u.code: UnitProfile(
            code=u.code,
            address=u.address,
            phone=u.phone,
            head_name=u.head_name,
            head_title=u.head_title,
            profile_text=u.profile_text,
            achievement_text=u.achievement_text,
            past_awards_text=u.past_awards_text,
        )
        for u in units.list_units(db)
    }
    people = tuple(
        Nomination(
            full_name=n.full_name,
            position=n.position,
            unit_code=n.unit_code,
            unit_name=n.unit_name,
            achievement_summary=n.achievement_summary,
            birth_date=n.birth_date,
            gender=n.gender or "",
            achievement_text=n.achievement_text,
            past_awards_text=n.past_awards_text,
        )
        for n in nominations.list_nominations(db, period_id)
    )
    return AwardDossier(
        campaign_name=campaign.name,
        year=campaign.year,
        settings=campaigns.document_settings(db, campaign.id),
        ranking=ranking.rank_period(db, period_id),
        profiles=profiles,
        nominations=people,
        period_name=period.name,
        period_start=period.start_date,
        period_end=period.end_date,
        made_on=made_on,
    )


def make_documents(db: Database, period_id: int, kinds: Iterable[str], out_dir: Path) -> list[Path]:
    """Write the PDFs of ``kinds`` for the period; raises DossierNotReadyError naming the units."""
    from app.reports.build import build_documents  # noqa: PLC0415 - ReportLab only when needed

    return build_documents(award_dossier(db, period_id), kinds, out_dir)
