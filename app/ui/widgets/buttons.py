"""Button rows the dialogs and pages share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QToolButton,
    QWidget,
)


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


def add_undo_buttons(owner: QWidget, stack: QUndoStack, row: QBoxLayout) -> tuple[QAction, QAction]:
    """«Hoàn tác» (Ctrl+Z) and «Làm lại» (Ctrl+Y, Ctrl+Shift+Z) of ``stack``: actions of ``owner``
    (their keys work while it or a child has the focus) and text buttons added to ``row``."""
    undo = stack.createUndoAction(owner, "&Hoàn tác")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = stack.createRedoAction(owner, "&Làm lại")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        row.addWidget(button)
    return undo, redo
