"""Table views: sized to their content, and a spreadsheet-like one (copy/paste of cell blocks, its
first columns frozen while the others scroll)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

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
        self._fitted = False

    def fit_columns(self) -> None:
        self.resizeColumnsToContents()

    def keep_fitted(self) -> None:
        """Fit the columns now and again whenever the model's rows are replaced (an import,
        another period), so that names are never cut short until a restart."""
        self.fit_columns()
        if not self._fitted:
            self._fitted = True
            self._watch(self.model())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if self._fitted:
            self._watch(model)

    def _watch(self, model: QAbstractItemModel | None) -> None:
        if model is not None:
            model.modelReset.connect(self.fit_columns)

    def content_height(self, rows: int | None = None) -> int:
        """The height showing the header and ``rows`` rows (all by default) without scrolling."""
        model = self.model()
        count = model.rowCount() if rows is None and model is not None else (rows or 0)
        height = self.horizontalHeader().height() or self.horizontalHeader().sizeHint().height()
        height += count * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        return height


class SpreadsheetView(TableView):
    """Ctrl+C copies the selected cells as tab-separated text; Ctrl+V pastes such a block at the
    current cell (the model's ``paste(row, column, text)`` decides, all or nothing).
    ``freeze_columns(n)`` keeps the first n columns in place while the others scroll."""

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
        self.frozen: QTableView | None = None
        self.frozen_count = 0

    # --- frozen columns (the code and the name of the unit) ------------------------------------

    def freeze_columns(self, count: int) -> QTableView:
        """A view over the first ``count`` columns laid on top of this one: they stay while the
        rest scroll sideways; it shares the model and the selection."""
        frozen = QTableView(self)
        frozen.setObjectName("frozen-columns")
        frozen.setAccessibleName("Mã và tên đơn vị (cố định khi cuộn ngang)")
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        frozen.setFrameShape(QFrame.Shape.NoFrame)
        frozen.verticalHeader().hide()
        frozen.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.horizontalHeader().setHighlightSections(False)
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        frozen.setVerticalScrollMode(self.verticalScrollMode())
        frozen.setWordWrap(False)
        frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        frozen.setStyleSheet("QTableView#frozen-columns { border-right: 1px solid #9e9e9e; }")
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen = frozen
        self.frozen_count = count
        self.viewport().stackUnder(frozen)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalScrollBar().valueChanged.connect(frozen.verticalScrollBar().setValue)
        frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self._attach_frozen()
        frozen.show()
        return frozen

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if self.frozen is not None:
            self._attach_frozen()

    def _attach_frozen(self) -> None:
        frozen = self.frozen
        model = self.model()
        if frozen is None or model is None:
            return
        frozen.setModel(model)
        frozen.setSelectionModel(self.selectionModel())
        for signal in (model.modelReset, model.layoutChanged, model.columnsInserted):
            signal.connect(self._sync_frozen)
        self._sync_frozen()

    def _sync_frozen(self, *_args: object) -> None:
        frozen = self.frozen
        model = self.model()
        if frozen is None or model is None:
            return
        for column in range(model.columnCount()):
            frozen.setColumnHidden(column, column >= self.frozen_count)
            if column < self.frozen_count:
                frozen.setColumnWidth(column, self.columnWidth(column))
        self._place_frozen()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if self.frozen is not None and column < self.frozen_count:
            self.frozen.setColumnWidth(column, new)
            self._place_frozen()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen_count))

    def _place_frozen(self) -> None:
        frozen = self.frozen
        if frozen is None:
            return
        frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.frozen_width(),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def fit_columns(self) -> None:
        super().fit_columns()
        self._sync_frozen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self._place_frozen()
        return handled

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        # A cell right of the frozen columns is scrolled into view beside them, not under them.
        if index.column() >= self.frozen_count or self.frozen is None:
            super().scrollTo(index, hint)
            if self.frozen is not None and index.isValid() and index.column() >= self.frozen_count:
                hidden = self.frozen_width() - self.columnViewportPosition(index.column())
                if hidden > 0:
                    bar = self.horizontalScrollBar()
                    bar.setValue(bar.value() - hidden)

    # --- copy and paste ------------------------------------------------------------------------

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
