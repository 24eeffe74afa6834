"""The Văn bản page's choice of file format (PDF, Word or both), remembered beside the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QRadioButton, QWidget

from app.services import documents as documents_service
from app.ui.preferences import app_settings, remember

FORMAT_KEY = "van-ban/dinh-dang"
FORMAT_HINTS = {
    "pdf": "Để in và lưu; không sửa được.",
    "docx": "Để sửa trong Word trước khi trình ký (số, ngày, câu chữ).",
    "both": "Cả hai: in bản PDF, sửa bản Word.",
}


class FormatChoice(QGroupBox):
    """Radio buttons «PDF», «Word (.docx)», «PDF và Word»; the choice is kept for next time."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__("Định dạng tệp", parent)
        self.db_path = db_path
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self)
        for fmt in documents_service.document_formats():
            button = QRadioButton(fmt.label)
            button.setToolTip(FORMAT_HINTS.get(fmt.key, ""))
            self.group.addButton(button)
            self.buttons[fmt.key] = button
            row.addWidget(button)
        row.addStretch(1)
        stored = str(app_settings(db_path).value(FORMAT_KEY, documents_service.DEFAULT_FORMAT))
        if stored not in self.buttons:
            stored = documents_service.DEFAULT_FORMAT
        self.buttons[stored].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)

    def value(self) -> str:
        """ "pdf", "docx" or "both"."""
        for key, button in self.buttons.items():
            if button.isChecked():
                return key
        return documents_service.DEFAULT_FORMAT

    def set_value(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            remember(self.db_path, FORMAT_KEY, self.value())
