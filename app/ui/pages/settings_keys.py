"""Cài đặt → Khóa ký gói: the keys that sign commune packages (``app.services.package_keys``).

The district sees every commune and town with its key: «Tạo khóa» (or «Cấp lại khóa», asked
first: the commune's old key stops being accepted), «Hiện mã khóa» (the code to read over the
phone or print) and «Ghi tệp khóa…» (a small file to hand over). A commune types the code once, or
loads the file; from then on every package it exports is signed."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import package_keys
from app.services.package_keys import KeyInfo
from app.ui import errors
from app.ui.context import AppContext, Mode
from app.ui.models.base import Column, RecordTableModel
from app.ui.pages.settings_base import SettingsTab
from app.ui.widgets.table_view import TableView

log = logging.getLogger("thidua.ui")

KEY_FILTER = "Tệp khóa (*.txt);;Mọi tệp (*)"

KEY_COLUMNS: list[Column[KeyInfo]] = [
    Column("Mã", lambda k: k.unit_code),
    Column("Đơn vị", lambda k: k.unit_name),
    Column("Khóa ký gói", lambda k: k.status),
    Column("Gói đã đánh số", lambda k: str(k.last_sequence) if k.has_key else ""),
]


class KeysTableModel(RecordTableModel[KeyInfo]):
    def __init__(self) -> None:
        super().__init__(KEY_COLUMNS, key=lambda k: k.unit_code)


def choose_key_target(parent: QWidget, suggested: Path) -> Path | None:
    """Where to write a key file (tests replace this)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, "Ghi tệp khóa", str(suggested), KEY_FILTER)
    return Path(chosen) if chosen else None


def choose_key_file(parent: QWidget, start: Path) -> Path | None:
    """The key file the district gave (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, "Chọn tệp khóa", str(start), KEY_FILTER)
    return Path(chosen) if chosen else None


class KeysTab(SettingsTab):
    TITLE = "Khóa ký gói"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # the district: every commune's key
        self.district_part = QWidget()
        district = QVBoxLayout(self.district_part)
        district.setContentsMargins(0, 0, 0, 0)
        self.model = KeysTableModel()
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Khóa ký gói của các đơn vị")
        district.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.create_button = QPushButton("&Tạo khóa")
        self.code_button = QPushButton("&Hiện mã khóa")
        self.file_button = QPushButton("&Ghi tệp khóa…")
        for button in (self.create_button, self.code_button, self.file_button):
            row.addWidget(button)
        row.addStretch(1)
        district.addLayout(row)
        self.code_label = QLabel()
        self.code_label.setAccessibleName("Mã khóa")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("font-family: monospace; font-size: 13pt;")
        district.addWidget(self.code_label)
        layout.addWidget(self.district_part, 1)
        # a commune: its own key, typed or loaded
        self.commune_part = QWidget()
        commune = QVBoxLayout(self.commune_part)
        commune.setContentsMargins(0, 0, 0, 0)
        self.own_status = QLabel()
        self.own_status.setWordWrap(True)
        commune.addWidget(self.own_status)
        row = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code_edit.setAccessibleName("Mã khóa Phòng cấp")
        self.save_code_button = QPushButton("&Lưu mã khóa")
        self.load_file_button = QPushButton("&Nạp tệp khóa…")
        row.addWidget(QLabel("Mã khóa:"))
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.save_code_button)
        row.addWidget(self.load_file_button)
        commune.addLayout(row)
        commune.addStretch(1)
        layout.addWidget(self.commune_part, 1)
        layout.addWidget(self.message)

        self.create_button.clicked.connect(lambda _c=False: self.make_key())
        self.code_button.clicked.connect(lambda _c=False: self.show_code())
        self.file_button.clicked.connect(lambda _c=False: self.write_file())
        self.save_code_button.clicked.connect(lambda _c=False: self.save_code())
        self.code_edit.returnPressed.connect(self.save_code)
        self.load_file_button.clicked.connect(lambda _c=False: self.load_file())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.show_mode(context.mode)

    def first_focus(self) -> QWidget:
        return self.table if self.context.mode.is_district else self.code_edit

    def show_mode(self, mode: Mode) -> None:
        self.district_part.setVisible(mode.is_district)
        self.commune_part.setVisible(not mode.is_district)
        if mode.is_district:
            self.intro.setText(
                "Mỗi xã, thị trấn ký gói số liệu bằng khóa riêng do Phòng cấp: gói bị sửa (kể "
                "cả trong Excel), gói một xã làm nhân danh xã khác, gói cũ gửi lại đều bị từ "
                "chối. Chọn đơn vị, <b>Tạo khóa</b>, rồi đọc <b>mã khóa</b> cho xã gõ một lần "
                "hoặc <b>ghi tệp khóa</b> gửi riêng cho xã (không gửi kèm gói). Gói Phòng xuất "
                "cho một đơn vị cũng được ký bằng khóa của đơn vị đó."
            )
        else:
            self.intro.setText(
                f"Gói số liệu {mode.label} gửi Phòng được ký bằng khóa Phòng Văn hóa và Thông "
                "tin cấp cho đơn vị: gõ mã khóa một lần (chữ hoa hay thường, có gạch hay không "
                "đều được; gõ nhầm một ký tự thì chương trình báo), hoặc nạp tệp khóa."
            )
        self._update_buttons()

    def refresh(self) -> None:
        mode = self.context.mode
        self.show_mode(mode)
        if mode.is_district:
            current = self.selected()
            self.model.set_records(package_keys.list_keys(self.context.db))
            self.table.fit_columns()
            if current is not None:
                self.select(current.unit_code)
        elif mode.unit_code is not None:
            info = package_keys.key_info(self.context.db, mode.unit_code)
            self.own_status.setText(
                f"<b>{info.unit_name} ({info.unit_code})</b>: "
                + (
                    f"đã có khóa (mã khóa {info.fingerprint[:8]}, nạp lúc "
                    f"{info.created_at:%H:%M ngày %d/%m/%Y}); gói xuất ra được ký."
                    if info.has_key
                    else "chưa có khóa — gói xuất ra chưa được ký, Phòng sẽ phải xác nhận riêng."
                )
            )
        self._update_buttons()

    def selected(self) -> KeyInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, unit_code: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.record(row).unit_code == unit_code:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        info = self.selected()
        self.create_button.setEnabled(info is not None)
        self.create_button.setText("Cấp &lại khóa" if info and info.has_key else "&Tạo khóa")
        for button in (self.code_button, self.file_button):
            button.setEnabled(info is not None and info.has_key)

    # --- the district ------------------------------------------------------------------------

    def make_key(self) -> KeyInfo | None:
        info = self.selected()
        if info is None:
            return None
        if info.has_key and not errors.ask(
            self,
            "Cấp lại khóa ký gói",
            f"{info.unit_name} ({info.unit_code}) đã có khóa. Cấp khóa mới thì gói ký bằng khóa "
            "cũ bị từ chối, và xã phải nhập khóa mới. Cấp lại khóa?",
        ):
            return None
        done, made = self.attempt(
            lambda: package_keys.create_key(self.context.db, info.unit_code, replace=info.has_key)
        )
        if not done or made is None:
            return None
        self.context.changed.emit()  # the audit log has a new entry
        self.refresh()
        self.show_code()
        self.say(
            f"Đã tạo khóa ký gói cho {made.unit_name} ({made.unit_code}): đọc mã khóa cho xã gõ, "
            "hoặc ghi tệp khóa gửi xã."
        )
        return made

    def show_code(self) -> str | None:
        info = self.selected()
        if info is None:
            return None
        done, code = self.attempt(
            lambda: package_keys.show_key_code(self.context.db, info.unit_code)
        )
        if not done or code is None:
            return None
        self.code_label.setText(f"Mã khóa của {info.unit_name} ({info.unit_code}): {code}")
        return code

    def write_file(self) -> Path | None:
        info = self.selected()
        if info is None:
            return None
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents else self.context.db.path.parent
        target = choose_key_target(self, folder / f"khoa-ky-goi-{info.unit_code}.txt")
        if target is None:
            return None
        done, written = self.attempt(
            lambda: package_keys.export_key_file(self.context.db, info.unit_code, target)
        )
        if not done or written is None:
            return None
        self.say(f"Đã ghi tệp khóa của {info.unit_name} vào {written}: gửi riêng cho đơn vị.")
        return written

    # --- a commune ---------------------------------------------------------------------------

    def save_code(self) -> KeyInfo | None:
        unit = self.context.mode.unit_code
        if unit is None:
            return None
        text = self.code_edit.text()
        done, info = self.attempt(lambda: package_keys.enter_key(self.context.db, unit, code=text))
        return self._entered(info if done else None)

    def load_file(self) -> KeyInfo | None:
        unit = self.context.mode.unit_code
        if unit is None:
            return None
        path = choose_key_file(self, self.context.db.path.parent)
        if path is None:
            return None
        done, info = self.attempt(lambda: package_keys.enter_key(self.context.db, unit, file=path))
        return self._entered(info if done else None)

    def _entered(self, info: KeyInfo | None) -> KeyInfo | None:
        if info is None:
            return None
        self.code_edit.clear()
        self.context.changed.emit()  # the audit log has a new entry
        self.refresh()
        self.say(
            f"Đã lưu khóa ký gói của {info.unit_name} ({info.unit_code}): từ nay gói số liệu "
            "xuất ra được ký."
        )
        log.info("Đã lưu khóa ký gói của %s", info.unit_code)
        return info
