"""Cài đặt → Sao lưu / khôi phục: back up now to a chosen file, the automatic backups, restore
from one of them or from a file (the database is closed, replaced and opened again)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.scoring.numbers import format_int
from app.services.backups import backup_to, newest_good_backup
from app.services.settings_support import BackupEntry, default_backup_name, list_backups
from app.ui import errors, style
from app.ui.context import AppContext
from app.ui.models.base import RIGHT, Column, RecordTableModel
from app.ui.pages.settings_base import SettingsTab
from app.ui.restore import restore_into
from app.ui.widgets.table_view import TableView

log = logging.getLogger("thidua.ui")

FILE_FILTER = "Bản sao lưu (*.sqlite3);;Mọi tệp (*)"


def _size(entry: BackupEntry) -> str:
    return f"{format_int(max(1, round(entry.size_bytes / 1024)))} KB"


BACKUP_COLUMNS: list[Column[BackupEntry]] = [
    Column(
        "Thời điểm",
        lambda b: b.made_at.strftime("%d/%m/%Y %H:%M:%S") if b.made_at else "",
        lambda b: b.made_at.isoformat() if b.made_at else "",
    ),
    Column("Lý do", lambda b: b.reason),
    Column("Dung lượng", _size, lambda b: b.size_bytes, RIGHT),
    Column("Tệp", lambda b: b.path.name),
]


class BackupsTableModel(RecordTableModel[BackupEntry]):
    def __init__(self) -> None:
        super().__init__(BACKUP_COLUMNS, key=lambda b: str(b.path))


def choose_backup_target(parent: QWidget, suggested: Path) -> Path | None:
    """Where to write a backup (tests replace this); the dialog asks before overwriting."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Sao lưu dữ liệu vào tệp", str(suggested), FILE_FILTER
    )
    return Path(chosen) if chosen else None


def choose_backup_source(parent: QWidget, start: Path) -> Path | None:
    """The backup file to restore (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Chọn bản sao lưu để khôi phục", str(start), FILE_FILTER
    )
    return Path(chosen) if chosen else None


class BackupTab(SettingsTab):
    TITLE = "Sao lưu / khôi phục"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.where = QLabel()
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        row = QHBoxLayout()
        self.backup_button = QPushButton("&Sao lưu ngay…")
        self.restore_file_button = QPushButton("Khôi phục từ &tệp…")
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_file_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.damage_note = QLabel()
        self.damage_note.setWordWrap(True)
        style.set_tone(self.damage_note, style.ERROR_TONE, bold=True)
        self.damage_note.hide()
        layout.addWidget(self.damage_note)
        auto = QLabel(
            "<b>Bản sao lưu tự động</b> (mỗi ngày một lần, trước mỗi lần nhập số liệu có thay đổi "
            "và trước khi khôi phục, mỗi bản đã được kiểm tra; không sao lưu khi dữ liệu không "
            "đổi; giữ 10 bản mới nhất, một bản mỗi ngày trong 30 ngày, một bản mỗi tháng trong "
            "một năm):"
        )
        auto.setWordWrap(True)
        layout.addWidget(auto)
        self.model = BackupsTableModel()
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Bản sao lưu tự động")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton("&Khôi phục bản đã chọn")
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(
            "Khôi phục thay toàn bộ dữ liệu hiện tại (đơn vị, số liệu, đề nghị khen thưởng, quy "
            "tắc, nhật ký) bằng bản sao lưu. Dữ liệu hiện tại được tự động sao lưu trước, nên có "
            "thể quay lại nếu chọn nhầm."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        layout.addWidget(self.message)

        self.backup_button.clicked.connect(self.backup_now)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

    def first_focus(self) -> QWidget:
        return self.backup_button

    @property
    def db_path(self) -> Path:
        return self.context.db.path

    def refresh(self) -> None:
        self.where.setText(f"Dữ liệu đang dùng: {self.db_path}")
        self.model.set_records(list_backups(self.db_path))
        self.table.fit_columns()
        self._show_way_out()
        self._update_buttons()

    def _show_way_out(self) -> None:
        """A damaged database: the newest good backup chosen in the list, and said so."""
        damaged = self.context.db.read_only
        self.damage_note.setVisible(damaged)
        if not damaged:
            return
        good = newest_good_backup(self.db_path)
        if good is None:
            self.damage_note.setText(
                "Cơ sở dữ liệu bị hỏng và không có bản sao lưu tự động tốt: hãy «Khôi phục từ "
                "tệp…» một bản sao lưu đã lưu riêng."
            )
            return
        rows = [r for r in range(self.model.rowCount()) if self.model.record(r).path == good]
        if rows:
            self.table.setCurrentIndex(self.model.index(rows[0], 0))
        self.damage_note.setText(
            "Cơ sở dữ liệu bị hỏng, đang mở chỉ để xem. Bản sao lưu tốt mới nhất đã được chọn "
            f"bên dưới ({good.name}): bấm «Khôi phục bản đã chọn»."
        )

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.table.currentIndex().isValid())

    def selected(self) -> BackupEntry | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    # --- backup ----------------------------------------------------------------------------

    def backup_now(self) -> Path | None:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents else self.db_path.parent
        target = choose_backup_target(self, folder / default_backup_name())
        if target is None:
            return None
        done, made = self.attempt(lambda: backup_to(self.db_path, target, overwrite=True))
        if not done or made is None:
            return None
        log.info("Sao lưu vào %s", made)
        self.say(f"Đã sao lưu dữ liệu vào {made}.")
        return made

    # --- restore ---------------------------------------------------------------------------

    def restore_selected(self) -> bool:
        entry = self.selected()
        if entry is None:
            return False
        when = entry.made_at.strftime("%d/%m/%Y %H:%M") if entry.made_at else entry.path.name
        return self.restore(entry.path, f"bản sao lưu tự động lúc {when} ({entry.reason})")

    def restore_from_file(self) -> bool:
        source = choose_backup_source(self, self.db_path.parent)
        if source is None:
            return False
        return self.restore(source, f"tệp {source}")

    def restore(self, source: Path, described: str) -> bool:
        if not errors.ask(
            self,
            "Khôi phục dữ liệu",
            f"Thay toàn bộ dữ liệu hiện tại bằng {described}?\n\n"
            "Dữ liệu hiện tại được sao lưu tự động trước khi khôi phục.",
        ):
            return False
        done, result = self.attempt(lambda: restore_into(self.context, source))
        self.refresh()
        if not done or result is None:
            return False
        kept = (
            f" Dữ liệu trước khi khôi phục được giữ tại {result.previous_backup}."
            if result.previous_backup
            else ""
        )
        self.say(f"Đã khôi phục dữ liệu từ {described}.{kept}")
        return True
