"""Văn bản: choose the award documents, see beforehand why they cannot be made yet, make them off
the UI thread (``app.services.documents``, run by the page's task panel with progress and «Hủy»),
open them (or the folder) in the system's viewer to read or print (``documents_files``)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.errors import UserError
from app.services import documents as documents_service
from app.services.documents import REPORTS_FOLDER, DocumentKind, DossierNotReadyError
from app.ui import errors, style
from app.ui.context import AppContext
from app.ui.pages.base import Page
from app.ui.pages.documents_files import OutputFiles
from app.ui.pages.documents_format import FormatChoice
from app.ui.preferences import documents_folder, remember, remembered_folder
from app.ui.workers import Job, TaskPanel

log = logging.getLogger("thidua.ui")

OUTPUT_FOLDER_NAME = "Ho so khen thuong"
SETTINGS_KEY = "van-ban/thu-muc"
KIND_HINTS = {
    "to-trinh": "Tờ trình của Phòng Văn hóa và Thông tin kèm danh sách tập thể, cá nhân.",
    "bien-ban": "Biên bản họp xét của Hội đồng Thi đua - Khen thưởng kèm danh sách.",
    "bao-cao": f"Một báo cáo cho mỗi tập thể và cá nhân (thư mục «{REPORTS_FOLDER}»).",
    "bang-diem": "Bảng điểm của mọi đơn vị; lập được cả khi còn đồng hạng chờ phân định.",
    "quyet-dinh": "Dự thảo quyết định của Chủ tịch kèm danh sách và số sổ vàng.",
    "giay-khen": "Giấy khen in đầy đủ hoặc in trên phôi (Cài đặt), kèm trang căn chỉnh.",
    "tien-thuong": "Danh sách ký nhận tiền thưởng, tổng tiền bằng số và bằng chữ.",
    "tong-ket": "Báo cáo sơ kết / tổng kết: so sánh với kỳ trước, biểu đồ, đơn vị chưa đạt.",
}
REASSIGN_HINT = (
    "Đánh số sổ vàng lại mọi khen thưởng, theo thứ tự, từ số bắt đầu trong Cài đặt. Để trống: "
    "giữ số đã cấp, khen thưởng mới nhận số tiếp theo."
)
NOT_MADE = "Không lập được văn bản"


def default_output_folder(db_path: Path) -> Path:
    """«Ho so khen thuong» in the user's Documents, or beside the database when there is none."""
    return documents_folder(db_path) / OUTPUT_FOLDER_NAME


def choose_folder(parent: QWidget, start: Path) -> Path | None:
    """A folder picker (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(parent, "Chọn thư mục lưu văn bản", str(start))
    return Path(chosen) if chosen else None


class DocumentsPage(Page):
    SLUG = "van-ban"
    TITLE = "Văn bản"

    done = Signal(bool)  # a run ended (True: every document made)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.kinds: dict[str, DocumentKind] = {k.key: k for k in documents_service.document_kinds()}
        self.problems: list[str] = []
        self.wanted: dict[str, bool] = {}  # the award documents' boxes while they are blocked
        self.made: list[Path] = []
        self.last_seconds = 0.0
        self._running: list[str] = []  # the kinds of the run under way

        # What to make
        choice = QGroupBox("Văn bản cần lập")
        grid = QGridLayout(choice)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for row, kind in enumerate(self.kinds.values()):
            box = QCheckBox(kind.label)
            box.setChecked(True)
            box.setToolTip(KIND_HINTS.get(kind.key, ""))
            grid.addWidget(box, row, 0)
            grid.addWidget(style.hint(QLabel(KIND_HINTS.get(kind.key, ""))), row, 1)
            self.kind_boxes[kind.key] = box
        grid.setColumnStretch(1, 1)
        self.reassign_box = QCheckBox("Cấp lại số sổ vàng từ đầu (giấy khen đã in mang số cũ)")
        self.reassign_box.setToolTip(REASSIGN_HINT)
        grid.addWidget(self.reassign_box, len(self.kinds), 0, 1, 2)

        self.format_choice = FormatChoice(context.db.path)

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

        # Make (progress and «Hủy» in the task panel)
        run_row = QHBoxLayout()
        self.generate_button = QPushButton("&Lập văn bản")
        self.generate_button.setDefault(True)
        self.tasks = TaskPanel()
        self.progress = self.tasks.progress
        run_row.addWidget(self.generate_button)
        run_row.addWidget(self.tasks, 3)
        run_row.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        self.output = OutputFiles(lambda: self.out_dir, self._fail, self._tell, self._list_existing)
        self.body.addWidget(choice)
        self.body.addWidget(self.format_choice)
        self.body.addWidget(self.readiness)
        self.body.addLayout(folder_row)
        self.body.addLayout(run_row)
        self.body.addWidget(self.status)
        self.body.addWidget(self.output, 1)

        self.folder_button.clicked.connect(self.choose_output_folder)
        self.folder.editingFinished.connect(self._folder_edited)
        self.generate_button.clicked.connect(self.generate)
        for box in self.kind_boxes.values():
            box.toggled.connect(lambda _on: self._update_buttons())
        self.tasks.finished.connect(self._finished)
        self.tasks.failed.connect(self._failed)
        self.tasks.cancelled.connect(self._cancelled)

        default = default_output_folder(context.db.path)
        stored = remembered_folder(context.db.path, SETTINGS_KEY, default)
        self.folder.setText(str(stored))
        self.stale = True  # the dossier is read when the page is first shown
        self._list_existing()

    def first_focus(self) -> QWidget:
        return next(iter(self.kind_boxes.values()))

    # --- state -----------------------------------------------------------------------------

    @property
    def out_dir(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    @property
    def busy(self) -> bool:
        return self.tasks.busy

    def chosen_kinds(self) -> list[str]:
        return [k for k, box in self.kind_boxes.items() if box.isChecked() and box.isEnabled()]

    def _award_kinds(self) -> set[str]:
        return {k.key for k in self.kinds.values() if k.awards}

    def refresh(self) -> None:
        """Read the dossier (fast) and say what can be made."""
        try:
            self.problems = documents_service.not_ready(self.context.db, self.context.period.id)
        except UserError as error:
            self.problems = [str(error)]
        blocked = bool(self.problems)
        for kind in self._award_kinds():
            box = self.kind_boxes[kind]
            if blocked and box.isEnabled():  # unticked while blocked; the choice comes back after
                self.wanted[kind] = box.isChecked()
                box.setChecked(False)
                box.setEnabled(False)
                box.setToolTip("Chưa lập được: xem lý do bên dưới.")
            elif not blocked and not box.isEnabled():
                box.setEnabled(True)
                box.setChecked(self.wanted.get(kind, True))
                box.setToolTip(KIND_HINTS.get(kind, ""))
        if blocked:
            items = "".join(f"<li>{_html(p)}</li>" for p in self.problems)
            award_names = ", ".join(k.label for k in self.kinds.values() if k.awards)
            self.readiness.setText(
                f"<b style='color:{style.ERROR}'>Chưa lập được hồ sơ khen thưởng</b> "
                f"({_html(award_names)}) vì:<ul style='margin-top:2px'>{items}</ul>"
                "Hãy phân định đồng hạng ở trang <b>Xếp hạng</b> hoặc bớt người được đề nghị ở "
                "trang <b>Khen thưởng</b>. <b>Bảng điểm vẫn lập được</b> (Hội đồng dùng để "
                "phân định)."
            )
            style.box(self.readiness, "blocked")
        else:
            self.readiness.setText(
                f"<span style='color:{style.DONE}'>✔</span> Hồ sơ kỳ "
                f"«{_html(self.context.period.name)}» đã đủ điều kiện: không còn đồng hạng chờ "
                "phân định, không đơn vị nào vượt chỉ tiêu."
            )
            style.box(self.readiness, "ready")
        self._update_buttons()

    def _register_chosen(self) -> bool:
        return any(self.kinds[k].register for k in self.chosen_kinds())

    def _update_buttons(self) -> None:
        self.generate_button.setEnabled(not self.busy and bool(self.chosen_kinds()))
        self.reassign_box.setEnabled(not self.busy and self._register_chosen())
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
            remember(self.context.db.path, SETTINGS_KEY, text)
        self._list_existing()

    def _list_existing(self) -> None:
        """The documents already in the folder (made earlier), to open or print again."""
        if not self.busy:
            self.output.show_files(documents_service.earlier_documents(self.out_dir))
            self._update_buttons()

    # --- making ----------------------------------------------------------------------------

    def _folder_problem(self) -> str:
        text = self.folder.text().strip()
        if not text:
            return "Chưa chọn thư mục lưu văn bản."
        if not self.out_dir.is_absolute():
            return (
                f"«{text}» không phải là một thư mục đầy đủ (ví dụ "
                "C:\\Users\\…\\Documents\\Ho so khen thuong): hãy bấm «Chọn thư mục…»."
            )
        return ""

    def generate(self) -> Job | None:
        """Check what can be said now (nothing chosen, the folder, not ready, earlier documents),
        then make the documents on the worker thread."""
        if self.busy:
            return None
        kinds = self.chosen_kinds()
        if not kinds:
            self._fail("Chưa chọn văn bản nào để lập.")
            return None
        if self._award_kinds().intersection(kinds):
            self.refresh()  # the reasons read again: the data may have changed since
            if self.problems:
                self._fail(str(DossierNotReadyError(self.problems)))
                return None
        problem = self._folder_problem()
        if problem:
            self._fail(problem)
            return None
        out_dir = self.out_dir
        earlier = documents_service.earlier_documents(out_dir)
        if earlier and not errors.ask(
            self,
            "Lập lại văn bản",
            f"Thư mục {out_dir} đã có {len(earlier)} văn bản lập trước đây. Lập lại sẽ ghi đè "
            "các tệp cùng tên (và thay các báo cáo thành tích cũ).\n\nTiếp tục?",
        ):
            return None
        remember(self.context.db.path, SETTINGS_KEY, str(out_dir))
        db, period_id = self.context.db, self.context.period.id
        formats = self.format_choice.value()
        labels = [self.kinds[k].label for k in kinds]

        def describe(done: int, total: int) -> str:
            doing = f" · đang lập {labels[done]}…" if done < len(labels) else ""
            return f"{done}/{total}{doing}"

        reassign = self.reassign_box.isChecked() and self._register_chosen()
        if reassign and not errors.ask(self, "Cấp lại số sổ vàng", REASSIGN_HINT + "\n\nTiếp tục?"):
            return None
        job = Job(
            lambda progress, cancelled: documents_service.build_documents(
                db,
                period_id,
                kinds,
                out_dir,
                formats=formats,
                progress=progress,
                cancelled=cancelled,
                reassign_register=reassign,
            ),
            "Đang lập văn bản",
            describe,
        )
        self._running = kinds
        self.status.setText("Đang lập văn bản…")
        style.set_tone(self.status, style.PLAIN)
        log.info("Lập văn bản %s (%s) vào %s", ", ".join(kinds), formats, out_dir)
        self.tasks.start(job)
        self.progress.setRange(0, len(kinds))
        self.progress.setValue(0)
        self._update_buttons()
        return job

    def _finished(self, made: object) -> None:
        assert isinstance(made, list)
        self.reassign_box.setChecked(False)  # renumbering is asked for each time
        self.made = [Path(p) for p in made]
        self.last_seconds = self.tasks.seconds
        self._update_buttons()
        self.output.show_files(self.made)
        style.set_tone(self.status, style.DONE_TONE)
        self.status.setText(
            f"Đã lập {len(self.made)} tệp trong {self.last_seconds:.1f} giây, lưu tại "
            f"{self.out_dir}. Chọn một tệp rồi «Mở tệp» (hoặc Enter) để xem."
        )
        log.info("Đã lập %d tệp văn bản (%.2f s)", len(self.made), self.last_seconds)
        self.done.emit(True)

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.made = []
        self._update_buttons()
        self._list_existing()
        try:
            if isinstance(error, UserError):
                self._fail(str(error))
            elif isinstance(error, OSError):
                log.warning("Không ghi được văn bản vào %s", self.out_dir, exc_info=error)
                self._fail(
                    f"Không ghi được văn bản vào thư mục {self.out_dir}: "
                    f"{error.strerror or error}. Hãy chọn thư mục khác hoặc kiểm tra quyền ghi."
                )
            else:
                raise error  # a bug: the window's hook logs it and shows the report
        finally:
            self.done.emit(False)

    def _cancelled(self) -> None:
        self._update_buttons()
        self._list_existing()
        style.set_tone(self.status, style.WARNING_TONE)
        self.status.setText("Đã dừng: các văn bản lập xong trước khi dừng vẫn được giữ.")
        self.done.emit(False)

    def _fail(self, message: str, title: str = NOT_MADE) -> None:
        log.info("%s: %s", title, message)
        style.set_tone(self.status, style.ERROR_TONE)
        self.status.setText(message)
        errors.show_error(self, message, title)

    def _tell(self, message: str) -> None:
        style.set_tone(self.status, style.PLAIN)
        self.status.setText(message)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Wait for the worker (closing the window, tests)."""
        return self.tasks.wait(timeout_ms)

    def close_down(self) -> None:
        self.wait()  # PDFs half-written would be left in the output folder


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )
