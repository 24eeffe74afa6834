"""PostgreSQL as a second backend of the same models: several officers at once on one server.

``--db postgresql://user@host/dbname`` (any libpq URL, including ``?host=/socket/dir&port=N``) opens
the database through psycopg 3. There is no file lock, no WAL pragma and no file backup: the server
keeps every user action whole in its transaction, and the schema is created or upgraded by alembic
under an advisory lock, so two programs starting at once never migrate twice.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import OperationalError as SAOperationalError
from sqlalchemy.exc import ProgrammingError as SAProgrammingError

from app.models.database import MIGRATIONS_DIR, Database
from app.models.errors import DatabaseError, NotOurDatabaseError
from app.models.files import check_revision
from app.models.schema import HEAD_REVISION

log = logging.getLogger("thidua.db")

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
MIGRATION_LOCK = 0x7468_6964  # advisory lock key of the schema upgrade ("thid")
SERVER_FOLDER = "may-chu"  # local folder (preferences, logs) of each server database


def is_server_url(target: object) -> bool:
    """Whether ``--db`` names a PostgreSQL server rather than an SQLite file."""
    return (
        isinstance(target, str) and re.match(r"^(postgres(ql)?(\+psycopg)?)://", target) is not None
    )


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL of a libpq URL, with the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(f"Địa chỉ máy chủ «{url}» không hợp lệ ({error}).") from error
    if parsed.get_backend_name() not in {"postgresql", "postgres"}:
        raise DatabaseError(f"Địa chỉ «{url}» không phải máy chủ PostgreSQL.")
    return parsed.set(drivername="postgresql+psycopg")


def display_url(url: str) -> str:
    """The address as shown to the officer: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def local_path(url: str) -> Path:
    """A local file name standing for the server database: its folder keeps the preferences and
    logs of this program for that server."""
    from app.paths import data_dir  # noqa: PLC0415

    parsed = engine_url(url)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{parsed.database or 'thidua'}")
    digest = hashlib.sha256(display_url(url).encode()).hexdigest()[:8]
    return data_dir() / SERVER_FOLDER / f"{name}-{digest}" / "thidua.sqlite3"


def make_server_engine(url: str, **options: Any) -> Engine:
    """An engine on the PostgreSQL database of ``url`` (psycopg 3)."""
    return create_engine(engine_url(url), pool_pre_ping=True, **options)


def server_revision(connection: Connection) -> tuple[bool, str | None]:
    """(empty, revision) of the database the connection is on; NotOurDatabaseError when it holds
    tables but none of ours."""
    tables = set(
        connection.scalars(
            text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        )
    )
    if not tables:
        return True, None
    if "alembic_version" not in tables:
        raise NotOurDatabaseError(
            "Cơ sở dữ liệu trên máy chủ đã có bảng khác, không phải của chương trình Thi đua DVCTT."
        )
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return False, None if revision is None else str(revision)


def upgrade_connection(connection: Connection, revision: str = HEAD_REVISION) -> None:
    """Run the alembic migrations up to ``revision`` in the connection's transaction."""
    from alembic import command  # noqa: PLC0415 - only when the schema differs
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def unreachable(url: str, error: BaseException) -> DatabaseError:
    reason = str(getattr(error, "orig", error)).strip().splitlines()
    return DatabaseError(
        f"Không kết nối được máy chủ cơ sở dữ liệu {display_url(url)}"
        + (f" ({reason[0]})" if reason else "")
        + ". Hãy kiểm tra địa chỉ, tài khoản, mật khẩu và máy chủ có đang chạy."
    )


def open_server_database(url: str, *, create: bool = True) -> Database:
    """Open the database on a PostgreSQL server, creating or upgrading its schema when needed.

    Raises DatabaseError (server unreachable, login refused, no database yet and ``create`` is
    False), NewerDatabaseError, NotOurDatabaseError.
    """
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            empty, revision = server_revision(connection)
            if empty and not create:
                raise DatabaseError(
                    f"Máy chủ {display_url(url)} chưa có dữ liệu. Hãy chạy lệnh «init» trước."
                )
            if not empty:
                check_revision(Path(display_url(url)), revision)
            if revision != HEAD_REVISION:
                try:
                    upgrade_connection(connection)
                except SAProgrammingError as error:  # an officer's account may not change tables
                    raise DatabaseError(
                        f"Cấu trúc dữ liệu trên máy chủ {display_url(url)} cần tạo hoặc nâng cấp "
                        f"(«{revision or 'trống'}» → «{HEAD_REVISION}») nhưng tài khoản này không "
                        "có quyền. Hãy để cán bộ CNTT mở bằng tài khoản chủ cơ sở dữ liệu rồi chạy "
                        "lại lệnh server-setup."
                    ) from error
                log.info("Máy chủ %s: cấu trúc %s → %s", display_url(url), revision, HEAD_REVISION)
    except SAOperationalError as error:
        engine.dispose()
        raise unreachable(url, error) from error
    except BaseException:
        engine.dispose()
        raise
    return Database(local_path(url), engine, None, created=empty, url=url, shown=display_url(url))
