"""Nhập / Xuất: import wizards (unit figures, portal dossier exports with a column mapping, police
e-ID figures, nominations, commune packages with old → new before applying), blank templates, the
score table and a unit's package — one controller per wizard (``app.ui.wizards``).

Every import or export runs off the UI thread (:class:`app.ui.workers.TaskPanel`: progress bar and
«Hủy»); the services write all or nothing, so a cancelled or refused import changes nothing. After
an import every page is redrawn (``context.refresh()``), then the import report is shown.

The buttons come from the table :data:`app.ui.wizards.catalog.IMPORTS`; the file pickers and the
remembered folder are :mod:`app.ui.wizards.files` (whose pickers tests replace); each wizard also
takes the path directly (``import_figures(path)``); the last import's report stays in
:class:`app.ui.dialogs.import_report.LastImport`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import as_user_error
from app.scoring import ProblemList
from app.services.commune import communes
from app.services.import_reports import ImportReport
from app.ui import style
from app.ui.context import AppContext, Mode
from app.ui.dialogs.import_nominations import NominationsDiffDialog
from app.ui.dialogs.import_package import PackageDiffDialog
from app.ui.dialogs.import_preview import ImportPreviewDialog
from app.ui.dialogs.import_report import LastImport, ProblemsDialog
from app.ui.dialogs.mapping_dialog import MappingDialog
from app.ui.errors import show_error, title_of
from app.ui.pages.base import Page
from app.ui.wizards import files
from app.ui.wizards.base import OnResult
from app.ui.wizards.catalog import COMMUNE_IMPORTS, IMPORTS, IMPORTS_NOTE
from app.ui.wizards.dossiers import DossiersImport
from app.ui.wizards.exports import COMMUNE_TEMPLATES, TEMPLATES, Exports
from app.ui.wizards.figures import EidImport, FiguresImport, NominationsImport, PortalStatsImport
from app.ui.wizards.package import PackageImport
from app.ui.workers import Job, TaskPanel, Work

log = logging.getLogger("thidua.ui")

NOT_IMPORTED = "Không nhập được"


class ImportExportPage(Page):
    SLUG = "nhap-xuat"
    TITLE = "Nhập / Xuất"

    done = Signal(str)  # an import or export ended: "finished", "failed", "cancelled"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.problems_dialog: ProblemsDialog | None = None
        self.mapping_dialog: MappingDialog | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self.package_dialog: PackageDiffDialog | None = None
        self.last_error = ""
        self.last_output: Path | None = None
        self._on_result: OnResult | None = None
        self.figures_wizard = FiguresImport(self)
        self.dossiers_wizard = DossiersImport(self)
        self.eid_wizard = EidImport(self)
        self.nominations_wizard = NominationsImport(self)
        self.portal_stats_wizard = PortalStatsImport(self)
        self.package_wizard = PackageImport(self)
        self.exports = Exports(self)

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
        self.last_import = LastImport()
        self.body.addWidget(self.last_import, 1)
        self.stale = True

    # --- building ------------------------------------------------------------------------------

    def _build_imports(self) -> QGroupBox:
        self.import_box = QGroupBox("Nhập dữ liệu vào kỳ đang chọn")
        grid = QGridLayout(self.import_box)
        self.import_buttons: dict[str, QPushButton] = {}
        self.import_hints: dict[str, QLabel] = {}
        starts = {
            "figures": self.import_figures,
            "dossiers": self.import_dossiers,
            "portal_stats": self.import_portal_stats,
            "eid": self.import_eid,
            "nominations": self.import_nominations,
            "package": self.import_package,
        }
        for row, (kind, (label, hint)) in enumerate(IMPORTS.items()):
            button = QPushButton(label)
            button.setAccessibleName("Nhập " + label.replace("&", "").rstrip("…").lower())
            button.clicked.connect(lambda _c=False, start=starts[kind]: start())
            note = style.hint(QLabel(hint))
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
            self.import_buttons[kind] = button
            self.import_hints[kind] = note
        grid.setColumnStretch(1, 1)
        note = QLabel(IMPORTS_NOTE)
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

    def as_widget(self) -> QWidget:
        return self

    # --- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    @property
    def unit_code(self) -> str | None:
        """Commune mode: the only unit whose figures, nominations and package are handled."""
        return self.context.mode.unit_code

    def refresh(self) -> None:
        period = self.context.period
        self.import_box.setTitle(f"Nhập dữ liệu vào kỳ «{period.name}»")
        current = self.unit_box.currentData()
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        for code, name in communes(self.context.db):
            if self.context.mode.shows(code):
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

    def apply_mode(self, mode: Mode) -> None:
        """Commune mode: only that unit's package, its figures and nominations; the district's
        imports (portal exports, police e-ID, packages) and score table are hidden."""
        district = mode.is_district
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
        self.show_mode_banner(
            ""
            if district
            else f"<b>Chế độ đơn vị: {mode.unit_name or mode.unit_code}.</b> Nhập số liệu và danh "
            "sách đề nghị khen thưởng của đơn vị, rồi «Xuất gói…» để gửi Phòng Văn hóa và Thông "
            "tin huyện (qua thư điện tử hoặc USB)."
        )

    @property
    def mode_note(self) -> QLabel:
        return self.mode_banner

    # --- files ---------------------------------------------------------------------------------

    def open_path(self, path: Path | None, title: str) -> Path | None:
        return files.open_path(self, self.context.db.path, path, title)

    def save_path(self, path: Path | None, title: str, name: str) -> Path | None:
        return files.save_path(self, self.context.db.path, path, title, name)

    # --- running -------------------------------------------------------------------------------

    def run(self, title: str, work: Work, on_result: OnResult) -> Job | None:
        if self.busy:
            show_error(self, "Đang có một việc nhập/xuất chưa xong: hãy chờ hoặc bấm «Hủy».")
            return None
        self._on_result = on_result
        style.set_tone(self.status, style.PLAIN)
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
        style.set_tone(self.status, style.WARNING_TONE)
        self.status.setText("Đã hủy: không có gì thay đổi, dữ liệu giữ nguyên như trước.")
        self.done.emit("cancelled")

    def refuse(self, error: BaseException, title: str = NOT_IMPORTED) -> None:
        """A file refused before any job started (its preview could not be read): as
        :meth:`fail`, and the import has ended."""
        try:
            self.fail(error, title)
        finally:
            self.done.emit("failed")

    def fail(self, error: BaseException, title: str = NOT_IMPORTED) -> None:
        """A refused file: every problem listed, or the refusal's Vietnamese message. Anything
        else is a bug: raised again for the window's unexpected-error report."""
        refusal = as_user_error(error)
        if refusal is None:
            raise error
        style.set_tone(self.status, style.ERROR_TONE)
        self.last_error = str(refusal)
        if isinstance(refusal, ProblemList):
            self.status.setText(
                f"Không nhập: tệp có {len(refusal.problems)} lỗi (xem danh sách). Dữ liệu giữ "
                "nguyên."
            )
            self.problems_dialog = ProblemsDialog(title, refusal.problems, self)
            self.problems_dialog.open()
            return
        self.status.setText(self.last_error)
        show_error(self, self.last_error, title_of(refusal, title))

    def imported(self, report: ImportReport) -> None:
        """After an import: every page redraws, then the report."""
        self.context.refresh()
        style.set_tone(self.status, style.DONE_TONE)
        self.status.setText(report.summary[0] if report.summary else report.title)
        self.last_import.show_report(report)

    def exported(self, out: Path, summary: str) -> None:
        self.last_output = out
        style.set_tone(self.status, style.DONE_TONE)
        self.status.setText(summary or f"Đã xuất {out}")
        log.info("%s", summary)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        return self.tasks.wait(timeout_ms)

    def close_down(self) -> None:
        self.wait()  # an import finishes (or is cancelled) before the database is closed

    # --- the wizards ---------------------------------------------------------------------------

    def _previewed(self, started: object) -> Job | ImportPreviewDialog | None:
        if isinstance(started, ImportPreviewDialog):
            self.preview_dialog = started
            return started
        return started if isinstance(started, Job) else None

    def import_figures(self, path: Path | None = None) -> Job | ImportPreviewDialog | None:
        return self._previewed(self.figures_wizard.start(path))

    def import_dossiers(self, path: Path | None = None) -> MappingDialog | None:
        dialog = self.dossiers_wizard.start(path)
        if dialog is not None:
            self.mapping_dialog = dialog
        return dialog

    def import_eid(self, path: Path | None = None) -> Job | ImportPreviewDialog | None:
        return self._previewed(self.eid_wizard.start(path))

    def import_nominations(self, path: Path | None = None) -> Job | ImportPreviewDialog | None:
        """The columns first; then read and compared on the task panel, and the per-unit
        differences (``nominations_dialog``) ask before anything is written."""
        return self._previewed(self.nominations_wizard.start(path))

    def import_portal_stats(self, path: Path | None = None) -> Job | ImportPreviewDialog | None:
        return self._previewed(self.portal_stats_wizard.start(path))

    @property
    def nominations_dialog(self) -> NominationsDiffDialog | None:
        return self.nominations_wizard.dialog

    def import_package(self, path: Path | None = None) -> PackageDiffDialog | None:
        dialog = self.package_wizard.start(path)
        if dialog is not None:
            self.package_dialog = dialog
        return dialog

    def export_template(self, kind: str | None = None, path: Path | None = None) -> Job | None:
        return self.exports.template(kind or str(self.template_box.currentData()), path)

    def export_score_table(self, path: Path | None = None) -> Job | None:
        return self.exports.score_table(path)

    def export_package(self, unit_code: str | None = None, path: Path | None = None) -> Job | None:
        code = unit_code or self.unit_code or self.unit_box.currentData()
        if not code:
            show_error(self, "Chưa chọn đơn vị để xuất gói số liệu.")
            return None
        return self.exports.package(str(code), path)


__all__ = ["ImportExportPage"]
