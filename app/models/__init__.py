"""Storage: SQLAlchemy 2 typed models, the database file, its lock and its migrations.

Services (``app.services``) are the only callers; they hand plain objects to everyone else.
"""

from app.models.database import Database, make_engine, open_database, upgrade_schema
from app.models.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotOurDatabaseError,
    ProtectedTargetError,
    StorageAccessError,
)
from app.models.schema import (
    FIGURE_SOURCES,
    HEAD_REVISION,
    SCHEMA_REVISIONS,
    SOURCE_FILE,
    SOURCE_PACKAGE,
    SOURCE_TYPED,
    AuditEntry,
    Base,
    Campaign,
    Dossier,
    Nomination,
    PackageKey,
    PackageReceipt,
    Period,
    RegisterEntry,
    TieSettlementRow,
    Unit,
    UnitFiguresRow,
    stable_uid,
)

__all__ = [
    "FIGURE_SOURCES",
    "HEAD_REVISION",
    "SCHEMA_REVISIONS",
    "SOURCE_FILE",
    "SOURCE_PACKAGE",
    "SOURCE_TYPED",
    "AuditEntry",
    "Base",
    "Campaign",
    "DamagedDatabaseError",
    "Database",
    "DatabaseError",
    "DatabaseLockedError",
    "Dossier",
    "NewerDatabaseError",
    "Nomination",
    "NotOurDatabaseError",
    "PackageKey",
    "PackageReceipt",
    "Period",
    "ProtectedTargetError",
    "RegisterEntry",
    "StorageAccessError",
    "TieSettlementRow",
    "Unit",
    "UnitFiguresRow",
    "make_engine",
    "open_database",
    "stable_uid",
    "upgrade_schema",
]
