"""Storage: SQLAlchemy 2 typed models, the database file, its lock and its migrations.

Services (``app.services``) are the only callers; they hand plain objects to everyone else.
"""

from app.models.database import Database, make_engine, open_database, upgrade_schema
from app.models.errors import (
    DatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    NotOurDatabaseError,
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
    DatabaseSecret,
    Dossier,
    Nomination,
    OfficialAccount,
    Period,
    TieSettlementRow,
    Unit,
    UnitFiguresRow,
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
    "Database",
    "DatabaseError",
    "DatabaseLockedError",
    "DatabaseSecret",
    "Dossier",
    "NewerDatabaseError",
    "Nomination",
    "NotOurDatabaseError",
    "OfficialAccount",
    "Period",
    "TieSettlementRow",
    "Unit",
    "UnitFiguresRow",
    "make_engine",
    "open_database",
    "upgrade_schema",
]
