"""Where the program keeps its data: the user's data folder, or beside a portable .exe.

- Default: ``platformdirs.user_data_dir`` (``%LOCALAPPDATA%\\ThiDuaDVCTT`` on Windows).
- A file named ``portable`` beside the frozen .exe: data in the folder ``data`` beside it.
- ``--db PATH`` chooses the database file; its backups go beside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "ThiDuaDVCTT"
DB_FILE_NAME = "thidua.sqlite3"
PORTABLE_MARKER = "portable"


def portable_dir() -> Path | None:
    """The data folder of a portable installation, or None when not portable."""
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    if (exe_dir / PORTABLE_MARKER).exists():
        return exe_dir / "data"
    return None


def data_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        return portable
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(override: str | Path | None = None) -> Path:
    """The database file: ``override`` (``--db``) or the default in the data folder."""
    if override:
        return Path(override).expanduser().resolve()
    return data_dir() / DB_FILE_NAME


def backups_dir(db_path: Path) -> Path:
    """Automatic backups of ``db_path`` live in ``backups`` beside it."""
    return db_path.parent / "backups"


def logs_dir(db_path: Path | None = None) -> Path:
    return (db_path.parent if db_path is not None else data_dir()) / "logs"
