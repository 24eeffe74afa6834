"""Backups: automatic copies before each import and once a day (the last 10 kept), backup to a
chosen file, and restore after checking the file."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from app.models import Database, open_database
from app.models.errors import DatabaseError, NotOurDatabaseError
from app.models.files import (
    check_revision,
    copy_database,
    copy_into,
    inspect_file,
    integrity_problems,
)
from app.models.lock import DatabaseLock
from app.paths import backups_dir

log = logging.getLogger("thidua.backup")

KEEP_AUTOMATIC = 10
AUTO_TAG = "tu-dong"
REASON_IMPORT = "nhap-so-lieu"
REASON_DAILY = "hang-ngay"
REASON_RESTORE = "truoc-khoi-phuc"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    revision: str
    previous_backup: Path | None  # copy of the database as it was before


def automatic_backups(db_path: Path) -> list[Path]:
    """Automatic backups of ``db_path``, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-{AUTO_TAG}-*.sqlite3"))


def automatic_backup(db_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """Copy ``db_path`` into its backups folder (SQLite backup API); keep the newest 10."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir(db_path) / f"{db_path.stem}-{AUTO_TAG}-{stamp}-{reason}.sqlite3"
    copy_database(db_path, target)
    log.info("Sao lưu tự động %s", target)
    for old in automatic_backups(db_path)[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return target


def daily_backup(db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """An automatic backup unless one was already made today."""
    today = (now or dt.datetime.now()).strftime("%Y%m%d")
    prefix = f"{db_path.stem}-{AUTO_TAG}-{today}-"
    if any(p.name.startswith(prefix) for p in automatic_backups(db_path)):
        return None
    return automatic_backup(db_path, REASON_DAILY, now=now)


def backup_to(db_path: Path, target: Path, *, overwrite: bool = False) -> Path:
    """A consistent copy of the database at ``target`` (works while the program has it open)."""
    if inspect_file(db_path).empty:
        raise DatabaseError(f"Chưa có cơ sở dữ liệu {db_path} để sao lưu.")
    target = Path(target)
    if target.exists() and not overwrite:
        raise DatabaseError(f"Tệp {target} đã có; hãy chọn tên khác.")
    if target.resolve() == db_path.resolve():
        raise DatabaseError("Không thể sao lưu cơ sở dữ liệu đè lên chính nó.")
    copy_database(db_path, target)
    return target


def check_backup_file(source: Path) -> str:
    """The schema revision of a backup file after checking it; raises DatabaseError otherwise."""
    if not source.is_file():
        raise DatabaseError(f"Không tìm thấy tệp {source}.")
    state = inspect_file(source)
    if state.empty:
        raise NotOurDatabaseError(f"Tệp {source} không chứa dữ liệu của chương trình.")
    check_revision(source, state.revision)
    problems = integrity_problems(source)
    if problems:
        raise NotOurDatabaseError(
            f"Tệp {source} bị hỏng, không khôi phục: " + "; ".join(problems[:5])
        )
    assert state.revision is not None
    return state.revision


def restore_database(db_path: Path, source: Path) -> RestoreResult:
    """Replace the database by ``source`` after checking it (integrity, schema version).

    The database must not be open in this process (close it first); another program holding it
    makes this fail with DatabaseLockedError. The current content is first copied to the backups
    folder. A backup from an older program version is upgraded on the way.
    """
    source = Path(source)
    revision = check_backup_file(source)
    if source.resolve() == db_path.resolve():
        raise DatabaseError("Tệp khôi phục chính là cơ sở dữ liệu đang dùng.")
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        previous = None
        if not inspect_file(db_path).empty:
            previous = automatic_backup(db_path, REASON_RESTORE)
            copy_into(source, db_path)
        else:
            copy_database(source, db_path)
    finally:
        lock.release()
    open_database(db_path).close()  # upgrades a backup made by an older version
    log.info("Đã khôi phục %s từ %s", db_path, source)
    return RestoreResult(restored_from=source, revision=revision, previous_backup=previous)


def backup_database(db: Database, reason: str) -> Path | None:
    """An automatic backup of an open database file (None on a server: its transactions keep it
    whole, and the officer takes a portable copy with ``backup``)."""
    if db.server:
        return None
    return automatic_backup(db.path, reason)


def backup_server(db: Database, target: Path, *, overwrite: bool = False) -> Path:
    """A portable SQLite copy of the open server database ``db`` at ``target``."""
    from app.models.portable import export_sqlite  # noqa: PLC0415

    target = Path(target)
    if target.exists() and not overwrite:
        raise DatabaseError(f"Tệp {target} đã có; hãy chọn tên khác.")
    export_sqlite(db, target)
    log.info("Đã sao lưu %s vào %s", db.where, target)
    return target


def restore_server(url: str, source: Path) -> RestoreResult:
    """Load a backup file (checked, upgraded when older) into an empty server database."""
    from app.models.backend import open_target  # noqa: PLC0415
    from app.models.portable import import_sqlite  # noqa: PLC0415

    source = Path(source)
    revision = check_backup_file(source)
    with open_target(url) as server:
        import_sqlite(server, source, revision)
        log.info("Đã khôi phục %s từ %s", server.where, source)
    return RestoreResult(restored_from=source, revision=revision, previous_backup=None)
