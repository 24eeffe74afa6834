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
from app.models.schema import HEAD_REVISION, SCHEMA_REVISIONS


@dataclass(frozen=True, slots=True)
class FileState:
    """What a database file holds: nothing yet, or our schema at ``revision``."""

    empty: bool
    revision: str | None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect_file(path: Path) -> FileState:
    """The schema revision of a database file. Raises NotOurDatabaseError for a foreign file."""
    if not path.exists() or path.stat().st_size == 0:
        return FileState(empty=True, revision=None)
    try:
        with contextlib.closing(_connect_read_only(path)) as conn:
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
    except sqlite3.DatabaseError as error:
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


def integrity_problems(path: Path) -> list[str]:
    """The result of ``PRAGMA integrity_check`` (empty when the file is sound)."""
    try:
        with contextlib.closing(_connect_read_only(path)) as conn:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            rows += [
                f"khóa ngoại hỏng ở bảng {r[0]}" for r in conn.execute("PRAGMA foreign_key_check")
            ]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


def copy_database(source: Path, target: Path) -> None:
    """A consistent single-file copy of ``source`` (committed data only, WAL included).

    Written to a temporary file first, then moved into place, so ``target`` is never half-written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        _fsync(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def copy_into(source: Path, target: Path) -> None:
    """Replace the content of database ``target`` by that of ``source`` in one SQLite transaction.

    ``target`` keeps its journal mode; nobody else may have it open for writing.
    """
    with (
        contextlib.closing(_connect_read_only(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        dst.execute("PRAGMA synchronous=FULL")
        src.backup(dst)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows cannot flush read-only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
