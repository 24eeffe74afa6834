"""Preferences of the window (not data): the folders last used, the mode chosen. Kept in an .ini
file beside the database (``giao-dien.ini``), so that a portable installation keeps them with its
data and two databases keep their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

PREFERENCES_FILE = "giao-dien.ini"


def app_settings(db_path: Path) -> QSettings:
    """The preferences stored beside the database ``db_path``."""
    return QSettings(str(Path(db_path).parent / PREFERENCES_FILE), QSettings.Format.IniFormat)


def remembered_folder(db_path: Path, key: str, default: Path | None = None) -> Path:
    """The folder stored under ``key`` when it still exists, else ``default`` (else home)."""
    stored = app_settings(db_path).value(key, "")
    folder = Path(str(stored)) if stored else None
    if folder is not None and folder.is_dir():
        return folder
    return default if default is not None else Path.home()


def remember(db_path: Path, key: str, value: str) -> None:
    settings = app_settings(db_path)
    settings.setValue(key, value)
    settings.sync()


def documents_folder(db_path: Path) -> Path:
    """The user's Documents folder, or the data folder when the system has none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path(db_path).parent
