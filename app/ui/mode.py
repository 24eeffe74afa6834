"""Who uses this database: the district office (Phòng Văn hóa và Thông tin, every unit, every page)
or one commune/town (commune mode: only its own unit).

The choice is asked on first start and kept in the preferences .ini beside the database (as the
Văn bản page keeps its output folder), per database file; Cài đặt → «Chế độ sử dụng» changes it.

In commune mode a clerk prepares and sends the unit's own figures, so the window shows:
- Đơn vị, Số liệu: only that unit (its profile and its five figures);
- Khen thưởng: only its nominations and quota, the collective awards hidden (the district's
  council decides them; the quota shown is provisional, from the figures on this computer);
- Nhập / Xuất: its figures and nominations in, its package out (templates too);
- Xếp hạng and Văn bản hidden (a ranking of one unit against nobody's figures would mislead,
  and the award documents are the district's);
- Cài đặt: periods, backup and audit log, and «Chế độ sử dụng»; the campaign details, rule set
  and document settings (the district's) are hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.scoring import UnitKind
from app.services import units as units_service
from app.ui.context import AppContext
from app.ui.models.base import KEY_ROLE, RecordTableModel
from app.ui.pages.documents import app_settings

if TYPE_CHECKING:
    from app.ui.window import MainWindow

log = logging.getLogger("thidua.ui")

SETTINGS_GROUP = "che-do"
DISTRICT_VALUE = "huyen"
DISTRICT_LABEL = "Phòng Văn hóa và Thông tin (cấp huyện)"
# Pages a commune does not see, and Cài đặt tabs that are the district's.
DISTRICT_PAGES = ("xep-hang", "van-ban")
DISTRICT_TABS = ("campaign_tab", "rules_tab", "documents_tab")


@dataclass(frozen=True, slots=True)
class Mode:
    """``unit_code`` None: the district office; else the commune/town whose clerk uses it."""

    unit_code: str | None = None
    unit_name: str = ""

    @property
    def is_district(self) -> bool:
        return self.unit_code is None

    @property
    def label(self) -> str:
        if self.unit_code is None:
            return DISTRICT_LABEL
        return f"{self.unit_name} ({self.unit_code})" if self.unit_name else self.unit_code


DISTRICT = Mode()


# --- storing the choice ----------------------------------------------------------------------


def _key(db_path: Path) -> str:
    return f"{SETTINGS_GROUP}/{Path(db_path).stem}"


def stored_mode(db_path: Path) -> Mode | None:
    """The mode chosen for this database, or None when none was chosen yet."""
    value = app_settings(Path(db_path)).value(_key(db_path))
    if value is None or str(value) == "":
        return None
    text = str(value)
    if text == DISTRICT_VALUE:
        return DISTRICT
    code, _sep, name = text.partition("|")
    return Mode(code, name)


def store_mode(db_path: Path, mode: Mode) -> None:
    value = DISTRICT_VALUE if mode.unit_code is None else f"{mode.unit_code}|{mode.unit_name}"
    settings = app_settings(Path(db_path))
    settings.setValue(_key(db_path), value)
    settings.sync()
    log.info("Chế độ sử dụng: %s", mode.label)


def commune_choices(context: AppContext) -> list[tuple[str, str]]:
    """(code, name) of the active communes and towns, in register order."""
    return [
        (u.code, u.name)
        for u in units_service.list_units(context.db, active_only=True)
        if u.kind in (UnitKind.XA, UnitKind.THI_TRAN)
    ]


def checked_mode(context: AppContext, mode: Mode | None) -> Mode | None:
    """``mode`` when its unit still exists (with its current name), else None (ask again)."""
    if mode is None or mode.unit_code is None:
        return mode
    names = dict(commune_choices(context))
    if mode.unit_code not in names:
        return None
    return Mode(mode.unit_code, names[mode.unit_code])


# --- choosing --------------------------------------------------------------------------------


class ModeDialog(QDialog):
    """District office or one commune/town."""

    def __init__(
        self,
        choices: list[tuple[str, str]],
        current: Mode | None = None,
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chọn chế độ sử dụng")
        layout = QVBoxLayout(self)
        intro = QLabel(
            (
                "<b>Lần đầu dùng chương trình với dữ liệu này.</b> "
                if first_start
                else "<b>Đổi chế độ sử dụng.</b> "
            )
            + "Ai dùng chương trình trên máy này?"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.district_button = QRadioButton("&" + DISTRICT_LABEL)
        district_note = QLabel(
            "Chấm điểm, xếp hạng cả 15 xã, thị trấn; nhập số liệu, tệp hồ sơ, gói số liệu của "
            "các xã; lập hồ sơ khen thưởng."
        )
        self.commune_button = QRadioButton("&Xã, thị trấn:")
        self.unit_box = QComboBox()
        self.unit_box.setAccessibleName("Xã, thị trấn sử dụng chương trình")
        for code, name in choices:
            self.unit_box.addItem(f"{name} ({code})", code)
        commune_note = QLabel(
            "Chỉ thấy đơn vị của mình: nhập số liệu và danh sách đề nghị khen thưởng, xuất gói "
            "số liệu gửi Phòng Văn hóa và Thông tin."
        )
        for note in (district_note, commune_note):
            note.setWordWrap(True)
            note.setStyleSheet("color: #555; margin-left: 22px;")
        self.group = QButtonGroup(self)
        self.group.addButton(self.district_button)
        self.group.addButton(self.commune_button)
        layout.addWidget(self.district_button)
        layout.addWidget(district_note)
        row = QHBoxLayout()
        row.addWidget(self.commune_button)
        row.addWidget(self.unit_box, 1)
        layout.addLayout(row)
        layout.addWidget(commune_note)
        later = QLabel("Có thể đổi lại ở trang Cài đặt → Chế độ sử dụng.")
        later.setStyleSheet("color: #555;")
        layout.addWidget(later)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Đồng ý")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if not choices:
            self.commune_button.setEnabled(False)
        if current is not None and current.unit_code is not None:
            self.commune_button.setChecked(True)
            self.unit_box.setCurrentIndex(max(self.unit_box.findData(current.unit_code), 0))
        else:
            self.district_button.setChecked(True)
        self.commune_button.toggled.connect(self.unit_box.setEnabled)
        self.unit_box.setEnabled(self.commune_button.isChecked())
        self.unit_box.activated.connect(lambda _i: self.commune_button.setChecked(True))

    def choose_commune(self, code: str) -> None:
        self.commune_button.setChecked(True)
        self.unit_box.setCurrentIndex(self.unit_box.findData(code))

    def mode(self) -> Mode:
        if self.commune_button.isChecked() and self.unit_box.currentIndex() >= 0:
            text = self.unit_box.currentText()
            code = str(self.unit_box.currentData())
            return Mode(code, text.removesuffix(f" ({code})"))
        return DISTRICT


def ask_mode(
    context: AppContext, parent: QWidget | None = None, *, first_start: bool = False
) -> Mode | None:
    """The mode dialog (blocking); None when cancelled. Tests replace this."""
    current = checked_mode(context, stored_mode(context.db.path))
    dialog = ModeDialog(commune_choices(context), current, parent, first_start=first_start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.mode()


def startup_mode(context: AppContext, *, interactive: bool = True) -> Mode:
    """The mode to open the window in: the stored one, else (first start) the user's choice,
    stored. Without a user (``--screenshot``) or when the question is cancelled: district,
    asked again next time."""
    mode = checked_mode(context, stored_mode(context.db.path))
    if mode is not None:
        return mode
    if not interactive:
        return DISTRICT
    chosen = ask_mode(context, None, first_start=True)
    if chosen is None:
        return DISTRICT
    store_mode(context.db.path, chosen)
    return chosen


# --- applying --------------------------------------------------------------------------------


class RowFilter(QObject):
    """Hides the rows of a table view that ``keep(source_model, source_row)`` refuses, again after
    every reset, sort or insertion of its model."""

    def __init__(
        self, view: QTableView, keep: Callable[[RecordTableModel[object], int], bool]
    ) -> None:
        super().__init__(view)
        self.view = view
        self.keep = keep
        model = view.model()
        self.model = model
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.apply)
        self.apply()

    def _source(self, row: int) -> tuple[RecordTableModel[object], int] | None:
        model = self.model
        index = model.index(row, 0)
        if isinstance(model, QSortFilterProxyModel):
            index = model.mapToSource(index)
            model = model.sourceModel()
        if not isinstance(model, RecordTableModel) or not index.isValid():
            return None
        return model, index.row()

    def apply(self, *_args: object) -> None:
        for row in range(self.model.rowCount()):
            found = self._source(row)
            self.view.setRowHidden(row, found is not None and not self.keep(*found))

    def remove(self) -> None:
        for signal in (self.model.modelReset, self.model.layoutChanged, self.model.rowsInserted):
            signal.disconnect(self.apply)
        for row in range(self.model.rowCount()):
            self.view.setRowHidden(row, False)
        self.deleteLater()


def _key_is(code: str) -> Callable[[RecordTableModel[object], int], bool]:
    def keep(model: RecordTableModel[object], row: int) -> bool:
        return bool(model.index(row, 0).data(KEY_ROLE) == code)

    return keep


def _unit_is(code: str) -> Callable[[RecordTableModel[object], int], bool]:
    def keep(model: RecordTableModel[object], row: int) -> bool:
        return getattr(model.record(row), "unit_code", None) == code

    return keep


class ModeTab(QWidget):
    """Cài đặt → «Chế độ sử dụng»: the current mode and a button to change it."""

    TITLE = "Chế độ sử dụng"

    def __init__(self, controller: ModeController) -> None:
        super().__init__()
        self.controller = controller
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.change_button = QPushButton("Đổi &chế độ…")
        self.change_button.clicked.connect(lambda _checked=False: controller.change())
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_mode(self, mode: Mode) -> None:
        if mode.is_district:
            text = (
                f"Chương trình đang dùng ở chế độ <b>{DISTRICT_LABEL}</b>: mọi đơn vị, mọi trang."
            )
        else:
            text = (
                f"Chương trình đang dùng ở chế độ <b>đơn vị: {mode.label}</b>. Chỉ thấy số liệu, "
                "đề nghị khen thưởng của đơn vị; trang Xếp hạng, Văn bản và các phần cài đặt của "
                "huyện (đợt thi đua, bộ quy tắc, văn bản) được ẩn."
            )
        self.label.setText(text)

    def first_focus(self) -> QWidget:
        return self.change_button


class ModeController(QObject):
    """Applies a mode to the window (and undoes it); one per window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.mode = DISTRICT
        self.filters: list[RowFilter] = []
        self.banners: list[QLabel] = []
        settings = window.pages["cai-dat"]
        self.tab = ModeTab(self)
        tabs = getattr(settings, "tabs", None)
        if tabs is not None:
            tabs.addTab(self.tab, f"&{tabs.count() + 1} {ModeTab.TITLE}")

    def change(self) -> Mode | None:
        """Ask for a mode (Cài đặt → Chế độ sử dụng) and apply it."""
        chosen = ask_mode(self.window.context, self.window)
        if chosen is None:
            return None
        store_mode(self.window.context.db.path, chosen)
        self.apply(chosen)
        return chosen

    def apply(self, mode: Mode) -> None:
        window = self.window
        context = window.context
        self.mode = mode
        code = mode.unit_code
        for row_filter in self.filters:
            row_filter.remove()
        self.filters = []
        for banner in self.banners:
            banner.deleteLater()
        self.banners = []

        context.unit_filter = code
        for slug in DISTRICT_PAGES:
            window.set_page_visible(slug, code is None)
        settings = window.pages["cai-dat"]
        tabs = getattr(settings, "tabs", None)
        if tabs is not None:
            for name in DISTRICT_TABS:
                tab = getattr(settings, name, None)
                if tab is not None:
                    tabs.setTabVisible(tabs.indexOf(tab), code is None)
        if tabs is not None:
            number = 0
            for index in range(tabs.count()):  # keep the Alt+digit numbers in order
                if tabs.isTabVisible(index):
                    number += 1
                    title = getattr(tabs.widget(index), "TITLE", "") or tabs.tabText(index)
                    tabs.setTabText(index, f"&{number} {title}")
        self.tab.show_mode(mode)

        units = window.pages["don-vi"]
        figures = window.pages["so-lieu"]
        awards = window.pages["khen-thuong"]
        exchange = window.pages["nhap-xuat"]
        for name in ("add_button", "toggle_button", "delete_button", "show_inactive"):
            widget = getattr(units, name, None)
            if isinstance(widget, QWidget):
                widget.setVisible(code is None)
        awards_table = getattr(awards, "awards_table", None)
        collective = awards_table.parentWidget() if isinstance(awards_table, QWidget) else None
        if collective is not None:
            collective.setVisible(code is None)  # the collective awards: the council's
        set_unit_mode = getattr(exchange, "set_unit_mode", None)
        if callable(set_unit_mode):
            set_unit_mode(code, mode.unit_name)

        if code is not None:
            for page, attribute, keep in (
                (units, "table", _key_is(code)),
                (figures, "table", _key_is(code)),
                (awards, "quota_table", _key_is(code)),
                (awards, "nominations_table", _unit_is(code)),
            ):
                view = getattr(page, attribute, None)
                if isinstance(view, QAbstractItemView) and isinstance(view, QTableView):
                    self.filters.append(RowFilter(view, keep))
            self._banner(
                awards,
                f"Chế độ đơn vị: {mode.label}. Chỉ tiêu khen thưởng cá nhân ở đây tạm tính theo "
                "số liệu trên máy này; Hội đồng Thi đua - Khen thưởng huyện xét chính thức.",
            )
            self._banner(
                figures,
                f"Chế độ đơn vị: {mode.label}. Nhập số liệu của đơn vị, rồi sang trang Nhập / "
                "Xuất để xuất gói số liệu gửi Phòng Văn hóa và Thông tin.",
            )
            select_unit = getattr(awards, "select_unit", None)
            if callable(select_unit):
                select_unit(code)
            window.title_suffix = mode.label
        else:
            window.title_suffix = ""
        window.ranking_label.setVisible(code is None)
        context.changed.emit()  # every page redraws for the new mode
        log.info("Áp dụng chế độ: %s", mode.label)

    def _banner(self, page: QWidget, text: str) -> None:
        body = getattr(page, "body", None)
        if body is None:
            return
        banner = QLabel(text)
        banner.setObjectName("mode-banner")
        banner.setWordWrap(True)
        banner.setStyleSheet(
            "QLabel { background: #e8f0fe; border: 1px solid #9ab7e8; padding: 4px; }"
        )
        body.insertWidget(1, banner)
        self.banners.append(banner)


def install_mode(window: MainWindow) -> ModeController:
    """Give the window its mode controller and apply the mode stored for its database."""
    controller = ModeController(window)
    mode = checked_mode(window.context, stored_mode(window.context.db.path))
    if mode is not None and not mode.is_district:
        controller.apply(mode)
    else:
        controller.tab.show_mode(DISTRICT)
    return controller


def controller_of(window: QWidget) -> ModeController | None:
    found = window.findChild(ModeController)
    return found if isinstance(found, ModeController) else None


__all__ = [
    "DISTRICT",
    "Mode",
    "ModeController",
    "ModeDialog",
    "ask_mode",
    "controller_of",
    "install_mode",
    "startup_mode",
    "store_mode",
    "stored_mode",
]
