"""Nhập / Xuất: import wizards (unit figures, portal dossier exports with a column mapping, police
e-ID figures, nominations, commune packages with old → new before applying), blank templates, the
score table and a unit's package.

Every import or export runs off the UI thread (:class:`app.ui.workers.TaskPanel`: progress bar and
«Hủy»); the services write all or nothing, so a cancelled or refused import changes nothing. After
an import every page is redrawn (``context.refresh()``), then the import report is shown.

File pickers are the module functions :func:`choose_open_file` and :func:`choose_save_file`, which
tests replace; each wizard also takes the path directly (``import_figures(path)``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.scoring import FIELD_LABELS
from app.scoring.figures import FIGURE_FIELDS
from app.services.import_reports import (
    ImportReport,
    dossiers_report,
    eid_report,
    figures_report,
    nominations_report,
    package_report,
)
from app.ui.context import AppContext
from app.ui.dialogs.import_package import FigureRow, PackageDiffDialog, nomination_rows
from app.ui.dialogs.import_report import ImportReportDialog, ProblemsDialog, report_html
from app.ui.dialogs.mapping_dialog import MappingDialog
from app.ui.errors import show_error
from app.ui.pages import import_actions as actions
from app.ui.pages.base import Page
from app.ui.pages.documents import app_settings
from app.ui.workers import Job, TaskPanel, Work

log = logging.getLogger("thidua.ui")

FOLDER_KEY = "nhap-xuat/thu-muc"
TABLE_FILTER = "Bảng tính (*.xlsx *.csv);;Tất cả tệp (*)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"

# Import kinds: (label of the button, what the file is)
IMPORTS: dict[str, tuple[str, str]] = {
    "figures": (
        "Số liệu đơn vị…",
        "Tệp theo mẫu số liệu (mỗi dòng một đơn vị, đủ năm chỉ tiêu).",
    ),
    "dossiers": (
        "Tệp hồ sơ của Cổng DVC…",
        "Tệp xuất từ Cổng dịch vụ công của tỉnh (mỗi dòng một hồ sơ): chọn cột, xem trước.",
    ),
    "eid": (
        "Số liệu định danh (Công an)…",
        "Số tài khoản định danh mức 2 và số người dân có CCCD của từng xã.",
    ),
    "nominations": (
        "Danh sách đề nghị khen thưởng…",
        "Danh sách cá nhân đề nghị khen thưởng (trong chỉ tiêu của từng đơn vị).",
    ),
    "package": (
        "Gói số liệu của xã…",
        "Gói do xã, thị trấn xuất ra: xem số liệu cũ → mới rồi mới nhập.",
    ),
}
TEMPLATES: dict[str, tuple[str, str]] = {
    "unit-figures": ("Mẫu số liệu đơn vị", "mau-so-lieu-don-vi.xlsx"),
    "eid": ("Mẫu số liệu định danh (Công an)", "mau-so-lieu-dinh-danh.xlsx"),
    "nominations": ("Mẫu danh sách đề nghị khen thưởng", "mau-de-nghi-khen-thuong.xlsx"),
}
# In commune mode: what a commune clerk does here (the rest is the district's work).
COMMUNE_IMPORTS = ("figures", "nominations")
COMMUNE_TEMPLATES = ("unit-figures", "nominations")


def choose_open_file(parent: QWidget, title: str, start: Path, file_filter: str) -> Path | None:
    """A file picker (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(chosen) if chosen else None


def choose_save_file(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """A save-as picker (tests replace this)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def _figure(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if hasattr(value, "figure"):
        found = value.figure(key)
        return None if found is None else int(found)
    return None


class ImportExportPage(Page):
    SLUG = "nhap-xuat"
    TITLE = "Nhập / Xuất"

    done = Signal(str)  # an import or export ended: "finished", "failed", "cancelled", "refused"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.unit_code: str | None = None  # commune mode: the only unit shown
        self.report: ImportReport | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.problems_dialog: ProblemsDialog | None = None
        self.mapping_dialog: MappingDialog | None = None
        self.package_dialog: PackageDiffDialog | None = None
        self.last_error = ""
        self.last_output: Path | None = None
        self._on_result: Callable[[Any], None] | None = None

        self.mode_note = QLabel()
        self.mode_note.setWordWrap(True)
        self.mode_note.setStyleSheet(
            "QLabel { background: #e8f0fe; border: 1px solid #9ab7e8; padding: 6px; }"
        )
        self.mode_note.hide()
        self.body.addWidget(self.mode_note)

        columns = QHBoxLayout()
        columns.addWidget(self._build_imports(), 3)
        columns.addWidget(self._build_exports(), 2)
        self.body.addLayout(columns)

        self.tasks = TaskPanel()
        self.tasks.finished.connect(self._task_finished)
        self.tasks.failed.connect(self._task_failed)
        self.tasks.cancelled.connect(self._task_cancelled)
        self.body.addWidget(self.tasks)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.status)
        last_box = QGroupBox("Kết quả lần nhập gần nhất")
        last_layout = QVBoxLayout(last_box)
        self.last_report = QTextBrowser()
        self.last_report.setAccessibleName("Kết quả lần nhập gần nhất")
        self.last_report.setPlaceholderText(
            "Chưa nhập tệp nào từ khi mở chương trình. Sau mỗi lần nhập, kết quả (số dòng đã đọc, "
            "đơn vị được cập nhật, dòng bị bỏ qua và lý do) hiện ở đây."
        )
        last_layout.addWidget(self.last_report, 1)
        last_row = QHBoxLayout()
        self.report_button = QPushButton("Mở kết quả trong cửa sổ &riêng")
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(lambda _checked=False: self.show_report())
        last_row.addWidget(self.report_button)
        last_row.addStretch(1)
        last_layout.addLayout(last_row)
        self.body.addWidget(last_box, 1)
        self.stale = True

    # --- building ------------------------------------------------------------------------------

    def _build_imports(self) -> QGroupBox:
        self.import_box = QGroupBox("Nhập dữ liệu vào kỳ đang chọn")
        grid = QGridLayout(self.import_box)
        self.import_buttons: dict[str, QPushButton] = {}
        self.import_hints: dict[str, QLabel] = {}
        wizards: dict[str, Callable[[], object]] = {
            "figures": self.import_figures,
            "dossiers": self.import_dossiers,
            "eid": self.import_eid,
            "nominations": self.import_nominations,
            "package": self.import_package,
        }
        for row, (kind, (label, hint)) in enumerate(IMPORTS.items()):
            button = QPushButton(label)
            button.setAccessibleName("Nhập " + label.rstrip("…").lower())
            button.clicked.connect(lambda _c=False, w=wizards[kind]: w())
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
            self.import_buttons[kind] = button
            self.import_hints[kind] = note
        grid.setColumnStretch(1, 1)
        for kind, text in (  # Alt+letter for each (none shared with the rest of the page)
            ("figures", "&Số liệu đơn vị…"),
            ("dossiers", "Tệp hồ sơ của &Cổng DVC…"),
            ("eid", "Số liệu định danh (Công &an)…"),
            ("nominations", "&Danh sách đề nghị khen thưởng…"),
            ("package", "&Gói số liệu của xã…"),
        ):
            self.import_buttons[kind].setText(text)
        note = QLabel(
            "Tệp có lỗi thì không nhập gì cả và chương trình liệt kê mọi lỗi (dòng, đơn vị, cột, "
            "giá trị). Trước khi ghi, cơ sở dữ liệu được tự động sao lưu."
        )
        note.setWordWrap(True)
        grid.addWidget(note, len(IMPORTS), 0, 1, 2)
        return self.import_box

    def _build_exports(self) -> QGroupBox:
        box = QGroupBox("Xuất tệp")
        layout = QVBoxLayout(box)

        template_row = QHBoxLayout()
        template_label = QLabel("&Mẫu:")
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Loại mẫu nhập liệu")
        for kind, (label, _name) in TEMPLATES.items():
            self.template_box.addItem(label, kind)
        template_label.setBuddy(self.template_box)
        self.template_button = QPushButton("&Tải mẫu trống…")
        self.template_button.clicked.connect(lambda _checked=False: self.export_template())
        template_row.addWidget(template_label)
        template_row.addWidget(self.template_box, 1)
        template_row.addWidget(self.template_button)
        layout.addLayout(template_row)

        self.score_button = QPushButton("&Bảng điểm (.xlsx)…")
        self.score_button.setToolTip("Bảng điểm, xếp hạng và giải của kỳ đang chọn.")
        self.score_button.clicked.connect(lambda _checked=False: self.export_score_table())
        layout.addWidget(self.score_button)

        package_group = QGroupBox("Gói số liệu gửi Phòng Văn hóa và Thông tin")
        package_layout = QHBoxLayout(package_group)
        package_label = QLabel("Đơn &vị:")
        self.unit_box = QComboBox()
        self.unit_box.setAccessibleName("Đơn vị xuất gói số liệu")
        package_label.setBuddy(self.unit_box)
        self.package_button = QPushButton("&Xuất gói…")
        self.package_button.clicked.connect(lambda _checked=False: self.export_package())
        package_layout.addWidget(package_label)
        package_layout.addWidget(self.unit_box, 1)
        package_layout.addWidget(self.package_button)
        layout.addWidget(package_group)
        layout.addStretch(1)
        return box

    def first_focus(self) -> QWidget:
        for button in self.import_buttons.values():
            if button.isVisibleTo(self) and button.isEnabled():
                return button
        return self.template_box

    # --- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def refresh(self) -> None:
        period = self.context.period
        self.import_box.setTitle(f"Nhập dữ liệu vào kỳ «{period.name}»")
        current = self.unit_box.currentData()
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        for code, name in actions.commune_units(self.context.db):
            if self.unit_code is None or code == self.unit_code:
                self.unit_box.addItem(f"{name} ({code})", code)
        index = self.unit_box.findData(current)
        self.unit_box.setCurrentIndex(max(index, 0))
        self.unit_box.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy
        for button in self.import_buttons.values():
            button.setEnabled(idle)
        for button in (self.template_button, self.score_button):
            button.setEnabled(idle)
        self.package_button.setEnabled(idle and self.unit_box.count() > 0)

    def set_unit_mode(self, code: str | None, name: str = "") -> None:
        """Commune mode (``code``): only that unit's package, its figures and nominations; the
        district's imports (portal exports, police e-ID, packages) and score table are hidden."""
        self.unit_code = code
        district = code is None
        for kind in IMPORTS:
            shown = district or kind in COMMUNE_IMPORTS
            self.import_buttons[kind].setVisible(shown)
            self.import_hints[kind].setVisible(shown)
        view = self.template_box.view()
        assert isinstance(view, QListView)
        for index, kind in enumerate(TEMPLATES):
            view.setRowHidden(index, not (district or kind in COMMUNE_TEMPLATES))
        self.score_button.setVisible(district)
        self.unit_box.setEnabled(district)
        if district:
            self.mode_note.hide()
        else:
            self.mode_note.setText(
                f"<b>Chế độ đơn vị: {name or code}.</b> Nhập số liệu và danh sách đề nghị khen "
                "thưởng của đơn vị, rồi «Xuất gói…» để gửi Phòng Văn hóa và Thông tin huyện "
                "(qua thư điện tử hoặc USB)."
            )
            self.mode_note.show()
        self.refresh()

    def _folder(self) -> Path:
        stored = app_settings(self.context.db.path).value(FOLDER_KEY, "")
        folder = Path(str(stored)) if stored else Path.home()
        return folder if folder.is_dir() else Path.home()

    def _remember_folder(self, path: Path) -> None:
        app_settings(self.context.db.path).setValue(FOLDER_KEY, str(path.parent))

    def _open_path(self, path: Path | None, title: str) -> Path | None:
        if path is None:
            path = choose_open_file(self, title, self._folder(), TABLE_FILTER)
        if path is not None:
            self._remember_folder(path)
        return path

    def _save_path(self, path: Path | None, title: str, name: str) -> Path | None:
        if path is None:
            path = choose_save_file(self, title, self._folder() / name, XLSX_FILTER)
        if path is not None:
            self._remember_folder(path)
        return path

    # --- running -------------------------------------------------------------------------------

    def _run(self, title: str, work: Work, on_result: Callable[[Any], None]) -> Job | None:
        if self.busy:
            show_error(self, "Đang có một việc nhập/xuất chưa xong: hãy chờ hoặc bấm «Hủy».")
            return None
        self._on_result = on_result
        self.status.setStyleSheet("")
        self.status.setText(title + "…")
        job = self.tasks.start(Job(work, title))
        self._update_buttons()
        return job

    def _task_finished(self, result: object) -> None:
        handler, self._on_result = self._on_result, None
        self._update_buttons()
        if handler is not None:
            handler(result)
        self.done.emit("finished")

    def _task_failed(self, error: object) -> None:
        self._on_result = None
        self._update_buttons()
        assert isinstance(error, BaseException)
        try:
            self.fail(error)
        finally:
            self.done.emit("failed")

    def _task_cancelled(self) -> None:
        self._on_result = None
        self._update_buttons()
        self.status.setStyleSheet("color: #ef6c00;")
        self.status.setText("Đã hủy: không có gì thay đổi, dữ liệu giữ nguyên như trước.")
        self.done.emit("cancelled")

    def fail(self, error: BaseException, title: str = "Không nhập được") -> None:
        """A refused file: every problem listed, or the service's Vietnamese message."""
        from app.scoring import ProblemList  # noqa: PLC0415

        if isinstance(error, ProblemList):
            self.last_error = str(error)
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(
                f"Không nhập: tệp có {len(error.problems)} lỗi (xem danh sách). Dữ liệu giữ nguyên."
            )
            self.problems_dialog = ProblemsDialog(title, error.problems, self)
            self.problems_dialog.open()
            return
        message = user_message(error)
        if message is None:
            raise error  # unexpected: the window's hook logs it and shows the report dialog
        self.last_error = message
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(message)
        show_error(self, message, title)

    def _imported(self, report: ImportReport) -> None:
        """After an import: every page redraws, then the report."""
        self.context.refresh()
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(report.summary[0] if report.summary else report.title)
        self.show_report(report)

    def show_report(self, report: ImportReport | None = None) -> None:
        if report is not None:
            self.report = report
            self.report_button.setEnabled(True)
            self.last_report.setHtml(report_html(report))
        if self.report is None:
            return
        self.report_dialog = ImportReportDialog(self.report, self)
        self.report_dialog.open()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        return self.tasks.wait(timeout_ms)

    # --- imports -------------------------------------------------------------------------------

    def import_figures(self, path: Path | None = None) -> Job | None:
        path = self._open_path(path, "Chọn tệp số liệu đơn vị")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        if self.unit_code is not None:
            return self._import_own_figures(path)
        return self._run(
            f"Đang nhập số liệu từ {path.name}",
            lambda progress, _cancel: actions.import_figures(db, period_id, path, progress),
            lambda result: self._imported(figures_report(result)),
        )

    def _import_own_figures(self, path: Path) -> Job | None:
        """Commune mode: only this unit's row is read; another unit's figures are refused."""
        db, period_id, code = self.context.db, self.context.period.id, str(self.unit_code)
        return self._run(
            f"Đang nhập số liệu của đơn vị {code} từ {path.name}",
            lambda progress, _cancel: actions.import_own_figures(
                db, period_id, path, code, progress
            ),
            lambda result: self._imported(figures_report(result)),
        )

    def import_dossiers(self, path: Path | None = None) -> MappingDialog | None:
        """Step 1: the file and its column mapping (dialog); step 2 (OK): the import job."""
        path = self._open_path(path, "Chọn tệp hồ sơ xuất từ Cổng dịch vụ công")
        if path is None:
            return None
        try:
            remembered, channels = actions.dossier_choices(
                self.context.db, self.context.campaign.id
            )
            header, rows = actions.dossier_preview(path, remembered)
        except UserError as error:
            self.fail(error, "Không đọc được tệp hồ sơ")
            return None
        mapping = dict(remembered or {})
        folded = {_fold(h) for h in header}
        if not mapping or any(_fold(v) not in folded for v in mapping.values()):
            mapping = actions.guess_mapping(header)
        dialog = MappingDialog(path.name, header, rows, mapping, channels, self)
        dialog.accepted.connect(
            lambda: self.run_dossier_import(
                path, dialog.mapping(), dialog.channels(), replace=dialog.replace()
            )
        )
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def run_dossier_import(
        self,
        path: Path,
        mapping: dict[str, str],
        channels: dict[str, bool],
        *,
        replace: bool = False,
    ) -> Job | None:
        db, period_id = self.context.db, self.context.period.id
        return self._run(
            f"Đang nhập hồ sơ từ {path.name}",
            lambda progress, cancel: actions.import_dossiers(
                db, period_id, path, mapping, channels, progress, cancel, replace
            ),
            lambda result: self._imported(dossiers_report(result)),
        )

    def import_eid(self, path: Path | None = None) -> Job | None:
        path = self._open_path(path, "Chọn tệp số liệu định danh của Công an huyện")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        return self._run(
            f"Đang nhập số liệu định danh từ {path.name}",
            lambda _progress, _cancel: actions.import_eid(db, period_id, path),
            lambda result: self._imported(eid_report(result)),
        )

    def import_nominations(self, path: Path | None = None) -> Job | None:
        path = self._open_path(path, "Chọn tệp danh sách đề nghị khen thưởng")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        return self._run(
            f"Đang nhập danh sách đề nghị khen thưởng từ {path.name}",
            lambda _progress, _cancel: actions.import_nominations(db, period_id, path),
            lambda result: self._imported(nominations_report(result)),
        )

    def import_package(self, path: Path | None = None) -> PackageDiffDialog | None:
        """Step 1: read the package, show old → new; step 2 («Nhập gói»): store it."""
        path = self._open_path(path, "Chọn gói số liệu của xã, thị trấn")
        if path is None:
            return None
        db = self.context.db
        try:
            preview = actions.preview_package(db, path, self.unit_code)
            old = actions.stored_figures(db, preview.period_id, preview.unit_code)
        except UserError as error:
            self.fail(error, "Không nhập được gói số liệu")
            return None
        title, details, rows = package_rows(preview, old)
        dialog = PackageDiffDialog(
            title, details, rows, self, nominations=nomination_rows(preview.nominations_diff)
        )
        dialog.accepted.connect(lambda: self.apply_package(path, preview.period_id))
        self.package_dialog = dialog
        dialog.open()
        return dialog

    def apply_package(self, path: Path, period_id: int) -> Job | None:
        db, own = self.context.db, self.unit_code
        return self._run(
            f"Đang nhập gói {path.name}",
            lambda _progress, _cancel: actions.import_package(db, path, own, period_id),
            lambda result: self._imported(package_report(result)),
        )

    # --- exports -------------------------------------------------------------------------------

    def _exported(self, out: Path, result: Any) -> None:
        self.last_output = out
        summary = getattr(result, "summary", "") or f"Đã xuất {out}"
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(str(summary))
        log.info("%s", summary)

    def export_template(self, kind: str | None = None, path: Path | None = None) -> Job | None:
        kind = kind or str(self.template_box.currentData())
        label, name = TEMPLATES[kind]
        out = self._save_path(path, f"Lưu {label.lower()}", name)
        if out is None:
            return None
        db = self.context.db
        return self._run(
            f"Đang xuất {label.lower()}",
            lambda _p, _c: actions.export_template(db, kind, out),
            lambda result: self._exported(out, result),
        )

    def export_score_table(self, path: Path | None = None) -> Job | None:
        period = self.context.period
        stamp = dt.date.today().strftime("%Y%m%d")
        out = self._save_path(path, "Lưu bảng điểm", f"bang-diem-{stamp}.xlsx")
        if out is None:
            return None
        db = self.context.db
        return self._run(
            f"Đang xuất bảng điểm kỳ «{period.name}»",
            lambda _p, _c: actions.export_score_table(db, period.id, out),
            lambda result: self._exported(out, result),
        )

    def export_package(self, unit_code: str | None = None, path: Path | None = None) -> Job | None:
        code = unit_code or self.unit_code or self.unit_box.currentData()
        if not code:
            show_error(self, "Chưa chọn đơn vị để xuất gói số liệu.")
            return None
        stamp = dt.date.today().strftime("%Y%m%d")
        out = self._save_path(path, "Lưu gói số liệu", f"goi-so-lieu-{code}-{stamp}.xlsx")
        if out is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        return self._run(
            f"Đang xuất gói số liệu của đơn vị {code}",
            lambda _p, _c: actions.export_package(db, period_id, str(code), out),
            lambda result: self._exported(out, result),
        )


# --- errors ------------------------------------------------------------------------------------


def user_message(error: BaseException) -> str | None:
    """The Vietnamese message of a refusal, None for an unexpected error."""
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, OSError):
        name = getattr(error, "filename", None) or ""
        return (
            f"Không đọc hoặc ghi được tệp {name}: {error.strerror or error}. Tệp có đang mở "
            "trong Excel không? Hãy đóng tệp hoặc chọn nơi lưu khác."
        )
    return None


def _fold(text: str) -> str:
    from app.text import fold  # noqa: PLC0415

    return fold(text)


# --- reports -----------------------------------------------------------------------------------


def package_rows(preview: Any, old: Any) -> tuple[str, list[str], list[FigureRow]]:
    """Title, details and old → new rows of a package (``PackagePreview``, stored figures)."""
    title = f"{preview.unit_name} ({preview.unit_code})"
    details = []
    if preview.package_period and preview.package_period != preview.period_name:
        details.append(
            f"Gói của kỳ «{preview.package_period}», nhập vào kỳ «{preview.period_name}»."
        )
    else:
        details.append(f"Kỳ số liệu: «{preview.period_name}».")
    if preview.exported_at is not None:
        details.append(f"Đơn vị xuất gói lúc {preview.exported_at:%H:%M ngày %d/%m/%Y}.")
    new = preview.figures
    rows = [FigureRow(FIELD_LABELS[k], _figure(old, k), _figure(new, k)) for k in FIGURE_FIELDS]
    details.append(preview.nomination_summary())  # the dialog's table lists the names
    details += [str(w) for w in preview.file_warnings]
    return title, details, rows


__all__ = ["ImportExportPage", "choose_open_file", "choose_save_file"]
