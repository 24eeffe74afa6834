"""The backend chosen by ``--db``: an SQLite file (the default) or a PostgreSQL server URL, and the
few statements whose spelling differs between them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models.database import Database, open_database
from app.models.postgres import is_server_url, open_server_database

PERIOD_LOCK = 0x7468  # first key of the advisory lock of one period (the second: its id)

__all__ = ["PERIOD_LOCK", "dialect_of", "is_server_url", "lock_period", "open_target"]


def open_target(target: str | Path, *, create: bool = True, lock: bool = True) -> Database:
    """Open the database named by ``--db``: a server URL or a file path."""
    if isinstance(target, str) and is_server_url(target):
        return open_server_database(target, create=create)
    return open_database(Path(target), create=create, lock=lock)


def dialect_of(session: Session) -> str:
    """``sqlite`` or ``postgresql``."""
    return session.get_bind().dialect.name


def lock_period(session: Session, period_id: int) -> None:
    """Serialise the writers of one period until the transaction ends (imports and edits never
    interleave their recounts). SQLite has one writer at a time already."""
    if dialect_of(session) == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:kind, :period)"),
            {"kind": PERIOD_LOCK, "period": period_id},
        )
