"""The «Nộp thay» panel of Xếp hạng: for the selected unit, its portal accounts (marked ones first)
with dossiers, owners, procedures, days and share, a chart of dossiers per account, and the
district's registered official accounts; the «Bằng chứng nộp thay» report is written from here.

The evidence is read once per period and change (``invalidate``), and only while the panel is
shown, so the ordinary ranking never waits for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.scoring.numbers import format_int, format_percent
from app.scoring.proxy import FLAGGED_LABEL, ProxyEvidence, UnitProxyEvidence
from app.scoring.proxy_text import ACCOUNT_HEADER, account_row
from app.services.official_accounts import add_official_account, import_official_accounts
from app.services.proxy import period_evidence
from app.services.proxy_report import write_proxy_report
from app.ui.context import AppContext
from app.ui.errors import show_error
from app.ui.style import ERROR_BACKGROUND
from app.ui.widgets.charts import Bar, BarChart
from app.ui.wizards.files import TABLE_FILTER

MARKED = "nop_thay"  # the bar colour of a marked account (app.ui.style.TIER_COLOURS)


class ProxyPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._evidence: ProxyEvidence | None = None
        self.code: str | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(ACCOUNT_HEADER))
        self.table.setHorizontalHeaderLabels(list(ACCOUNT_HEADER))
        self.table.setAccessibleName("Tài khoản nộp hồ sơ của đơn vị")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.chart = BarChart()
        self.chart.title = "Hồ sơ trực tuyến theo tài khoản"
        self.chart.setAccessibleName("Biểu đồ hồ sơ theo tài khoản nộp")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.official_button = QPushButton("Đăng ký là tài khoản &cán bộ")
        self.official_button.setToolTip("Tài khoản đang chọn là của cán bộ một cửa của đơn vị")
        self.official_button.clicked.connect(self.register_selected)
        self.import_button = QPushButton("Nhập danh sách tài khoản cán bộ…")
        self.import_button.clicked.connect(self.import_file)
        self.report_button = QPushButton("Xuất &bằng chứng nộp thay…")
        self.report_button.clicked.connect(self.export_report)
        buttons = QHBoxLayout()
        for button in (self.official_button, self.import_button, self.report_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    # --- data ----------------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Forget the evidence read (the figures, the period or the accounts changed)."""
        self._evidence = None
        if self.isVisible():
            self.set_unit(self.code)

    def evidence(self) -> ProxyEvidence:
        if self._evidence is None or self._evidence.period_id != self.context.period.id:
            self._evidence = period_evidence(self.context.db, self.context.period.id)
        return self._evidence

    def unit(self) -> UnitProxyEvidence | None:
        if self.code is None:
            return None
        try:
            return self.evidence().unit(self.code)
        except KeyError:
            return None

    # --- view ----------------------------------------------------------------------------------

    def set_unit(self, code: str | None) -> None:
        self.code = code
        unit = self.unit()
        self.table.setRowCount(0)
        if unit is None:
            self.summary.setText("Chọn một xã, thị trấn trong bảng xếp hạng.")
            self.chart.set_bars([], 1)
            self.note.setText("")
            return
        e = unit.evidence
        self.summary.setText(
            f"<b>{unit.name}</b>: {format_int(e.online)} hồ sơ trực tuyến, "
            f"{format_int(e.account_count)} tài khoản nộp; {format_int(len(e.flagged))} tài "
            f"khoản {FLAGGED_LABEL}, {format_int(e.proxy_dossiers)} hồ sơ nộp thay "
            f"({format_percent(e.proxy_share)})."
        )
        self.table.setRowCount(len(e.accounts))
        for row, account in enumerate(e.accounts):
            for column, text in enumerate(account_row(account)):
                item = QTableWidgetItem(text)
                if account.flagged:
                    item.setBackground(QColor(ERROR_BACKGROUND))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        bars = [
            Bar(
                a.account,
                a.account,
                float(a.dossiers),
                format_int(a.dossiers),
                MARKED if a.flagged else None,
            )
            for a in e.accounts
        ]
        self.chart.set_bars(bars, float(max((a.dossiers for a in e.accounts), default=1)))
        others, dossiers = e.others
        notes = []
        if others:
            notes.append(
                f"Ngoài ra {format_int(others)} tài khoản khác nộp {format_int(dossiers)} hồ sơ."
            )
        if not e.owners_known:
            notes.append("Tệp hồ sơ không có cột chủ hồ sơ: chỉ đánh dấu được tài khoản cán bộ.")
        self.note.setText(" ".join(notes))

    def selected_account(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return None if item is None else item.text()

    # --- actions -------------------------------------------------------------------------------

    def register_selected(self) -> None:
        account = self.selected_account()
        if self.code is None or account is None:
            show_error(self, "Hãy chọn một tài khoản trong bảng.")
            return
        try:
            add_official_account(self.context.db, self.code, account)
        except UserError as error:
            show_error(self, str(error))
            return
        self.context.refresh()

    def import_file(self, path: Path | None = None) -> int:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Nhập danh sách tài khoản cán bộ", "", TABLE_FILTER
            )
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            added = import_official_accounts(self.context.db, path)
        except UserError as error:
            show_error(self, str(error))
            return 0
        self.context.refresh()
        return added

    def export_report(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                "Xuất bằng chứng nộp thay",
                "bang-chung-nop-thay.pdf",
                "PDF (*.pdf);;Word (*.docx);;Excel (*.xlsx)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            return write_proxy_report(self.context.db, self.context.period.id, path)
        except UserError as error:
            show_error(self, str(error))
            return None
