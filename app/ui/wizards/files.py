"""Where the wizards' files come from and go: the file pickers — the module functions
:func:`choose_open_file` and :func:`choose_save_file`, which tests replace — and the folder the
Nhập / Xuất page remembers (per database) between imports and exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.preferences import remember, remembered_folder

FOLDER_KEY = "nhap-xuat/thu-muc"
TABLE_FILTER = "Bảng tính (*.xlsx *.xls *.ods *.csv);;Tất cả tệp (*)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"


def choose_open_file(parent: QWidget, title: str, start: Path, file_filter: str) -> Path | None:
    """A file picker (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(chosen) if chosen else None


def choose_save_file(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """A save-as picker (tests replace this)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def open_path(parent: QWidget, db_path: Path, path: Path | None, title: str) -> Path | None:
    """``path``, or the table the officer picks in the remembered folder (None: cancelled)."""
    if path is None:
        path = choose_open_file(parent, title, remembered_folder(db_path, FOLDER_KEY), TABLE_FILTER)
    if path is not None:
        remember(db_path, FOLDER_KEY, str(path.parent))
    return path


def save_path(
    parent: QWidget, db_path: Path, path: Path | None, title: str, name: str
) -> Path | None:
    """``path``, or where the officer saves the workbook ``name`` (None: cancelled)."""
    if path is None:
        folder = remembered_folder(db_path, FOLDER_KEY)
        path = choose_save_file(parent, title, folder / name, XLSX_FILTER)
    if path is not None:
        remember(db_path, FOLDER_KEY, str(path.parent))
    return path
