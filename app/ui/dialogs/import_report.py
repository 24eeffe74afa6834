"""What an import did (rows read, units updated, rows skipped and why, unknown units, busiest
accounts) — in a dialog, and in the Nhập / Xuất page's «Kết quả lần nhập gần nhất» box — and why a
file was refused (every problem: row, unit, column, value)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.scoring import FIELD_LABELS, Problem
from app.services.import_reports import ImportReport
from app.ui.widgets.buttons import close_and_copy


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_html(report: ImportReport) -> str:
    parts = [f"<h3>{_html(report.title)}</h3>"]
    parts += [f"<p>{_html(line)}</p>" for line in report.summary]
    for section in report.sections:
        colour = "#c62828" if section.warning else "#1a237e"
        parts.append(f"<h4 style='color:{colour}'>{_html(section.title)}</h4>")
        if section.lines:
            items = "".join(f"<li>{_html(line)}</li>" for line in section.lines)
            parts.append(f"<ul style='margin-top:0'>{items}</ul>")
    return "".join(parts)


class ImportReportDialog(QDialog):
    """The report, selectable and copyable."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Kết quả nhập — " + report.title)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Báo cáo nhập dữ liệu")
        self.browser.setHtml(report_html(report))
        layout.addWidget(self.browser, 1)
        layout.addWidget(close_and_copy(self, "&Chép báo cáo", report.text))
        self.resize(640, 480)

    def text(self) -> str:
        return self.report.text()


class LastImport(QGroupBox):
    """The last import's report since the program opened, with «Mở kết quả trong cửa sổ riêng»
    (its :class:`ImportReportDialog`, ``dialog``)."""

    TITLE = "Kết quả lần nhập gần nhất"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.TITLE, parent)
        self.report: ImportReport | None = None
        self.dialog: ImportReportDialog | None = None
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.TITLE)
        self.browser.setPlaceholderText(
            "Chưa nhập tệp nào từ khi mở chương trình. Sau mỗi lần nhập, kết quả (số dòng đã đọc, "
            "đơn vị được cập nhật, dòng bị bỏ qua và lý do) hiện ở đây."
        )
        layout.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.button = QPushButton("Mở kết quả trong cửa sổ &riêng")
        self.button.setEnabled(False)
        self.button.clicked.connect(lambda _checked=False: self.show_report())
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_report(self, report: ImportReport | None = None) -> None:
        """Show ``report`` here (when given) and open the last report in its dialog."""
        if report is not None:
            self.report = report
            self.button.setEnabled(True)
            self.browser.setHtml(report_html(report))
        if self.report is None:
            return
        self.dialog = ImportReportDialog(self.report, self)
        self.dialog.open()


PROBLEM_HEADERS = ("Dòng", "Đơn vị", "Cột", "Giá trị", "Vấn đề")


def problem_cells(problem: Problem) -> list[str]:
    unit = problem.unit_code
    if problem.unit_name:
        unit = f"{unit} ({problem.unit_name})" if unit else problem.unit_name
    return [
        "" if problem.row is None else str(problem.row),
        unit,
        FIELD_LABELS.get(problem.field, problem.field),
        problem.value,
        problem.message,
    ]


class ProblemsDialog(QDialog):
    """A refused file: every problem in a table; nothing was written."""

    def __init__(
        self, title: str, problems: Sequence[Problem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.problems = list(problems)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>Tệp có {len(self.problems)} lỗi nên không nhập gì cả</b> — dữ liệu giữ nguyên như "
            "trước. Sửa các ô dưới đây trong tệp rồi nhập lại."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.problems), len(PROBLEM_HEADERS))
        self.table.setAccessibleName("Danh sách lỗi của tệp")
        self.table.setHorizontalHeaderLabels(list(PROBLEM_HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(self.problems):
            for column, text in enumerate(problem_cells(problem)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(problem))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(PROBLEM_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        layout.addWidget(close_and_copy(self, "&Chép danh sách lỗi", self.text))
        self.resize(820, 420)

    def text(self) -> str:
        return "\n".join(str(p) for p in self.problems)
