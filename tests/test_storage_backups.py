"""Backups: automatic ones (before imports, daily, graded history), backup to a file, restore checks.
The attacks on them are in test_storage_faults*.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from app.models import (
    HEAD_REVISION,
    Database,
    DatabaseError,
    DatabaseLockedError,
    NewerDatabaseError,
    make_engine,
    open_database,
    upgrade_schema,
)
from app.models.files import inspect_file, integrity_problems
from app.services import backups, campaigns, figures, restore, units
from app.services.setup import open_storage

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared/spec/golden/sample-units-2023.csv"


def _unit_count(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM unit").fetchone()[0])


def _change(db_path: Path, i: int) -> None:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("UPDATE unit SET phone = ? WHERE id = 1", (f"0{i}",))
        conn.commit()


def test_automatic_backups_keep_the_last_ten(db_path: Path) -> None:
    start = dt.datetime(2023, 12, 1, 8, 0)
    made = []
    for i in range(12):
        _change(db_path, i)
        made.append(backups.automatic_backup(db_path, "thu", now=start + dt.timedelta(hours=i)))
    kept = backups.automatic_backups(db_path)
    assert kept == made[2:]
    assert all(integrity_problems(p) == [] for p in kept[-1:])
    assert inspect_file(kept[-1]).revision == inspect_file(db_path).revision


def test_daily_backup_once_a_day(db_path: Path) -> None:
    day = dt.datetime(2023, 12, 1, 8, 0)
    assert backups.daily_backup(db_path, now=day) is not None
    assert backups.daily_backup(db_path, now=day + dt.timedelta(hours=5)) is None
    _change(db_path, 1)
    assert backups.daily_backup(db_path, now=day + dt.timedelta(days=1)) is not None
    assert len(backups.automatic_backups(db_path)) == 2


def test_open_makes_the_daily_backup(db_path: Path) -> None:
    open_storage(db_path).close()
    (first,) = backups.automatic_backups(db_path)
    assert first.name.endswith("-hang-ngay.sqlite3")
    open_storage(db_path).close()
    assert len(backups.automatic_backups(db_path)) == 1


def test_import_backs_up_the_old_content_first(storage: Database) -> None:
    period = campaigns.find_period(storage)
    result = figures.import_figures(storage, period.id, SAMPLE)
    assert result.backup_path is not None
    with contextlib.closing(sqlite3.connect(result.backup_path)) as conn:
        assert conn.execute("SELECT count(*) FROM unit_figures").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_to_while_open(storage: Database, tmp_path: Path) -> None:
    units.add_unit(storage, "N1", "Xã Mới", "xa")
    target = backups.backup_to(storage.path, tmp_path / "out" / "copy.sqlite3")
    assert _unit_count(target) == 36
    with pytest.raises(DatabaseError, match="đã có"):
        backups.backup_to(storage.path, target)
    with pytest.raises(DatabaseError, match="Chưa có"):
        backups.backup_to(tmp_path / "none.sqlite3", tmp_path / "x.sqlite3")


def test_restore_replaces_and_saves_the_previous(db_path: Path, tmp_path: Path) -> None:
    saved = backups.backup_to(db_path, tmp_path / "saved.sqlite3")
    with open_storage(db_path, daily=False) as db:
        units.add_unit(db, "N1", "Xã Mới", "xa")
    result = restore.restore_database(db_path, saved)
    assert _unit_count(db_path) == 35
    assert result.previous_backup is not None and _unit_count(result.previous_backup) == 36
    assert integrity_problems(db_path) == []
    with open_storage(db_path, daily=False) as db:  # usable afterwards
        units.add_unit(db, "N2", "Xã Khác", "xa")


def test_restore_into_a_new_place(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "thidua.sqlite3"
    result = restore.restore_database(target, db_path)
    assert result.previous_backup is None and _unit_count(target) == 35


def test_restore_refuses_a_damaged_file(db_path: Path, tmp_path: Path) -> None:
    damaged = backups.backup_to(db_path, tmp_path / "damaged.sqlite3")
    data = bytearray(damaged.read_bytes())
    page = 4096
    for offset in range(3 * page + 8, 3 * page + 200):  # scribble over a b-tree page
        data[offset] = 0x5A
    damaged.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="bị hỏng"):
        restore.restore_database(db_path, damaged)
    assert db_path.read_bytes() == before


def test_restore_refuses_newer_and_foreign_files(db_path: Path, tmp_path: Path) -> None:
    newer = backups.backup_to(db_path, tmp_path / "newer.sqlite3")
    with contextlib.closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0100'")
        conn.commit()
    with pytest.raises(NewerDatabaseError):
        restore.restore_database(db_path, newer)
    with pytest.raises(DatabaseError, match="Không tìm thấy"):
        restore.restore_database(db_path, tmp_path / "missing.sqlite3")
    text = tmp_path / "text.sqlite3"
    text.write_text("xin chào")
    with pytest.raises(DatabaseError):
        restore.restore_database(db_path, text)


def test_restore_refused_while_open_elsewhere(storage: Database, tmp_path: Path) -> None:
    saved = backups.backup_to(storage.path, tmp_path / "saved.sqlite3")
    with pytest.raises(DatabaseLockedError):
        restore.restore_database(storage.path, saved)


def test_restore_of_an_older_version_upgrades_it(db_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    engine = make_engine(old)
    upgrade_schema(engine, "0001")
    engine.dispose()
    restore.restore_database(db_path, old)
    assert inspect_file(db_path).revision == HEAD_REVISION
    open_database(db_path).close()


def test_log_file_in_the_data_folder(tmp_path: Path) -> None:
    import logging

    from app.logs import setup_logging

    logger = logging.getLogger("thidua")
    before = list(logger.handlers)
    try:
        path = setup_logging(tmp_path / "logs")
        assert path == tmp_path / "logs" / "thidua.log"
        assert setup_logging(tmp_path / "other") == path  # once per process
        logging.getLogger("thidua.backup").warning("thử ghi nhật ký")
        for handler in logger.handlers:
            handler.flush()
        assert "thử ghi nhật ký" in path.read_text(encoding="utf-8")
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
                handler.close()
