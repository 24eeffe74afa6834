"""Cài đặt → Phong trào (name, year, plan) and Kỳ số liệu (add, edit dates, mark final)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.dates import DateError, read_date, short_date
from app.services import campaigns
from app.services.records import CampaignInfo, PeriodInfo
from app.ui import style
from app.ui.context import AppContext
from app.ui.models.base import CENTER, Column, RecordTableModel
from app.ui.pages.settings_base import SettingsTab
from app.ui.widgets.table_view import TableView

DATE_FORMAT = "dd/MM/yyyy"


class CampaignTab(SettingsTab):
    TITLE = "Phong trào"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setMaximumWidth(100)
        self.plan_number = QLineEdit()
        self.plan_number.setPlaceholderText("ví dụ 123/KH-UBND")
        self.plan_date = QLineEdit()
        self.plan_date.setPlaceholderText("ngày/tháng/năm, ví dụ 21/08/2023 (để trống nếu chưa có)")
        self.issuing_body = QLineEdit()
        form.addRow("&Tên phong trào thi đua", self.name)
        form.addRow("&Năm", self.year)
        form.addRow("&Số kế hoạch", self.plan_number)
        form.addRow("Ngày &kế hoạch", self.plan_date)
        form.addRow("&Cơ quan ban hành", self.issuing_body)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Lưu thông tin phong trào")
        self.revert_button = QPushButton("&Hoàn tác")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        note = style.hint(
            QLabel("Số và ngày kế hoạch được in trong tờ trình, biên bản và giấy khen.")
        )
        layout.addWidget(note)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)

    def first_focus(self) -> QWidget:
        return self.name

    def refresh(self) -> None:
        info = campaigns.get_campaign(self.context.db, self.context.campaign.id)
        self.name.setText(info.name)
        self.year.setValue(info.year)
        self.plan_number.setText(info.plan_number)
        self.plan_date.setText(short_date(info.plan_date))
        self.issuing_body.setText(info.issuing_body)
        self.say("")

    def save(self) -> CampaignInfo | None:
        try:
            plan_date = read_date(self.plan_date.text(), "Ngày kế hoạch")
        except DateError as error:
            self.say(str(error), error=True)
            return None
        changes: dict[str, Any] = {
            "name": self.name.text(),
            "year": self.year.value(),
            "plan_number": self.plan_number.text().strip(),
            "plan_date": plan_date,
            "issuing_body": self.issuing_body.text().strip(),
        }
        current = campaigns.get_campaign(self.context.db, self.context.campaign.id)
        changes = {k: v for k, v in changes.items() if getattr(current, k) != v}
        if not changes:  # nothing to record in the audit log
            self.say("Không có gì thay đổi.")
            return current
        done, info = self.attempt(
            lambda: campaigns.update_campaign(self.context.db, self.context.campaign.id, **changes)
        )
        if not done or info is None:
            return None
        self.context.campaign = info
        self.context.refresh()
        self.say("Đã lưu thông tin phong trào.")
        return info


PERIOD_COLUMNS: list[Column[PeriodInfo]] = [
    Column("Tên kỳ", lambda p: p.name),
    Column("Từ ngày", lambda p: short_date(p.start_date), lambda p: p.start_date, CENTER),
    Column("Đến ngày", lambda p: short_date(p.end_date), lambda p: p.end_date, CENTER),
    Column(
        "Kỳ tổng kết",
        lambda p: "✔ tổng kết" if p.is_final else "",
        lambda p: p.is_final,
        CENTER,
        "Kỳ tổng kết quyết định khen thưởng",
    ),
]


class PeriodsTableModel(RecordTableModel[PeriodInfo]):
    def __init__(self) -> None:
        super().__init__(PERIOD_COLUMNS, key=lambda p: p.id)

    def extra_data(self, record: PeriodInfo, column: int, role: int) -> Any:
        if record.is_final and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMaximumWidth(160)
    return edit


class PeriodsTab(SettingsTab):
    TITLE = "Kỳ số liệu"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Một phong trào có thể có nhiều kỳ số liệu (sơ kết, tổng kết). Kỳ tổng kết quyết "
            "định khen thưởng. Chọn kỳ đang xem ở thanh trạng thái dưới cửa sổ."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = PeriodsTableModel()
        self.table = TableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Các kỳ số liệu")
        layout.addWidget(self.table, 1)

        box = QGroupBox("Kỳ đang chọn / kỳ mới")
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.start = _date_edit()
        self.end = _date_edit()
        form.addRow("&Tên kỳ", self.name)
        form.addRow("Từ &ngày", self.start)
        form.addRow("Đến n&gày", self.end)
        layout.addWidget(box)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Thêm kỳ mới")
        self.update_button = QPushButton("&Lưu sửa đổi kỳ đang chọn")
        self.final_button = QPushButton("Chọn làm kỳ tổn&g kết")
        for button in (self.add_button, self.update_button, self.final_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add_period)
        self.update_button.clicked.connect(self.update_period)
        self.final_button.clicked.connect(self.mark_final)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

    def first_focus(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        chosen = self.selected()
        self.model.set_records(campaigns.list_periods(self.context.db, self.context.campaign.id))
        self.select(chosen.id if chosen is not None else self.context.period.id)
        self.table.fit_columns()
        self._update_buttons()

    def selected(self) -> PeriodInfo | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, period_id: int) -> None:
        row = self.model.row_of(period_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            period = self.model.record(current.row())
            self.name.setText(period.name)
            self.start.setDate(_qdate(period.start_date))
            self.end.setDate(_qdate(period.end_date))
        self._update_buttons()

    def _update_buttons(self) -> None:
        period = self.selected()
        self.update_button.setEnabled(period is not None)
        self.final_button.setEnabled(period is not None and not period.is_final)

    def _changed(self, period: PeriodInfo, text: str) -> None:
        """Periods changed: the context reads them again, every page redraws."""
        self.context.reload_periods()
        current = [p for p in self.context.periods if p.id == self.context.period.id]
        if current:
            self.context.period = current[0]
        self.context.refresh()
        self.refresh()
        self.select(period.id)
        self.say(text)

    def add_period(self) -> PeriodInfo | None:
        name, start, end = self.name.text(), _pydate(self.start.date()), _pydate(self.end.date())
        done, period = self.attempt(
            lambda: campaigns.add_period(
                self.context.db, self.context.campaign.id, name, start, end
            )
        )
        if done and period is not None:
            self._changed(period, f"Đã thêm kỳ «{period.name}».")
        return period

    def update_period(self) -> PeriodInfo | None:
        chosen = self.selected()
        if chosen is None:
            return None
        name, start, end = self.name.text(), _pydate(self.start.date()), _pydate(self.end.date())
        if (name.strip(), start, end) == (chosen.name, chosen.start_date, chosen.end_date):
            self.say("Không có gì thay đổi.")
            return chosen
        done, period = self.attempt(
            lambda: campaigns.update_period(
                self.context.db, chosen.id, name=name, start_date=start, end_date=end
            )
        )
        if done and period is not None:
            self._changed(period, f"Đã lưu kỳ «{period.name}».")
        return period

    def mark_final(self) -> PeriodInfo | None:
        chosen = self.selected()
        if chosen is None:
            return None
        done, period = self.attempt(lambda: campaigns.set_final_period(self.context.db, chosen.id))
        if done and period is not None:
            self._changed(
                period, f"Kỳ «{period.name}» là kỳ tổng kết: khen thưởng theo số liệu kỳ này."
            )
        return period
