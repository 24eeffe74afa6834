"""Table views: sized to their content, and a spreadsheet-like one (copy/paste of cell blocks)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

CONTENT_SAMPLE_ROWS = 200  # rows measured when fitting columns (fast with 10,000 units)


class TableView(QTableView):
    """Whole-row selection off by default, columns fitted to content, last column stretched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (sensible tab order)
        header = self.horizontalHeader()
        header.setResizeContentsPrecision(CONTENT_SAMPLE_ROWS)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()


class SpreadsheetView(TableView):
    """Ctrl+C copies the selected cells as tab-separated text; Ctrl+V pastes such a block at the
    current cell (the model's ``paste(row, column, text)`` decides, all or nothing)."""

    pasted = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)  # like a spreadsheet: Tab moves to the next cell

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> str:
        model = self.model()
        copy = getattr(model, "copy_text", None)
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if copy is None or not indexes:
            return ""
        text: str = copy(sorted(indexes, key=lambda i: (i.row(), i.column())))
        QGuiApplication.clipboard().setText(text)
        return text

    def paste_clipboard(self) -> bool:
        return self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> bool:
        model = self.model()
        paste = getattr(model, "paste", None)
        current = self.currentIndex()
        if paste is None or not text or not current.isValid():
            return False
        done = bool(paste(current.row(), current.column(), text))
        self.pasted.emit(done)
        return done
