"""Cài đặt → Máy chủ dữ liệu: where the data is (this PC's file or a PostgreSQL server shared by
several officers), and the server address to use from the next start, checked first."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services import connection
from app.ui.context import AppContext
from app.ui.pages.settings_base import SettingsTab

PLACEHOLDER = "postgresql://tai_khoan@may-chu/thidua"


class ServerTab(SettingsTab):
    TITLE = "Máy chủ dữ liệu"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Mặc định dữ liệu nằm trong một tệp trên máy này. Khi nhiều cán bộ cùng nhập, xem "
            "(tỉnh, huyện, xã), dữ liệu đặt trên máy chủ PostgreSQL: nhập địa chỉ do cán bộ CNTT "
            "cung cấp, bấm «Kiểm tra kết nối», rồi «Lưu». Chương trình dùng máy chủ từ lần mở sau. "
            "Không nên ghi mật khẩu vào địa chỉ: để mật khẩu trong tệp mật khẩu của PostgreSQL "
            "(xem hướng dẫn cài đặt máy chủ)."
        )
        intro.setWordWrap(True)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText(PLACEHOLDER)
        self.url.setAccessibleName("Địa chỉ máy chủ PostgreSQL")
        self.check_button = QPushButton("&Kiểm tra kết nối")
        self.check_button.clicked.connect(lambda _checked=False: self.check())
        self.save_button = QPushButton("&Lưu, dùng từ lần mở sau")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.local_button = QPushButton("Dùng &tệp trên máy này")
        self.local_button.clicked.connect(lambda _checked=False: self.use_local())
        row = QHBoxLayout()
        for button in (self.check_button, self.save_button, self.local_button):
            row.addWidget(button)
        row.addStretch(1)
        address = QLabel("Địa chỉ &máy chủ:")
        address.setBuddy(self.url)
        for widget in (intro, self.where, address, self.url):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def refresh(self) -> None:
        kind = "máy chủ" if self.context.db.server else "tệp trên máy này"
        self.where.setText(f"Đang dùng {kind}: {self.context.db.where}")
        remembered = connection.remembered_server()
        self.url.setText(remembered or "")

    def check(self) -> bool:
        done, text = self.attempt(lambda: connection.check_server(self.url.text()))
        if done and text:
            self.say(text)
        return done

    def save(self) -> bool:
        if not self.check():
            return False
        done, said = self.attempt(lambda: connection.remember_server(self.url.text()))
        if done and said:
            self.url.setText(connection.remembered_server() or "")  # the password not shown again
            self.say(said)
        return done

    def use_local(self) -> None:
        done, said = self.attempt(lambda: connection.remember_server(None))
        if done and said:
            self.url.clear()
            self.say(said)

    def first_focus(self) -> QWidget:
        return self.url
