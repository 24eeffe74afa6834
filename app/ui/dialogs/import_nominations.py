"""A nominations file before it is applied: per unit it names, the count before → after with its
quota, and every person added, removed, kept or with a corrected name (changed rows in colour);
units the file does not name are listed as kept. The officer accepts («Nhập danh sách») or not."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dates import short_date
from app.services.nomination_diff import Change
from app.services.nomination_import import NominationsPreview
from app.ui import style

COLOURS = {
    Change.ADDED: style.DONE_DARK,
    Change.REMOVED: style.ERROR_DARK,
    Change.RENAMED: style.CHANGED,
}


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _row(table: QTableWidget, values: list[str], colour: str | None = None) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(values):
        item = QTableWidgetItem(text)
        if colour is not None:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setForeground(QColor(colour))
        table.setItem(row, column, item)


class NominationsDiffDialog(QDialog):
    def __init__(self, preview: NominationsPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Nhập danh sách đề nghị khen thưởng — " + preview.source_name)
        layout = QVBoxLayout(self)
        head = [
            f"<b>{preview.source_name}</b> → kỳ «{preview.period_name}»: {preview.rows_read} "
            f"người của {len(preview.units)} đơn vị.",
            "Danh sách đề nghị của mỗi đơn vị có trong tệp được thay bằng danh sách trong tệp "
            "(so theo họ tên và ngày sinh).",
        ]
        if preview.untouched:
            head.append(
                f"Giữ nguyên danh sách của {len(preview.untouched)} đơn vị không có trong tệp: "
                + ", ".join(preview.untouched)
                + "."
            )
        head += preview.warnings
        self.head = QLabel("<br>".join(head))
        self.head.setWordWrap(True)
        layout.addWidget(self.head)

        self.units_table = _table(
            ["Đơn vị", "Đang có", "Sau khi nhập", "Thay đổi", "Chỉ tiêu"],
            "Danh sách đề nghị của từng đơn vị trước và sau khi nhập",
        )
        self.people_table = _table(
            ["Đơn vị", "Họ và tên", "Khi nhập", "Chi tiết"],
            "Người được thêm, bỏ, sửa tên hoặc giữ",
        )
        for unit in preview.units:
            state = unit.summary().split(": ", 1)[1].split(" — ", 1)[0]
            quota = unit.quota_text
            _row(
                self.units_table,
                [unit.unit_name, str(unit.before), str(unit.after), state, quota],
                style.CHANGED if unit.changed else None,
            )
            for person in unit.people:
                details = []
                if person.change is Change.RENAMED:
                    details.append(f"tên cũ: {person.old_name}")
                if person.birth_date is not None:
                    details.append(f"sinh {short_date(person.birth_date)}")
                if person.edited:
                    details.append("sửa " + ", ".join(person.edited))
                changed = person.change is not Change.KEPT or bool(person.edited)
                _row(
                    self.people_table,
                    [unit.unit_name, person.full_name, person.change.label, "; ".join(details)],
                    COLOURS.get(person.change, style.CHANGED) if changed else None,
                )
        layout.addWidget(self.units_table, 1)
        layout.addWidget(self.people_table, 2)
        self.question = QLabel(
            "Nhập danh sách này? Có thể xem lại trong Nhật ký thay đổi."
            if preview.has_changes
            else "Danh sách trong tệp giống danh sách đang có: không có gì để nhập."
        )
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Nhập danh sách")
        self.ok_button.setEnabled(preview.has_changes)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            "&Không nhập" if preview.has_changes else "Đó&ng"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def changes(self) -> list[tuple[str, str, str]]:
        """(unit, person, change) of every row shown, as the officer reads them."""
        table = self.people_table

        def text(row: int, column: int) -> str:
            item = table.item(row, column)
            return "" if item is None else item.text()

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(table.rowCount())]
