"""Cài đặt → Nhật ký thay đổi: every change (figures, nominations, ties, rules, settings), newest
first, filtered by text; the selected entry's old → new values below."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.scoring.numbers import format_int
from app.services import audit
from app.services.audit import action_label, audit_detail, audit_search_text, query_words
from app.services.records import AuditInfo
from app.ui.context import AppContext
from app.ui.models.base import Column, RecordTableModel
from app.ui.pages.settings_base import SettingsTab
from app.ui.widgets.table_view import TableView

SHOWN_ENTRIES = 5000  # newest entries read (the log of a year is far smaller)

AUDIT_COLUMNS: list[Column[AuditInfo]] = [
    Column("Thời điểm", lambda e: e.at.strftime("%d/%m/%Y %H:%M:%S"), lambda e: e.at),
    Column("Thao tác", lambda e: action_label(e.action), tip="Loại thay đổi"),
    Column("Đối tượng", lambda e: e.subject),
    Column("Kỳ", lambda e: e.period_name),
    Column("Nội dung", lambda e: e.summary),
]


class AuditTableModel(RecordTableModel[AuditInfo]):
    """Audit entries; ``filter(text)`` keeps those matching every word (accents ignored)."""

    def __init__(self) -> None:
        super().__init__(AUDIT_COLUMNS, key=lambda e: e.id)
        self.all: list[AuditInfo] = []
        self.texts: list[str] = []
        self.query = ""

    def set_entries(self, entries: Sequence[AuditInfo]) -> None:
        self.all = list(entries)
        self.texts = [audit_search_text(e) for e in self.all]  # folded once, filtered per key
        self.filter(self.query)

    def filter(self, query: str) -> None:
        self.query = query
        words = query_words(query)
        self.set_records(
            [
                e
                for e, text in zip(self.all, self.texts, strict=True)
                if all(w in text for w in words)
            ]
        )

    def extra_data(self, record: AuditInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column == len(self.columns) - 1:
            return "\n".join([record.summary, *detail_lines(record)])
        return None


class AuditTab(SettingsTab):
    TITLE = "Nhật ký thay đổi"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&Lọc:")
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(
            "gõ chữ cần tìm: tên đơn vị, loại thay đổi, ngày… (không cần dấu)"
        )
        label.setBuddy(self.filter)
        self.reload_button = QPushButton("Đọc &lại")
        self.count = QLabel()
        row.addWidget(label)
        row.addWidget(self.filter, 1)
        row.addWidget(self.count)
        row.addWidget(self.reload_button)
        layout.addLayout(row)

        self.model = AuditTableModel()
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Nhật ký thay đổi")
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Chi tiết thay đổi")
        self.detail.setPlaceholderText("Chọn một dòng để xem giá trị cũ → mới.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.filter.textChanged.connect(self.apply_filter)
        self.reload_button.clicked.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.loaded = False

    def first_focus(self) -> QWidget:
        return self.filter

    def refresh(self) -> None:
        self.model.set_entries(audit.list_audit(self.context.db, limit=SHOWN_ENTRIES))
        self.loaded = True
        self._count()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.resizeColumnsToContents()

    def apply_filter(self, text: str) -> None:
        self.model.filter(text)
        self._count()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.clear()

    def _count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all)
        self.count.setText(
            f"{format_int(shown)} mục"
            if shown == total
            else f"{format_int(shown)} / {format_int(total)} mục"
        )

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        self.detail.setPlainText(entry_text(self.model.record(current.row())))


def entry_text(entry: AuditInfo) -> str:
    head = f"{entry.at:%d/%m/%Y %H:%M:%S} · {action_label(entry.action)}"
    if entry.subject:
        head += f" · {entry.subject}"
    if entry.period_name:
        head += f" · kỳ «{entry.period_name}»"
    if entry.account:  # on a server: who did it
        head += f" · tài khoản «{entry.account}»"
    lines = [head, entry.summary]
    detail = detail_lines(entry)
    if detail:
        lines += ["", "Thay đổi (cũ → mới):", *(f"  {line}" for line in detail)]
    return "\n".join(lines)


def detail_lines(entry: AuditInfo) -> list[str]:
    """The changed fields, old → new, by their Vietnamese names (``audit.audit_detail``)."""
    return audit_detail(entry)
