"""Portable SQLite copies of a server database, and loading one into an empty server database.

On PostgreSQL ``backup`` writes an ordinary SQLite database file of this program (the office can
always take its data home and open it on one PC), read in one repeatable-read snapshot; ``restore``
loads such a file (checked, upgraded when older) into a server database that holds no data yet, in
one transaction, and moves the id sequences past the loaded rows.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Connection, Integer, func, select, text

from app.models.database import Database, make_engine, open_database, upgrade_schema
from app.models.errors import DatabaseError
from app.models.schema import HEAD_REVISION, Base

BATCH = 20_000


def _copy_tables(source: Connection, target: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        result = source.execution_options(yield_per=BATCH).execute(table.select())
        for rows in result.mappings().partitions():
            target.execute(table.insert(), [dict(r) for r in rows])


def export_sqlite(db: Database, target: Path) -> Path:
    """Write every row of the open database ``db`` into a new SQLite database file ``target``.

    Written to a temporary file first, then moved into place: ``target`` is never half-written.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.unlink(missing_ok=True)
    try:
        engine = make_engine(temporary)
        try:
            upgrade_schema(engine)
            snapshot = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            with snapshot as source, source.begin(), engine.begin() as copy:
                _copy_tables(source, copy)
        finally:
            engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(str(temporary) + suffix).unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _holds_data(connection: Connection) -> bool:
    return any(
        connection.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    )


def import_sqlite(server: Database, source: Path, revision: str) -> None:
    """Load the checked SQLite database ``source`` (schema ``revision``) into the empty server
    database ``server`` in one transaction. Refused (DatabaseError) when the server holds data."""
    with tempfile.TemporaryDirectory(prefix="thidua-khoi-phuc-") as folder:
        if revision != HEAD_REVISION:  # an older backup: upgrade a copy first
            upgraded = Path(folder) / "khoi-phuc.sqlite3"
            shutil.copyfile(source, upgraded)
            open_database(upgraded, lock=False).close()
            source = upgraded
        engine = make_engine(source)
        try:
            with engine.connect() as reading, server.engine.begin() as writing:
                if _holds_data(writing):
                    raise DatabaseError(
                        f"Cơ sở dữ liệu trên máy chủ {server.where} đã có dữ liệu: chỉ khôi phục "
                        "vào một cơ sở dữ liệu trống (hãy tạo cơ sở dữ liệu mới trên máy chủ)."
                    )
                # Keep the accounts the audit entries were made by (the owner may do this).
                writing.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_account"))
                _copy_tables(reading, writing)
                writing.execute(text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_account"))
                for table in Base.metadata.sorted_tables:
                    key = table.c.get("id")
                    if key is None or not isinstance(key.type, Integer):
                        continue
                    writing.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                        )
                    )
        finally:
            engine.dispose()
