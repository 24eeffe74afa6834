"""Before an import of figures, e-ID figures, nominations or the portal's statistics report: the
table as the program found it (the header row, the first rows), how its columns are read (each
correctable; a field with several candidate columns marked), what was left out (title, total and
signature rows) and how the text was read (encoding, legacy TCVN3 / VNI text converted). «Nhập»
imports with the columns shown; the choice is remembered for the campaign."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.import_columns import KIND_LABELS, ImportPreview
from app.ui.dialogs.columns import ColumnsForm, PreviewTable, add_import_buttons


class ImportPreviewDialog(QDialog):
    """``mapping()`` gives the officer's choice of columns after «Nhập»."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview_data = preview
        what = KIND_LABELS.get(preview.kind, preview.kind)
        self.setWindowTitle(f"Xem trước — {what} — {preview.source_name}")
        layout = QVBoxLayout(self)
        self.intro = intro = QLabel(
            f"Chương trình tìm thấy bảng ở dòng {preview.header_row}"
            + (f" của trang «{preview.sheet}»" if preview.sheet else "")
            + " và đoán cột nào chứa thông tin nào (hoặc dùng lựa chọn lần trước của đợt thi "
            "đua). Kiểm tra các dòng đầu và sửa cột nếu cần; lựa chọn được nhớ cho lần nhập sau."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        self.columns = ColumnsForm(
            preview.header,
            preview.fields,
            preview.mapping,
            self._changed,
            candidates=preview.candidates,
        )
        self.boxes = self.columns.boxes
        top.addWidget(self.columns, 1)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Cách đọc tệp và các dòng bỏ qua")
        for line in self.note_lines():
            self.notes.addItem(line)
        side = QVBoxLayout()
        side.addWidget(QLabel("Cách đọc tệp, các dòng bỏ qua:"))
        side.addWidget(self.notes, 1)
        top.addLayout(side, 1)
        layout.addLayout(top)

        layout.addWidget(QLabel(f"Các dòng đầu của bảng ({len(preview.rows)} dòng):"))
        self.preview = PreviewTable(preview.header, preview.rows)
        layout.addWidget(self.preview, 1)
        bottom = add_import_buttons(self, layout, self._try_accept)
        self.error_label = bottom.error_label
        self.buttons = bottom.buttons
        self.ok_button = bottom.ok_button
        self._changed()
        self.resize(900, 600)

    def note_lines(self) -> list[str]:
        data = self.preview_data
        lines = list(data.notes)
        for key, headers in data.candidates.items():
            label = next((f.label for f in data.fields if f.key == key), key)
            shown = " hoặc ".join(f"«{h}»" for h in headers)
            lines.append(f"Chưa chắc cột «{label}»: có thể là {shown} — hãy chọn.")
        lines += [f"Bỏ qua {s}" for s in data.skipped]
        return lines or ["Tệp đọc được bình thường, không bỏ qua dòng nào."]

    def set_field(self, key: str, header_text: str | None) -> None:
        self.columns.set_field(key, header_text)

    def mapping(self) -> dict[str, str]:
        return self.columns.mapping()

    def problems(self) -> list[str]:
        problems = self.columns.problems()
        unit_keys = {"unit", "code", "name"} & set(self.boxes)
        if unit_keys and not unit_keys & set(self.mapping()):
            problems.insert(0, "chưa chọn cột đơn vị")
        return problems

    def _changed(self) -> None:
        if not hasattr(self, "error_label"):
            return
        problems = self.problems()
        self.error_label.setText(
            ("Chưa nhập được: " + "; ".join(problems) + ".") if problems else ""
        )
        self.error_label.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)
        self.preview.label_columns(self.columns)

    def _try_accept(self) -> None:
        if not self.problems():
            self.accept()
