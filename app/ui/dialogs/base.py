"""A dialog that saves on OK and shows a refusal inside itself."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.ui import style

log = logging.getLogger("thidua.ui")


class SavingDialog(QDialog):
    """Subclasses add their fields to ``self.form_area`` and implement ``save()``; OK runs it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form_area = QVBoxLayout()
        self.layout_.addLayout(self.form_area)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        style.set_tone(self.error_label, style.ERROR_TONE, bold=True)
        self.error_label.hide()
        self.layout_.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Hủy")
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.saved: object = None

    def save(self) -> object:
        """Store the dialog's values through a service; raise a service error to refuse."""
        raise NotImplementedError

    def try_save(self) -> None:
        try:
            self.saved = self.save()
        except UserError as error:
            log.info("Từ chối: %s", error)
            self.show_error(str(error))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def clear_error(self) -> None:
        """The refusal no longer applies (a field was changed)."""
        self.error_label.clear()
        self.error_label.hide()

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""
