"""Button rows the dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def close_and_copy(dialog: QDialog, label: str, text: Callable[[], str]) -> QDialogButtonBox:
    """«Đóng» and a button (``label``, e.g. "&Chép báo cáo") that copies ``text()`` for pasting
    into an e-mail or a message to the support person."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đó&ng")
    copy = QPushButton(label)
    copy.clicked.connect(lambda: copy_to_clipboard(text()))
    buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.rejected.connect(dialog.reject)
    return buttons
