"""A commune's package before it is applied: which unit, period and export time, and every figure
old → new; the officer accepts («Nhập gói») or not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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

from app.scoring.numbers import format_int


@dataclass(frozen=True, slots=True)
class FigureRow:
    label: str
    old: int | None
    new: int | None

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _shown(value: int | None) -> str:
    return "(trống)" if value is None else format_int(value)


class PackageDiffDialog(QDialog):
    """Old → new for every figure of the package's unit (changed rows in bold)."""

    def __init__(
        self,
        title: str,
        details: Sequence[str],
        rows: Sequence[FigureRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.setWindowTitle("Nhập gói số liệu — " + title)
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{title}</b><br>" + "<br>".join(details))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setAccessibleName("Số liệu cũ và mới")
        self.table.setHorizontalHeaderLabels(["Chỉ tiêu", "Đang có", "Trong gói"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(self.rows):
            items = [QTableWidgetItem(row.label), QTableWidgetItem(_shown(row.old))]
            items.append(QTableWidgetItem(_shown(row.new)))
            for c, item in enumerate(items):
                if row.changed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    if c == 2:
                        item.setForeground(QColor("#1b5e20"))
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        changed = sum(1 for r in self.rows if r.changed)
        question = QLabel(
            f"Gói thay đổi {changed} chỉ tiêu (in đậm). Chỉ đơn vị ghi trong gói được cập nhật. "
            "Nhập gói này?"
            if changed
            else "Số liệu trong gói giống hệt số liệu đang có: nhập cũng không thay đổi gì."
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Nhập gói")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Không nhập")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

    def changed_rows(self) -> list[FigureRow]:
        return [r for r in self.rows if r.changed]
