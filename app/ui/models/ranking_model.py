"""The ranking table: rank, unit, points per criterion, total, tier, prize, bonus, quota, flags."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.scoring import PENDING, Ranking, UnitResult, flag_label, tier_label
from app.scoring.numbers import format_decimal, format_vnd
from app.services.ranking import NO_FIGURES, has_figures
from app.ui import style
from app.ui.icons import flag_colour, flag_icon
from app.ui.models.base import CENTER, RIGHT, Column, RecordTableModel, two_lines

NO_RANK = 10**9  # sorts units without a place last


def result_flags(result: UnitResult, *, figures: bool = True) -> list[str]:
    """The markers of a row, most important first: tie (waiting for the council, or within one
    tier), excluded, the scoring flags, settled. A period without figures has none: its units
    are not "tied", they have nothing yet."""
    if not figures:
        return []
    flags: list[str] = []
    if result.tie:
        flags.append(PENDING if result.tier == PENDING else "tie")
    if result.excluded:
        flags.append("excluded")
    flags.extend(result.flags)
    if result.settled_reason is not None:
        flags.append("settled")
    return flags


def flag_text(flag: str, ranking: Ranking) -> str:
    special = {
        "tie": "Đồng hạng",
        PENDING: "Đồng hạng — chờ phân định",
        "excluded": "Không xếp hạng",
        "settled": "Hội đồng đã phân định",
    }
    return special.get(flag) or flag_label(flag, ranking.rules)


class RankingTableModel(RecordTableModel[UnitResult]):
    """Rows: the ranked units in their final order, then the scored units left out of the ranking.
    (Already in rank order: a sort proxy sorts only when the user asks, which keeps a redraw of
    10,000 units cheap.)"""

    def __init__(self) -> None:
        super().__init__([], key=lambda r: r.unit.code)
        self.ranking: Ranking | None = None
        self.figures = True  # False: the period has no figures (no rank, tier or tie shown)

    def set_ranking(self, ranking: Ranking) -> None:
        if self.ranking is None or ranking.rules.criteria != self.ranking.rules.criteria:
            self.beginResetModel()
            self.columns = self._columns(ranking)
            self.records = []
            self.endResetModel()
        self.ranking = ranking
        self.figures = has_figures(ranking)
        self.set_records([*ranking.ordered, *(r for r in ranking.results if r.excluded)])

    def flags_of(self, result: UnitResult) -> list[str]:
        return result_flags(result, figures=self.figures)

    def notes(self, result: UnitResult, ranking: Ranking) -> str:
        if not self.figures:
            return NO_FIGURES
        return "; ".join(flag_text(f, ranking) for f in self.flags_of(result))

    def _columns(self, ranking: Ranking) -> list[Column[UnitResult]]:
        rules = ranking.rules
        places = rules.points_places

        def points(key: str) -> Column[UnitResult]:
            criterion = rules.criterion(key)
            return Column(
                two_lines(f"Điểm {criterion.short_label.lower()}"),  # points, not Số liệu's counts
                lambda r: format_decimal(r.criterion(key).points, places),
                lambda r: float(r.criterion(key).points),
                RIGHT,
                f"Điểm tiêu chí «{criterion.label}» (tối đa {format_decimal(criterion.max_points, 0)})",
            )

        return [
            Column(
                "Hạng",
                lambda r: "" if r.rank is None or not self.figures else str(r.rank),
                lambda r: r.position or NO_RANK,
                RIGHT,
                "Thứ hạng (đơn vị đồng hạng có cùng số)",
            ),
            Column("Mã", lambda r: r.unit.code),
            Column("Đơn vị", lambda r: r.unit.name),
            *[points(c.key) for c in rules.criteria],
            Column(
                "Tổng\nđiểm",
                lambda r: format_decimal(r.total or 0, places),
                lambda r: float(r.total or 0),
                RIGHT,
            ),
            Column(
                "Giải",
                lambda r: tier_label(r.tier, rules) if self.figures else "",
                lambda r: r.position or NO_RANK,
            ),
            Column(
                "Tiền thưởng\n(đ)",
                lambda r: format_vnd(r.prize_vnd) if r.prize_vnd else "",
                lambda r: r.prize_vnd,
                RIGHT,
            ),
            Column(
                "Điểm\ncộng",
                lambda r: f"+{r.bonus_points}" if r.bonus_points else "",
                lambda r: r.bonus_points,
                CENTER,
                "Điểm cộng thi đua phát triển kinh tế - xã hội",
            ),
            Column(
                "Chỉ tiêu\nCN",
                lambda r: (
                    ""
                    if r.individual_quota is None or not self.figures
                    else str(r.individual_quota)
                ),
                lambda r: -1 if r.individual_quota is None else r.individual_quota,
                CENTER,
                "Số cá nhân tối đa được đề nghị khen thưởng",
            ),
            Column(
                "Ghi chú",
                lambda r: self.notes(r, ranking),
                lambda r: len(self.flags_of(r)),
            ),
        ]

    @property
    def flags_column(self) -> int:
        return len(self.columns) - 1

    @property
    def tier_column(self) -> int:
        return len(self.columns) - 5

    def result(self, row: int) -> UnitResult:
        return self.records[row]

    def extra_data(self, record: UnitResult, column: int, role: int) -> Any:
        flags = self.flags_of(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            for flag in flags:
                if flag in style.ROW_BACKGROUNDS:
                    return style.brush(style.ROW_BACKGROUNDS[flag])
            return None
        if column == self.flags_column and flags:
            if role == Qt.ItemDataRole.DecorationRole:
                return flag_icon(flags[0])
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.brush(flag_colour(flags[0]))
            if role == Qt.ItemDataRole.ToolTipRole and self.ranking is not None:
                lines = [flag_text(f, self.ranking) for f in flags]
                if record.tie:
                    group = next(g for g in self.ranking.tie_groups if record.code in g.codes)
                    state = "chờ Hội đồng phân định" if group.pending else "cùng hạng giải"
                    lines.append(f"Đồng hạng {group.rank} ({state}): {group.reason}")
                if record.settled_reason:
                    lines.append(f"Lý do của Hội đồng: {record.settled_reason}")
                return "\n".join(lines)
        if column == self.tier_column and record.tier is not None and self.figures:
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.brush(style.TIER_COLOURS.get(record.tier, style.TEXT))
            if role == Qt.ItemDataRole.FontRole:
                return style.font(bold=True)
        if role == Qt.ItemDataRole.FontRole and column == len(self.columns) - 6:
            return style.font(bold=True)
        return None
