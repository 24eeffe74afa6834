"""Cài đặt → Thông tin văn bản: a form made from the fields of ``DocumentSettings`` (offices,
numbers, dates, signers, meeting details, certificate offsets), with Vietnamese labels."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.services import campaigns
from app.services.document_settings import (
    CERTIFICATE_FIELDS,
    LABELS,
    SIGNER_LABELS,
    DocumentSettings,
    FieldOffset,
    Signer,
    document_settings_problems,
)
from app.services.settings_support import parse_number_text
from app.ui.context import AppContext
from app.ui.pages.settings_base import SettingsTab

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Cơ quan",
        (
            "parent_body",
            "issuing_office",
            "issuing_office_short",
            "issuing_office_name",
            "council_name",
            "district_committee",
            "place",
            "province_plan",
            "plan_issuer",
            "award_name",
            "money_even",
        ),
    ),
    (
        "Tờ trình đề nghị khen thưởng",
        (
            "proposal_number",
            "proposal_date",
            "proposal_recipient",
            "proposal_signer",
            "proposal_copies",
        ),
    ),
    (
        "Biên bản họp xét khen thưởng",
        (
            "minutes_number",
            "meeting_date",
            "meeting_start",
            "meeting_end",
            "meeting_place",
            "meeting_chair",
            "meeting_chair_title",
            "meeting_secretary",
            "meeting_secretary_title",
            "members_present",
            "members_absent",
            "meeting_discussion",
            "vote_agree",
            "vote_disagree",
            "vote_exceptions",
            "minutes_proxy_evidence",
        ),
    ),
    ("Báo cáo thành tích", ("achievement_report_date", "unit_parents")),
    (
        "Quyết định khen thưởng",
        (
            "decision_number",
            "decision_date",
            "decision_parent",
            "decision_office",
            "decision_issuer",
            "legal_bases",
            "decision_proposer",
            "prize_source",
            "individual_prize_vnd",
            "decision_executors",
            "decision_copies",
            "decision_archive",
            "decision_signer",
        ),
    ),
    (
        "Giấy khen",
        (
            "register_start",
            "certificate_achievement",
            "certificate_signer",
            "certificate_full_text",
            "certificate_offset_x_mm",
            "certificate_offset_y_mm",
            "certificate_field_offsets",
        ),
    ),
    ("Danh sách nhận tiền thưởng", ("payment_preparer",)),
    (
        "Báo cáo sơ kết, tổng kết phong trào",
        ("summary_number", "summary_date", "summary_recipient", "summary_copies"),
    ),
)
LONG_TEXTS = frozenset({"province_plan", "meeting_discussion", "decision_executors"})
DATE_HINT = "dd/mm/yyyy — để trống: "
PLACEHOLDERS = {
    "proposal_date": DATE_HINT + "ngày lập văn bản",
    "meeting_date": DATE_HINT + "để viết tay",
    "achievement_report_date": DATE_HINT + "để đơn vị tự ghi",
    "decision_date": DATE_HINT + "để viết tay",
    "summary_date": DATE_HINT + "ngày lập văn bản",
    "vote_agree": "để trống: mọi thành viên có mặt",
}
OFFSET_RANGE_MM = 50.0


class SignerEditor(QWidget):
    """Authority, title (several lines) and name of a signature block."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.authority = QLineEdit()
        self.title = QPlainTextEdit()
        self.title.setTabChangesFocus(True)
        self.title.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.name = QLineEdit()
        form.addRow(SIGNER_LABELS["authority"], self.authority)
        form.addRow(SIGNER_LABELS["title"], self.title)
        form.addRow(SIGNER_LABELS["name"], self.name)

    def set_value(self, signer: Signer) -> None:
        self.authority.setText(signer.authority)
        self.title.setPlainText(signer.title)
        self.name.setText(signer.name)

    def value(self) -> Signer:
        return Signer(
            authority=self.authority.text().strip(),
            title=self.title.toPlainText().strip(),
            name=self.name.text().strip(),
        )


class OffsetsEditor(QWidget):
    """One row per Giấy khen field: millimetres right (+) and down (+), added to the page's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Ngang (+ sang phải)"), 0, 1)
        grid.addWidget(QLabel("Dọc (+ xuống dưới)"), 0, 2)
        self.spins: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for row, (key, label) in enumerate(CERTIFICATE_FIELDS.items(), start=1):
            grid.addWidget(QLabel(label), row, 0)
            pair = (_offset_spin(f"{label}: dịch ngang"), _offset_spin(f"{label}: dịch dọc"))
            grid.addWidget(pair[0], row, 1)
            grid.addWidget(pair[1], row, 2)
            self.spins[key] = pair

    def set_value(self, offsets: tuple[FieldOffset, ...]) -> None:
        for x_spin, y_spin in self.spins.values():
            x_spin.setValue(0.0)
            y_spin.setValue(0.0)
        for offset in offsets:
            if offset.field in self.spins:
                x_spin, y_spin = self.spins[offset.field]
                x_spin.setValue(offset.x_mm)
                y_spin.setValue(offset.y_mm)

    def value(self) -> tuple[FieldOffset, ...]:
        """Only the fields that move (the others are left out of the settings)."""
        out = []
        for key, (x_spin, y_spin) in self.spins.items():
            x, y = round(x_spin.value(), 1), round(y_spin.value(), 1)
            if x or y:
                out.append(FieldOffset(key, x, y))
        return tuple(out)


def _offset_spin(name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(-OFFSET_RANGE_MM, OFFSET_RANGE_MM)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" mm")
    spin.setAccessibleName(name)
    return spin


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class DocumentSettingsTab(SettingsTab):
    TITLE = "Thông tin văn bản"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer, layout = self.scrolling_layout(
            "Những gì in trên tờ trình, biên bản, báo cáo thành tích, quyết định, giấy khen, danh "
            "sách nhận tiền thưởng và báo cáo tổng kết: tên cơ quan, người ký, căn cứ, lời văn "
            "của mẫu. Phong trào năm sau sửa ở đây, không cần chương trình mới. Ngày viết "
            "dd/mm/yyyy; để trống ngày nếu muốn viết tay."
        )

        self.editors: dict[str, QWidget] = {}
        defaults = DocumentSettings()
        for title, names in SECTIONS:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for name in names:
                editor = self._editor(name, getattr(defaults, name))
                self.editors[name] = editor
                form.addRow(LABELS.get(name, name), editor)
            layout.addWidget(box)
        placed = {n for _, names in SECTIONS for n in names}
        rest = [f.name for f in fields(DocumentSettings) if f.name not in placed]
        if rest:  # a field added later still gets an editor
            box = QGroupBox("Khác")
            form = QFormLayout(box)
            for name in rest:
                editor = self._editor(name, getattr(defaults, name))
                self.editors[name] = editor
                form.addRow(LABELS.get(name, name), editor)
            layout.addWidget(box)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Lưu thông tin văn bản")
        self.revert_button = QPushButton("&Hoàn tác")
        self.default_button = QPushButton("Trả về &mặc định")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        outer.addLayout(buttons)
        outer.addWidget(self.message)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        self.default_button.clicked.connect(lambda: self.show_settings(DocumentSettings()))

    def first_focus(self) -> QWidget:
        return self.editors["parent_body"]

    def _editor(self, name: str, default: Any) -> QWidget:
        editor: QWidget
        if name == "certificate_field_offsets":
            editor = OffsetsEditor()
        elif isinstance(default, Signer):
            editor = SignerEditor()
        elif isinstance(default, tuple) or name in LONG_TEXTS:
            text_editor = QPlainTextEdit()
            text_editor.setTabChangesFocus(True)
            rows = 7 if name == "legal_bases" else 4
            text_editor.setFixedHeight(text_editor.fontMetrics().lineSpacing() * rows + 12)
            editor = text_editor
        elif isinstance(default, bool):
            editor = QCheckBox()
        elif isinstance(default, float):
            spin = QDoubleSpinBox()
            spin.setRange(-OFFSET_RANGE_MM, OFFSET_RANGE_MM)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
            editor = spin
        else:
            line = QLineEdit()
            line.setPlaceholderText(PLACEHOLDERS.get(name, ""))
            editor = line
        editor.setAccessibleName(LABELS.get(name, name))
        editor.setObjectName(name)
        return editor

    def refresh(self) -> None:
        self.show_settings(campaigns.document_settings(self.context.db, self.context.campaign.id))
        self.say("")

    def show_settings(self, settings: DocumentSettings) -> None:
        for name, editor in self.editors.items():
            value = getattr(settings, name)
            if isinstance(editor, SignerEditor | OffsetsEditor):
                editor.set_value(value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText("\n".join(value) if isinstance(value, tuple) else str(value))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(float(value))
            elif isinstance(editor, QLineEdit):
                editor.setText("" if value is None else str(value))

    def values(self) -> tuple[dict[str, Any], list[str]]:
        """The form's values by field name, and the problems found reading them."""
        defaults = DocumentSettings()
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name, editor in self.editors.items():
            default = getattr(defaults, name)
            if isinstance(editor, SignerEditor | OffsetsEditor):
                values[name] = editor.value()
            elif isinstance(editor, QPlainTextEdit):
                text = editor.toPlainText()
                values[name] = _lines(text) if isinstance(default, tuple) else text.strip()
            elif isinstance(editor, QCheckBox):
                values[name] = editor.isChecked()
            elif isinstance(editor, QDoubleSpinBox):
                values[name] = round(editor.value(), 1)
            elif isinstance(editor, QLineEdit):
                text = editor.text().strip()
                if isinstance(default, str):
                    values[name] = text
                    continue
                # whole numbers (vote counts); None allowed where the default is None
                if not text and default is None:
                    values[name] = None
                    continue
                number = parse_number_text(text)
                if number is None or number != number.to_integral_value():
                    shown = f"«{text}» không phải là số nguyên" if text else "chưa nhập"
                    problems.append(f"{LABELS.get(name, name)}: {shown}")
                    continue
                values[name] = int(number)
        return values, problems

    def save(self) -> DocumentSettings | None:
        values, problems = self.values()
        settings = DocumentSettings(**values) if not problems else None
        if settings is not None:
            problems = document_settings_problems(settings)
        if problems or settings is None:
            self.say(
                "Chưa lưu: thông tin văn bản có lỗi\n" + "\n".join(f"• {p}" for p in problems),
                error=True,
            )
            return None
        done, _ = self.attempt(
            lambda: campaigns.set_document_settings(
                self.context.db, self.context.campaign.id, settings
            )
        )
        if not done:
            return None
        self.context.refresh()  # the Văn bản page reads the settings again
        self.say("Đã lưu thông tin văn bản; các văn bản lập từ nay dùng thông tin mới.")
        return settings
