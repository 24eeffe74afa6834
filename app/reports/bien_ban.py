"""Biên bản họp xét khen thưởng (BB) of the Emulation–Commendation Council, with the attached list."""

from __future__ import annotations

from fractions import Fraction

from reportlab.platypus import Flowable, PageBreak, Spacer

from app.reports.parts import (
    DossierRenderer,
    attached_list,
    count,
    date_phrase,
    period_phrase,
    place_date,
    plan_reference,
    points,
    split_nominations,
    tier_text,
    unit_kind_phrase,
)
from app.reports.settings import INDIVIDUAL_PROPOSALS, Signer, parse_vote_exceptions
from app.reports.words import money_in_words
from app.scoring.explain import flag_label
from app.scoring.numbers import format_decimal, format_percent, format_share, format_vnd


class MinutesRenderer(DossierRenderer):
    title = "Biên bản họp xét khen thưởng"

    def story(self) -> list[Flowable]:
        d = self.dossier
        s = d.settings
        rules = d.ranking.rules
        awarded = d.awarded_units()
        total = sum(r.prize_vnd for r in awarded)
        present = list(s.members_present)
        absent = list(s.members_absent)
        out: list[Flowable] = [
            self.header(
                s.parent_body,
                s.council_name,
                f"Số: {s.minutes_number}",
                place_date(d, s.meeting_date),
            ),
            *self.title_block(
                "Biên bản",
                [f"Họp xét khen thưởng {d.movement}"],
            ),
            self.p(
                f"Thời gian: vào lúc {s.meeting_start}, {date_phrase(d, s.meeting_date)}.",
            ),
            self.p(f"Địa điểm: {s.meeting_place}."),
            self.heading("I. THÀNH PHẦN"),
            self.p(f"- Chủ trì: {self._person(s.meeting_chair, s.meeting_chair_title)}."),
            self.p(f"- Thư ký: {self._person(s.meeting_secretary, s.meeting_secretary_title)}."),
        ]
        if present:
            out.append(self.p(f"- Thành viên Hội đồng có mặt: {count(len(present))} người, gồm:"))
            out += [self.p(f"+ {name};") for name in present]
        else:
            out.append(self.p("- Thành viên Hội đồng có mặt: theo danh sách điểm danh."))
        if absent:
            out.append(self.p(f"- Vắng mặt: {count(len(absent))} người: {'; '.join(absent)}."))
        else:
            out.append(self.p("- Vắng mặt: không."))

        out.append(self.heading("II. NỘI DUNG"))
        out.append(self.p("1. Thông qua tiêu chí chấm điểm", "subheading"))
        out.append(
            self.p(
                f"Đại diện {s.issuing_office_name} (Cơ quan Thường trực phong trào) thông qua "
                f"tiêu chí chấm điểm theo {plan_reference(d)}, số liệu {period_phrase(d)}:"
            )
        )
        for criterion in rules.criteria:
            text = (
                f"- {criterion.label}: tối đa {format_decimal(criterion.max_points, 0)} điểm, "
                f"điểm = tỷ lệ × {format_decimal(criterion.max_points, 0)}"
            )
            if criterion.full_at is not None:
                text += f"; tỷ lệ từ {format_share(criterion.full_at)} trở lên đạt điểm tối đa"
            if criterion.threshold is not None:
                text += f"; tỷ lệ dưới {format_share(criterion.threshold)} không xét điểm thi đua"
            out.append(self.p(text + ";"))
        out.append(
            self.p(
                "- Các đơn vị bằng điểm: đơn vị có số hồ sơ trực tuyến trên mỗi tài khoản nộp "
                "nhiều hơn (hồ sơ nộp lặp lại trên ít tài khoản) xếp sau."
            )
        )
        out.append(self.new_page_if_less_than(45))
        out.append(self.p("2. Kết quả chấm điểm", "subheading"))
        out.append(
            self.p(
                f"Kết quả chấm điểm {count(len(d.ranking.ordered))} {unit_kind_phrase(d)} như sau:"
            )
        )
        out.append(self._score_table())
        out.append(Spacer(1, 6))
        out.append(self.p("3. Thảo luận", "subheading"))
        discussion = s.meeting_discussion.strip() or (
            "Các thành viên Hội đồng thống nhất với kết quả chấm điểm do Cơ quan Thường trực "
            "trình bày; số liệu đã được đối chiếu với Cổng dịch vụ công của tỉnh và số liệu "
            "do Công an huyện cung cấp."
        )
        out += [self.p(line) for line in discussion.split("\n") if line.strip()]
        for settlement in d.ranking.applied_settlements:
            names = ", ".join(d.unit_name(c) for c in settlement.order)
            out.append(
                self.p(
                    f"Hội đồng phân định thứ tự các đơn vị bằng điểm, không phân biệt được theo "
                    f"tiêu chí phụ, theo thứ tự: {names}. Lý do: {settlement.reason}."
                )
            )
        out.append(self.p("4. Kết quả biểu quyết", "subheading"))
        out.append(self._vote_table(len(present)))
        out.append(Spacer(1, 6))
        out.append(self.heading("III. KẾT LUẬN"))
        commune, district = split_nominations(d)
        conclusion = (
            f"Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân huyện tặng Giấy khen cho "
            f"{count(len(awarded))} tập thể"
        )
        if d.nominations:
            conclusion += (
                f" và {count(len(d.nominations))} cá nhân (cấp xã {count(len(commune))}, cấp huyện "
                f"{count(len(district))})"
            )
        conclusion += (
            f" có thành tích xuất sắc trong {d.movement}; tổng số tiền thưởng "
            f"{format_vnd(total)} đồng ({money_in_words(total)}) (có danh sách kèm theo)."
        )
        out.append(self.p(conclusion))
        out.append(
            self.p(
                f"Cuộc họp kết thúc vào lúc {s.meeting_end} cùng ngày. Biên bản đã được thông qua "
                "trước các thành viên dự họp và thống nhất 100%./."
            )
        )
        ending = self.two_signatures(
            self.signature(Signer(title="THƯ KÝ", name=s.meeting_secretary)),
            self.signature(Signer(title="CHỦ TỌA", name=s.meeting_chair)),
        )
        self.close(out, ending, keep=1)
        out.append(PageBreak())
        attached_to = (
            f"Kèm theo Biên bản số {s.minutes_number} {date_phrase(d, s.meeting_date)} "
            "của Hội đồng Thi đua - Khen thưởng huyện"
        )
        out += attached_list(self, d, attached_to)
        return out

    @staticmethod
    def _person(name: str, title: str) -> str:
        return f"{name or '…' * 12}, {title}" if title else name or "…" * 12

    def _score_table(self) -> Flowable:
        d = self.dossier
        rules = d.ranking.rules
        rows: list[list[object]] = []
        unranked = [r for r in d.ranking.results if r.scored and not r.ranked]
        for result in (*d.ranking.ordered, *unranked):
            notes = [flag_label(f, rules) for f in result.flags]
            if result.excluded:
                notes.append("Không xếp hạng")
            if result.tie:
                notes.append("Đồng hạng, chờ phân định")
            elif result.settled_reason:
                notes.append("Hội đồng phân định")
            elif result.tie_broken_by_ratio:
                notes.append("Bằng điểm, xét hồ sơ/tài khoản")
            cells: list[object] = [
                self.p(str(result.rank) if result.rank else "—", "td_small_center"),
                self.p(result.unit.name, "td_small"),
            ]
            for criterion in rules.criteria:
                score = result.criterion(criterion.key)
                rate = score.rate
                cells.append(self.p(format_percent(rate) if rate else "—", "td_small_right"))
                cells.append(self.p(points(score.points), "td_small_right"))
            cells += [
                self.p(points(result.total), "td_small_bold_right"),
                self.p(tier_text(result, d), "td_small_center"),
                self.p("; ".join(notes), "td_small"),
            ]
            rows.append(cells)
        header = ["Hạng", "Đơn vị"]
        widths: list[float] = [13, 36]
        for criterion in rules.criteria:
            header += [f"Tỷ lệ {criterion.short_label.lower()}", "Điểm"]
            widths += [20, 14]
        header += ["Tổng điểm", "Giải", "Ghi chú"]
        widths += [15, 22, 30]
        return self.data_table(header, rows, widths, header_style="th_small")

    def _vote_table(self, present: int) -> Flowable:
        d = self.dossier
        s = d.settings
        agree = s.vote_agree if s.vote_agree is not None else present
        exceptions, _problems = parse_vote_exceptions(s.vote_exceptions)  # checked when saved

        def result_text(key: str) -> str:
            yes, voters = exceptions.get(key, (agree, agree + s.vote_disagree))
            if not voters:
                return "100% thành viên có mặt"
            return f"{yes}/{voters} ({format_percent(Fraction(yes, voters), 0)})"

        rows: list[list[object]] = []
        for index, result in enumerate(d.awarded_units(), start=1):
            rows.append(
                [
                    self.p(str(index), "td_center"),
                    self.p(
                        f"Tặng Giấy khen, hạng {tier_text(result, d)}: {result.unit.name}", "td"
                    ),
                    self.p(result_text(result.unit.code), "td_center"),
                ]
            )
        commune, district = split_nominations(d)
        for label, key, group in (
            ("cấp xã", INDIVIDUAL_PROPOSALS[0], commune),
            ("cấp huyện", INDIVIDUAL_PROPOSALS[1], district),
        ):
            if group:
                rows.append(
                    [
                        self.p(str(len(rows) + 1), "td_center"),
                        self.p(f"Tặng Giấy khen cho {count(len(group))} cá nhân {label}", "td"),
                        self.p(result_text(key), "td_center"),
                    ]
                )
        return self.data_table(["STT", "Nội dung đề nghị", "Tán thành"], rows, [12, 110, 50])
