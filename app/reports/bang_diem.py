"""Bảng tổng hợp kết quả chấm điểm: the score table for the council's meeting (A4 landscape).

Made even while a tie is pending (the council needs it to settle the tie): units whose tier is
pending are marked; long notes (a council's reason) go in a note under the table.
"""

from __future__ import annotations

from app.reports import model as m
from app.reports.dossier import AwardDossier
from app.reports.parts import (
    count,
    movement_summary,
    period_phrase,
    place_date,
    points,
    rate_text,
    settlement_reason,
    signature_block,
    tier_text,
)
from app.scoring.engine import PENDING
from app.scoring.explain import flag_label
from app.scoring.numbers import format_decimal, format_int, format_percent, format_share, format_vnd

TIE_FILL = "FFEEBF"
AWARD_FILL = "E6F2FF"
TIE_FILL_BAR = "E6991A"
AWARD_BAR = "264D99"


TITLE = "Bảng tổng hợp kết quả chấm điểm"
NOTE_LIMIT = 40  # longer notes go under the table; the cell refers to them by number


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    table, notes = _table(d)
    out: list[m.Block] = [
        m.NationalHeader(s.parent_body, s.issuing_office, "", place_date(d, s.meeting_date),
                         left_width_mm=110),
        m.TitleBlock(
            "Bảng tổng hợp kết quả chấm điểm",
            (f"{d.movement[:1].upper()}{d.movement[1:]}",
             f"({d.period_name}, số liệu {period_phrase(d)})"),
        ),
        table,
    ]  # fmt: skip
    if notes:
        out.append(m.Note(tuple(notes), title="Ghi chú:"))
    out.append(m.Spacer(1.5))
    out += [m.Paragraph.of(line, style=m.Style.BODY_NOINDENT) for line in _summary(d)]
    results = list(d.ranking.ordered)
    out.append(m.NeedSpace(95))
    out.append(
        m.BarChart(
            labels=tuple(r.unit.name for r in results),
            values=tuple(float(r.total or 0) for r in results),
            maximum=float(d.ranking.rules.max_total),
            axis_title="Tổng điểm",
            highlight=tuple(
                TIE_FILL_BAR if r.tier == PENDING else AWARD_BAR if r.tier is not None else None
                for r in results
            ),
            title="BIỂU ĐỒ TỔNG ĐIỂM",
        )
    )
    out.append(_legend(d))
    signer = s.proposal_signer
    out.append(
        m.Signatures(
            left=m.SignatureBlock(("NGƯỜI LẬP BẢNG",), space_mm=26),
            right=signature_block(signer),
            keep_with_previous=0,
        )
    )
    return m.Document(
        TITLE,
        tuple(out),
        subject=d.movement,
        orientation=m.Orientation.LANDSCAPE,
        margins=m.Margins(top=20, bottom=15, left=20, right=15),
    )


def _table(d: AwardDossier) -> tuple[m.Table, list[str]]:
    rules = d.ranking.rules
    columns = [m.Column(13, "Hạng"), m.Column(36, "Đơn vị")]
    for criterion in rules.criteria:
        num = criterion.numerator
        den = criterion.denominator
        columns += [
            m.Column(18, _FIGURE_LABELS.get(num, num)),
            m.Column(18, _FIGURE_LABELS.get(den, den)),
            m.Column(19, f"Tỷ lệ {criterion.short_label.lower()}"),
            m.Column(15, f"Điểm ({format_decimal(criterion.max_points, 0)})"),
        ]
    columns += [
        m.Column(17, "Tài khoản nộp"),
        m.Column(16, "Hồ sơ / tài khoản"),
        m.Column(15, "Tổng điểm"),
        m.Column(22, "Giải"),
        m.Column(33, "Ghi chú"),
    ]
    rows: list[m.Row] = []
    long_notes: list[str] = []
    results = list(d.ranking.ordered) + [r for r in d.ranking.results if r.scored and not r.ranked]
    for r in results:
        unit = r.unit
        cells = [
            m.Cell(str(r.rank) if r.rank else "—", m.Align.CENTER),
            m.Cell(unit.name),
        ]
        for criterion in rules.criteria:
            score = r.criterion(criterion.key)
            cells += [
                m.Cell(_num(score.numerator), m.Align.RIGHT),
                m.Cell(_num(score.denominator), m.Align.RIGHT),
                m.Cell(format_percent(score.rate) if score.rate else "—", m.Align.RIGHT),
                m.Cell(points(score.points), m.Align.RIGHT),
            ]
        ratio = r.dossiers_per_account
        notes = [flag_label(f, rules) for f in r.flags]
        fill = None
        if r.tier == PENDING:
            others = ", ".join(d.unit_name(c) for c in r.tied_with)
            notes.append(f"Đồng hạng với {others}: chờ Hội đồng phân định")
            fill = TIE_FILL
        elif r.settled_reason:
            notes.append(f"Hội đồng phân định: {settlement_reason(r.settled_reason)}")
        elif r.tie_broken_by_ratio:
            notes.append("Bằng điểm, xếp theo hồ sơ/tài khoản")
        if r.excluded:
            notes.append("Không xếp hạng")
        note = "; ".join(notes)
        if len(note) > NOTE_LIMIT:
            long_notes.append(f"({len(long_notes) + 1}) {unit.name}: {note}.")
            note = f"Xem ghi chú ({len(long_notes)})"
        award = AWARD_FILL if r.tier not in (None, PENDING) else None
        cells += [
            m.Cell(_num(unit.accounts), m.Align.RIGHT),
            m.Cell(format_decimal(ratio) if ratio is not None else "—", m.Align.RIGHT),
            m.Cell(points(r.total), m.Align.RIGHT, bold=True, fill=award),
            m.Cell(tier_text(r, d), m.Align.CENTER, fill=award),
            m.Cell(note),
        ]
        rows.append(m.Row(tuple(cells), fill=fill))
    return m.Table(tuple(columns), tuple(rows), font_size=10.5), long_notes


def _summary(d: AwardDossier) -> list[str]:
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
            f"Tập thể đạt giải: {count(len(awarded))}; tổng tiền thưởng {format_vnd(total)} đồng."
        )
    pending = d.ranking.pending
    if pending:
        names = ", ".join(r.unit.name for r in pending)
        lines.append(f"Chưa xác định hạng giải (đồng hạng chờ Hội đồng phân định): {names}.")
    return lines


def _legend(d: AwardDossier) -> m.Block:
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
    return m.KeepTogether(
        (m.Spacer(3), m.Note(tuple(f"- {item}" for item in items), title="Ghi chú cách tính:"))
    )


_FIGURE_LABELS = {
    "online": "Hồ sơ trực tuyến",
    "total": "Tổng hồ sơ",
    "eid": "Tài khoản định danh mức 2",
    "citizens": "Người dân có CCCD",
    "accounts": "Tài khoản nộp",
}


def _num(value: int | None) -> str:
    return "—" if value is None else format_int(value)
