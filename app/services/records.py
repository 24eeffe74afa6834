"""Plain, frozen records the services hand out (never ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.scoring import Ranking, UnitFigures, UnitKind


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    id: int
    name: str
    year: int
    plan_number: str
    plan_date: dt.date | None
    issuing_body: str


@dataclass(frozen=True, slots=True)
class PeriodInfo:
    id: int
    campaign_id: int
    name: str
    start_date: dt.date
    end_date: dt.date
    is_final: bool


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: UnitKind
    active: bool = True
    sort_order: int = 0
    address: str = ""
    phone: str = ""
    head_name: str = ""
    head_title: str = ""
    profile_text: str = ""  # Sơ lược đặc điểm, tình hình
    achievement_text: str = ""  # the unit's own account of its achievements
    past_awards_text: str = ""


@dataclass(frozen=True, slots=True)
class FiguresInfo:
    """One unit's stored figures for a period, with where they came from."""

    figures: UnitFigures
    source_kind: str  # typed / file / package
    source_name: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class NominationInfo:
    id: int
    period_id: int
    unit_code: str
    unit_name: str
    full_name: str
    position: str
    achievement_summary: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None
    achievement_text: str = ""
    past_awards_text: str = ""


@dataclass(frozen=True, slots=True)
class SettlementInfo:
    id: int
    period_id: int
    order: tuple[str, ...]
    reason: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditInfo:
    id: int
    at: dt.datetime
    action: str
    subject: str
    period_name: str
    summary: str
    old: object
    new: object
    account: str = ""  # the server account that made the change ("" on SQLite)


@dataclass(frozen=True, slots=True)
class SavedFigures:
    """What saving figures did: the codes changed, the period's ranking after the change (computed
    in the same transaction) and the quota problems it causes ("…: vượt chỉ tiêu N …")."""

    changed: tuple[str, ...]
    ranking: Ranking
    quota_problems: tuple[str, ...]
    versions: dict[str, int] = field(default_factory=dict)  # code → version, after the change


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import of unit figures changed."""

    period_id: int
    source_name: str
    units_in_file: int
    changed: tuple[str, ...]  # codes whose figures changed
    added_units: tuple[str, ...]  # codes created (``add_units``)
    unchanged: int
    warnings: tuple[str, ...] = ()
    backup_path: str | None = None
    quota_problems: tuple[str, ...] = ()  # "vượt chỉ tiêu N" after the new figures


@dataclass(frozen=True, slots=True)
class NominationInput:
    """One nomination to add (``add_nominations``); ``row`` is its file row, for messages."""

    unit_code: str
    full_name: str
    position: str
    achievement_summary: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None
    achievement_text: str = ""
    past_awards_text: str = ""
    row: int | None = None
