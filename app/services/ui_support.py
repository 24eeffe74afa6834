"""Use cases the desktop window needs beyond the other service modules.

- ``save_figures``: figures of one or several units typed or pasted at once, one transaction, all
  or nothing (a cell, a block pasted from a spreadsheet, an undo), returning the new ranking
  computed in that same transaction — one edit costs one ranking, not three.
- ``load_demo``: the sample figures and nominations (``--demo``), through the figures and
  nominations services.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    SOURCE_TYPED,
    Database,
    Nomination,
    Unit,
    UnitFiguresRow,
)
from app.scoring import (
    ProblemList,
    Ranking,
    UnitFigures,
    UnitKind,
    quota_report,
    validate_units,
)
from app.scoring.figures import FIGURE_FIELDS
from app.services import audit
from app.services import figures as figures_service
from app.services import nominations as nominations_service
from app.services import units as units_service
from app.services.campaigns import get_period_row, rules_of
from app.services.errors import ServiceError
from app.services.ranking import rank_in_session
from app.services.units import get_unit_row


@dataclass(frozen=True, slots=True)
class SavedFigures:
    """What saving typed figures did: the codes changed, the period's new ranking and the quota
    problems it causes ("…: vượt chỉ tiêu N …")."""

    changed: tuple[str, ...]
    ranking: Ranking
    quota_problems: tuple[str, ...]


def _counts(session: Session, period_id: int) -> dict[str, int]:
    return {
        row[0]: row[1]
        for row in session.execute(
            select(Unit.code, func.count(Nomination.id))
            .join(Nomination, Nomination.unit_id == Unit.id)
            .where(Nomination.period_id == period_id)
            .group_by(Unit.code)
        )
    }


def _quota_problems(session: Session, period_id: int, ranking: Ranking) -> list[str]:
    return quota_report(ranking, _counts(session, period_id)).problems()


def nomination_counts(db: Database, period_id: int) -> dict[str, int]:
    """Unit code → number of nominations in the period (for ``quota_report`` with a ranking the
    window already holds)."""
    with db.transaction() as session:
        get_period_row(session, period_id)
        return _counts(session, period_id)


def save_figures(
    db: Database,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_name: str = "",
) -> SavedFigures:
    """Store the figures of ``units`` (by code) for the period in one transaction (audited old →
    new), and rank the period with them in the same transaction.

    Every unit is validated first (figures may be partly missing, as when typed); any problem →
    ProblemList and nothing written. A unit not in the register → NotFoundError.
    """
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        rows = [get_unit_row(session, u.code) for u in units]
        stored = [
            UnitFigures(
                code=row.code,
                name=row.name,
                kind=UnitKind(row.kind),
                online=u.online,
                total=u.total,
                accounts=u.accounts,
                eid=u.eid,
                citizens=u.citizens,
            )
            for row, u in zip(rows, units, strict=True)
        ]
        problems = validate_units(stored, rules_of(period.campaign).scored_kinds, require_all=False)
        if problems:
            raise ProblemList(problems)
        existing = {
            r.unit_id: r
            for r in session.scalars(
                select(UnitFiguresRow).where(
                    UnitFiguresRow.period_id == period_id,
                    UnitFiguresRow.unit_id.in_([row.id for row in rows]),
                )
            )
        }
        changed: list[str] = []
        for unit_row, unit in zip(rows, stored, strict=True):
            figures_row = existing.get(unit_row.id)
            old = (
                None
                if figures_row is None
                else {key: getattr(figures_row, key) for key in FIGURE_FIELDS}
            )
            new = {key: unit.figure(key) for key in FIGURE_FIELDS}
            if old == new or (old is None and all(v is None for v in new.values())):
                continue
            if figures_row is None:
                figures_row = UnitFiguresRow(period_id=period_id, unit=unit_row)
                session.add(figures_row)
            for key, value in new.items():
                setattr(figures_row, key, value)
            figures_row.source_kind = SOURCE_TYPED
            figures_row.source_name = source_name
            figures_row.updated_at = audit.now()
            audit.record(
                session,
                "figures.edit",
                f"Số liệu {unit_row.code} ({unit_row.name}) nhập tay",
                subject=unit_row.code,
                period_name=period.name,
                old=old,
                new=new,
            )
            changed.append(unit_row.code)
        session.flush()
        ranking = rank_in_session(session, period_id)
        quota = _quota_problems(session, period_id, ranking) if changed else []
    return SavedFigures(tuple(changed), ranking, tuple(quota))


def set_figures_batch(
    db: Database,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_name: str = "",
) -> tuple[list[str], list[str]]:
    """``save_figures`` returning (codes whose figures changed, quota problems after)."""
    saved = save_figures(db, period_id, units, source_name=source_name)
    return list(saved.changed), list(saved.quota_problems)


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
