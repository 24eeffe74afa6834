"""The Văn bản page's «Tệp đã lập» box: the documents made (or found in the output folder), opened
— to read or to print — or their folder opened, in the system's own programs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import style

PATH_ROLE = Qt.ItemDataRole.UserRole
NOT_OPENED = "Không mở được tệp"
PRINT_NOTE = (
    "Mở tệp hoặc «In…» mở văn bản bằng chương trình của máy (PDF: trình xem PDF; "
    ".docx: Word); để in, chọn In (Ctrl+P) trong chương trình đó. Giấy khen in lên phôi: "
    "in trước trang canh chỉnh (kèm bản PDF) lên giấy thường để kiểm tra vị trí."
)


def open_in_system(path: Path) -> bool:
    """Open a file or folder with the program the system uses for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class OutputFiles(QGroupBox):
    """The files listed (relative to the output folder), with «Mở tệp», «In…», «Mở thư mục».

    The page gives it the output folder (``folder``), how to report a failure (``fail``: message,
    title), how to say something plainly (``tell``) and how to list the folder again (``relist``).
    """

    def __init__(
        self,
        folder: Callable[[], Path],
        fail: Callable[[str, str], None],
        tell: Callable[[str], None],
        relist: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Tệp đã lập", parent)
        self._folder = folder
        self._fail = fail
        self._tell = tell
        self._relist = relist
        layout = QVBoxLayout(self)
        self.files = QListWidget()
        self.files.setAccessibleName("Các tệp văn bản")
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Mở tệp")
        self.print_button = QPushButton("I&n…")
        self.folder_open_button = QPushButton("Mở t&hư mục")
        for button in (self.open_button, self.print_button, self.folder_open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(style.hint(QLabel(PRINT_NOTE)))

        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.folder_open_button.clicked.connect(self.open_folder)
        self.files.itemActivated.connect(lambda _item: self.open_selected())
        self.files.currentRowChanged.connect(lambda _row: self._update_buttons())

    def _update_buttons(self) -> None:
        has_file = self.files.currentItem() is not None
        self.open_button.setEnabled(has_file)
        self.print_button.setEnabled(has_file)

    def show_files(self, paths: Sequence[Path]) -> None:
        """List ``paths``, shown relative to the output folder; the first one selected."""
        self.files.clear()
        root = self._folder()
        for path in paths:
            try:
                shown = path.relative_to(root).as_posix()
            except ValueError:
                shown = str(path)
            item = QListWidgetItem(shown)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        if paths:
            self.files.setCurrentRow(0)
        self._update_buttons()

    def selected_path(self) -> Path | None:
        item = self.files.currentItem()
        return None if item is None else Path(str(item.data(PATH_ROLE)))

    def open_selected(self) -> bool:
        path = self.selected_path()
        if path is None:
            return False
        if not path.exists():
            self._fail(f"Không còn tệp {path} (đã bị xóa hoặc di chuyển?).", NOT_OPENED)
            self._relist()
            return False
        if not open_in_system(path):
            self._fail(
                f"Máy chưa có chương trình mở tệp {path.suffix.lstrip('.').upper()}. Hãy cài "
                f"một trình đọc rồi mở lại tệp {path}.",
                NOT_OPENED,
            )
            return False
        return True

    def print_selected(self) -> bool:
        opened = self.open_selected()
        if opened:
            self._tell("Văn bản đã mở trong chương trình của máy: chọn In (Ctrl+P) ở đó để in.")
        return opened

    def open_folder(self) -> bool:
        folder = self._folder()
        if not folder.is_dir():
            self._fail(f"Chưa có thư mục {folder}: hãy lập văn bản trước.", NOT_OPENED)
            return False
        if not open_in_system(folder):
            self._fail(f"Không mở được thư mục {folder} bằng chương trình của máy.", NOT_OPENED)
            return False
        return True
