"""Automatic backups worth keeping: made before each import that writes and once a day, each copy
checked in full (``integrity_check``) before it is kept, none when nothing changed since the last
one, a graded history (the last 10, one a day for 30 days, one a month for a year), named by the
database's full file name; backup to a chosen file. Restoring is ``app.services.restore``.

A damaged database is never backed up (DamagedDatabaseError) and nothing is pruned because of it:
pruning happens only after a good new backup. A backup that cannot be made (disk full, read-only
folder) is a StorageAccessError naming the file. These are backups of an SQLite *file*; another
backend skips them (``Database.is_file``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import logging
from pathlib import Path

from app.models import Database
from app.models.database import damage_text
from app.models.errors import (
    DamagedDatabaseError,
    DatabaseError,
    NotOurDatabaseError,
    StorageAccessError,
)
from app.models.files import copy_to_temporary, inspect_file, place_copy
from app.models.health import content_digest, integrity_problems, quick_problems
from app.models.outputs import check_output_target
from app.paths import backups_dir

log = logging.getLogger("thidua.backup")

KEEP_LAST = 10
KEEP_DAYS = 30
KEEP_MONTHS_DAYS = 365
AUTO_TAG = "tu-dong"
REASON_IMPORT = "nhap-so-lieu"
REASON_DAILY = "hang-ngay"
REASON_RESTORE = "truoc-khoi-phuc"
STAMP = "%Y%m%d-%H%M%S-%f"


def backup_prefix(db_path: Path) -> str:
    """Automatic backups of ``db_path`` are named ``<full file name>-tu-dong-<time>-<reason>``."""
    return f"{db_path.name}-{AUTO_TAG}-"


def _state_path(db_path: Path) -> Path:
    return backups_dir(db_path) / f"{db_path.name}.trang-thai.json"


def _read_state(db_path: Path) -> dict[str, str]:
    try:
        data = json.loads(_state_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_state(db_path: Path, **values: str) -> None:
    state = _read_state(db_path) | values
    with contextlib.suppress(OSError):  # only an optimisation: a missing state means one more copy
        _state_path(db_path).write_text(json.dumps(state), encoding="utf-8")


def backup_time(db_path: Path, path: Path) -> tuple[dt.datetime | None, str]:
    """When and why (the reason slug) an automatic backup of ``db_path`` was made."""
    rest = path.name.removeprefix(backup_prefix(db_path)).removesuffix(".sqlite3")
    parts = rest.split("-", 3)
    if len(parts) == 4:
        try:
            return dt.datetime.strptime("-".join(parts[:3]), STAMP), parts[3]
        except ValueError:
            pass
    return None, rest


def automatic_backups(db_path: Path) -> list[Path]:
    """Automatic backups of ``db_path`` (and no other database), oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = glob.escape(backup_prefix(db_path)) + "*.sqlite3"
    found = [(backup_time(db_path, p)[0], p) for p in folder.glob(pattern)]
    return [p for when, p in sorted(found, key=lambda x: (x[0] or dt.datetime.min, x[1].name))]


def graded_keep(times: list[tuple[dt.datetime, Path]], now: dt.datetime) -> set[Path]:
    """The backups to keep: the newest 10, the newest of each day of the last 30 days, the newest
    of each month of the last year."""
    newest_first = sorted(times, key=lambda x: x[0], reverse=True)
    keep = {p for _, p in newest_first[:KEEP_LAST]}
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for when, path in newest_first:
        age = now - when
        if age <= dt.timedelta(days=KEEP_DAYS) and when.date() not in days:
            days.add(when.date())
            keep.add(path)
        if age <= dt.timedelta(days=KEEP_MONTHS_DAYS) and (when.year, when.month) not in months:
            months.add((when.year, when.month))
            keep.add(path)
    return keep


def prune(db_path: Path, now: dt.datetime) -> list[Path]:
    """Remove the automatic backups the graded history does not keep; returns those removed."""
    times = [(t, p) for p in automatic_backups(db_path) if (t := backup_time(db_path, p)[0])]
    keep = graded_keep(times, now)
    removed = []
    for _, path in times:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def remove_leftovers(db_path: Path) -> list[Path]:
    """Temporary files of an interrupted backup or restore of ``db_path``."""
    found: list[Path] = []
    folder = backups_dir(db_path)
    if folder.is_dir():
        found += folder.glob(glob.escape(backup_prefix(db_path)) + "*.tmp")
        found += folder.glob(glob.escape(db_path.name) + "-truoc-nang-cap-*.tmp")
    if db_path.parent.is_dir():
        found += db_path.parent.glob("." + glob.escape(db_path.name) + ".khoi-phuc*.tmp")
    removed = []
    for path in found:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            log.info("Xóa tệp tạm còn sót: %s", path)
    return removed


def damaged(db_path: Path, problems: list[str]) -> DamagedDatabaseError:
    error = DamagedDatabaseError(damage_text(db_path, problems))
    error.problems = tuple(problems)
    return error


def _checked_copy(db_path: Path, temporary: Path) -> None:
    """Copy to ``temporary`` and check the copy in full; damage is a DamagedDatabaseError, a copy
    that cannot be written a StorageAccessError naming the backup."""
    try:
        copy_to_temporary(db_path, temporary)
    except NotOurDatabaseError as error:
        raise damaged(db_path, [str(error)]) from error
    except StorageAccessError as error:
        raise StorageAccessError(
            str(error).replace(str(temporary), str(temporary.with_suffix("")), 1)
        ) from error
    problems = integrity_problems(temporary)
    if problems:
        raise damaged(db_path, problems)


def automatic_backup(db_path: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """A checked copy of ``db_path`` in its backups folder, then the graded history pruned.

    The copy is made to a temporary file and checked in full; a damaged copy is deleted and
    DamagedDatabaseError raised (nothing pruned). When the content is the same as the last
    backup's, no new file is kept and that backup is returned.
    """
    now = now or dt.datetime.now()
    folder = backups_dir(db_path)
    target = folder / f"{backup_prefix(db_path)}{now.strftime(STAMP)}-{reason}.sqlite3"
    temporary = target.with_name(target.name + ".tmp")
    try:
        _checked_copy(db_path, temporary)
        digest = content_digest(temporary)
        state = _read_state(db_path)
        last = folder / state.get("backup", "")
        if state.get("digest") == digest and state.get("backup") and last.is_file():
            _write_state(db_path, checked_on=now.date().isoformat())
            log.info("Không sao lưu: dữ liệu không đổi từ bản %s", last)
            return last
        place_copy(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    _write_state(db_path, digest=digest, backup=target.name, checked_on=now.date().isoformat())
    log.info("Sao lưu tự động %s", target)
    prune(db_path, now)
    return target


def checked_today(db_path: Path, now: dt.datetime | None = None) -> bool:
    today = (now or dt.datetime.now()).date().isoformat()
    return _read_state(db_path).get("checked_on") == today


def daily_backup(db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """An automatic backup unless one was already made (or the file checked) today."""
    now = now or dt.datetime.now()
    prefix = f"{backup_prefix(db_path)}{now:%Y%m%d}-"
    if checked_today(db_path, now) or any(
        p.name.startswith(prefix) for p in automatic_backups(db_path)
    ):
        return None
    return automatic_backup(db_path, REASON_DAILY, now=now)


def daily_care(db: Database, *, now: dt.datetime | None = None) -> None:
    """At open: leftovers removed, then the daily full check and backup. Damage found makes the
    database read-only; a backup that cannot be made is a warning (``db.warnings``), reading and
    the window go on."""
    if not db.is_file:
        return
    remove_leftovers(db.path)
    if db.read_only:
        return
    try:
        daily_backup(db.path, now=now)
    except DamagedDatabaseError as error:
        db.mark_damaged(list(error.problems))
    except StorageAccessError as error:
        log.warning("Không sao lưu hằng ngày được: %s", error)
        warning = f"Chưa sao lưu được hôm nay: {error}"
        if warning not in db.warnings:
            db.warnings.append(warning)
        if not checked_today(db.path, now):
            problems = integrity_problems(db.path)
            if problems:
                db.mark_damaged(problems)
    else:
        db.warnings[:] = [w for w in db.warnings if not w.startswith("Chưa sao lưu được hôm nay")]
    if db.read_only:
        explain_damage(db)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest automatic backup that passes ``quick_check``."""
    for path in reversed(automatic_backups(db_path)):
        with contextlib.suppress(DatabaseError):
            if not quick_problems(path):
                return path
    return None


def explain_damage(db: Database) -> None:
    """The message of a damaged database, with the way out: the newest good backup."""
    good = newest_good_backup(db.path)
    text = damage_text(db.path, db.damage)
    if good is None:
        text += " Không có bản sao lưu tự động tốt: hãy khôi phục từ một tệp sao lưu đã lưu riêng."
    else:
        when, _reason = backup_time(db.path, good)
        stamp = f" (lúc {when:%d/%m/%Y %H:%M})" if when else ""
        text += f" Bản sao lưu tốt mới nhất: {good}{stamp}."
    db.damage_message = text


def unreadable(db_path: Path, error: DatabaseError) -> DatabaseError:
    """The refusal for a file that cannot be opened at all: when it has automatic backups it was
    ours and is damaged — the message names the newest good backup (``error.good_backup``)."""
    good = newest_good_backup(db_path) if automatic_backups(db_path) else None
    if good is None:
        return error
    when, _reason = backup_time(db_path, good)
    stamp = f" (lúc {when:%d/%m/%Y %H:%M})" if when else ""
    refusal = DamagedDatabaseError(
        f"{error} Bản sao lưu tốt mới nhất: {good}{stamp}. Hãy khôi phục bản đó (cửa sổ chương "
        f"trình hỏi khi mở, hoặc lệnh «restore {good}»); các bản sao lưu được giữ nguyên."
    )
    refusal.good_backup = good
    return refusal


def backup_database(db: Database, reason: str) -> Path | None:
    """The automatic backup of an open database before a write; refused for a damaged one
    (never backed up). None for a backend that is not a file."""
    db.refuse_writes()
    if not db.is_file:
        return None
    try:
        return automatic_backup(db.path, reason)
    except DamagedDatabaseError as error:
        db.mark_damaged(list(error.problems))
        explain_damage(db)
        raise DamagedDatabaseError(db.damage_message) from error
    except StorageAccessError as error:
        raise StorageAccessError(
            f"Chưa ghi gì: không tạo được bản sao lưu trước khi ghi. {error}"
        ) from error


def backup_to(db_path: Path, target: Path, *, overwrite: bool = False) -> Path:
    """A checked copy of the database at ``target`` (works while the program has it open).
    Refused onto the database, its journals, lock or backups folder, and of a damaged database."""
    if inspect_file(db_path).empty:
        raise DatabaseError(f"Chưa có cơ sở dữ liệu {db_path} để sao lưu.")
    target = Path(target)
    check_output_target(db_path, target)
    if target.exists() and not overwrite:
        raise DatabaseError(f"Tệp {target} đã có; hãy chọn tên khác.")
    temporary = target.with_name(target.name + ".tmp")
    try:
        _checked_copy(db_path, temporary)
        place_copy(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return target
