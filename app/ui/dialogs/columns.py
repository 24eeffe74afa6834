"""What every column dialog shows: one combo box per field of the import (starting from the
guessed or remembered mapping; a field the program could not decide between several columns is
marked), the first rows of the file with each chosen column labelled, and the refusal line with the
«Nhập» / «Hủy» buttons under them. The portal dossier dialog and the preview of every other import
use them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.text import fold
from app.ui import style

NOT_USED = "(không dùng)"


class FieldLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def required(self) -> bool: ...


class ColumnsForm(QGroupBox):
    """The field → column choices; ``changed`` is called on every change."""

    def __init__(
        self,
        header: Sequence[str],
        fields: Sequence[FieldLike],
        mapping: Mapping[str, str],
        changed: Callable[[], None],
        *,
        candidates: Mapping[str, Sequence[str]] | None = None,
        title: str = "Cột của tệp",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.header = [str(h) for h in header]
        self.fields = list(fields)
        self.labels = {f.key: f.label for f in self.fields}
        form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        folded = {fold(h): h for h in self.header}
        for index, field in enumerate(self.fields):
            box = QComboBox()
            box.addItem(NOT_USED, "")
            for text in self.header:
                if text.strip():
                    box.addItem(text, text)
            chosen = mapping.get(field.key)
            if chosen is not None:
                box.setCurrentIndex(max(box.findData(folded.get(fold(chosen), chosen)), 0))
            doubt = (candidates or {}).get(field.key)
            text = ("&" if index == 0 else "") + field.label + (" *" if field.required else "")
            label = QLabel(text + (" ⚠" if doubt else ""))
            if doubt:
                label.setToolTip("Có thể là: " + ", ".join(f"«{c}»" for c in doubt))
            label.setBuddy(box)
            box.setAccessibleName(field.label)
            box.currentIndexChanged.connect(lambda _i: changed())
            form.addRow(label, box)
            self.boxes[field.key] = box

    def column(self, key: str) -> int | None:
        text = self.boxes[key].currentData()
        if not text:
            return None
        return self.header.index(str(text)) if str(text) in self.header else None

    def set_field(self, key: str, header_text: str | None) -> None:
        box = self.boxes[key]
        box.setCurrentIndex(max(box.findData(header_text or ""), 0))

    def mapping(self) -> dict[str, str]:
        return {key: str(box.currentData()) for key, box in self.boxes.items() if box.currentData()}

    def problems(self) -> list[str]:
        """Required fields without a column; one column chosen for two fields."""
        mapping = self.mapping()
        out = [
            f"chưa chọn cột «{f.label}»" for f in self.fields if f.required and f.key not in mapping
        ]
        used: dict[str, str] = {}
        for key, text in mapping.items():
            if text in used:
                out.append(
                    f"cột «{text}» được chọn cho cả «{self.labels[used[text]]}» và "
                    f"«{self.labels[key]}»"
                )
            used[text] = key
        return out


class PreviewTable(QTableWidget):
    """The first rows of the file; each column's header says which field it feeds."""

    def __init__(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(len(rows), len(header), parent)
        self.header = [str(h) for h in header]
        self.setAccessibleName("Xem trước các dòng đầu của tệp")
        self.setHorizontalHeaderLabels(self.header)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, cells in enumerate(rows):
            for c, text in enumerate(list(cells)[: len(self.header)]):
                self.setItem(r, c, QTableWidgetItem(text))
        self.resizeColumnsToContents()

    def label_columns(self, form: ColumnsForm) -> None:
        chosen = {form.column(k): k for k in form.boxes}
        for column, text in enumerate(self.header):
            key = chosen.get(column)
            label = f"{text}\n→ {form.labels[key]}" if key else text
            self.setHorizontalHeaderItem(column, QTableWidgetItem(label))


@dataclass(frozen=True, slots=True)
class ImportButtons:
    """The refusal line and the «Nhập» / «Hủy» buttons of a column dialog."""

    error_label: QLabel
    buttons: QDialogButtonBox
    ok_button: QPushButton


def add_import_buttons(
    dialog: QDialog, layout: QBoxLayout, accept: Callable[[], None]
) -> ImportButtons:
    """Add the refusal line and the «Nhập» (runs ``accept``) / «Hủy» buttons to ``layout``."""
    error_label = QLabel()
    error_label.setObjectName("error")
    error_label.setWordWrap(True)
    style.set_tone(error_label, style.ERROR_TONE, bold=True)
    layout.addWidget(error_label)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText("&Nhập")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Hủy")
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return ImportButtons(error_label, buttons, ok_button)
