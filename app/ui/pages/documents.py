"""Văn bản: choose the award documents, see beforehand why they cannot be made yet, make them off
the UI thread, open them (or the folder) in the system's viewer to read or print."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.reports.build import AWARD_KINDS, KIND_LABELS, KINDS, REPORTS_FOLDER, ReportWriteError
from app.reports.dossier import AwardDossier, DossierNotReadyError, dossier_problems
from app.services import documents as documents_service
from app.ui.context import AppContext
from app.ui.errors import show_error
from app.ui.pages.base import Page

log = logging.getLogger("thidua.ui")

OUTPUT_FOLDER_NAME = "Ho so khen thuong"
SETTINGS_KEY = "van-ban/thu-muc"
PATH_ROLE = Qt.ItemDataRole.UserRole
JOB_END_WAIT_MS = 5000
KIND_HINTS = {
    "to-trinh": "Tờ trình của Phòng Văn hóa và Thông tin kèm danh sách tập thể, cá nhân.",
    "bien-ban": "Biên bản họp xét của Hội đồng Thi đua - Khen thưởng kèm danh sách.",
    "bao-cao": f"Một báo cáo cho mỗi tập thể và cá nhân (thư mục «{REPORTS_FOLDER}»).",
    "bang-diem": "Bảng điểm của mọi đơn vị; lập được cả khi còn đồng hạng chờ phân định.",
    "giay-khen": "Giấy khen in trên phôi, kèm trang canh chỉnh vị trí in.",
}


PREFERENCES_FILE = "giao-dien.ini"


def app_settings(db_path: Path) -> QSettings:
    """Preferences of the window (not data): an .ini file beside the database, so that a portable
    installation keeps them with its data."""
    return QSettings(str(db_path.parent / PREFERENCES_FILE), QSettings.Format.IniFormat)


def default_output_folder(db_path: Path) -> Path:
    """«Ho so khen thuong» in the user's Documents, or beside the database when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else db_path.parent
    return base / OUTPUT_FOLDER_NAME


def open_in_system(path: Path) -> bool:
    """Open a file or folder with the program the system uses for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_folder(parent: QWidget, start: Path) -> Path | None:
    """A folder picker (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(parent, "Chọn thư mục lưu văn bản", str(start))
    return Path(chosen) if chosen else None


class _JobSignals(QObject):
    progress = Signal(int, str)  # documents made so far, what is being made
    finished = Signal(list, float)  # paths made, seconds
    failed = Signal(str, list)  # message, paths made before the failure


class DocumentJob(QRunnable):
    """Draws the PDFs of ``kinds`` (pure ReportLab on the plain dossier: no database here)."""

    def __init__(self, dossier: AwardDossier, kinds: Sequence[str], out_dir: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.dossier = dossier
        self.kinds = list(kinds)
        self.out_dir = out_dir
        self.signals = _JobSignals()

    def run(self) -> None:
        from app.reports.build import build_documents  # noqa: PLC0415 - ReportLab when needed

        started = time.perf_counter()
        made: list[Path] = []
        try:
            for done, kind in enumerate(self.kinds):
                self.signals.progress.emit(done, KIND_LABELS[kind])
                made += build_documents(self.dossier, [kind], self.out_dir)
        except (DossierNotReadyError, ReportWriteError) as error:
            self.signals.failed.emit(str(error), made)
            return
        except OSError as error:
            log.warning("Không ghi được văn bản vào %s", self.out_dir, exc_info=True)
            self.signals.failed.emit(
                f"Không ghi được văn bản vào thư mục {self.out_dir}: "
                f"{error.strerror or error}. Hãy chọn thư mục khác hoặc kiểm tra quyền ghi.",
                made,
            )
            return
        except Exception:
            log.exception("Lỗi không lường trước khi lập văn bản")
            self.signals.failed.emit(
                "Lỗi không lường trước khi lập văn bản; chi tiết đã được ghi vào nhật ký của "
                "chương trình (thư mục logs cạnh cơ sở dữ liệu).",
                made,
            )
            return
        self.signals.progress.emit(len(self.kinds), "")
        self.signals.finished.emit(made, time.perf_counter() - started)


class DocumentsPage(Page):
    SLUG = "van-ban"
    TITLE = "Văn bản"

    done = Signal(bool)  # a run ended (True: every document made)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: DocumentJob | None = None
        self.problems: list[str] = []
        self.wanted: dict[str, bool] = {}  # the award documents' boxes while they are blocked
        self.made: list[Path] = []
        self.last_seconds = 0.0

        # What to make
        choice = QGroupBox("Văn bản cần lập")
        grid = QGridLayout(choice)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for row, kind in enumerate(KINDS):
            box = QCheckBox(KIND_LABELS[kind])
            box.setChecked(True)
            box.setToolTip(KIND_HINTS[kind])
            hint = QLabel(KIND_HINTS[kind])
            hint.setStyleSheet("color: #555;")
            grid.addWidget(box, row, 0)
            grid.addWidget(hint, row, 1)
            self.kind_boxes[kind] = box
        grid.setColumnStretch(1, 1)

        # Why the award documents cannot be made yet
        self.readiness = QLabel()
        self.readiness.setObjectName("readiness")
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.readiness.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Where
        folder_row = QHBoxLayout()
        folder_label = QLabel("&Thư mục lưu:")
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Thư mục lưu văn bản")
        folder_label.setBuddy(self.folder)
        self.folder_button = QPushButton("&Chọn thư mục…")
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)

        # Make
        run_row = QHBoxLayout()
        self.generate_button = QPushButton("&Lập văn bản")
        self.generate_button.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        run_row.addWidget(self.generate_button)
        run_row.addWidget(self.progress, 3)
        run_row.addStretch(1)

        files_box = self._build_files_box()

        self.body.addWidget(choice)
        self.body.addWidget(self.readiness)
        self.body.addLayout(folder_row)
        self.body.addLayout(run_row)
        self.body.addWidget(self.status)
        self.body.addWidget(files_box, 1)

        self.folder_button.clicked.connect(self.choose_output_folder)
        self.folder.editingFinished.connect(self._folder_edited)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.folder_open_button.clicked.connect(self.open_folder)
        self.files.itemActivated.connect(lambda _item: self.open_selected())
        self.files.currentRowChanged.connect(lambda _row: self._update_buttons())
        for box in self.kind_boxes.values():
            box.toggled.connect(lambda _on: self._update_buttons())

        stored = app_settings(context.db.path).value(SETTINGS_KEY, "")
        self.folder.setText(str(stored) if stored else str(default_output_folder(context.db.path)))
        self.stale = True  # the dossier is read when the page is first shown
        self._list_existing()

    def _build_files_box(self) -> QGroupBox:
        """The files made, with the buttons that open them."""
        files_box = QGroupBox("Tệp đã lập")
        files_layout = QVBoxLayout(files_box)
        self.files = QListWidget()
        self.files.setAccessibleName("Các tệp văn bản")
        files_buttons = QHBoxLayout()
        self.open_button = QPushButton("&Mở tệp")
        self.print_button = QPushButton("&In…")
        self.folder_open_button = QPushButton("Mở t&hư mục")
        for button in (self.open_button, self.print_button, self.folder_open_button):
            files_buttons.addWidget(button)
        files_buttons.addStretch(1)
        print_note = QLabel(
            "Mở tệp hoặc «In…» mở văn bản bằng trình xem PDF của máy; để in, chọn In (Ctrl+P) "
            "trong trình xem đó. Giấy khen: in trước trang canh chỉnh lên giấy thường để kiểm "
            "tra vị trí."
        )
        print_note.setWordWrap(True)
        print_note.setStyleSheet("color: #555;")
        files_layout.addWidget(self.files, 1)
        files_layout.addLayout(files_buttons)
        files_layout.addWidget(print_note)
        return files_box

    def first_focus(self) -> QWidget:
        return self.kind_boxes[KINDS[0]]

    # --- state -----------------------------------------------------------------------------

    @property
    def out_dir(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    @property
    def busy(self) -> bool:
        return self.job is not None

    def chosen_kinds(self) -> list[str]:
        return [k for k, box in self.kind_boxes.items() if box.isChecked() and box.isEnabled()]

    def refresh(self) -> None:
        """Read the dossier (fast) and say what can be made."""
        try:
            dossier = documents_service.award_dossier(self.context.db, self.context.period.id)
        except UserError as error:
            self.problems = [str(error)]
        else:
            self.problems = dossier_problems(dossier)
        blocked = bool(self.problems)
        for kind in AWARD_KINDS:
            box = self.kind_boxes[kind]
            if blocked and box.isEnabled():  # unticked while blocked; the choice comes back after
                self.wanted[kind] = box.isChecked()
                box.setChecked(False)
                box.setEnabled(False)
                box.setToolTip("Chưa lập được: xem lý do bên dưới.")
            elif not blocked and not box.isEnabled():
                box.setEnabled(True)
                box.setChecked(self.wanted.get(kind, True))
                box.setToolTip(KIND_HINTS[kind])
        if blocked:
            items = "".join(f"<li>{_html(p)}</li>" for p in self.problems)
            award_names = ", ".join(KIND_LABELS[k] for k in KINDS if k in AWARD_KINDS)
            self.readiness.setText(
                "<b style='color:#c62828'>Chưa lập được hồ sơ khen thưởng</b> "
                f"({_html(award_names)}) vì:<ul style='margin-top:2px'>{items}</ul>"
                "Hãy phân định đồng hạng ở trang <b>Xếp hạng</b> hoặc bớt người được đề nghị ở "
                "trang <b>Khen thưởng</b>. <b>Bảng điểm vẫn lập được</b> (Hội đồng dùng để "
                "phân định)."
            )
            self.readiness.setStyleSheet(
                "QLabel#readiness { background: #fdecea; border: 1px solid #e0a8a4; padding: 6px; }"
            )
        else:
            self.readiness.setText(
                f"<span style='color:#2e7d32'>✔</span> Hồ sơ kỳ «{_html(self.context.period.name)}» "
                "đã đủ điều kiện: không còn đồng hạng chờ phân định, không đơn vị nào vượt chỉ tiêu."
            )
            self.readiness.setStyleSheet(
                "QLabel#readiness { background: #edf7ed; border: 1px solid #a5d6a7; padding: 6px; }"
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.generate_button.setEnabled(not self.busy and bool(self.chosen_kinds()))
        has_file = self.files.currentItem() is not None
        self.open_button.setEnabled(has_file)
        self.print_button.setEnabled(has_file)
        self.folder_button.setEnabled(not self.busy)
        self.folder.setEnabled(not self.busy)

    # --- folder ----------------------------------------------------------------------------

    def choose_output_folder(self) -> None:
        chosen = choose_folder(self, self.out_dir if self.out_dir.is_dir() else Path.home())
        if chosen is not None:
            self.set_output_folder(chosen)

    def set_output_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self._folder_edited()

    def _folder_edited(self) -> None:
        text = self.folder.text().strip()
        if text:
            app_settings(self.context.db.path).setValue(SETTINGS_KEY, text)
        self._list_existing()

    def _list_existing(self) -> None:
        """The PDFs already in the folder (made earlier), to open or print again."""
        if self.busy:
            return
        folder = self.out_dir
        try:
            found = sorted(folder.glob("*.pdf")) + sorted((folder / REPORTS_FOLDER).glob("*.pdf"))
        except OSError:
            found = []
        self._show_files(found)

    def _show_files(self, paths: Sequence[Path]) -> None:
        self.files.clear()
        for path in paths:
            try:
                shown = str(path.relative_to(self.out_dir))
            except ValueError:
                shown = str(path)
            item = QListWidgetItem(shown)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        if paths:
            self.files.setCurrentRow(0)
        self._update_buttons()

    # --- making ----------------------------------------------------------------------------

    def generate(self) -> DocumentJob | None:
        """Read the dossier here (the database stays on this thread), draw in a worker thread."""
        if self.busy:
            return None
        kinds = self.chosen_kinds()
        if not kinds:
            self._fail("Chưa chọn văn bản nào để lập.", [])
            return None
        try:
            dossier = documents_service.award_dossier(self.context.db, self.context.period.id)
        except UserError as error:
            self._fail(str(error), [])
            return None
        problems = dossier_problems(dossier)
        if problems and AWARD_KINDS.intersection(kinds):
            self._fail(str(DossierNotReadyError(problems)), [])
            self.refresh()
            return None
        out_dir = self.out_dir
        if not self.folder.text().strip():
            self._fail("Chưa chọn thư mục lưu văn bản.", [])
            return None
        if not out_dir.is_absolute():
            self._fail(
                f"«{self.folder.text().strip()}» không phải là một thư mục đầy đủ (ví dụ "
                "C:\\Users\\…\\Documents\\Ho so khen thuong): hãy bấm «Chọn thư mục…».",
                [],
            )
            return None
        app_settings(self.context.db.path).setValue(SETTINGS_KEY, str(out_dir))
        job = DocumentJob(dossier, kinds, out_dir)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.progress.setRange(0, len(kinds))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText("Đang lập văn bản…")
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._update_buttons()
        log.info("Lập văn bản %s vào %s", ", ".join(kinds), out_dir)
        self.pool.start(job)
        return job

    def _progress(self, done: int, label: str) -> None:
        self.progress.setValue(done)
        if label:
            self.progress.setFormat(f"{done}/{self.progress.maximum()} · đang lập {label}…")
        else:
            self.progress.setFormat(f"{done}/{self.progress.maximum()}")

    def _end(self) -> None:
        # The job's last signal was emitted at the end of run(): let the pool finish with it
        # (an instant) before its last reference goes, so it is never deleted while still held.
        self.pool.waitForDone(JOB_END_WAIT_MS)
        self.job = None
        self.progress.hide()
        self.unsetCursor()
        self._update_buttons()

    def _finished(self, made: list[Path], seconds: float) -> None:
        self._end()
        self.made = list(made)
        self.last_seconds = seconds
        self._show_files(self.made)
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(
            f"Đã lập {len(made)} tệp trong {seconds:.1f} giây, lưu tại {self.out_dir}. "
            "Chọn một tệp rồi «Mở tệp» (hoặc Enter) để xem."
        )
        log.info("Đã lập %d tệp văn bản (%.2f s)", len(made), seconds)
        self.done.emit(True)

    def _failed(self, message: str, made: list[Path]) -> None:
        self._end()
        self.made = list(made)
        if made:
            self._show_files(made)
            message += f"\n\n{len(made)} tệp đã lập trước khi dừng vẫn được giữ."
        self._fail(message, made)
        self.done.emit(False)

    def _fail(self, message: str, _made: Sequence[Path]) -> None:
        log.info("Không lập được văn bản: %s", message)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(message)
        show_error(self, message, "Không lập được văn bản")

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Wait for the worker (closing the window, tests)."""
        return self.pool.waitForDone(timeout_ms)

    def close_down(self) -> None:
        self.wait()  # PDFs half-written would be left in the output folder

    # --- opening ---------------------------------------------------------------------------

    def selected_path(self) -> Path | None:
        item = self.files.currentItem()
        return None if item is None else Path(str(item.data(PATH_ROLE)))

    def open_selected(self) -> bool:
        path = self.selected_path()
        if path is None:
            return False
        if not path.exists():
            self._fail(f"Không còn tệp {path} (đã bị xóa hoặc di chuyển?).", [])
            self._list_existing()
            return False
        if not open_in_system(path):
            self._fail(
                f"Máy chưa có chương trình mở tệp PDF. Hãy cài một trình đọc PDF rồi mở "
                f"lại tệp {path}.",
                [],
            )
            return False
        return True

    def print_selected(self) -> bool:
        opened = self.open_selected()
        if opened:
            self.status.setStyleSheet("")
            self.status.setText(
                "Văn bản đã mở trong trình xem PDF của máy: chọn In (Ctrl+P) ở đó để in."
            )
        return opened

    def open_folder(self) -> bool:
        folder = self.out_dir
        if not folder.is_dir():
            self._fail(f"Chưa có thư mục {folder}: hãy lập văn bản trước.", [])
            return False
        return open_in_system(folder)


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )
