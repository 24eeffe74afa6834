"""Báo cáo sơ kết / tổng kết phong trào (the plan, V.1 c–d): the standing agency sums up the
movement for the district People's Committee, through Phòng Nội vụ, in the Báo cáo layout of
Nghị định 30/2020 — the district's totals and rates, each unit's results and their change since
the previous period, the progress chart, the units below the threshold and what each needs, and
the awards proposed. The assessment and the tasks ahead are left as lines for the office to
write (in Word)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from app.reports import model as m
from app.reports.dossier import AwardDossier, PeriodSnapshot
from app.reports.parts import (
    count,
    end_list,
    money_words,
    period_phrase,
    place_date,
    plan_reference,
    points,
    signature_block,
    tier_text,
)
from app.scoring.engine import Ranking, UnitResult
from app.scoring.figures import FIGURES
from app.scoring.numbers import (
    format_decimal,
    format_int,
    format_percent,
    format_share,
    format_vnd,
    round_half_up,
)
from app.scoring.rules import Criterion

TITLE = "Báo cáo sơ kết, tổng kết phong trào thi đua"
BELOW = "C62828"  # bars of the units below the threshold


def _district_rate(ranking: Ranking, criterion: Criterion) -> tuple[int, int]:
    num = den = 0
    for result in ranking.results:
        if not result.scored:
            continue
        score = result.criterion(criterion.key)
        if score.numerator is not None and score.denominator:
            num += score.numerator
            den += score.denominator
    return num, den


def _rate(num: int, den: int) -> Fraction | None:
    return Fraction(num, den) if den else None


def _rate_text(rate: Fraction | None) -> str:
    return format_percent(rate) if rate is not None else "—"


def _signed(value: Decimal) -> str:
    text = format_decimal(value)
    return f"+{text}" if value > 0 else text


def _rate_change(now: Fraction | None, before: Fraction | None) -> str:
    """'+5,20 điểm %' between two rates; '—' when either is unknown."""
    if now is None or before is None:
        return "—"
    return f"{_signed(round_half_up((now - before) * 100, 2))} điểm %"


def _passed(ranking: Ranking, criterion: Criterion) -> int:
    return sum(
        1
        for r in ranking.results
        if r.scored and (s := r.criterion(criterion.key)).flag is None and s.rate is not None
    )


def _scored(ranking: Ranking) -> list[UnitResult]:
    ranked = list(ranking.ordered)
    return ranked + [r for r in ranking.results if r.scored and r not in ranked]


def _threshold(ranking: Ranking) -> Criterion | None:
    return next((c for c in ranking.rules.criteria if c.threshold is not None), None)


def _figure_words(key: str) -> str:
    """'hồ sơ trực tuyến' for the figure 'online' ('Số hồ sơ trực tuyến')."""
    label = next((f.label for f in FIGURES if f.key == key), key)
    text = label.removeprefix("Số ")
    return text[:1].lower() + text[1:]


def needs(result: UnitResult, criterion: Criterion) -> str:
    """What a unit below the threshold needs: 'cần thêm 48 hồ sơ trực tuyến (…) để đạt 70%'."""
    score = result.criterion(criterion.key)
    threshold = criterion.threshold
    assert threshold is not None
    if score.numerator is None or not score.denominator:
        return f"chưa có số liệu {criterion.label.lower()}: cần nộp đủ số liệu"
    wanted = -((-threshold.numerator * score.denominator) // threshold.denominator)
    missing = max(wanted - score.numerator, 0)
    return (
        f"{criterion.label.lower()} đạt {format_percent(Fraction(score.numerator, score.denominator))} "
        f"({format_int(score.numerator)}/{format_int(score.denominator)}), cần thêm "
        f"{format_int(missing)} {_figure_words(criterion.numerator)} trên "
        f"{format_int(score.denominator)} {_figure_words(criterion.denominator).lower()} để đạt "
        f"{format_share(threshold)}"
    )


def _district_table(d: AwardDossier, before: PeriodSnapshot | None) -> m.Table:
    rules = d.ranking.rules
    threshold = _threshold(d.ranking)
    units = len(_scored(d.ranking))
    rows = []
    for criterion in rules.criteria:
        num, den = _district_rate(d.ranking, criterion)
        now = _rate(num, den)
        cells = [m.Cell(criterion.label)]
        if before is not None:
            b_num, b_den = _district_rate(before.ranking, criterion)
            then = _rate(b_num, b_den)
            cells.append(m.Cell(f"{_rate_text(then)}\n({format_int(b_num)}/{format_int(b_den)})",
                                m.Align.CENTER))  # fmt: skip
        cells.append(m.Cell(f"{_rate_text(now)}\n({format_int(num)}/{format_int(den)})",
                            m.Align.CENTER))  # fmt: skip
        if before is not None:
            cells.append(m.Cell(_rate_change(now, then), m.Align.CENTER))
        rows.append(m.Row(tuple(cells)))
    if threshold is not None:
        label = f"Số đơn vị đạt {threshold.label.lower()} từ {format_share(threshold.threshold or Fraction(0))}"
        cells = [m.Cell(label)]
        now_passed = _passed(d.ranking, threshold)
        if before is not None:
            then_passed = _passed(before.ranking, threshold)
            cells.append(m.Cell(f"{count(then_passed)}/{count(len(_scored(before.ranking)))}",
                                m.Align.CENTER))  # fmt: skip
        cells.append(m.Cell(f"{count(now_passed)}/{count(units)}", m.Align.CENTER))
        if before is not None:
            cells.append(m.Cell(f"{now_passed - then_passed:+d} đơn vị", m.Align.CENTER))
        rows.append(m.Row(tuple(cells)))
    columns = [m.Column(70, "Chỉ tiêu")]
    if before is not None:
        columns.append(m.Column(40, before.name))
    columns.append(m.Column(40, d.period_name))
    if before is not None:
        columns.append(m.Column(34, "Tăng, giảm"))
    return m.Table(tuple(columns), tuple(rows))


def _unit_table(d: AwardDossier, before: PeriodSnapshot | None) -> m.Table:
    criterion = _threshold(d.ranking) or d.ranking.rules.criteria[0]
    rows = []
    for index, result in enumerate(_scored(d.ranking), start=1):
        score = result.criterion(criterion.key)
        cells = [m.Cell(str(index), m.Align.CENTER), m.Cell(result.unit.name)]
        old = before.ranking.result(result.unit.code) if (
            before is not None and result.unit.code in before.ranking) else None  # fmt: skip
        if before is not None:
            old_rate = old.criterion(criterion.key).rate if old is not None else None
            cells.append(m.Cell(_rate_text(old_rate), m.Align.CENTER))
        cells.append(m.Cell(_rate_text(score.rate), m.Align.CENTER))
        if before is not None:
            cells.append(m.Cell(points(old.total) if old and old.total is not None else "—",
                                m.Align.CENTER))  # fmt: skip
        cells.append(m.Cell(points(result.total), m.Align.CENTER))
        if before is not None:
            change = "—"
            if old is not None and old.total is not None and result.total is not None:
                change = _signed(result.total - old.total)
            rank_change = ""
            if old is not None and old.rank and result.rank:
                rank_change = f"\nhạng {old.rank} → {result.rank}"
            cells.append(m.Cell(change + rank_change, m.Align.CENTER))
        else:
            cells.append(m.Cell(str(result.rank or "—"), m.Align.CENTER))
        rows.append(m.Row(tuple(cells)))
    short = criterion.short_label
    columns: tuple[m.Column, ...]
    if before is not None:
        columns = (
            m.Column(12, "STT"),
            m.Column(42, "Đơn vị"),
            m.Column(20, f"{short} kỳ trước"),
            m.Column(20, f"{short} kỳ này"),
            m.Column(17, "Điểm kỳ trước"),
            m.Column(17, "Điểm kỳ này"),
            m.Column(24, "Tăng, giảm điểm; hạng"),
        )
    else:
        columns = (
            m.Column(12, "STT"),
            m.Column(56, "Đơn vị"),
            m.Column(26, short),
            m.Column(22, "Tổng điểm"),
            m.Column(16, "Hạng"),
        )
    return m.Table(columns, tuple(rows), font_size=11)


def _charts(d: AwardDossier) -> list[m.Block]:
    criterion = _threshold(d.ranking) or d.ranking.rules.criteria[0]
    periods = [*d.history, PeriodSnapshot(d.period_name, d.period_start, d.period_end, d.ranking)]
    out: list[m.Block] = []
    if len(periods) > 1:
        values = []
        for period in periods:
            rate = _rate(*_district_rate(period.ranking, criterion))
            values.append(float(rate * 100) if rate is not None else 0.0)
        out.append(
            m.BarChart(
                labels=tuple(p.name for p in periods),
                values=tuple(values),
                maximum=100.0,
                axis_title="%",
                title=f"{criterion.label} toàn huyện qua các kỳ (%)",
            )
        )
    units = _scored(d.ranking)
    threshold = criterion.threshold
    values = []
    highlight: list[str | None] = []
    for result in units:
        rate = result.criterion(criterion.key).rate
        values.append(float(rate * 100) if rate is not None else 0.0)
        below = threshold is not None and (rate is None or rate < threshold)
        highlight.append(BELOW if below else None)
    out.append(m.NeedSpace(len(units) * 4.2 + 24))  # the chart with its title
    out.append(
        m.BarChart(
            labels=tuple(r.unit.name for r in units),
            values=tuple(values),
            maximum=100.0,
            axis_title="%",
            highlight=tuple(highlight),
            title=f"{criterion.label} của các đơn vị, {d.period_name} (%)",
        )
    )
    return out


def _awards(d: AwardDossier) -> list[m.Block]:
    if any(g.pending for g in d.ranking.tie_groups):
        names = ", ".join(
            d.unit_name(c) for g in d.ranking.tie_groups if g.pending for c in g.codes
        )
        return [
            m.Paragraph.of(
                f"Chưa xác định được hạng giải: còn đồng hạng chờ Hội đồng Thi đua - Khen thưởng "
                f"phân định ({names})."
            )
        ]
    awarded = d.awarded_units()
    total = sum(r.prize_vnd for r in awarded)
    lead = "Đề nghị" if d.period_final else "Theo kết quả kỳ này, dự kiến đề nghị"
    out: list[m.Block] = [
        m.Paragraph.of(
            f"{lead} tặng {d.settings.award_name} cho {count(len(awarded))} tập thể, kèm theo "
            "tiền thưởng:"
        )
    ]
    items = [
        f"- Giải {tier_text(r, d)}: {r.unit.name} ({points(r.total)} điểm), "
        f"{format_vnd(r.prize_vnd)} đồng"
        for r in awarded
    ]
    out += [m.Paragraph.of(line) for line in end_list(items)]
    out.append(
        m.Paragraph.of(
            "Tổng số tiền thưởng: ", m.bold(f"{format_vnd(total)} đồng"), " (",
            m.italic(money_words(d, total)), ").",
        )
    )  # fmt: skip
    if d.nominations:
        out.append(
            m.Paragraph.of(
                f"Các đơn vị đề nghị tặng {d.settings.award_name} cho "
                f"{count(len(d.nominations))} cá nhân có thành tích xuất sắc."
            )
        )
    return out


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    kind = "tổng kết" if d.period_final else "sơ kết"
    before = d.history[-1] if d.history else None
    criterion = _threshold(d.ranking)
    scored = _scored(d.ranking)
    out: list[m.Block] = [
        m.NationalHeader(s.parent_body, s.issuing_office, f"Số: {s.summary_number}",
                         place_date(d, s.summary_date)),
        m.TitleBlock("Báo cáo", (f"{kind.capitalize()} {d.movement}",)),
        m.Recipients((s.summary_recipient,)),
        m.Paragraph.of(
            f"Thực hiện {plan_reference(d)} về phát động {d.movement}, {s.issuing_office_name} "
            f"(cơ quan thường trực phong trào) báo cáo {kind} kết quả thực hiện phong trào "
            f"({d.period_name.lower()}, số liệu {period_phrase(d)}) như sau:"
        ),
        m.Heading("I. KẾT QUẢ THỰC HIỆN PHONG TRÀO"),
        m.Heading("1. Kết quả chung toàn huyện", level=2),
    ]  # fmt: skip
    sentence = f"{count(len(scored))} xã, thị trấn tham gia phong trào"
    if criterion is not None and criterion.threshold is not None:
        sentence += (
            f"; {count(_passed(d.ranking, criterion))}/{count(len(scored))} đơn vị đạt "
            f"{criterion.label.lower()} từ {format_share(criterion.threshold)} trở lên"
        )
    if before is not None:
        sentence += f" (so với {before.name.lower()}, số liệu đến ngày "
        sentence += f"{before.end:%d/%m/%Y})" if before.end else ")"
    out.append(m.Paragraph.of(sentence + "."))
    out.append(_district_table(d, before))
    out.append(m.Spacer(3))
    out += _charts(d)
    out.append(m.Heading("2. Kết quả của từng đơn vị", level=2))
    if before is not None:
        out.append(
            m.Paragraph.of(
                f"Kỳ trước: {before.name}; kỳ này: {d.period_name}. Tăng, giảm: tổng điểm kỳ này "
                "so với kỳ trước và thứ hạng của đơn vị ở hai kỳ."
            )
        )
    out.append(_unit_table(d, before))
    out.append(m.Heading("3. Đơn vị chưa đạt ngưỡng và những việc cần làm", level=2))
    lagging = []
    if criterion is not None:
        for result in scored:
            score = result.criterion(criterion.key)
            if score.flag is not None or score.rate is None:
                lagging.append(f"- {result.unit.name}: {needs(result, criterion)}")
    if lagging:
        out += [m.Paragraph.of(line) for line in end_list(lagging)]
    else:
        out.append(m.Paragraph.of("Tất cả các đơn vị đều đạt ngưỡng xét điểm."))
    out.append(m.Heading("4. Đề xuất khen thưởng", level=2))
    out += _awards(d)
    out.append(m.Heading("II. ĐÁNH GIÁ CHUNG"))
    out += [m.FillLine("1. Ưu điểm: "), m.FillLine(), m.FillLine("2. Hạn chế: "), m.FillLine()]
    out.append(m.Heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"))
    out += [m.FillLine(), m.FillLine()]
    out.append(
        m.Paragraph.of(f"Trên đây là báo cáo {kind} {d.movement} của {s.issuing_office_name}./.")
    )
    out.append(
        m.Signatures(
            left=m.CopyList(s.summary_copies, archive=f"VT, {s.issuing_office_short}"),
            right=signature_block(s.proposal_signer),
            keep_with_previous=1,
        )
    )
    return m.Document(TITLE, tuple(out), subject=d.movement)
