"""Add or edit an individual nomination: name, position, unit, achievement, birth date, gender."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.dates import read_date, short_date
from app.services.records import NominationInfo
from app.ui.dialogs.base import SavingDialog

GENDERS = ("", "Nam", "Nữ")


@dataclass(frozen=True, slots=True)
class NominationValues:
    unit_code: str
    full_name: str
    position: str
    achievement_summary: str
    birth_date: dt.date | None
    gender: str | None


NominationSaver = Callable[[NominationValues], object]


class NominationDialog(SavingDialog):
    def __init__(
        self,
        units: Sequence[tuple[str, str]],
        nomination: NominationInfo | None,
        saver: NominationSaver,
        parent: QWidget | None = None,
        *,
        unit_code: str | None = None,
    ) -> None:
        super().__init__(
            "Sửa đề nghị khen thưởng" if nomination else "Thêm người được đề nghị khen thưởng",
            parent,
        )
        self.saver = saver
        form = QFormLayout()
        self.full_name = QLineEdit(nomination.full_name if nomination else "")
        self.position = QLineEdit(nomination.position if nomination else "")
        self.unit = QComboBox()
        self.unit.setEditable(False)
        for code, name in units:
            self.unit.addItem(name, code)
        wanted = nomination.unit_code if nomination else unit_code
        if wanted is not None and self.unit.findData(wanted) >= 0:
            self.unit.setCurrentIndex(self.unit.findData(wanted))
        self.summary = QPlainTextEdit(nomination.achievement_summary if nomination else "")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(90)
        self.birth_date = QLineEdit(short_date(nomination.birth_date) if nomination else "")
        self.birth_date.setPlaceholderText("ngày/tháng/năm, ví dụ 05/01/1990 (không bắt buộc)")
        self.gender = QComboBox()
        for gender in GENDERS:
            self.gender.addItem(gender or "(không ghi)", gender)
        if nomination and nomination.gender:
            self.gender.setCurrentIndex(self.gender.findData(nomination.gender))
        form.addRow("&Họ và tên", self.full_name)
        form.addRow("&Chức vụ", self.position)
        form.addRow("Đơ&n vị", self.unit)
        form.addRow("&Tóm tắt thành tích", self.summary)
        form.addRow("Ngày &sinh", self.birth_date)
        form.addRow("&Giới tính", self.gender)
        self.form_area.addLayout(form)
        self.resize(520, 380)
        self.full_name.setFocus()
        # A refusal is about what was typed then: changing a field takes it away.
        self.unit.currentIndexChanged.connect(lambda _i: self.clear_error())
        for edit in (self.full_name, self.position, self.birth_date):
            edit.textEdited.connect(lambda _t: self.clear_error())
        self.gender.currentIndexChanged.connect(lambda _i: self.clear_error())

    def values(self) -> NominationValues:
        """The typed values; DateError when the birth date is not a date (the service checks
        whether it is a plausible one)."""
        return NominationValues(
            unit_code=str(self.unit.currentData() or ""),
            full_name=self.full_name.text().strip(),
            position=self.position.text().strip(),
            achievement_summary=self.summary.toPlainText().strip(),
            birth_date=read_date(self.birth_date.text(), "Ngày sinh"),
            gender=self.gender.currentData() or None,
        )

    def save(self) -> object:
        return self.saver(self.values())
