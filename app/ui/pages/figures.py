"""Số liệu: the five figures of every unit for the chosen period, typed or pasted like a spreadsheet.

Each accepted edit is saved at once (one transaction, audited), then the whole ranking is recomputed
and every column (rates, points, total, rank) redrawn. Ctrl+Z / Ctrl+Y undo and redo edits; an undo
is saved like any edit.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QToolTip,
    QWidget,
)

from app.errors import UserError
from app.scoring import FIELD_LABELS, FIGURE_FIELDS, UnitFigures
from app.services import figures as figures_service
from app.services.concurrency import StaleEditError
from app.ui import style
from app.ui.context import AppContext, Mode
from app.ui.models.figures_model import Change, FiguresTableModel
from app.ui.pages.base import Page
from app.ui.widgets.buttons import add_undo_buttons
from app.ui.widgets.table_view import SpreadsheetView

PASTE_SOURCE = "dán từ bảng tính"
FROZEN_COLUMNS = 2  # the code and the name stay while the figures scroll sideways


class FiguresCommand(QUndoCommand):
    """One saved edit (a cell or a pasted block). Created after the first save succeeded."""

    def __init__(self, page: FiguresPage, changes: list[Change], text: str) -> None:
        super().__init__(text)
        self.page = page
        self.changes = changes
        self._done = True  # pushed after saving: the stack's first redo() must not save again

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.page.replay([after for _, after in self.changes], "Không làm lại được")

    def undo(self) -> None:
        self.page.replay([before for before, _ in self.changes], "Không hoàn tác được")


def describe(changes: list[Change]) -> str:
    """The undo stack's name of an edit: 'sửa tổng số hồ sơ phát sinh của Xã Hòa An'."""
    if len(changes) == 1:
        before, after = changes[0]
        fields = [f for f in FIGURE_FIELDS if before.figure(f) != after.figure(f)]
        what = ", ".join(FIELD_LABELS[f].lower() for f in fields) or "số liệu"
        return f"sửa {what} của {after.name}"
    return f"dán số liệu của {len(changes)} đơn vị"


class FiguresPage(Page):
    SLUG = "so-lieu"
    TITLE = "Số liệu"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.undo_stack = QUndoStack(self)
        self.model = FiguresTableModel(self.submit)
        self.table = SpreadsheetView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Bảng số liệu các đơn vị")
        self.table.freeze_columns(FROZEN_COLUMNS)
        self.model.refused.connect(self.show_refusal)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        tools = QHBoxLayout()
        self.undo_action, self.redo_action = add_undo_buttons(self, self.undo_stack, tools)
        self.copy_action = QAction("&Chép", self)
        self.copy_action.triggered.connect(self.table.copy_selection)
        self.paste_action = QAction("&Dán", self)
        self.paste_action.triggered.connect(self.table.paste_clipboard)
        for action in (self.copy_action, self.paste_action):
            button = QToolButton()
            button.setDefaultAction(action)
            tools.addWidget(button)
        tools.addWidget(self.hint, 1)
        self.body.addLayout(tools)

        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.box(self.error_label, "error")
        self.error_label.hide()
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.error_label)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.body.addWidget(self.status)
        self.last_edit_ms = 0.0
        context.period_changed.connect(self.undo_stack.clear)
        self.refresh()
        self.table.fit_columns()

    def first_focus(self) -> QWidget:
        return self.table

    def apply_mode(self, mode: Mode) -> None:
        self.show_mode_banner(
            ""
            if mode.is_district
            else f"Chế độ đơn vị: {mode.label}. Nhập số liệu của đơn vị, rồi sang trang Nhập / "
            "Xuất để xuất gói số liệu gửi Phòng Văn hóa và Thông tin."
        )

    def refresh(self) -> None:
        self.model.set_ranking(self.context.ranking, self.context.mode)
        self.hint.setText(
            f"Kỳ «{self.context.period.name}». Gõ số vào ô (được viết 1.234); Ctrl+C / Ctrl+V chép "
            "và dán cả khối ô như Excel; Ctrl+Tab rời bảng."
        )

    # --- saving --------------------------------------------------------------------------------

    def submit(self, changes: list[Change]) -> None:
        """The model's saver: store the edit, then remember it for undo."""
        self.save([after for _, after in changes])
        self.undo_stack.push(FiguresCommand(self, changes, describe(changes)))

    def save(self, units: list[UnitFigures]) -> None:
        """Store ``units`` (one transaction) and redraw every page from the new ranking.
        Raises the service's error when refused (nothing written)."""
        started = time.perf_counter()
        db, period_id = self.context.db, self.context.period.id
        source = "" if len(units) == 1 else PASTE_SOURCE
        seen = self.context.figure_versions
        try:
            saved = figures_service.save_figures(
                db,
                period_id,
                units,
                source_name=source,
                versions={u.code: seen.get(u.code, 0) for u in units},
            )
        except StaleEditError:
            self.context.refresh()  # another officer changed them: show the fresh figures
            raise
        self.context.last_recalc_ms = (time.perf_counter() - started) * 1000  # save + rank
        self.context.refresh(saved.ranking, saved.versions)
        problems = saved.quota_problems
        self.last_edit_ms = (time.perf_counter() - started) * 1000
        self.error_label.hide()
        text = (
            f"Đã lưu số liệu {', '.join(u.name for u in units[:3])}"
            f"{'…' if len(units) > 3 else ''}; xếp hạng đã tính lại "
            f"({self.last_edit_ms:.0f} ms)."
        )
        if problems:
            text += " Chú ý — chỉ tiêu khen thưởng cá nhân: " + "; ".join(problems) + "."
            style.set_tone(self.status, style.ERROR_TONE)
        else:
            style.set_tone(self.status, style.PLAIN)
        self.status.setText(text)

    def show_refusal(self, row: int, column: int, reason: str) -> None:
        self.error_label.setText("Không lưu: " + reason)
        self.error_label.show()
        index = self.model.index(row, column)
        rect = self.table.visualRect(index)
        if self.table.isVisible():
            QToolTip.showText(
                self.table.viewport().mapToGlobal(rect.bottomLeft()), reason, self.table
            )

    def replay(self, units: list[UnitFigures], failure: str) -> None:
        """Save for undo/redo; a refusal (e.g. the unit was deactivated since) is shown."""
        try:
            self.save(units)
        except UserError as error:
            self.error_label.setText(f"{failure}: {error}")
            self.error_label.show()

    @property
    def refusal(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""
