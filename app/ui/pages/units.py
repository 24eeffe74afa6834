"""Đơn vị: the unit register. Add, edit the profile, deactivate. A unit with figures or nominations
is never deleted (the service refuses; it can only be made inactive, its history kept); a unit
added by mistake and never used can be."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from app.scoring import UnitKind
from app.services import units as units_service
from app.services.records import UnitInfo
from app.ui.context import AppContext, Mode
from app.ui.dialogs.unit_dialog import UnitDialog
from app.ui.errors import ask, attempt
from app.ui.models.base import SORT_ROLE
from app.ui.models.units_model import UnitsTableModel
from app.ui.pages.base import Page
from app.ui.widgets.table_view import TableView


class UnitsPage(Page):
    SLUG = "don-vi"
    TITLE = "Đơn vị"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = UnitsTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = TableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_unit())
        self.table.setAccessibleName("Danh sách đơn vị")

        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Thêm đơn vị…")
        self.edit_button = QPushButton("&Sửa…")
        self.toggle_button = QPushButton("&Ngừng hoạt động")
        self.delete_button = QPushButton("&Xóa")
        self.delete_button.setToolTip(
            "Chỉ xóa được đơn vị chưa có số liệu và đề nghị khen thưởng nào; đơn vị đã có thì cho "
            "ngừng hoạt động."
        )
        self.show_inactive = QCheckBox("&Hiện cả đơn vị ngừng hoạt động")
        self.show_inactive.setChecked(True)
        for button in (self.add_button, self.edit_button, self.toggle_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_inactive)
        self.body.addLayout(buttons)
        self.body.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.edit_unit)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete_unit)
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.dialog: UnitDialog | None = None
        self.refresh()
        self.table.fit_columns()

    def first_focus(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        units = units_service.list_units(
            self.context.db, active_only=not self.show_inactive.isChecked()
        )
        mode = self.context.mode
        self.model.set_records([u for u in units if mode.shows(u.code)])
        self._update_buttons()

    def apply_mode(self, mode: Mode) -> None:
        """Commune mode: only the unit's own profile; the register is the district's."""
        for widget in (self.add_button, self.toggle_button, self.delete_button, self.show_inactive):
            widget.setVisible(mode.is_district)

    def selected(self) -> UnitInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row is not None:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _update_buttons(self, *_args: QModelIndex) -> None:
        unit = self.selected()
        self.edit_button.setEnabled(unit is not None)
        self.toggle_button.setEnabled(unit is not None)
        self.delete_button.setEnabled(unit is not None)
        self.toggle_button.setText(
            "Cho hoạt động &lại" if unit is not None and not unit.active else "&Ngừng hoạt động"
        )

    def _open(self, unit: UnitInfo | None) -> UnitDialog:
        def saver(code: str, name: str, kind: UnitKind, profile: dict[str, Any]) -> UnitInfo:
            if unit is None:
                return units_service.add_unit(self.context.db, code, name, kind, **profile)
            return units_service.update_unit(
                self.context.db, unit.code, name=name, kind=kind, **profile
            )

        dialog = UnitDialog(unit, saver, self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: UnitDialog) -> None:
        self.context.refresh()
        if isinstance(dialog.saved, UnitInfo):
            self.select(dialog.saved.code)

    def add_unit(self) -> UnitDialog:
        return self._open(None)

    def edit_unit(self) -> UnitDialog | None:
        unit = self.selected()
        return None if unit is None else self._open(unit)

    def toggle_active(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        if unit.active and not ask(
            self,
            "Ngừng hoạt động",
            f"Cho {unit.name} ngừng hoạt động?\n\nĐơn vị không bị xóa: số liệu và đề nghị khen "
            "thưởng đã có vẫn được giữ, nhưng đơn vị không còn được chấm điểm, xếp hạng.",
        ):
            return
        done, _ = attempt(
            self,
            lambda: units_service.update_unit(self.context.db, unit.code, active=not unit.active),
        )
        if done:
            self.context.refresh()
            self.select(unit.code)

    def delete_unit(self) -> None:
        """Delete a unit never used (the service refuses one with figures or nominations)."""
        unit = self.selected()
        if unit is None or not ask(
            self, "Xóa đơn vị", f"Xóa hẳn {unit.name} ({unit.code}) khỏi danh sách đơn vị?"
        ):
            return
        done, _ = attempt(self, lambda: units_service.delete_unit(self.context.db, unit.code))
        if done:
            self.context.refresh()
