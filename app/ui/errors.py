"""How the window reports problems: a Vietnamese message for refused actions, a copyable report for
the unexpected (details in the log file), never a bare traceback."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, as_user_error
from app.ui.widgets.buttons import close_and_copy, copy_to_clipboard

log = logging.getLogger("thidua.ui")

T = TypeVar("T")


def user_message(error: BaseException) -> str | None:
    """The message to show for a refused action (a file that cannot be read or written
    included), or None for an unexpected error."""
    refusal = as_user_error(error)
    return None if refusal is None else str(refusal)


def title_of(error: BaseException, default: str = UserError.title) -> str:
    """The title of the message box for a refusal: the error's own, else ``default``."""
    refusal = as_user_error(error)
    if refusal is not None and refusal.title != UserError.title:
        return refusal.title
    return default


_open_boxes: list[QMessageBox] = []
CLOSE_TEXT = "Đó&ng"
YES_TEXT, NO_TEXT = "&Có", "&Không"


def message_box(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A warning box with a Vietnamese «Đóng» button (Qt's own would say "OK")."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent
    )
    box.button(QMessageBox.StandardButton.Close).setText(CLOSE_TEXT)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def show_error(parent: QWidget | None, message: str, title: str = UserError.title) -> None:
    """A warning box that does not block (window-modal)."""
    box = message_box(parent, title, message)
    _open_boxes.append(box)  # keep it alive when it has no parent window
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    box.finished.connect(box.deleteLater)
    box.open()


def question_box(parent: QWidget | None, title: str, question: str) -> QMessageBox:
    """A yes/no question with Vietnamese buttons; «Không» is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(YES_TEXT)
    box.button(QMessageBox.StandardButton.No).setText(NO_TEXT)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question (blocking)."""
    return question_box(parent, title, question).exec() == QMessageBox.StandardButton.Yes


def attempt(parent: QWidget | None, action: Callable[[], T]) -> tuple[bool, T | None]:
    """Run a user action; a refused one shows its message. Returns (done, result)."""
    try:
        return True, action()
    except Exception as error:
        message = user_message(error)
        if message is None:
            raise
        log.info("Từ chối: %s", message)
        show_error(parent, message, title_of(error))
        return False, None


def error_report(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """The text of an unexpected-error report: what happened, where, on which system."""
    from app import __name__ as package  # noqa: PLC0415

    lines = [
        f"Chương trình: Thi đua DVCTT ({package})",
        f"Python {platform.python_version()}, {platform.platform()}",
        f"Lỗi: {kind.__name__}: {error}",
        "",
        *traceback.format_exception(kind, error, trace),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class ErrorReportDialog(QDialog):
    """An unexpected error: a short Vietnamese explanation and the report, with a copy button."""

    def __init__(self, report: str, log_path: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Lỗi không lường trước")
        layout = QVBoxLayout(self)
        where = f" Chi tiết đã được ghi vào {log_path}." if log_path else ""
        intro = QLabel(
            "Chương trình gặp một lỗi không lường trước. Dữ liệu đã lưu không bị ảnh hưởng: "
            "thao tác đang làm dở (nếu có) đã được hủy." + where + "\nXin gửi báo cáo dưới đây "
            "cho người hỗ trợ kỹ thuật (nút «Chép báo cáo»)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        layout.addWidget(close_and_copy(self, "&Chép báo cáo", self.text.toPlainText))
        self.resize(640, 420)

    def copy_report(self) -> None:
        copy_to_clipboard(self.text.toPlainText())


_open_reports: list[ErrorReportDialog] = []


def install_gui_excepthook(parent: Callable[[], QWidget | None], log_path: str | None) -> None:
    """Replace ``sys.excepthook``: refused actions → message; anything else → logged + report."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        message = user_message(error)
        if message is not None:
            log.info("Từ chối: %s", message)
            show_error(parent(), message, title_of(error))
            return
        log.critical("Lỗi không lường trước", exc_info=(kind, error, trace))
        if QApplication.instance() is None:
            traceback.print_exception(kind, error, trace, file=sys.stderr)
            return
        dialog = ErrorReportDialog(error_report(kind, error, trace), log_path, parent())
        _open_reports.append(dialog)  # keep it alive when it has no parent window
        dialog.finished.connect(lambda _result: _open_reports.remove(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    sys.excepthook = hook
