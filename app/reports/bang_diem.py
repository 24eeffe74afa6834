"""Bảng tổng hợp kết quả chấm điểm: the score table for the council's meeting (A4 landscape).

Made even while a tie is pending (the council needs it to settle the tie): pending units are marked.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app.reports import fonts
from app.reports.layout import Margins, nfc
from app.reports.parts import (
    DossierRenderer,
    count,
    movement_summary,
    period_phrase,
    place_date,
    points,
    rate_text,
    tier_text,
)
from app.scoring.engine import PENDING
from app.scoring.explain import flag_label
from app.scoring.numbers import format_decimal, format_int, format_percent, format_share, format_vnd

TIE_FILL = colors.Color(1, 0.93, 0.75)
AWARD_FILL = colors.Color(0.9, 0.95, 1)


class ScoreSheetRenderer(DossierRenderer):
    pagesize = landscape(A4)
    margins = Margins(top=20 * mm, bottom=15 * mm, left=20 * mm, right=15 * mm)
    title = "Bảng tổng hợp kết quả chấm điểm"

    def story(self) -> list[Flowable]:
        d = self.dossier
        s = d.settings
        out: list[Flowable] = [
            self.header(s.parent_body, s.issuing_office, "", place_date(d, s.meeting_date),
                        left_width=110 * mm),
            *self.title_block(
                "Bảng tổng hợp kết quả chấm điểm",
                [f"{d.movement[:1].upper()}{d.movement[1:]}",
                 f"({d.period_name}, số liệu {period_phrase(d)})"],
            ),
            self._table(),
            Spacer(1, 4),
            *self._summary(),
            CondPageBreak(95 * mm),
            self.p("BIỂU ĐỒ TỔNG ĐIỂM", "center_bold"),
            self._chart(),
            *self._legend(),
        ]  # fmt: skip
        signer = s.proposal_signer
        out.append(
            self.two_signatures(
                [self.p("NGƯỜI LẬP BẢNG", "sign_title"), Spacer(1, 26 * mm)],
                self.signature(signer),
            )
        )
        return out

    def _table(self) -> Flowable:
        d = self.dossier
        rules = d.ranking.rules
        header = ["Hạng", "Đơn vị"]
        widths: list[float] = [13, 36]
        for criterion in rules.criteria:
            num = criterion.numerator
            den = criterion.denominator
            header += [_FIGURE_LABELS.get(num, num), _FIGURE_LABELS.get(den, den),
                       f"Tỷ lệ {criterion.short_label.lower()}",
                       f"Điểm ({format_decimal(criterion.max_points, 0)})"]  # fmt: skip
            widths += [18, 18, 19, 15]
        header += ["Tài khoản nộp", "Hồ sơ / tài khoản", "Tổng điểm", "Giải", "Ghi chú"]
        widths += [17, 16, 15, 22, 33]
        rows: list[list[object]] = []
        style: list[tuple[object, ...]] = []
        results = list(d.ranking.ordered) + [
            r for r in d.ranking.results if r.scored and not r.ranked
        ]
        for index, r in enumerate(results, start=1):
            unit = r.unit
            cells: list[object] = [
                self.p(str(r.rank) if r.rank else "—", "td_small_center"),
                self.p(unit.name, "td_small"),
            ]
            for criterion in rules.criteria:
                score = r.criterion(criterion.key)
                cells += [
                    self.p(_num(score.numerator), "td_small_right"),
                    self.p(_num(score.denominator), "td_small_right"),
                    self.p(format_percent(score.rate) if score.rate else "—", "td_small_right"),
                    self.p(points(score.points), "td_small_right"),
                ]
            ratio = r.dossiers_per_account
            notes = [flag_label(f, rules) for f in r.flags]
            if r.tie:
                others = ", ".join(d.unit_name(c) for c in r.tied_with)
                notes.append(f"Đồng hạng với {others}: chờ Hội đồng phân định")
                style.append(("BACKGROUND", (0, index), (-1, index), TIE_FILL))
            elif r.settled_reason:
                notes.append(f"Hội đồng phân định: {r.settled_reason}")
            elif r.tie_broken_by_ratio:
                notes.append("Bằng điểm, xếp theo hồ sơ/tài khoản")
            if r.excluded:
                notes.append("Không xếp hạng")
            if r.tier not in (None, PENDING):
                style.append(("BACKGROUND", (-3, index), (-2, index), AWARD_FILL))
            cells += [
                self.p(_num(unit.accounts), "td_small_right"),
                self.p(format_decimal(ratio) if ratio is not None else "—", "td_small_right"),
                self.p(points(r.total), "td_small_bold_right"),
                self.p(tier_text(r, d), "td_small_center"),
                self.p("; ".join(notes), "td_small"),
            ]
            rows.append(cells)
        return self.data_table(header, rows, widths, extra_style=style, header_style="th_small")

    def _summary(self) -> list[Flowable]:
        d = self.dossier
        summary = movement_summary(d)
        lines = [
            f"Số đơn vị chấm điểm: {count(summary.units)}; đạt {summary.threshold_criterion} từ "
            f"{summary.threshold_label} trở lên: {count(summary.passed)} đơn vị."
        ]
        lines += [
            f"{c.label} toàn huyện: {rate_text(c)} ({format_int(c.numerator)}/"
            f"{format_int(c.denominator)})."
            for c in summary.criteria
        ]
        awarded = d.awarded_units()
        if awarded:
            total = sum(r.prize_vnd for r in awarded)
            lines.append(
                f"Tập thể đạt giải: {count(len(awarded))}; tổng tiền thưởng {format_vnd(total)} "
                "đồng."
            )
        pending = d.ranking.pending
        if pending:
            names = ", ".join(r.unit.name for r in pending)
            lines.append(f"Chưa xác định hạng giải (đồng hạng chờ Hội đồng phân định): {names}.")
        return [self.p(line, "body_noindent") for line in lines]

    def _chart(self) -> Flowable:
        d = self.dossier
        results = list(d.ranking.ordered)
        width = self.text_width
        bar_height = 11
        height = max(60, len(results) * bar_height + 48)
        drawing = Drawing(width, height)
        drawing.initialFontName = fonts.REGULAR  # else the renderer starts in Helvetica
        chart = HorizontalBarChart()
        chart.x = 120
        chart.y = 30
        chart.width = width - 170
        chart.height = height - 38
        # reversed: the first unit at the top
        chart.data = [[float(r.total or 0) for r in reversed(results)]]
        chart.categoryAxis.categoryNames = [nfc(r.unit.name) for r in reversed(results)]
        chart.categoryAxis.labels.fontName = fonts.REGULAR
        chart.categoryAxis.labels.fontSize = 10
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -6
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = float(d.ranking.rules.max_total)
        chart.valueAxis.valueStep = 10
        chart.valueAxis.labels.fontName = fonts.REGULAR
        chart.valueAxis.labels.fontSize = 9
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.lightgrey
        chart.bars[0].fillColor = colors.Color(0.35, 0.5, 0.75)
        chart.bars[0].strokeColor = None
        rev = list(reversed(results))
        for i, r in enumerate(rev):
            if r.tie:
                chart.bars[(0, i)].fillColor = colors.Color(0.9, 0.6, 0.1)
            elif r.tier not in (None, PENDING):
                chart.bars[(0, i)].fillColor = colors.Color(0.15, 0.3, 0.6)
        chart.barLabelFormat = format_decimal_float
        chart.barLabels.fontName = fonts.REGULAR
        chart.barLabels.fontSize = 9
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.barSpacing = 1
        drawing.add(chart)
        drawing.add(
            String(chart.x + chart.width / 2, 2, "Tổng điểm", fontName=fonts.REGULAR,
                   fontSize=10, textAnchor="middle")
        )  # fmt: skip
        return drawing

    def _legend(self) -> list[Flowable]:
        d = self.dossier
        rules = d.ranking.rules
        items = []
        for criterion in rules.criteria:
            text = f"{criterion.label}: điểm = tỷ lệ × {format_decimal(criterion.max_points, 0)}"
            if criterion.threshold is not None:
                text += f"; dưới {format_share(criterion.threshold)}: 0 điểm (dưới ngưỡng)"
            if criterion.full_at is not None:
                text += f"; từ {format_share(criterion.full_at)}: điểm tối đa"
            items.append(text + ".")
        items.append(
            "Điểm mỗi tiêu chí làm tròn 2 chữ số thập phân (từ 5 trở lên làm tròn lên); tổng "
            "điểm là tổng các điểm đã làm tròn."
        )
        items.append(
            "Bằng điểm: đơn vị có số hồ sơ trên mỗi tài khoản nộp ít hơn xếp trước; không so "
            "sánh được thì đồng hạng, do Hội đồng phân định (dòng tô màu cam)."
        )
        tiers = "; ".join(
            f"{t.label}: {format_vnd(t.prize_vnd)} đồng"
            + (f", cộng {t.bonus_points} điểm thi đua" if t.bonus_points else "")
            + f", {t.individual_quota} cá nhân"
            + (f" ({t.positions} đơn vị)" if t.positions > 1 else "")
            for t in rules.tiers
        )
        items.append(f"Giải: {tiers}; các đơn vị còn lại: {rules.other_units_quota} cá nhân.")
        out: list[Flowable] = [Spacer(1, 8), self.p("Ghi chú cách tính:", "td_bold")]
        out += [self.p(f"- {item}", "small") for item in items]
        return [KeepTogether(out)]


_FIGURE_LABELS = {
    "online": "Hồ sơ trực tuyến",
    "total": "Tổng hồ sơ",
    "eid": "Tài khoản định danh mức 2",
    "citizens": "Người dân có CCCD",
    "accounts": "Tài khoản nộp",
}


def _num(value: int | None) -> str:
    return "—" if value is None else format_int(value)


def format_decimal_float(value: float) -> str:
    from decimal import Decimal  # noqa: PLC0415

    return format_decimal(Decimal(str(round(value, 2))))
