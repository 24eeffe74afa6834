"""Opening the database: lock, schema check, migration, engine with durable settings, transactions.

Every user action runs in one transaction (``Database.transaction``). SQLite runs in WAL mode with
``synchronous=FULL`` and foreign keys on, so a power cut loses at most the action in progress and
never leaves a half-written one. Alembic is imported only when the schema has to be created or
upgraded; the database file is copied before any upgrade.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.models.errors import DatabaseError
from app.models.files import FileState, check_revision, copy_database, inspect_file
from app.models.lock import DatabaseLock
from app.models.schema import HEAD_REVISION

log = logging.getLogger("thidua.db")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module: SQLAlchemy's "begin" event emits BEGIN,
    # so DDL and DML alike run inside real transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` with WAL, synchronous=FULL, foreign keys and real transactions."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def pre_migration_backup_path(path: Path, revision: str) -> Path:
    from app.paths import backups_dir  # noqa: PLC0415

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backups_dir(path) / f"{path.stem}-truoc-nang-cap-{revision}-{stamp}.sqlite3"


def upgrade_schema(engine: Engine, revision: str = HEAD_REVISION) -> None:
    """Run the alembic migrations up to ``revision`` in one transaction."""
    from alembic import command  # noqa: PLC0415 - only when the schema differs
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


class Database:
    """An open database: its engine, the lock that keeps other programs out, and transactions."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: DatabaseLock | None,
        *,
        created: bool,
        url: str | None = None,
        shown: str | None = None,
    ):
        self.path = path  # on a server: a local file name, for the folder of preferences and logs
        self.engine = engine
        self.created = created  # the file was created by this open
        self.url = url  # the server's address (app.models.postgres); None for an SQLite file
        self._shown = shown  # the server's address as shown (password hidden)
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def server(self) -> bool:
        """A PostgreSQL server: no file lock, no file backups; transactions keep it whole."""
        return self.url is not None

    @property
    def where(self) -> str:
        """What to show as the place of the data: the file, or the server (password hidden)."""
        return self._shown or str(self.path)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed at the end, rolled back entirely on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(path: Path, *, create: bool = True, lock: bool = True) -> Database:
    """Open (or create) the database at ``path``, upgrading its schema when it is older.

    Raises DatabaseLockedError when another program has it open, NewerDatabaseError when it was
    written by a newer program, NotOurDatabaseError for a foreign or damaged file.
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
        if not state.empty:
            check_revision(path, state.revision)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        try:
            if state.revision != HEAD_REVISION:
                if state.revision is not None:
                    backup = pre_migration_backup_path(path, state.revision)
                    copy_database(path, backup)
                    log.info("Đã sao lưu %s trước khi nâng cấp: %s", path, backup)
                upgrade_schema(engine)
                log.info("Cơ sở dữ liệu %s: cấu trúc %s → %s", path, state.revision, HEAD_REVISION)
        except BaseException:
            engine.dispose()
            raise
        return Database(path, engine, held, created=state.empty)
    except BaseException:
        if held is not None:
            held.release()
        raise
