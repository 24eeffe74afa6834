"""Trợ giúp → Hướng dẫn sử dụng: the user guide bundled with the program (``docs/huong-dan``,
Markdown with its screenshots), shown in a window of its own — no other program needed — with a
button that opens the file with the system's program, for printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.errors import CLOSE_TEXT


def open_with_system(path: Path) -> bool:
    """Open ``path`` with the program the system uses for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class GuideDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("Hướng dẫn sử dụng — Thi đua DVCTT")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Hướng dẫn sử dụng")
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.browser, 1)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.hide()
        layout.addWidget(self.missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(CLOSE_TEXT)
        self.system_button = QPushButton("Mở bằng &chương trình khác…")
        self.system_button.setToolTip("Mở tệp hướng dẫn bằng chương trình của máy (để in).")
        buttons.addButton(self.system_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.system_button.clicked.connect(lambda: open_with_system(self.path))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 700)
        self.load()

    def load(self) -> bool:
        if not self.path.is_file():
            self.browser.hide()
            self.system_button.setEnabled(False)
            self.missing.setText(
                f"Không thấy tệp hướng dẫn {self.path}. Hãy cài lại chương trình (thư mục "
                "«docs» nằm cạnh tệp chạy chương trình)."
            )
            self.missing.show()
            return False
        self.browser.setSearchPaths([str(self.path.parent)])
        self.browser.setSource(
            QUrl.fromLocalFile(str(self.path)), QTextDocument.ResourceType.MarkdownResource
        )
        return True

    def text(self) -> str:
        return self.browser.toPlainText()
