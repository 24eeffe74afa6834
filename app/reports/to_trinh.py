"""Tờ trình đề nghị khen thưởng (TTr), from the standing agency to the district Chairman."""

from __future__ import annotations

from app.reports import model as m
from app.reports.dossier import AwardDossier
from app.reports.parts import (
    attached_list,
    count,
    date_phrase,
    end_list,
    money_words,
    movement_summary,
    period_phrase,
    place_date,
    plan_reference,
    points,
    rate_text,
    settlement_reason,
    signature_block,
    split_nominations,
    tier_text,
    unit_kind_phrase,
)
from app.scoring.numbers import format_int, format_vnd

TITLE = "Tờ trình đề nghị khen thưởng"


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    agency = s.issuing_office_name
    summary = movement_summary(d)
    awarded = d.awarded_units()
    total = sum(r.prize_vnd for r in awarded)
    commune, district = split_nominations(d)
    kinds = unit_kind_phrase(d)

    def body(*parts: m.Inline) -> m.Paragraph:
        return m.Paragraph.of(*parts)

    out: list[m.Block] = [
        m.NationalHeader(s.parent_body, s.issuing_office, f"Số: {s.proposal_number}",
                         place_date(d, s.proposal_date)),
        m.TitleBlock(
            "Tờ trình",
            (f"Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
             f"{d.movement}",),
        ),
        m.Recipients((s.proposal_recipient,)),
        body(f"Căn cứ {s.province_plan};"),
        body(f"Căn cứ {plan_reference(d)} về phát động {d.movement};"),
        body(
            f"Căn cứ kết quả chấm điểm thi đua của các {kinds} ({d.period_name.lower()}, số "
            f"liệu {period_phrase(d)}),"
        ),
        body(
            f"{agency} kính trình {s.proposal_recipient} xem xét, khen thưởng các tập thể, "
            f"cá nhân có thành tích xuất sắc trong {d.movement}, cụ thể như sau:"
        ),
        m.Heading("I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA"),
    ]  # fmt: skip
    results = (
        f"Qua chấm điểm theo tiêu chí của Kế hoạch, {count(summary.units)} {kinds} tham gia "
        "phong trào"
    )
    if summary.threshold_label:
        results += (
            f", có {count(summary.passed)}/{count(summary.units)} đơn vị đạt "
            f"{summary.threshold_criterion} từ {summary.threshold_label} trở lên"
        )
    out.append(body(results + "."))
    district_rates = "; ".join(
        f"{c.label.lower()} toàn huyện đạt {rate_text(c)} "
        f"({format_int(c.numerator)}/{format_int(c.denominator)})"
        for c in summary.criteria
    )
    out.append(body(district_rates[:1].upper() + district_rates[1:] + "."))
    for settlement in d.ranking.applied_settlements:
        names = ", ".join(d.unit_name(c) for c in settlement.order)
        out.append(
            body(
                f"Các đơn vị bằng điểm {names} được Hội đồng Thi đua - Khen thưởng phân định "
                f"thứ tự theo thứ tự nêu trên (lý do: {settlement_reason(settlement.reason)})."
            )
        )
    out.append(m.Heading("II. ĐỀ NGHỊ KHEN THƯỞNG"))
    out.append(
        body(
            f"1. Tặng {s.award_name} cho {count(len(awarded))} "
            "tập thể có thành tích xuất sắc, kèm theo tiền thưởng:"
        )
    )
    items = [
        f"- Hạng {tier_text(r, d)}: {r.unit.name} ({points(r.total)} điểm), tiền thưởng "
        f"{format_vnd(r.prize_vnd)} đồng"
        for r in awarded
    ]
    out += [body(line) for line in end_list(items)]
    if d.nominations:
        parts = []
        if commune:
            parts.append(f"cấp xã {count(len(commune))} cá nhân")
        if district:
            parts.append(f"cấp huyện {count(len(district))} cá nhân")
        out.append(
            body(
                f"2. Tặng {s.award_name} cho "
                f"{count(len(d.nominations))} cá nhân có thành tích xuất sắc "
                f"({', '.join(parts)}), gồm:"
            )
        )
        by_unit: dict[str, int] = {}
        for nomination in commune:
            by_unit[nomination.unit_name] = by_unit.get(nomination.unit_name, 0) + 1
        lines = [f"{name}: {count(n)}" for name, n in by_unit.items()]
        if district:
            lines.append(f"các phòng, ban, ngành huyện: {count(len(district))}")
        out.append(body("- " + "; ".join(lines) + "."))
    out.append(
        body(
            "Tổng số tiền thưởng: ",
            m.bold(f"{format_vnd(total)} đồng"),
            " (",
            m.italic(money_words(d, total)),
            ").",
        )
    )
    out.append(m.Paragraph.of("(Có danh sách kèm theo)", style=m.Style.CENTER_ITALIC))
    out.append(body(f"{agency} kính trình {s.proposal_recipient} xem xét, quyết định./."))
    signer = s.proposal_signer
    out.append(
        m.Signatures(
            left=m.CopyList(s.proposal_copies, archive=f"VT, {s.issuing_office_short}"),
            right=signature_block(signer),
            keep_with_previous=1,
        )
    )
    out.append(m.PageBreak())
    attached_to = (
        f"Kèm theo Tờ trình số {s.proposal_number} {date_phrase(d, s.proposal_date)} của {agency}"
    )
    out += attached_list(d, attached_to)
    return m.Document(TITLE, tuple(out), subject=d.movement)
