"""Cài đặt → Chế độ sử dụng: the mode in force (district office or one commune/town) and a
button to change it (``app.ui.mode``)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.context import DISTRICT_LABEL, AppContext, Mode
from app.ui.pages.settings_base import SettingsTab


class ModeTab(SettingsTab):
    TITLE = "Chế độ sử dụng"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.change_button = QPushButton("Đổi &chế độ…")
        self.change_button.clicked.connect(lambda _checked=False: self.change())
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addStretch(1)
        self.show_mode(context.mode)

    def change(self) -> Mode | None:
        from app.ui import mode  # noqa: PLC0415 - the dialog, when asked for

        return mode.change_mode(self.context, self)

    def show_mode(self, mode: Mode) -> None:
        if mode.is_district:
            text = (
                f"Chương trình đang dùng ở chế độ <b>{DISTRICT_LABEL}</b>: mọi đơn vị, mọi trang."
            )
        else:
            text = (
                f"Chương trình đang dùng ở chế độ <b>đơn vị: {mode.label}</b>. Chỉ thấy số liệu, "
                "đề nghị khen thưởng của đơn vị; trang Xếp hạng, Văn bản và các phần cài đặt của "
                "huyện (đợt thi đua, bộ quy tắc, văn bản) được ẩn."
            )
        self.label.setText(text)

    def first_focus(self) -> QWidget:
        return self.change_button
