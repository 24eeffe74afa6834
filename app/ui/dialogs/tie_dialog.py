"""Giải quyết đồng hạng: the council orders the tied units and writes its reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs.base import SavingDialog

CODE_ROLE = Qt.ItemDataRole.UserRole

# (codes in the council's order, reason) → the stored settlement; a service error refuses.
TieSaver = Callable[[list[str], str], object]


class TieDialog(SavingDialog):
    def __init__(
        self,
        units: Sequence[tuple[str, str]],
        explanation: str,
        saver: TieSaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Giải quyết đồng hạng", parent)
        self.saver = saver
        intro = QLabel(
            explanation
            + "\n\nXếp các đơn vị theo thứ tự Hội đồng Thi đua - Khen thưởng quyết định (đơn vị xếp "
            "trên ở đầu danh sách) và ghi lý do. Quyết định được lưu vào nhật ký và in trong biên "
            "bản họp."
        )
        intro.setWordWrap(True)
        self.form_area.addWidget(intro)
        grid = QGridLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Thứ tự các đơn vị đồng hạng")
        for code, name in units:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(CODE_ROLE, code)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        order_label = QLabel("&Thứ tự:")
        order_label.setBuddy(self.list)
        grid.addWidget(order_label, 0, 0, 1, 2)
        grid.addWidget(self.list, 1, 0, 3, 1)
        self.up_button = QPushButton("Lên t&rên")
        self.down_button = QPushButton("Xuống &dưới")
        self.up_button.clicked.connect(lambda: self.move_unit(-1))
        self.down_button.clicked.connect(lambda: self.move_unit(1))
        buttons = QVBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 1, 3, 1)
        self.form_area.addLayout(grid)
        reason_label = QLabel("&Lý do của Hội đồng:")
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Ví dụ: theo kết quả biểu quyết của Hội đồng ngày …")
        self.reason.setFixedHeight(80)
        reason_label.setBuddy(self.reason)
        self.form_area.addWidget(reason_label)
        self.form_area.addWidget(self.reason)
        self.resize(520, 440)

    def order(self) -> list[str]:
        return [str(self.list.item(i).data(CODE_ROLE)) for i in range(self.list.count())]

    def move_unit(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def save(self) -> object:
        return self.saver(self.order(), self.reason.toPlainText().strip())
