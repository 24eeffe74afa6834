"""Outputs never hit the database: every writer (exports, documents, backups, the rules file)
checks its target with ``check_output`` first (``app.models.outputs`` knows which files belong to
the database)."""

from __future__ import annotations

from pathlib import Path

from app.models import Database
from app.models.outputs import check_output_target

__all__ = ["check_output", "check_output_target"]


def check_output(db: Database | Path, target: Path, *, folder: bool = False) -> None:
    """Refuse (ProtectedTargetError) ``target`` when it is the database of ``db``, one of its
    journals, its lock, or in its backups folder."""
    path = db.path if isinstance(db, Database) else Path(db)
    check_output_target(path, Path(target), folder=folder)
