"""Outputs never hit the database: the one check every writer (export, report, backup, rules file)
makes on its target before writing.

Protected: the database file (under any name: the same device and inode), its WAL, shared-memory
and rollback journal, its lock and the backups folder with everything in it. These are the files of
an SQLite database; a server backend protects only its backups folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.models.errors import ProtectedTargetError
from app.models.lock import lock_path, real_path

JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def backups_folder(db_path: Path) -> Path:
    from app.paths import backups_dir  # noqa: PLC0415

    return real_path(backups_dir(real_path(db_path)))


def protected_files(db_path: Path) -> list[Path]:
    """The database file, its journals and its lock (real paths)."""
    real = real_path(db_path)
    return [real, *(real.with_name(real.name + s) for s in JOURNAL_SUFFIXES), lock_path(real)]


def _key(path: Path) -> Path:
    """The path as the system compares names (case folded on Windows)."""
    return Path(os.path.normcase(real_path(path)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output_target(db_path: Path, target: Path, *, folder: bool = False) -> None:
    """Refuse (ProtectedTargetError) writing ``target`` — a file, or with ``folder`` a folder
    that files are written into — when it is the database, one of its journals, its lock, or in
    its backups folder."""
    real = _key(target)
    backups = backups_folder(db_path)
    what = "thư mục" if folder else "tệp"
    if real.is_relative_to(_key(backups)):
        raise ProtectedTargetError(
            f"Không ghi {what} {target} vào thư mục sao lưu tự động {backups}: các bản sao lưu "
            "ở đó phải được giữ nguyên. Hãy chọn nơi khác."
        )
    if not any(real == _key(p) or _same_file(real, p) for p in protected_files(db_path)):
        return
    raise ProtectedTargetError(
        f"Không ghi {what} {target}: đó là tệp cơ sở dữ liệu {real_path(db_path)} (hoặc tệp "
        "nhật ký, tệp khóa của nó); ghi vào đó sẽ làm mất dữ liệu. Hãy chọn tên tệp khác."
    )
