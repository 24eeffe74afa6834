"""Collective awards (tier, prize, bonus, quota) and the individual quotas of each unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from app.scoring import PENDING, QuotaReport, Ranking, UnitResult, tier_label
from app.scoring.numbers import format_vnd
from app.ui import style
from app.ui.context import DISTRICT, Mode
from app.ui.icons import flag_icon
from app.ui.models.base import CENTER, RIGHT, Column, RecordTableModel

AGENCIES_KEY = "__co_quan__"


class AwardsTableModel(RecordTableModel[UnitResult]):
    """Units with a tier (or waiting for a tie to be settled), in order."""

    def __init__(self) -> None:
        super().__init__([], key=lambda r: r.unit.code)
        self.ranking: Ranking | None = None

    def set_ranking(self, ranking: Ranking, *, has_figures: bool = True) -> None:
        """The units with a tier (or waiting for the council); none for a period without
        figures (every unit would be 'waiting')."""
        self.ranking = ranking
        rules = ranking.rules
        self.columns = [
            Column(
                "Hạng", lambda r: "" if r.rank is None else str(r.rank), lambda r: r.position, RIGHT
            ),
            Column("Đơn vị", lambda r: r.unit.name),
            Column("Giải", lambda r: tier_label(r.tier, rules)),
            Column(
                "Tiền thưởng (đồng)",
                lambda r: format_vnd(r.prize_vnd) if r.prize_vnd else "—",
                lambda r: r.prize_vnd,
                RIGHT,
            ),
            Column(
                "Điểm cộng thi đua",
                lambda r: f"+{r.bonus_points}" if r.bonus_points else "",
                lambda r: r.bonus_points,
                CENTER,
            ),
            Column(
                "Chỉ tiêu cá nhân",
                lambda r: (
                    "chờ phân định" if r.individual_quota is None else str(r.individual_quota)
                ),
                lambda r: r.individual_quota or 0,
                CENTER,
            ),
        ]
        shown = [r for r in ranking.ordered if r.tier is not None] if has_figures else []
        self.beginResetModel()
        self.records = shown
        self.endResetModel()

    def extra_data(self, record: UnitResult, column: int, role: int) -> Any:
        if column == 2 and record.tier is not None:
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.brush(style.TIER_COLOURS.get(record.tier, style.TEXT))
            if role == Qt.ItemDataRole.FontRole:
                return style.font(bold=True)
            if role == Qt.ItemDataRole.DecorationRole and record.tier == PENDING:
                return flag_icon(PENDING)
        return None


@dataclass(frozen=True, slots=True)
class QuotaRow:
    """One line of the quota table: a unit, or the district agencies together."""

    key: str  # unit code, or AGENCIES_KEY
    name: str
    quota: int | None
    nominated: int
    has_figures: bool = True  # False: the period has no figures yet (no quota is known)

    @property
    def over_by(self) -> int:
        return 0 if self.quota is None else max(0, self.nominated - self.quota)

    @property
    def status(self) -> str:
        if not self.has_figures:
            return "chưa có số liệu"
        if self.quota is None:
            return "chờ phân định đồng hạng"
        if self.over_by:
            return f"vượt chỉ tiêu {self.over_by}"
        left = self.quota - self.nominated
        return "đủ chỉ tiêu" if left == 0 else f"còn {left}"


def quota_rows(
    report: QuotaReport, mode: Mode = DISTRICT, *, has_figures: bool = True
) -> list[QuotaRow]:
    """A row per scored unit the mode shows, then (at the district) the agencies together."""
    rows = [
        QuotaRow(u.code, u.name, u.quota, u.nominated, has_figures)
        for u in report.units
        if mode.shows(u.code)
    ]
    if mode.is_district:
        rows.append(
            QuotaRow(
                AGENCIES_KEY,
                "Các cơ quan cấp huyện (dùng chung)",
                report.agency_quota,
                report.agency_nominated,
            )
        )
    return rows


class QuotaTableModel(RecordTableModel[QuotaRow]):
    def __init__(self) -> None:
        super().__init__(
            [
                Column("Đơn vị", lambda q: q.name),
                Column(
                    "Chỉ tiêu",
                    lambda q: "?" if q.quota is None else str(q.quota),
                    lambda q: -1 if q.quota is None else q.quota,
                    CENTER,
                ),
                Column("Đã đề nghị", lambda q: str(q.nominated), lambda q: q.nominated, CENTER),
                Column("Tình trạng", lambda q: q.status),
            ],
            key=lambda q: q.key,
        )

    def set_report(
        self, report: QuotaReport, mode: Mode = DISTRICT, *, has_figures: bool = True
    ) -> None:
        self.set_records(quota_rows(report, mode, has_figures=has_figures))

    def extra_data(self, record: QuotaRow, column: int, role: int) -> Any:
        if record.over_by:
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.brush(style.ERROR)
            if role == Qt.ItemDataRole.BackgroundRole:
                return style.brush(style.ERROR_BACKGROUND)
            if role == Qt.ItemDataRole.DecorationRole and column == 3:
                return flag_icon("over_quota")
            if role == Qt.ItemDataRole.FontRole:
                return style.font(bold=True)
        if (
            record.quota is None
            and record.has_figures
            and role == Qt.ItemDataRole.DecorationRole
            and column == 3
        ):
            return flag_icon(PENDING)
        if record.key == AGENCIES_KEY and role == Qt.ItemDataRole.FontRole:
            return style.font(italic=True)
        return None
