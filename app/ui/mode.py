"""Who uses this database: the district office (Phòng Văn hóa và Thông tin, every unit, every page)
or one commune/town (commune mode: only its own unit).

The choice is asked on first start and kept in the preferences .ini beside the database, per
database file; Cài đặt → «Chế độ sử dụng» changes it. The mode is held by the context
(``AppContext.mode``, ``set_mode``); each page shows what the mode lets it show in its own
``apply_mode``, and the window hides the district's pages. In commune mode a clerk prepares and
sends the unit's own figures, so the window shows:
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
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services import commune
from app.ui import style
from app.ui.context import DISTRICT, DISTRICT_LABEL, AppContext, Mode
from app.ui.preferences import app_settings

log = logging.getLogger("thidua.ui")

SETTINGS_GROUP = "che-do"
DISTRICT_VALUE = "huyen"
# Pages a commune does not see.
DISTRICT_PAGES = ("xep-hang", "van-ban")


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
    return commune.communes(context.db)


def checked_mode(context: AppContext, mode: Mode | None) -> Mode | None:
    """``mode`` when its unit still exists (with its current name), else None (ask again)."""
    if mode is None or mode.unit_code is None:
        return mode
    names = dict(commune_choices(context))
    if mode.unit_code not in names:
        return None
    return Mode(mode.unit_code, names[mode.unit_code])


def current_mode(context: AppContext) -> Mode:
    """The mode stored for the context's database (district when none, or its unit is gone)."""
    return checked_mode(context, stored_mode(context.db.path)) or DISTRICT


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
            style.hint(note, indent=22)
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
        layout.addWidget(style.hint(QLabel("Có thể đổi lại ở trang Cài đặt → Chế độ sử dụng.")))
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


def change_mode(context: AppContext, parent: QWidget | None = None) -> Mode | None:
    """Ask for a mode (Cài đặt → Chế độ sử dụng), keep it for the database and apply it."""
    chosen = ask_mode(context, parent)
    if chosen is None:
        return None
    store_mode(context.db.path, chosen)
    context.set_mode(chosen)
    return chosen


__all__ = [
    "DISTRICT",
    "DISTRICT_PAGES",
    "Mode",
    "ModeDialog",
    "ask_mode",
    "change_mode",
    "current_mode",
    "startup_mode",
    "store_mode",
    "stored_mode",
]
