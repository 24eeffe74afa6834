"""Opening the program's storage: create and seed on first start, daily backup."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Campaign, Database, NotOurDatabaseError, Period, Unit, open_database
from app.models.backend import is_server_url, open_target
from app.models.network import network_warning
from app.paths import database_path
from app.reports.settings import DocumentSettings
from app.resources import default_rules, resource_path
from app.scoring import UnitKind, rules_to_data
from app.services import audit, backups
from app.text import nfc

__all__ = [  # Database: the open storage callers hold (the window keeps it without app.models)
    "SEED_CAMPAIGN",
    "SEED_END",
    "SEED_ISSUING_BODY",
    "SEED_PERIOD",
    "SEED_START",
    "SEED_UNITS_FILE",
    "SEED_YEAR",
    "Database",
    "SeedUnit",
    "open_storage",
    "seed",
    "seed_units",
]

SEED_CAMPAIGN = "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến"
SEED_YEAR = 2023
SEED_ISSUING_BODY = "Ủy ban nhân dân huyện Phụng Hiệp"
SEED_PERIOD = "Tổng kết năm 2023"
SEED_START = dt.date(2023, 9, 1)
SEED_END = dt.date(2023, 12, 31)
SEED_UNITS_FILE = ("units", "don-vi-phung-hiep.csv")


@dataclass(frozen=True, slots=True)
class SeedUnit:
    code: str
    name: str
    kind: UnitKind


def seed_units(path: Path | None = None) -> list[SeedUnit]:
    """The units shipped in resources/units (Mã đơn vị, Tên đơn vị, Loại đơn vị)."""
    path = path or resource_path(*SEED_UNITS_FILE)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return [
            SeedUnit(nfc(row[0]), nfc(row[1]), UnitKind(nfc(row[2])))
            for row in reader
            if row and row[0].strip()
        ]


def seed(session: Session, *, with_units: bool = True) -> None:
    """The Phụng Hiệp 2023 campaign, its rule set and final period, and (optionally) its units."""
    now = audit.now()
    settings = DocumentSettings()
    campaign = Campaign(
        name=SEED_CAMPAIGN,
        year=SEED_YEAR,
        plan_number="…/KH-UBND",
        plan_date=None,
        issuing_body=SEED_ISSUING_BODY,
        rules_json=json.dumps(rules_to_data(default_rules()), ensure_ascii=False),
        settings_json=json.dumps(settings.to_data(), ensure_ascii=False),
        created_at=now,
    )
    session.add(campaign)
    session.add(
        Period(
            campaign=campaign,
            name=SEED_PERIOD,
            start_date=SEED_START,
            end_date=SEED_END,
            is_final=True,
        )
    )
    units = seed_units() if with_units else []
    for order, unit in enumerate(units, start=1):
        session.add(
            Unit(
                code=unit.code, name=unit.name, kind=unit.kind.value, sort_order=order, active=True
            )
        )
    audit.record(
        session,
        audit.Action.SEED,
        f"Tạo cơ sở dữ liệu: phong trào «{SEED_CAMPAIGN}» {SEED_YEAR}, kỳ «{SEED_PERIOD}», "
        f"{len(units)} đơn vị",
        subject=SEED_CAMPAIGN,
        period_name=SEED_PERIOD,
    )


def open_storage(
    path: Path | str | None = None,
    *,
    with_units: bool = True,
    daily: bool = True,
    create: bool = True,
) -> Database:
    """Open the database (``path``, a PostgreSQL URL, or the default file), creating and seeding it
    on first start.

    Raises app.models.DatabaseError (locked, newer version, foreign file, cannot be read, server
    unreachable) with a message to show. A damaged database is opened read-only:
    ``db.damage_message`` names the newest good backup to restore; a daily backup that could not
    be made is in ``db.warnings``. A PostgreSQL URL opens the server database.
    """
    if isinstance(path, str) and is_server_url(path):
        db = open_target(path, create=create)
    else:
        file = database_path(path)
        try:
            db = open_database(file, create=create)
        except NotOurDatabaseError as error:
            raise backups.unreadable(file, error) from error
    try:
        if not db.read_only:
            with db.transaction() as session:
                if session.scalar(select(Campaign.id).limit(1)) is None:
                    seed(session, with_units=with_units)
        if daily and not db.created:
            backups.daily_care(db)
        elif db.is_file:
            backups.remove_leftovers(db.path)
        if db.read_only:
            backups.explain_damage(db)
        if db.is_file and (warning := network_warning(db.path)) is not None:
            db.warnings.append(warning)  # opened all the same; said in the window and commands
    except BaseException:
        db.close()
        raise
    return db
