"""Khen thưởng: collective awards with their prize money, and individual nominations within quotas."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.scoring import PENDING, QuotaReport, UnitKind, quota_report
from app.scoring.numbers import format_vnd
from app.services import nomination_bulk
from app.services import nominations as nominations_service
from app.services import units as units_service
from app.services.documents import money_in_words
from app.services.ranking import NO_FIGURES, has_figures
from app.services.records import NominationInfo
from app.ui import style
from app.ui.context import AppContext, Mode
from app.ui.dialogs.nomination_dialog import NominationDialog, NominationValues
from app.ui.errors import attempt
from app.ui.models.awards_model import AGENCIES_KEY, AwardsTableModel, QuotaTableModel
from app.ui.models.base import KEY_ROLE, SORT_ROLE
from app.ui.models.nominations_model import NominationsTableModel
from app.ui.pages.base import Page
from app.ui.pages.nomination_undo import DeleteNominationsCommand
from app.ui.widgets.buttons import add_undo_buttons
from app.ui.widgets.table_view import TableView


class AwardsPage(Page):
    SLUG = "khen-thuong"
    TITLE = "Khen thưởng"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Collective awards
        collective = QGroupBox("Khen thưởng tập thể (Giấy khen của Chủ tịch UBND huyện)")
        collective_layout = QVBoxLayout(collective)
        self.awards_model = AwardsTableModel()
        self.awards_table = TableView()
        self.awards_table.setModel(self.awards_model)
        self.awards_table.setAccessibleName("Danh sách khen thưởng tập thể")
        self.awards_table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        style.set_tone(self.pending_label, style.WARNING_TONE, bold=True)
        collective_layout.addWidget(self.awards_table, 1)
        collective_layout.addWidget(self.total_label)
        collective_layout.addWidget(self.pending_label)

        # Individual nominations
        individual = QGroupBox("Đề nghị khen thưởng cá nhân")
        individual_layout = QVBoxLayout(individual)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setObjectName("quota-problems")
        style.box(self.problems_label, "error")
        individual_layout.addWidget(self.problems_label)
        self.quota_model = QuotaTableModel()
        self.quota_table = TableView()
        self.quota_table.setModel(self.quota_model)
        self.quota_table.setAccessibleName("Chỉ tiêu khen thưởng cá nhân của từng đơn vị")
        self.quota_table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.quota_table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.nominations_model = NominationsTableModel()
        self.nominations_proxy = QSortFilterProxyModel(self)
        self.nominations_proxy.setSourceModel(self.nominations_model)
        self.nominations_proxy.setSortRole(SORT_ROLE)
        self.nominations_table = TableView()
        self.nominations_table.setModel(self.nominations_proxy)
        self.nominations_table.setAccessibleName("Danh sách người được đề nghị khen thưởng")
        self.nominations_table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.nominations_table.setSelectionMode(TableView.SelectionMode.ExtendedSelection)
        self.nominations_table.doubleClicked.connect(lambda _i: self.edit_nomination())
        self.nominations_caption = QLabel()

        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Thêm người…")
        self.edit_button = QPushButton("&Sửa…")
        self.remove_button = QPushButton("&Xóa")
        self.all_button = QPushButton("Xem tất &cả")
        self._edit_buttons(buttons)
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        self.add_button.clicked.connect(self.add_nomination)
        self.edit_button.clicked.connect(self.edit_nomination)
        self.remove_button.clicked.connect(self.remove_nomination)
        self.all_button.clicked.connect(self.show_all)

        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.addWidget(self.quota_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.nominations_caption)
        right_layout.addWidget(self.nominations_table, 1)
        right_layout.addLayout(buttons)
        lists.addWidget(right)
        lists.setStretchFactor(0, 2)
        lists.setStretchFactor(1, 3)
        individual_layout.addWidget(lists, 1)

        self.collective = collective
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(collective)
        splitter.addWidget(individual)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.body.addWidget(splitter, 1)

        self.filter_code: str | None = None
        self.quota_report: QuotaReport | None = None
        self.nominations: list[NominationInfo] = []
        self.dialog: NominationDialog | None = None
        self.quota_table.selectionModel().selectionChanged.connect(self._quota_selected)
        self.nominations_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        self.refresh()
        for table in (self.awards_table, self.quota_table, self.nominations_table):
            table.keep_fitted()  # names are never cut short after an import

    def _edit_buttons(self, buttons: QHBoxLayout) -> None:
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        # Several rows can be deleted at once (Ctrl/Shift + click), then put back: Ctrl+Z.
        self.undo_stack = QUndoStack(self)
        self.undo_action, self.redo_action = add_undo_buttons(self, self.undo_stack, buttons)
        self.context.period_changed.connect(self.undo_stack.clear)

    def first_focus(self) -> QWidget:
        return self.quota_table

    # --- drawing -------------------------------------------------------------------------------

    def apply_mode(self, mode: Mode) -> None:
        """Commune mode: the collective awards are the council's (hidden); the unit's own quota
        and nominations, with a note that the quota is provisional."""
        self.collective.setVisible(mode.is_district)
        self.show_mode_banner(
            ""
            if mode.is_district
            else f"Chế độ đơn vị: {mode.label}. Chỉ tiêu khen thưởng cá nhân ở đây tạm tính "
            "theo số liệu trên máy này; Hội đồng Thi đua - Khen thưởng huyện xét chính thức."
        )
        if mode.unit_code is not None:
            self.filter_code = mode.unit_code

    def refresh(self) -> None:
        ranking = self.context.ranking
        figures = has_figures(ranking)
        self.awards_model.set_ranking(ranking, has_figures=figures)
        total = ranking.total_prize_vnd
        self.total_label.setText(
            f"<b>Tổng tiền thưởng: {format_vnd(total)} đồng</b> (bằng chữ: {money_in_words(total)})."
        )
        pending = [r.unit.name for r in ranking.results if r.tier == PENDING]
        if not figures:
            self.pending_label.setText(
                f"{NO_FIGURES} cho kỳ «{self.context.period.name}»: chưa xét giải. Hãy nhập số "
                "liệu ở trang Số liệu (Ctrl+2) hoặc Nhập / Xuất (Ctrl+5)."
            )
        else:
            self.pending_label.setText(
                "Chờ phân định đồng hạng (trang Xếp hạng): "
                + ", ".join(pending)
                + " — chưa có giải, tiền thưởng và chỉ tiêu cá nhân."
            )
        self.pending_label.setVisible(bool(pending) or not figures)
        db, period_id = self.context.db, self.context.period.id
        counts = nominations_service.nomination_counts(db, period_id)
        self.quota_report = quota_report(ranking, counts)  # the ranking on screen, not re-read
        self.quota_model.set_report(self.quota_report, mode=self.context.mode, has_figures=figures)
        problems = self.quota_report.problems()
        self.problems_label.setVisible(bool(problems))
        self.problems_label.setText(
            "Vượt chỉ tiêu sau khi tính lại (không có gì bị xóa; hãy bớt người đề nghị trước khi "
            "lập hồ sơ):\n" + "\n".join(problems)
        )
        mode = self.context.mode
        self.nominations = [
            n
            for n in nominations_service.list_nominations(db, period_id)
            if mode.shows(n.unit_code)
        ]
        self._show_nominations()

    def _agency_codes(self) -> set[str]:
        return set(self.quota_report.agency_codes) if self.quota_report else set()

    def _show_nominations(self) -> None:
        code = self.filter_code
        if code is None:
            shown = self.nominations
            caption = f"Tất cả người được đề nghị ({len(shown)})"
        elif code == AGENCIES_KEY:
            agencies = self._agency_codes()
            shown = [n for n in self.nominations if n.unit_code in agencies]
            caption = f"Các cơ quan cấp huyện ({len(shown)})"
        else:
            shown = [n for n in self.nominations if n.unit_code == code]
            row = self.quota_model.row_of(code)
            name = self.quota_model.record(row).name if row is not None else code
            caption = f"{name} ({len(shown)})"
        self.nominations_caption.setText(caption)
        self.nominations_model.set_records(shown)
        self._update_buttons()

    def _quota_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.quota_table.currentIndex()
        self.filter_code = None if not index.isValid() else str(index.data(KEY_ROLE))
        self._show_nominations()

    def show_all(self) -> None:
        self.quota_table.clearSelection()
        self.filter_code = None
        self._show_nominations()

    def select_unit(self, key: str) -> None:
        row = self.quota_model.row_of(key)
        if row is not None:
            self.quota_table.selectRow(row)

    def selected_nominations(self) -> list[NominationInfo]:
        """The selected rows' nominations, in the order shown."""
        rows = sorted(i.row() for i in self.nominations_table.selectionModel().selectedRows())
        return [
            self.nominations_model.record(
                self.nominations_proxy.mapToSource(self.nominations_proxy.index(row, 0)).row()
            )
            for row in rows
        ]

    def selected_nomination(self) -> NominationInfo | None:
        """The one selected nomination (None when none or several are selected)."""
        chosen = self.selected_nominations()
        return chosen[0] if len(chosen) == 1 else None

    def _update_buttons(self) -> None:
        chosen = self.selected_nominations()
        self.edit_button.setEnabled(len(chosen) == 1)
        self.remove_button.setEnabled(bool(chosen))
        self.remove_button.setText(f"&Xóa {len(chosen)} người" if len(chosen) > 1 else "&Xóa")

    # --- editing -------------------------------------------------------------------------------

    def _unit_choices(self) -> list[tuple[str, str]]:
        report = self.quota_report
        scored = [(u.code, u.name) for u in report.units] if report else []
        agencies = [
            (u.code, u.name)
            for u in units_service.list_units(self.context.db, active_only=True)
            if u.kind == UnitKind.CO_QUAN
        ]
        mode = self.context.mode
        return [(code, name) for code, name in scored + agencies if mode.shows(code)]

    def _open(self, nomination: NominationInfo | None) -> NominationDialog:
        db, period_id = self.context.db, self.context.period.id

        def saver(values: NominationValues) -> NominationInfo:
            if nomination is None:
                return nominations_service.add_nomination(
                    db,
                    period_id,
                    values.unit_code,
                    values.full_name,
                    values.position,
                    values.achievement_summary,
                    birth_date=values.birth_date,
                    gender=values.gender,
                )
            return nominations_service.update_nomination(
                db,
                nomination.id,
                unit_code=values.unit_code,
                full_name=values.full_name,
                position=values.position,
                achievement_summary=values.achievement_summary,
                birth_date=values.birth_date,
                gender=values.gender,
            )

        preset = self.filter_code if self.filter_code not in (None, AGENCIES_KEY) else None
        dialog = NominationDialog(self._unit_choices(), nomination, saver, self, unit_code=preset)
        dialog.accepted.connect(self.context.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_nomination(self) -> NominationDialog:
        return self._open(None)

    def edit_nomination(self) -> NominationDialog | None:
        nomination = self.selected_nomination()
        return None if nomination is None else self._open(nomination)

    def remove_nomination(self) -> None:
        """Delete the selected nominations at once; Hoàn tác (Ctrl+Z) puts them back."""
        chosen = self.selected_nominations()
        if not chosen:
            return
        db = self.context.db
        done, deleted = attempt(
            self, lambda: nomination_bulk.delete_nominations(db, [n.id for n in chosen])
        )
        if done and deleted is not None:
            self.undo_stack.push(DeleteNominationsCommand(self, deleted, db, self.context.refresh))
            self.context.refresh()
