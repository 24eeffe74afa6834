"""The unit register table (Đơn vị page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.records import UnitInfo
from app.ui.models.base import Column, RecordTableModel

COLUMNS: list[Column[UnitInfo]] = [
    Column("Mã", lambda u: u.code),
    Column("Tên đơn vị", lambda u: u.name),
    Column("Loại", lambda u: u.kind.label, lambda u: (u.kind.value, u.sort_order)),
    Column("Trạng thái", lambda u: "Đang hoạt động" if u.active else "Ngừng hoạt động"),
    Column("Người đứng đầu", lambda u: u.head_name),
    Column("Chức vụ", lambda u: u.head_title),
    Column("Điện thoại", lambda u: u.phone),
    Column("Địa chỉ", lambda u: u.address),
]


class UnitsTableModel(RecordTableModel[UnitInfo]):
    def __init__(self) -> None:
        super().__init__(COLUMNS, key=lambda u: u.code)

    def extra_data(self, record: UnitInfo, column: int, role: int) -> Any:
        if record.active:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None
