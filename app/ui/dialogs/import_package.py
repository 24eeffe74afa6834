"""A commune's package before it is applied: which unit, period and export time, every figure
old → new and the unit's nominations in the package against those stored (added / removed /
unchanged, by full name); the officer accepts («Nhập gói») or not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.scoring.numbers import format_int
from app.ui import style


@dataclass(frozen=True, slots=True)
class FigureRow:
    label: str
    old: int | None
    new: int | None

    @property
    def changed(self) -> bool:
        return self.old != self.new


ADDED, REMOVED, UNCHANGED, EDITED = "Thêm mới", "Bỏ", "Giữ nguyên", "Sửa nội dung"


@dataclass(frozen=True, slots=True)
class NominationRow:
    full_name: str
    change: str  # ADDED, REMOVED, UNCHANGED or EDITED

    @property
    def changed(self) -> bool:
        return self.change != UNCHANGED


class NominationChanges(Protocol):
    """How a package's nominations differ from those stored, by full name (the services'
    ``PackagePreview.nominations_diff``)."""

    @property
    def added(self) -> Sequence[str]: ...
    @property
    def removed(self) -> Sequence[str]: ...
    @property
    def unchanged(self) -> Sequence[str]: ...
    @property
    def edited(self) -> Sequence[str]: ...


def nomination_rows(diff: NominationChanges | None) -> list[NominationRow] | None:
    """Rows of a package's nominations against those stored (None: the package has no
    nominations, None is returned)."""
    if diff is None:
        return None
    edited = list(diff.edited)
    rows = [NominationRow(n, ADDED) for n in diff.added]
    for name in diff.unchanged:
        if name in edited:
            edited.remove(name)
            rows.append(NominationRow(name, EDITED))
        else:
            rows.append(NominationRow(name, UNCHANGED))
    rows += [NominationRow(n, REMOVED) for n in diff.removed]
    return rows


def _bold(item: QTableWidgetItem) -> None:
    font = item.font()
    font.setBold(True)
    item.setFont(font)


def _shown(value: int | None) -> str:
    return "(trống)" if value is None else format_int(value)


class PackageDiffDialog(QDialog):
    """Old → new for every figure of the package's unit (changed rows in bold); ``nominations``
    (``nomination_rows``) adds a table of the unit's nominations: what importing adds, removes or
    keeps. ``details`` carry the preview's notes (the nominations in words, a package without
    nominations)."""

    def __init__(
        self,
        title: str,
        details: Sequence[str],
        rows: Sequence[FigureRow],
        parent: QWidget | None = None,
        *,
        nominations: Sequence[NominationRow] | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.nominations = None if nominations is None else list(nominations)
        self.signed = True
        self.setWindowTitle("Nhập gói số liệu — " + title)
        layout = QVBoxLayout(self)
        self.head = QLabel(f"<b>{title}</b><br>" + "<br>".join(details))
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        self.signature = QLabel()
        self.signature.setAccessibleName("Chữ ký của gói")
        self.signature.setWordWrap(True)
        self.signature.hide()
        layout.addWidget(self.signature)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setAccessibleName("Số liệu cũ và mới")
        self.table.setHorizontalHeaderLabels(["Chỉ tiêu", "Đang có", "Trong gói"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(self.rows):
            items = [QTableWidgetItem(row.label), QTableWidgetItem(_shown(row.old))]
            items.append(QTableWidgetItem(_shown(row.new)))
            for c, item in enumerate(items):
                if row.changed:
                    _bold(item)
                    if c == 2:
                        item.setForeground(QColor(style.DONE_DARK))
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.nominations_table: QTableWidget | None = None
        if self.nominations is not None:
            layout.addWidget(
                QLabel("<b>Đề nghị khen thưởng cá nhân</b> (trong gói so với đang có)")
            )
            self.nominations_table = self._nominations_table(self.nominations)
            layout.addWidget(self.nominations_table, 1)
        self.question = self._question()
        layout.addWidget(self.question)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Nhập gói")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Không nhập")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

    def _nominations_table(self, rows: Sequence[NominationRow]) -> QTableWidget:
        table = QTableWidget(len(rows), 2)
        table.setAccessibleName("Đề nghị khen thưởng trong gói và đang có")
        table.setHorizontalHeaderLabels(["Họ và tên", "Khi nhập gói"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        colours = {ADDED: style.DONE_DARK, REMOVED: style.ERROR_DARK, EDITED: style.CHANGED}
        for r, row in enumerate(rows):
            for c, text in enumerate((row.full_name, row.change)):
                item = QTableWidgetItem(text)
                if row.changed:
                    _bold(item)
                    item.setForeground(QColor(colours[row.change]))
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def _question(self) -> QLabel:
        changed = sum(1 for r in self.rows if r.changed)
        parts = [f"Gói thay đổi {changed} chỉ tiêu (in đậm)." if changed else ""]
        if not changed:
            parts.append("Số liệu trong gói giống hệt số liệu đang có.")
        if self.nominations is not None:
            moved = sum(1 for r in self.nominations if r.changed)
            parts.append(
                f"Danh sách đề nghị khen thưởng của đơn vị được thay bằng danh sách trong gói "
                f"({moved} thay đổi)."
                if moved
                else "Danh sách đề nghị khen thưởng trong gói giống danh sách đang có."
            )
        parts.append("Chỉ đơn vị ghi trong gói được cập nhật. Nhập gói này?")
        question = QLabel(" ".join(p for p in parts if p))
        question.setWordWrap(True)
        return question

    def set_signature(self, signed: bool, status: str) -> None:
        """Show whether the package is signed, under the title: an unsigned one as a warning
        (its button then asks again before importing)."""
        self.signed = signed
        self.signature.setText(status)
        style.set_tone(self.signature, style.DONE_TONE if signed else style.ERROR_TONE, bold=True)
        self.signature.show()
        if not signed:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Nhập gói…")

    def changed_rows(self) -> list[FigureRow]:
        return [r for r in self.rows if r.changed]

    def changed_nominations(self) -> list[NominationRow]:
        return [r for r in self.nominations or () if r.changed]
