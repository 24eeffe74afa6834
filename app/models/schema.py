"""The tables: SQLAlchemy 2 typed models.

Every change of this module needs a new alembic revision in ``app/models/migrations/versions`` and
its id appended to ``SCHEMA_REVISIONS``; ``tests/test_migrations.py`` checks that the migrations
create exactly these tables.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Alembic revisions in order; the last one is what this program writes. A database stamped with a
# revision not listed here was made by a newer program and is refused.
SCHEMA_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD_REVISION = SCHEMA_REVISIONS[-1]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_TYPED = "typed"
SOURCE_FILE = "file"
SOURCE_PACKAGE = "package"
FIGURE_SOURCES = (SOURCE_TYPED, SOURCE_FILE, SOURCE_PACKAGE)


# Campaigns and periods carry a stable id (revision 0004) that packages name instead of their names.
# It is derived once, when the row is made, from what identifies it then (campaign: name and year;
# period: its campaign's id and dates), so that the district's program and a commune's program
# seeded alike agree; later edits of the name or dates never change it.
UID_NAMESPACE = uuid.UUID("6f1d3c52-2b7e-4f0a-9a53-3c1b8e4d7a10")


def stable_uid(*parts: object) -> str:
    """The stable id made of ``parts`` (a UUID5 under UID_NAMESPACE)."""
    return str(uuid.uuid5(UID_NAMESPACE, "|".join(str(p) for p in parts)))


def _campaign_uid(context: Any) -> str:
    params = context.get_current_parameters()
    return stable_uid("campaign", params["name"], params["year"])


def _period_uid(context: Any) -> str:
    params = context.get_current_parameters()
    campaign = context.connection.execute(
        text("SELECT uid FROM campaign WHERE id = :id"), {"id": params["campaign_id"]}
    ).scalar()
    return stable_uid("period", campaign, params["start_date"], params["end_date"])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Campaign(Base):
    """A campaign (phong trào thi đua) with its rule set and document settings stored as JSON."""

    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)
    plan_number: Mapped[str] = mapped_column(String(100), default="")
    plan_date: Mapped[dt.date | None] = mapped_column(Date)
    issuing_body: Mapped[str] = mapped_column(String(300), default="")
    rules_json: Mapped[str] = mapped_column(Text)
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Revision 0003: remembered import choices (dossier column mapping, channel values), JSON.
    import_settings_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # Revision 0004: the stable id packages name (see ``stable_uid``).
    uid: Mapped[str] = mapped_column(String(36), default=_campaign_uid, server_default="")

    periods: Mapped[list[Period]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Period.id"
    )


class Period(Base):
    """A data snapshot of a campaign (sơ kết / tổng kết); at most one per campaign is final."""

    __tablename__ = "period"
    __table_args__ = (
        UniqueConstraint("campaign_id", "name"),
        Index(
            "ux_period_final",
            "campaign_id",
            unique=True,
            sqlite_where=text("is_final = 1"),
            postgresql_where=text("is_final"),
        ),
        CheckConstraint("end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    # Revision 0004: the stable id packages name (see ``stable_uid``).
    uid: Mapped[str] = mapped_column(String(36), default=_period_uid, server_default="")

    campaign: Mapped[Campaign] = relationship(back_populates="periods")


class Unit(Base):
    """A competing unit: commune (xa), town (thi_tran) or district agency (co_quan)."""

    __tablename__ = "unit"
    __table_args__ = (CheckConstraint("kind IN ('xa', 'thi_tran', 'co_quan')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_title: Mapped[str] = mapped_column(String(200), default="")
    # Revision 0002: free text for the achievement reports.
    profile_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    achievement_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    past_awards_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class UnitFiguresRow(Base):
    """The five figures of one unit for one period, and where they came from."""

    __tablename__ = "unit_figures"
    __table_args__ = (
        UniqueConstraint("period_id", "unit_id"),
        CheckConstraint(
            "(online IS NULL OR online >= 0) AND (total IS NULL OR total >= 0) AND "
            "(accounts IS NULL OR accounts >= 0) AND (eid IS NULL OR eid >= 0) AND "
            "(citizens IS NULL OR citizens >= 0)",
            name="non_negative",
        ),
        CheckConstraint("source_kind IN ('typed', 'file', 'package')", name="source_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    online: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    accounts: Mapped[int | None] = mapped_column(Integer)
    eid: Mapped[int | None] = mapped_column(Integer)
    citizens: Mapped[int | None] = mapped_column(Integer)
    source_kind: Mapped[str] = mapped_column(String(20), default=SOURCE_TYPED)
    source_name: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Revision 0007: raised by every change, so that an edit made on an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    unit: Mapped[Unit] = relationship()


class Nomination(Base):
    """An individual proposed for a Giấy khen, counted against its unit's quota in a period."""

    __tablename__ = "nomination"
    __table_args__ = (CheckConstraint("gender IS NULL OR gender IN ('Nam', 'Nữ')", name="gender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300))
    achievement_summary: Mapped[str] = mapped_column(Text, default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Revision 0002: free text for the achievement reports.
    achievement_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    past_awards_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    unit: Mapped[Unit] = relationship()


class Dossier(Base):
    """One dossier of a portal export counted for a period (revision 0003), keyed by its code so
    that importing the same or an overlapping export again never counts it twice. On PostgreSQL
    the two references are enforced by statement triggers instead (revision 0007)."""

    __tablename__ = "dossier"
    __table_args__ = (
        # Revision 0006: the per-account analysis (filing on others' behalf) reads only this
        # index, in the order it groups by; the recount of an import is covered by it too.
        Index(
            "ix_dossier_accounts",
            "period_id",
            "online",
            "unit_id",
            "account",
            "owner_key",
            "authorised",
            "received_on",
        ),
        {"sqlite_with_rowid": False},
    )

    period_id: Mapped[int] = mapped_column(
        ForeignKey("period.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(200), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    online: Mapped[bool] = mapped_column(Boolean)
    account: Mapped[str | None] = mapped_column(String(300))  # None when the export had none
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    # Revision 0006: optional columns of the export (None when it had none). The owner's ID
    # number is never stored: only its HMAC-SHA-256 under the database's own secret, the first
    # 64 bits as a signed integer (``owner_key``; of the folded name when there is no number).
    owner: Mapped[str | None] = mapped_column(String(300))
    owner_key: Mapped[int | None] = mapped_column(BigInteger)
    authorised: Mapped[bool | None] = mapped_column(Boolean)
    procedure: Mapped[str | None] = mapped_column(String(500))
    officer: Mapped[str | None] = mapped_column(String(300))


class OfficialAccount(Base):
    """A portal account the district registered as an official's (one-stop-shop staff) of a unit
    (revision 0006): its dossiers are counted separately, as filed on others' behalf."""

    __tablename__ = "official_account"
    __table_args__ = (UniqueConstraint("unit_id", "account"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    account: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DatabaseSecret(Base):
    """Secrets of this database file (revision 0006), made once: the key of the owners' hashes."""

    __tablename__ = "database_secret"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class RegisterEntry(Base):
    """The awards register (sổ vàng, revision 0005): the number of one award of a period, kept
    once given (printed on its Giấy khen); ``award_key`` is "unit:<code>" or "person:<id>"."""

    __tablename__ = "register_entry"
    __table_args__ = (
        UniqueConstraint("period_id", "award_key", name="uq_register_entry_award"),
        UniqueConstraint("period_id", "number", name="uq_register_entry_number"),
        CheckConstraint("number >= 1", name="number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    award_key: Mapped[str] = mapped_column(String(100))
    number: Mapped[int] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(String(300))
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TieSettlementRow(Base):
    """The council's order for one unresolved tie of a period, with its written reason."""

    __tablename__ = "tie_settlement"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"), index=True)
    order_json: Mapped[str] = mapped_column(Text)  # JSON list of unit codes, best first
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """One change: when, what, old → new (values as JSON). Never updated or deleted."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(300), default="")
    period_name: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    old_json: Mapped[str | None] = mapped_column(Text)
    new_json: Mapped[str | None] = mapped_column(Text)
    # Revision 0007: the server account that made the change (set by the server; "" on SQLite).
    account: Mapped[str] = mapped_column(String(100), default="", server_default="")


class PackageKey(Base):
    """The key signing one unit's packages (revision 0004): made by the district for each commune,
    typed or loaded once in the commune's program. ``last_sequence``: the highest package number
    made or received for the unit (each package exported gets the next one)."""

    __tablename__ = "package_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), unique=True)
    secret: Mapped[str] = mapped_column(String(128))  # hex
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[Unit] = relationship()


class PackageReceipt(Base):
    """The last package imported for one unit and period (revision 0004): a package older than it
    (lower number or earlier export time) is refused as a replay."""

    __tablename__ = "package_receipt"
    __table_args__ = (UniqueConstraint("period_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int | None] = mapped_column(Integer)  # None: an unsigned package
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signature: Mapped[str] = mapped_column(String(128), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
