"""Cài đặt → Quy tắc chấm điểm: the numbers of the campaign's rule set, edited with every problem
named before anything is saved, or another rule file loaded; the ranks update at once."""

from __future__ import annotations

import logging
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.resources import default_rules, load_rules_file
from app.scoring import RuleSet, RuleSetError
from app.scoring.numbers import format_vnd
from app.services import campaigns
from app.services.settings_support import (
    CriterionEdit,
    RuleEdits,
    TierEdit,
    edit_rules,
    format_number,
    share_as_percent,
    write_rules_file,
)
from app.text import slug
from app.ui import errors
from app.ui.context import AppContext
from app.ui.pages.settings_base import SettingsTab
from app.ui.pages.settings_proxy import ProxyRulesBox

log = logging.getLogger("thidua.ui")

POLICY_LABELS = {
    "zero": "Vẫn xếp hạng, được 0 điểm ở tiêu chí có ngưỡng (theo kế hoạch)",
    "exclude": "Không xếp hạng, không xét khen thưởng tập thể",
}
CRITERION_HEADERS = ("Tiêu chí", "Điểm tối đa", "Ngưỡng xét điểm (%)", "Đạt điểm tối đa từ (%)")
NUMBER_WIDTH = 130
TIER_HEADERS = ("Giải", "Số đơn vị", "Tiền thưởng (đồng)", "Điểm cộng", "Chỉ tiêu cá nhân")


def choose_rules_file(parent: QWidget) -> Path | None:
    """A file picker for a rule file (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Chọn tệp quy tắc", str(Path.home()), "Tệp quy tắc (*.json);;Mọi tệp (*)"
    )
    return Path(chosen) if chosen else None


def choose_rules_target(parent: QWidget, suggested: Path) -> Path | None:
    """Where to write the rule file (tests replace this)."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Ghi bộ quy tắc ra tệp", str(suggested), "Tệp quy tắc (*.json)"
    )
    return Path(chosen) if chosen else None


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


class RulesTab(SettingsTab):
    TITLE = "Quy tắc chấm điểm"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rules: RuleSet | None = None  # read by refresh(), when the tab is first shown
        self.problems: list[str] = []
        outer, layout = self.scrolling_layout(
            "Các con số của bộ quy tắc. Sửa rồi bấm «Lưu quy tắc»: điểm, xếp hạng, giải và chỉ "
            "tiêu của mọi đơn vị được tính lại ngay; thay đổi được ghi vào nhật ký. Số viết kiểu "
            "Việt Nam (6.000.000; 0,5); tỷ lệ viết theo phần trăm, để trống nếu không áp dụng."
        )

        general = QFormLayout()
        self.name = QLineEdit()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #555;")
        self.policy = QComboBox()
        for key, label in POLICY_LABELS.items():
            self.policy.addItem(label, key)
        general.addRow("&Tên bộ quy tắc", self.name)
        general.addRow("", self.description)
        general.addRow("Đơn vị &dưới ngưỡng", self.policy)
        layout.addLayout(general)

        self.criteria_box = QGroupBox("Tiêu chí chấm điểm")
        self.criteria_grid = QGridLayout(self.criteria_box)
        layout.addWidget(self.criteria_box)
        self.tiers_box = QGroupBox("Giải thưởng tập thể (theo thứ hạng)")
        self.tiers_grid = QGridLayout(self.tiers_box)
        layout.addWidget(self.tiers_box)
        quotas = QGroupBox("Chỉ tiêu khen thưởng cá nhân")
        quota_form = QFormLayout(quotas)
        self.other_quota = QLineEdit()
        self.agency_total = QLineEdit()
        for edit in (self.other_quota, self.agency_total):
            edit.setMaximumWidth(NUMBER_WIDTH)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        quota_form.addRow("Mỗi đơn vị &không đạt giải", self.other_quota)
        quota_form.addRow("Tổng các &cơ quan cấp huyện", self.agency_total)
        layout.addWidget(quotas)
        self.postal_box = QCheckBox(
            "Tính hồ sơ gửi qua &bưu chính công ích vào tổng số hồ sơ phát sinh (kế hoạch 2023: "
            "không tính — tổng số = trực tuyến + trực tiếp)"
        )
        self.postal_box.setAccessibleName("Tính hồ sơ bưu chính vào tổng số hồ sơ")
        layout.addWidget(self.postal_box)
        self.proxy_box = ProxyRulesBox()
        layout.addWidget(self.proxy_box)
        self.totals = QLabel()
        layout.addWidget(self.totals)
        layout.addStretch(1)

        self.criterion_edits: dict[str, tuple[QLineEdit, QLineEdit, QLineEdit]] = {}
        self.tier_edits: dict[str, tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]] = {}

        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Lưu quy tắc")
        self.revert_button = QPushButton("&Hoàn tác")
        self.load_button = QPushButton("&Nạp tệp quy tắc…")
        self.default_button = QPushButton("Dùng &mẫu Phụng Hiệp 2023")
        self.export_button = QPushButton("&Ghi ra tệp…")
        self.export_button.setToolTip(
            "Ghi bộ quy tắc đang dùng ra tệp JSON (gửi cho nơi khác dùng)"
        )
        for button in (self.save_button, self.revert_button, self.load_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        outer.addLayout(buttons)
        outer.addWidget(self.message)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        self.load_button.clicked.connect(self.load_file)
        self.default_button.clicked.connect(self.use_default)
        self.export_button.clicked.connect(self.export_file)

    def first_focus(self) -> QWidget:
        return self.name

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.rules = campaigns.campaign_rules(self.context.db, self.context.campaign.id)
        self.show_rules(self.rules)
        self.say("")

    def show_rules(self, rules: RuleSet) -> None:
        self.name.setText(rules.name)
        self.description.setText(rules.description)
        self.description.setVisible(bool(rules.description))
        index = self.policy.findData(rules.below_threshold_policy)
        self.policy.setCurrentIndex(max(index, 0))
        _clear(self.criteria_grid)
        for column, header in enumerate(CRITERION_HEADERS):
            self.criteria_grid.addWidget(_heading(header), 0, column)
        self.criterion_edits = {}
        for row, criterion in enumerate(rules.criteria, start=1):
            label = QLabel(criterion.label)
            label.setWordWrap(True)
            edits = (
                QLineEdit(format_number(criterion.max_points)),
                QLineEdit(share_as_percent(_share(criterion.threshold))),
                QLineEdit(share_as_percent(_share(criterion.full_at))),
            )
            edits[1].setPlaceholderText("không có ngưỡng")
            edits[2].setPlaceholderText("100")
            self.criteria_grid.addWidget(label, row, 0)
            for column, edit in enumerate(edits, start=1):
                edit.setAccessibleName(f"{criterion.label} — {CRITERION_HEADERS[column]}")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.criteria_grid.addWidget(edit, row, column)
            self.criterion_edits[criterion.key] = edits
        self.criteria_grid.setColumnStretch(0, 1)

        _clear(self.tiers_grid)
        for column, header in enumerate(TIER_HEADERS):
            self.tiers_grid.addWidget(_heading(header), 0, column)
        self.tier_edits = {}
        for row, tier in enumerate(rules.tiers, start=1):
            tier_edits = (
                QLineEdit(str(tier.positions)),
                QLineEdit(format_vnd(tier.prize_vnd)),
                QLineEdit(str(tier.bonus_points)),
                QLineEdit(str(tier.individual_quota)),
            )
            self.tiers_grid.addWidget(QLabel(tier.label), row, 0)
            for column, edit in enumerate(tier_edits, start=1):
                edit.setAccessibleName(f"Giải {tier.label} — {TIER_HEADERS[column]}")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.tiers_grid.addWidget(edit, row, column)
            self.tier_edits[tier.key] = tier_edits
        self.tiers_grid.setColumnStretch(0, 1)
        self.other_quota.setText(str(rules.other_units_quota))
        self.agency_total.setText(str(rules.district_agency_quota_total))
        self.postal_box.setChecked(rules.postal_in_total)
        self.proxy_box.show_rules(rules)
        self.totals.setText(
            f"Tổng điểm tối đa: {format_number(rules.max_total)} · {rules.awarded_positions} đơn vị "
            f"đạt giải · tổng tiền thưởng tối đa {format_vnd(rules.total_prize_vnd)} đồng."
        )

    # --- editing ---------------------------------------------------------------------------

    def edits(self) -> RuleEdits:
        return RuleEdits(
            name=self.name.text(),
            below_threshold_policy=str(self.policy.currentData()),
            criteria={
                key: CriterionEdit(e[0].text(), e[1].text(), e[2].text())
                for key, e in self.criterion_edits.items()
            },
            tiers={
                key: TierEdit(e[0].text(), e[1].text(), e[2].text(), e[3].text())
                for key, e in self.tier_edits.items()
            },
            other_units_quota=self.other_quota.text(),
            district_agency_quota_total=self.agency_total.text(),
            postal_in_total=self.postal_box.isChecked(),
            proxy_policy=str(self.proxy_box.policy.currentData()),
            proxy_owner_threshold=self.proxy_box.threshold.text(),
            tie_break=str(self.proxy_box.tie_break.currentData()),
        )

    def save(self) -> bool:
        """Check every number; save only when all are right."""
        if self.rules is None:
            self.refresh()
        assert self.rules is not None
        try:
            rules = edit_rules(self.rules, self.edits())
        except RuleSetError as error:
            self.show_problems(error.problems)
            return False
        return self._store(rules, "Đã lưu bộ quy tắc; điểm và xếp hạng đã được tính lại.")

    def show_problems(self, problems: list[str]) -> None:
        self.problems = list(problems)
        log.info("Quy tắc bị từ chối: %s", "; ".join(problems))
        self.say(
            "Chưa lưu: bộ quy tắc có lỗi\n" + "\n".join(f"• {p}" for p in problems), error=True
        )

    def _store(self, rules: RuleSet, text: str) -> bool:
        before = self.context.ranking
        done, _ = self.attempt(
            lambda: campaigns.set_campaign_rules(self.context.db, self.context.campaign.id, rules)
        )
        if not done:
            return False
        self.problems = []
        self.context.reload_periods()  # the rules apply to every period: no ranking kept
        self.context.refresh()
        self.rules = campaigns.campaign_rules(self.context.db, self.context.campaign.id)
        self.show_rules(self.rules)
        after = self.context.ranking
        moved = sum(
            1
            for result in after.results
            if result.unit.code in before and before.result(result.unit.code).rank != result.rank
        )
        self.say(f"{text} {moved} đơn vị đổi thứ hạng." if moved else text)
        return True

    def load_file(self) -> bool:
        path = choose_rules_file(self)
        if path is None:
            return False
        try:
            rules = load_rules_file(path)
        except RuleSetError as error:
            self.show_problems(error.problems)
            return False
        return self._replace(rules, f"tệp {path.name}")

    def export_file(self) -> Path | None:
        """The stored rule set (not the unsaved edits) written to a JSON file."""
        rules = campaigns.campaign_rules(self.context.db, self.context.campaign.id)
        path = choose_rules_target(self, Path.home() / f"quy-tac-{slug(rules.name)}.json")
        if path is None:
            return None
        done, written = self.attempt(
            lambda: write_rules_file(rules, path, db_path=self.context.db.path)
        )
        if done and written is not None:
            self.say(f"Đã ghi bộ quy tắc «{rules.name}» ra tệp {written}.")
        return written

    def use_default(self) -> bool:
        return self._replace(default_rules(), "mẫu Phụng Hiệp 2023")

    def _replace(self, rules: RuleSet, source: str) -> bool:
        if not errors.ask(
            self,
            "Thay bộ quy tắc",
            f"Thay bộ quy tắc «{self.rules.name if self.rules else ''}» bằng «{rules.name}» ({source})?\n\n"
            "Điểm, xếp hạng, giải và chỉ tiêu của mọi đơn vị sẽ được tính lại theo bộ quy tắc "
            "mới; bộ cũ được giữ trong nhật ký thay đổi.",
        ):
            return False
        return self._store(rules, f"Đã dùng bộ quy tắc «{rules.name}» ({source}).")


def _share(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return f"{Decimal(value.numerator) / Decimal(value.denominator):f}"


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
