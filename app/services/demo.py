"""The sample data of ``--demo``: figures and nominations loaded through the services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.models import Database
from app.services import figures as figures_service
from app.services import nominations as nominations_service
from app.services import units as units_service
from app.services.errors import ServiceError


@dataclass(frozen=True, slots=True)
class DemoResult:
    figures_changed: int
    nominations_added: int
    nominations_skipped: tuple[str, ...]


def load_demo(
    db: Database, period_id: int, figures_file: Path, nominations_file: Path
) -> DemoResult:
    """Fill the period with the sample figures, then the sample nominations (DATA-FORMAT.md F:
    the unit named by code or by name). Nominations are added only to a period that has none, so
    running ``--demo`` twice changes nothing."""
    has_figures = bool(figures_service.list_figures(db, period_id))
    imported = figures_service.import_figures(db, period_id, figures_file, backup=has_figures)
    added = 0
    skipped: list[str] = []
    if not nominations_service.list_nominations(db, period_id):
        from app.exchange.nominations import read_nominations  # noqa: PLC0415 - reads tables

        register = [(u.code, u.name) for u in units_service.list_units(db)]
        for nomination in read_nominations(nominations_file, register).nominations:
            try:
                nominations_service.add_nomination(
                    db,
                    period_id,
                    nomination.unit_code,
                    nomination.full_name,
                    nomination.position,
                    nomination.achievement,
                    birth_date=nomination.birth_date,
                    gender=nomination.gender,
                )
            except ServiceError as error:
                skipped.append(f"{nomination.full_name}: {error}")
                continue
            added += 1
    return DemoResult(len(imported.changed), added, tuple(skipped))
