"""Database files as files: copying with the SQLite backup API, checking, reading the schema version.

These use the standard ``sqlite3`` module only, so they are quick and work on a file that is not
open in the program (a backup to restore, a database to migrate).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.models.errors import NewerDatabaseError, NotOurDatabaseError
from app.models.health import access_error, connect_read_only, integrity_problems, is_damage
from app.models.schema import HEAD_REVISION, SCHEMA_REVISIONS

__all__ = [
    "FileState",
    "check_revision",
    "copy_database",
    "copy_into",
    "copy_to_temporary",
    "inspect_file",
    "integrity_problems",
    "place_copy",
]


@dataclass(frozen=True, slots=True)
class FileState:
    """What a database file holds: nothing yet, or our schema at ``revision``."""

    empty: bool
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """The schema revision of a database file. Raises NotOurDatabaseError for a foreign file."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(empty=True, revision=None)
    try:
        with contextlib.closing(connect_read_only(path)) as conn:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not tables:
                return FileState(empty=True, revision=None)
            if "alembic_version" not in tables:
                raise NotOurDatabaseError(
                    f"Tệp {path} không phải cơ sở dữ liệu của chương trình Thi đua DVCTT."
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        if not is_damage(error):
            raise access_error(path, error) from error
        raise NotOurDatabaseError(
            f"Tệp {path} không phải cơ sở dữ liệu SQLite hợp lệ hoặc đã bị hỏng ({error})."
        ) from error
    return FileState(empty=False, revision=None if row is None else str(row[0]))


def check_revision(path: Path, revision: str | None) -> None:
    """Refuse a revision this program does not know (made by a newer program)."""
    if revision is None:
        raise NotOurDatabaseError(
            f"Tệp {path} không ghi phiên bản cấu trúc dữ liệu; không thể dùng tệp này."
        )
    if revision not in SCHEMA_REVISIONS:
        raise NewerDatabaseError(
            f"Cơ sở dữ liệu {path} được tạo bởi phiên bản mới hơn của chương trình (cấu trúc dữ "
            f"liệu «{revision}», chương trình này chỉ đọc được đến «{HEAD_REVISION}»). Hãy cài "
            "phiên bản mới của chương trình; dữ liệu không bị thay đổi."
        )


def copy_database(source: Path, target: Path) -> None:
    """A consistent single-file copy of ``source`` (committed data only, WAL included).

    Written to a temporary file first, then moved into place, so ``target`` is never half-written.
    """
    temporary = target.with_name(target.name + ".tmp")
    try:
        copy_to_temporary(source, temporary)
        place_copy(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def place_copy(temporary: Path, target: Path) -> None:
    """Flush ``temporary`` to disk and move it to ``target`` in one step."""
    try:
        _fsync(temporary)
        os.replace(temporary, target)
    except OSError as error:
        raise access_error(target, error) from error


def copy_to_temporary(source: Path, temporary: Path) -> None:
    """A consistent copy of ``source`` at ``temporary`` (journal mode DELETE), not yet in place.
    Damage of the source is copied as it is (check the copy); a file that cannot be written is a
    StorageAccessError naming ``temporary``."""
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        if is_damage(error):
            raise NotOurDatabaseError(
                f"Tệp {source} đã bị hỏng, không sao chép được ({error})."
            ) from error
        raise access_error(temporary, error) from error


def copy_into(source: Path, target: Path) -> None:
    """Replace the content of database ``target`` by that of ``source`` in one SQLite transaction.

    ``target`` keeps its journal mode; nobody else may have it open for writing.
    """
    try:
        with (
            contextlib.closing(connect_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(target)) as dst,
        ):
            dst.execute("PRAGMA synchronous=FULL")
            src.backup(dst)
    except sqlite3.Error as error:
        if is_damage(error):
            raise NotOurDatabaseError(f"Tệp {source} đã bị hỏng ({error}).") from error
        raise access_error(target, error) from error


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows cannot flush read-only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
