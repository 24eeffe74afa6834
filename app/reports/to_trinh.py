"""Tờ trình đề nghị khen thưởng (TTr), from the standing agency to the district Chairman."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from app.reports.parts import (
    DossierRenderer,
    attached_list,
    count,
    date_phrase,
    movement_summary,
    period_phrase,
    place_date,
    plan_reference,
    points,
    rate_text,
    split_nominations,
    tier_text,
    unit_kind_phrase,
)
from app.reports.words import money_in_words
from app.scoring.numbers import format_int, format_vnd


class ProposalRenderer(DossierRenderer):
    title = "Tờ trình đề nghị khen thưởng"

    def story(self) -> list[Flowable]:
        d = self.dossier
        s = d.settings
        agency = s.issuing_office_name
        summary = movement_summary(d)
        awarded = d.awarded_units()
        total = sum(r.prize_vnd for r in awarded)
        commune, district = split_nominations(d)
        kinds = unit_kind_phrase(d)
        out: list[Flowable] = [
            self.header(s.parent_body, s.issuing_office, f"Số: {s.proposal_number}",
                        place_date(d, s.proposal_date)),
            *self.title_block(
                "Tờ trình",
                [f"Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
                 f"{d.movement}"],
            ),
            self.recipient([s.proposal_recipient]),
            self.p(f"Căn cứ {s.province_plan};"),
            self.p(f"Căn cứ {plan_reference(d)} về phát động {d.movement};"),
            self.p(
                f"Căn cứ kết quả chấm điểm thi đua của các {kinds} ({d.period_name.lower()}, số "
                f"liệu {period_phrase(d)}),"
            ),
            self.p(
                f"{agency} kính trình {s.proposal_recipient} xem xét, khen thưởng các tập thể, "
                f"cá nhân có thành tích xuất sắc trong {d.movement}, cụ thể như sau:"
            ),
            self.heading("I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA"),
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
        out.append(self.p(results + "."))
        district_rates = "; ".join(
            f"{c.label.lower()} toàn huyện đạt {rate_text(c)} "
            f"({format_int(c.numerator)}/{format_int(c.denominator)})"
            for c in summary.criteria
        )
        out.append(self.p(district_rates[:1].upper() + district_rates[1:] + "."))
        for settlement in d.ranking.applied_settlements:
            names = ", ".join(d.unit_name(c) for c in settlement.order)
            out.append(
                self.p(
                    f"Các đơn vị bằng điểm {names} được Hội đồng Thi đua - Khen thưởng phân định "
                    f"thứ tự theo thứ tự nêu trên (lý do: {settlement.reason})."
                )
            )
        out.append(self.heading("II. ĐỀ NGHỊ KHEN THƯỞNG"))
        out.append(
            self.p(
                f"1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho {count(len(awarded))} "
                "tập thể có thành tích xuất sắc, kèm theo tiền thưởng:",
                "body",
            )
        )
        for result in awarded:
            out.append(
                self.p(
                    f"- Hạng {tier_text(result, d)}: {result.unit.name} "
                    f"({points(result.total)} điểm), tiền thưởng {format_vnd(result.prize_vnd)} "
                    "đồng;"
                )
            )
        if d.nominations:
            parts = []
            if commune:
                parts.append(f"cấp xã {count(len(commune))} cá nhân")
            if district:
                parts.append(f"cấp huyện {count(len(district))} cá nhân")
            out.append(
                self.p(
                    f"2. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho "
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
            out.append(self.p("- " + "; ".join(lines) + "."))
        out.append(
            self.markup(
                f"Tổng số tiền thưởng: <b>{format_vnd(total)} đồng</b> "
                f"(<i>{money_in_words(total)}</i>)."
            )
        )
        out.append(self.p("(Có danh sách kèm theo)", "center_italic"))
        out.append(
            self.p(
                f"{agency} kính trình {s.proposal_recipient} xem xét, quyết định./.",
            )
        )
        ending = self.footer(
            s.proposal_copies, s.proposal_signer, archive=f"VT, {s.issuing_office_short}"
        )
        self.close(out, ending, keep=1)
        out.append(PageBreak())
        attached_to = (
            f"Kèm theo Tờ trình số {s.proposal_number} {date_phrase(d, s.proposal_date)} của "
            f"{agency}"
        )
        out += attached_list(self, d, attached_to)
        return out
