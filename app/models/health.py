"""SQLite file health: quick and full checks, the expected schema, a content digest, and telling
damage apart from a file that cannot be read or written (disk full, read-only, no permission).

Everything here is about the SQLite *file*; a server database (another backend) skips it. The
functions use the standard ``sqlite3`` module on their own connections, so they work on a file that
is open elsewhere in the program, on a backup, or on a temporary copy being restored.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import re
import sqlite3
from pathlib import Path

from app.models.errors import StorageAccessError

# Result codes (the low byte of sqlite_errorcode) that mean the file's content is damaged.
_DAMAGE_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
# Header bytes that change without the content changing (file change counter, version-valid-for).
_VOLATILE_HEADER = ((24, 28), (92, 100))
_CHUNK = 1 << 20


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; the path goes into a ``file:`` URI percent-encoded (``%``, ``?``,
    ``#`` and spaces in folder names stay part of the name)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file is damaged (not: full, locked, read-only, unreachable)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _DAMAGE_CODES
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


# Why a file could not be read or written, in the officer's words (by SQLite result code, errno).
_SQLITE_REASONS = {
    13: "đĩa đã đầy",  # SQLITE_FULL
    8: "tệp hoặc thư mục chỉ cho đọc",  # SQLITE_READONLY
    3: "không có quyền truy cập",  # SQLITE_PERM
    23: "không có quyền truy cập",  # SQLITE_AUTH
    14: "không mở được tệp (thư mục chỉ cho đọc, không có quyền hoặc không tồn tại)",  # CANTOPEN
    5: "tệp đang bị chương trình khác giữ",  # SQLITE_BUSY
    10: "lỗi đọc ghi đĩa (đĩa đầy, tệp quá lớn hoặc ổ đĩa lỗi)",  # SQLITE_IOERR
}
_ERRNO_REASONS = {
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EFBIG: "tệp vượt quá kích thước cho phép",
}


def _reason(error: BaseException) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    if isinstance(error, OSError) and error.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[error.errno]
    return str(error)


def access_error(path: Path, error: BaseException) -> StorageAccessError:
    """The refusal for a file that cannot be read or written, naming it and why."""
    return StorageAccessError(
        f"Không đọc hoặc ghi được tệp {path}: {_reason(error)} ({error}). Hãy giải phóng chỗ trống "
        "trên đĩa, hoặc kiểm tra quyền ghi của tệp và thư mục, rồi thử lại; dữ liệu không bị thay "
        "đổi."
    )


def _run_check(path: Path, pragma: str, *, foreign_keys: bool) -> list[str]:
    try:
        with contextlib.closing(connect_read_only(path)) as conn:
            rows = [str(r[0]) for r in conn.execute(pragma)]
            if foreign_keys:
                rows += [
                    f"khóa ngoại hỏng ở bảng {r[0]} (dòng {r[1]})"
                    for r in conn.execute("PRAGMA foreign_key_check")
                ]
    except sqlite3.Error as error:
        if is_damage(error):
            return [str(error)]
        raise access_error(path, error) from error
    return [r for r in rows if r != "ok"]


def quick_problems(path: Path) -> list[str]:
    """``PRAGMA quick_check`` (every page read, b-trees and constraints checked, indexes not
    matched against their tables): empty when sound. Fast enough to run at every open."""
    return _run_check(path, "PRAGMA quick_check", foreign_keys=False)


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check``: empty when the file is sound."""
    return _run_check(path, "PRAGMA integrity_check", foreign_keys=True)


def content_digest(path: Path) -> str:
    """SHA-256 of a database file that is not in use (a fresh backup copy), ignoring the header's
    change counters: two copies of the same content have the same digest."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        first = bytearray(handle.read(_CHUNK))
        for start, end in _VOLATILE_HEADER:
            first[start:end] = bytes(max(0, min(end, len(first)) - start))
        digest.update(first)
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def page_size(path: Path) -> int:
    with contextlib.closing(connect_read_only(path)) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


# --- the expected schema ---------------------------------------------------------------------

SchemaItem = tuple[str, str, str, str]  # type, name, table, SQL (spaces normalised)


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def schema_of(conn: sqlite3.Connection) -> set[SchemaItem]:
    return {
        (str(t), str(n), str(tbl), _normal(sql))
        for t, n, tbl, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        if not str(n).startswith("sqlite_stat")
    }


@functools.cache
def expected_schema() -> frozenset[SchemaItem]:
    """The schema the migrations make (computed once, in memory)."""
    from sqlalchemy import create_engine  # noqa: PLC0415

    from app.models.migrate import upgrade_schema  # noqa: PLC0415

    engine = create_engine("sqlite://")
    try:
        upgrade_schema(engine)
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return frozenset(schema_of(raw))
    finally:
        engine.dispose()


_KINDS = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger", "view": "view"}


def schema_differences(path: Path) -> list[str]:
    """How the schema of the database at ``path`` differs from the one this program makes: extra
    tables, views, triggers or indexes, changed constraints, missing parts. Empty when equal."""
    with contextlib.closing(connect_read_only(path)) as conn:
        found = schema_of(conn)
    expected = expected_schema()
    out: list[str] = []
    expected_names = {(t, n): sql for t, n, _tbl, sql in expected}
    found_names = {(t, n): sql for t, n, _tbl, sql in found}
    for (kind, name), sql in sorted(found_names.items()):
        label = _KINDS.get(kind, kind)
        if (kind, name) not in expected_names:
            out.append(f"có thêm {label} «{name}» không thuộc chương trình")
        elif expected_names[(kind, name)] != sql:
            out.append(f"{label} «{name}» bị sửa (cột hoặc ràng buộc khác)")
    for kind, name in sorted(set(expected_names) - set(found_names)):
        out.append(f"thiếu {_KINDS.get(kind, kind)} «{name}»")
    return out


def constraint_problems(path: Path) -> list[str]:
    """Rows that break a CHECK or NOT NULL constraint (a crafted file can hold them: SQLite checks
    constraints when rows are written, and ``integrity_check`` may not look at CHECKs). Every
    column of each table with a CHECK is written again onto itself on ``path`` — a temporary copy
    — and rolled back."""
    problems: list[str] = []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.isolation_level = None
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'"
        ).fetchall()
        for table, _sql in tables:
            columns = [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]
            assignments = ", ".join(f'"{c}" = "{c}"' for c in columns)
            conn.execute("BEGIN")
            try:
                conn.execute(f'UPDATE "{table}" SET {assignments}')
            except sqlite3.IntegrityError as error:
                problems.append(f"bảng {table}: có dòng vi phạm ràng buộc ({error})")
            finally:
                conn.execute("ROLLBACK")
    return problems
