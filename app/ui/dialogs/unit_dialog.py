"""Add or edit a unit: code, name, kind and the profile the achievement reports use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.scoring import UnitKind
from app.services.records import UnitInfo
from app.ui.dialogs.base import SavingDialog

TEXT_FIELDS = (
    ("address", "Đị&a chỉ"),
    ("phone", "Điện t&hoại"),
    ("head_name", "Người đứng đầ&u"),
    ("head_title", "Chức &vụ người đứng đầu"),
)
LONG_FIELDS = (
    ("profile_text", "Sơ lược đặc điểm, tình hình"),
    ("achievement_text", "Thành tích của đơn vị"),
    ("past_awards_text", "Khen thưởng đã nhận"),
)

# (code, name, kind, profile) → the stored unit; raises a service error to refuse.
UnitSaver = Callable[[str, str, UnitKind, dict[str, Any]], UnitInfo]


class UnitDialog(SavingDialog):
    def __init__(self, unit: UnitInfo | None, saver: UnitSaver, parent: QWidget | None = None):
        super().__init__("Sửa đơn vị" if unit else "Thêm đơn vị", parent)
        self.unit = unit
        self.saver = saver
        form = QFormLayout()
        self.code = QLineEdit(unit.code if unit else "")
        self.code.setReadOnly(unit is not None)
        self.code.setToolTip("Mã đơn vị hành chính (không đổi được sau khi thêm)")
        self.name = QLineEdit(unit.name if unit else "")
        self.kind = QComboBox()
        for kind in UnitKind:
            self.kind.addItem(kind.label, kind.value)
        if unit is not None:
            self.kind.setCurrentIndex(self.kind.findData(unit.kind.value))
        form.addRow("&Mã đơn vị", self.code)
        form.addRow("&Tên đơn vị", self.name)
        form.addRow("&Loại đơn vị", self.kind)
        self.texts: dict[str, QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            edit = QLineEdit(getattr(unit, key) if unit else "")
            self.texts[key] = edit
            form.addRow(label, edit)
        self.long_texts: dict[str, QPlainTextEdit] = {}
        for key, label in LONG_FIELDS:
            long_edit = QPlainTextEdit(getattr(unit, key) if unit else "")
            long_edit.setTabChangesFocus(True)
            long_edit.setFixedHeight(70)
            self.long_texts[key] = long_edit
            form.addRow(label, long_edit)
        self.form_area.addLayout(form)
        self.resize(560, 560)
        (self.name if unit else self.code).setFocus()

    def profile(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: e.text().strip() for k, e in self.texts.items()}
        values.update({k: e.toPlainText().strip() for k, e in self.long_texts.items()})
        return values

    def save(self) -> object:
        kind = UnitKind(self.kind.currentData())
        return self.saver(self.code.text().strip(), self.name.text().strip(), kind, self.profile())
