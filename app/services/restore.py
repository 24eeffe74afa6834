"""Verified restore: a backup replaces the database only after a copy of it passed every check.

The candidate is copied to a temporary file beside the database and checked there, read-write:
``integrity_check`` and ``foreign_key_check``; a backup of an older program version upgraded (on
the copy); the schema compared with the one this program makes (no extra trigger, view, table or
index, no changed constraint); every stored figure validated with the scoring rules; every rule
set and document settings JSON parsed. Only then does the copy replace the live database, in one
SQLite transaction (the backup API), after the current content was backed up. The restore is
written in the audit log. Any refusal leaves the live database exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.models import open_database
from app.models.database import make_engine, upgrade_schema
from app.models.errors import DamagedDatabaseError, DatabaseError, NotOurDatabaseError
from app.models.files import (
    check_revision,
    copy_database,
    copy_into,
    copy_to_temporary,
    inspect_file,
    place_copy,
)
from app.models.health import (
    constraint_problems,
    integrity_problems,
    page_size,
    schema_differences,
)
from app.models.lock import DatabaseLock, real_path
from app.models.schema import HEAD_REVISION
from app.scoring import UnitFigures, UnitKind
from app.scoring.rules import RuleSetError, parse_rules
from app.scoring.validation import validate_figures
from app.services import audit
from app.services.backups import REASON_RESTORE, automatic_backup

log = logging.getLogger("thidua.backup")
SHOWN = 8  # problems named in a refusal


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    revision: str  # the backup's schema revision (before any upgrade)
    previous_backup: Path | None  # copy of the database as it was before


def _refuse(source: Path, why: str, problems: list[str]) -> NotOurDatabaseError:
    shown = "; ".join(problems[:SHOWN]) + ("; …" if len(problems) > SHOWN else "")
    return NotOurDatabaseError(
        f"Không khôi phục từ tệp {source}: {why} ({shown}). Dữ liệu hiện tại không bị thay đổi."
    )


def content_problems(path: Path) -> list[str]:
    """Stored figures that break the scoring rules; rule sets or settings that are not valid."""
    problems: list[str] = []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT u.code, u.name, u.kind, f.online, f.total, f.accounts, f.eid, f.citizens, "
            "p.name FROM unit_figures f JOIN unit u ON u.id = f.unit_id "
            "JOIN period p ON p.id = f.period_id"
        ).fetchall()
        campaigns = conn.execute(
            "SELECT name, rules_json, settings_json, import_settings_json FROM campaign"
        ).fetchall()
    for code, name, kind, *values, period in rows:
        try:
            unit = UnitFigures(str(code), str(name), UnitKind(kind), *values)
        except ValueError:
            problems.append(f"đơn vị {code}: loại đơn vị «{kind}» không hợp lệ")
            continue
        problems += [
            f"kỳ «{period}», {p.unit_code} ({p.unit_name}): {p.message}"
            for p in validate_figures(unit, require_all=False)
        ]
    for name, rules_json, *others in campaigns:
        try:
            parse_rules(json.loads(rules_json))
        except (ValueError, TypeError, KeyError, AttributeError) as error:  # JSON, RuleSetError
            detail = "; ".join(error.problems) if isinstance(error, RuleSetError) else str(error)
            problems.append(f"quy tắc của phong trào «{name}» không hợp lệ: {detail}")
        for text in others:
            try:
                if not isinstance(json.loads(text), dict):
                    raise ValueError("không phải một đối tượng JSON")
            except (ValueError, TypeError) as error:
                problems.append(f"thiết lập của phong trào «{name}» không đọc được: {error}")
    return problems


def _checked_candidate(source: Path, work: Path, live_page_size: int | None) -> str:
    """Copy ``source`` to ``work`` and check (and upgrade) the copy; the source's revision."""
    state = inspect_file(source)  # a foreign or newer file is refused before any copy
    if state.empty or state.revision is None:
        raise NotOurDatabaseError(f"Tệp {source} không chứa dữ liệu của chương trình.")
    check_revision(source, state.revision)
    try:
        copy_to_temporary(source, work)
    except NotOurDatabaseError as error:
        raise _refuse(source, "tệp bị hỏng", [str(error)]) from error
    problems = integrity_problems(work)
    if problems:
        raise _refuse(source, "tệp bị hỏng", problems)
    if state.revision != HEAD_REVISION:
        engine = make_engine(work)
        try:
            upgrade_schema(engine)
        except Exception as error:
            raise _refuse(
                source, f"không nâng cấp được bản sao lưu cấu trúc «{state.revision}»", [str(error)]
            ) from error
        finally:
            engine.dispose()
    differences = schema_differences(work)
    if differences:
        raise _refuse(source, "cấu trúc dữ liệu khác với của chương trình", differences)
    problems = constraint_problems(work) + content_problems(work)
    if problems:
        raise _refuse(source, "dữ liệu không hợp lệ", problems)
    with contextlib.closing(sqlite3.connect(work)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        if live_page_size is not None and page_size(work) != live_page_size:
            conn.execute(f"PRAGMA page_size={int(live_page_size)}")
            conn.execute("VACUUM")
    if integrity_problems(work):  # after the upgrade and vacuum, once more
        raise _refuse(source, "bản sao kiểm tra không đạt", integrity_problems(work))
    return state.revision


def _replace_unreadable(work: Path, db_path: Path) -> None:
    """Put the checked copy in place of a database whose header cannot be read (the lock held:
    nobody has it open). Its stale journals go first, so they are never applied to the copy."""
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    place_copy(work, db_path)


def restore_database(db_path: Path, source: Path) -> RestoreResult:
    """Replace the database by ``source`` once a copy of it passed every check; audited.

    The database must not be open in this process (close it first); another program holding it
    makes this fail with DatabaseLockedError. The current content is first backed up (unless it
    is damaged: a damaged database is never backed up). Refusals: NotOurDatabaseError (damaged,
    foreign, planted objects, invalid content, failed upgrade), NewerDatabaseError,
    StorageAccessError (no room for the copy).
    """
    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"Không tìm thấy tệp {source}.")
    if real_path(source) == real_path(db_path) or (db_path.exists() and source.samefile(db_path)):
        raise DatabaseError("Tệp khôi phục chính là cơ sở dữ liệu đang dùng.")
    lock = DatabaseLock(db_path)
    lock.acquire()
    work = db_path.with_name(f".{db_path.name}.khoi-phuc.tmp")
    try:
        try:
            live_empty, unreadable = inspect_file(db_path).empty, False
        except NotOurDatabaseError:  # too damaged to read its header: replaced as a file
            live_empty, unreadable = False, True
        sized = live_empty or unreadable
        revision = _checked_candidate(source, work, None if sized else page_size(db_path))
        previous = None
        if unreadable:
            _replace_unreadable(work, db_path)
        elif live_empty:
            copy_database(work, db_path)
        else:
            try:
                previous = automatic_backup(db_path, REASON_RESTORE)
            except DamagedDatabaseError:
                log.warning("Cơ sở dữ liệu %s bị hỏng: không sao lưu trước khi khôi phục", db_path)
            copy_into(work, db_path)
    finally:
        with contextlib.suppress(OSError):
            work.unlink(missing_ok=True)
        lock.release()
    with open_database(db_path) as db, db.transaction() as session:
        audit.record(
            session,
            audit.Action.RESTORE,
            f"Khôi phục dữ liệu từ tệp {source.name}"
            + (f" (cấu trúc «{revision}» đã nâng cấp)" if revision != HEAD_REVISION else ""),
            subject=str(source),
        )
    log.info("Đã khôi phục %s từ %s", db_path, source)
    return RestoreResult(restored_from=source, revision=revision, previous_backup=previous)
