"""Opening the database: lock, schema check, migration, engine with durable settings, transactions.

Every user action runs in one transaction (``Database.transaction``). SQLite runs in WAL mode with
``synchronous=FULL`` and foreign keys on, so a power cut loses at most the action in progress and
never leaves a half-written one. Alembic is imported only when the schema has to be created or
upgraded; the database file is copied before any upgrade.

At every open ``PRAGMA quick_check`` reads the whole file (``app.models.health``): a damaged
database is opened read-only (``Database.damage`` says what is wrong) so it can still be read,
never written or backed up. A write that the disk refuses (full, read-only, no permission) is a
``StorageAccessError`` naming the file, the transaction rolled back. The engine URL is built from
the path object (``URL.create``), never by formatting a string, so ``%``, ``?`` and ``#`` in folder
names stay part of the name.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import UserError
from app.models.errors import DamagedDatabaseError, DatabaseError
from app.models.files import FileState, check_revision, copy_database, inspect_file
from app.models.health import access_error, is_damage, quick_problems
from app.models.lock import DatabaseLock
from app.models.migrate import MIGRATIONS_DIR, upgrade_schema
from app.models.schema import HEAD_REVISION

log = logging.getLogger("thidua.db")
__all__ = [
    "MIGRATIONS_DIR",
    "Database",
    "damage_text",
    "database_url",
    "make_engine",
    "open_database",
    "upgrade_schema",
]

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module: SQLAlchemy's "begin" event emits BEGIN,
    # so DDL and DML alike run inside real transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA query_only=ON")  # nothing written, not even by raw SQL


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def database_url(path: Path) -> URL:
    """The SQLAlchemy URL of the file at ``path``, built from the path object (no parsing)."""
    return URL.create("sqlite", database=str(Path(path)))


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``path`` with WAL, synchronous=FULL, foreign keys and real transactions
    (``read_only``: the file left as it is, every write refused)."""
    engine = create_engine(database_url(path))
    event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def pre_migration_backup_path(path: Path, revision: str) -> Path:
    from app.paths import backups_dir  # noqa: PLC0415

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backups_dir(path) / f"{path.name}-truoc-nang-cap-{revision}-{stamp}.sqlite3"


class Database:
    """An open database: its engine, the lock that keeps other programs out, and transactions.

    ``damage``: what ``quick_check`` (or a later full check) found wrong — the database is then
    read-only and ``damage_message`` (set by the services, with the backups to restore) is what
    every refused write says. ``warnings``: what the officer should know but that does not stop
    the work (a backup that could not be made).
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: DatabaseLock | None,
        *,
        created: bool,
        damage: tuple[str, ...] = (),
    ):
        self.path = path
        self.engine = engine
        self.created = created  # the file was created by this open
        self.damage = damage
        self.damage_message = damage_text(path, damage) if damage else ""
        self.warnings: list[str] = []
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def read_only(self) -> bool:
        return bool(self.damage)

    @property
    def is_file(self) -> bool:
        """An SQLite file (lock, file checks and file backups apply)."""
        return self.engine.dialect.name == "sqlite"

    def mark_damaged(self, problems: list[str]) -> None:
        """A later check found damage: from now on the database is read-only."""
        self.damage = tuple(problems)
        self.damage_message = damage_text(self.path, self.damage)
        self.engine.dispose()
        self.engine = make_engine(self.path, read_only=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def refuse_writes(self) -> None:
        """Raise DamagedDatabaseError when the database is read-only."""
        if self.read_only:
            raise DamagedDatabaseError(self.damage_message)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed at the end, rolled back entirely on any exception. A write
        refused by the disk (full, read-only) is a StorageAccessError naming the file; damage met
        while reading makes the database read-only (DamagedDatabaseError)."""
        try:
            with self._sessions() as session, session.begin():
                if self.read_only:
                    event.listen(session, "before_flush", self._refuse_flush)
                yield session
        except UserError:
            raise
        except DBAPIError as error:
            original = error.orig
            if not isinstance(original, sqlite3.Error):
                raise
            if is_damage(original):
                if not self.read_only:
                    self.mark_damaged([str(original)])
                raise DamagedDatabaseError(self.damage_message) from error
            if not isinstance(error, OperationalError):
                raise
            if self.read_only:
                raise DamagedDatabaseError(self.damage_message) from error
            raise access_error(self.path, original) from error
        except (ValueError, TypeError, LookupError) as error:
            if self.read_only:  # a damaged page read as garbage
                raise DamagedDatabaseError(
                    f"Phần dữ liệu này không đọc được. {self.damage_message}"
                ) from error
            raise

    def _refuse_flush(self, session: Session, *_args: object) -> None:
        if session.new or session.dirty or session.deleted:
            raise DamagedDatabaseError(self.damage_message)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _short(problem: str) -> str:
    lines = [line for line in problem.splitlines() if line.strip() and "***" not in line]
    text = lines[0].strip() if lines else problem.strip()
    return text if len(text) <= 120 else text[:117] + "…"


def damage_text(path: Path, problems: tuple[str, ...] | list[str]) -> str:
    lines = [
        line for p in problems for line in p.splitlines() if line.strip() and "***" not in line
    ]
    shown = "; ".join(_short(p) for p in lines[:2])
    if len(lines) > 2:
        shown += f"; và {len(lines) - 2} lỗi khác"
    return (
        f"Cơ sở dữ liệu {path} bị hỏng ({shown}). Chương trình chỉ mở để xem: không ghi được gì "
        "và không sao lưu bản hỏng này. Hãy khôi phục bản sao lưu tốt mới nhất (Cài đặt → Sao "
        "lưu / khôi phục, hoặc lệnh «restore»)."
    )


def open_database(path: Path, *, create: bool = True, lock: bool = True) -> Database:
    """Open (or create) the database at ``path``, upgrading its schema when it is older.

    Raises DatabaseLockedError when another program has it open, NewerDatabaseError when it was
    written by a newer program, NotOurDatabaseError for a foreign file (or one too damaged to
    read its schema version), StorageAccessError when it cannot be read or written. A file that
    fails ``quick_check`` is opened read-only (``Database.damage``); an older damaged file, which
    cannot be upgraded, is refused with DamagedDatabaseError.
    """
    path = Path(path)
    held: DatabaseLock | None = None
    if lock:
        held = DatabaseLock(path)
        held.acquire()
    try:
        state: FileState = inspect_file(path)
        if state.empty and not create:
            raise DatabaseError(f"Chưa có cơ sở dữ liệu {path}. Hãy chạy lệnh «init» trước.")
        damage: tuple[str, ...] = ()
        if not state.empty:
            check_revision(path, state.revision)
            damage = tuple(quick_problems(path))
        if damage:
            if state.revision != HEAD_REVISION:
                raise DamagedDatabaseError(damage_text(path, damage))
            log.error("%s", damage_text(path, damage))
            return Database(
                path, make_engine(path, read_only=True), held, created=False, damage=damage
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise access_error(path.parent, error) from error
        engine = make_engine(path)
        try:
            if state.revision != HEAD_REVISION:
                if state.revision is not None:
                    backup = pre_migration_backup_path(path, state.revision)
                    copy_database(path, backup)
                    log.info("Đã sao lưu %s trước khi nâng cấp: %s", path, backup)
                upgrade_schema(engine)
                log.info("Cơ sở dữ liệu %s: cấu trúc %s → %s", path, state.revision, HEAD_REVISION)
            if held is not None:
                held.acquire_identity()  # a new file has an identity now
        except OperationalError as error:
            engine.dispose()
            original = error.orig
            if isinstance(original, sqlite3.Error) and not is_damage(original):
                raise access_error(path, original) from error
            raise
        except BaseException:
            engine.dispose()
            raise
        return Database(path, engine, held, created=state.empty)
    except BaseException:
        if held is not None:
            held.release()
        raise
