"""Cài đặt → Quy tắc chấm điểm › Hồ sơ nộp thay: how the rule set counts dossiers filed on
citizens' behalf (RULES.md section 4) — the policy, the owner threshold that marks an account and
the tie-break that may use the proxy share. Checked and saved with the other rule numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.scoring import RuleSet
from app.scoring.proxy import (
    FLAGGED_LABEL,
    POLICY_COUNT_AS_DIRECT,
    POLICY_TIE_BREAK,
    PROXY_TIE_BREAK,
)
from app.scoring.rules import TIE_BREAKS

PROXY_POLICY_CHOICES = {
    POLICY_TIE_BREAK: "Chỉ dùng khi bằng điểm (theo kế hoạch)",
    POLICY_COUNT_AS_DIRECT: "Tính hồ sơ nộp thay là hồ sơ không trực tuyến",
}
PROXY_POLICY_HELP = {
    POLICY_TIE_BREAK: (
        "Điểm của đơn vị không đổi. Hồ sơ nộp thay chỉ được xét khi hai đơn vị bằng điểm, nếu "
        "cách phân định đồng hạng bên dưới dùng tỷ lệ hồ sơ nộp thay."
    ),
    POLICY_COUNT_AS_DIRECT: (
        "Hồ sơ trực tuyến do tài khoản có dấu hiệu nộp thay nộp (không có ủy quyền) bị trừ khỏi "
        "số hồ sơ trực tuyến của đơn vị: tỷ lệ trực tuyến, điểm và thứ hạng giảm theo."
    ),
}
TIE_BREAK_CHOICES = {
    TIE_BREAKS[0]: "Ít hồ sơ trên mỗi tài khoản hơn thì xếp trên",
    PROXY_TIE_BREAK: (
        "Tỷ lệ hồ sơ nộp thay thấp hơn thì xếp trên, rồi đến ít hồ sơ trên mỗi tài khoản"
    ),
}
assert set(TIE_BREAK_CHOICES) == set(TIE_BREAKS)


class ProxyRulesBox(QGroupBox):
    """The three proxy settings of a rule set, as typed (checked by the rules service)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Hồ sơ nộp thay và phân định đồng hạng", parent)
        form = QFormLayout(self)
        self.policy = QComboBox()
        for key, label in PROXY_POLICY_CHOICES.items():
            self.policy.addItem(label, key)
        self.policy.setAccessibleName("Cách tính hồ sơ nộp thay")
        self.policy_help = QLabel()
        self.policy_help.setWordWrap(True)
        self.policy_help.setStyleSheet("color: #555;")
        self.threshold = QLineEdit()
        self.threshold.setMaximumWidth(130)
        self.threshold.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.threshold.setAccessibleName("Ngưỡng số chủ hồ sơ của tài khoản nộp thay")
        threshold_help = QLabel(
            f"Một tài khoản nộp trực tuyến, không có ủy quyền, cho từ ngần này chủ hồ sơ khác "
            f"nhau trở lên được đánh dấu «{FLAGGED_LABEL}» (mặc định 10). Tài khoản cán bộ đã "
            "đăng ký luôn được đánh dấu."
        )
        threshold_help.setWordWrap(True)
        threshold_help.setStyleSheet("color: #555;")
        self.tie_break = QComboBox()
        for key, label in TIE_BREAK_CHOICES.items():
            self.tie_break.addItem(label, key)
        self.tie_break.setAccessibleName("Cách phân định đồng hạng")
        form.addRow("Cách tính hồ sơ &nộp thay", self.policy)
        form.addRow("", self.policy_help)
        form.addRow("Ngưỡng số &chủ hồ sơ", self.threshold)
        form.addRow("", threshold_help)
        form.addRow("Phân định đồng &hạng", self.tie_break)
        self.policy.currentIndexChanged.connect(self._explain)

    def show_rules(self, rules: RuleSet) -> None:
        self.policy.setCurrentIndex(max(self.policy.findData(rules.proxy_policy), 0))
        self.threshold.setText(str(rules.proxy_owner_threshold))
        self.tie_break.setCurrentIndex(max(self.tie_break.findData(rules.tie_break), 0))
        self._explain()

    def _explain(self) -> None:
        self.policy_help.setText(PROXY_POLICY_HELP.get(str(self.policy.currentData()), ""))
