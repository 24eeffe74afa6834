"""Báo cáo thành tích đề nghị khen thưởng: one per proposed collective, one per nominated person.

Parts the unit or the person writes (profile, own account, past awards) come from the dossier;
until they are written the report is still complete from the figures and the explanation, with
dotted lines where only the signer can fill in.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.reports.dossier import AwardDossier, Nomination
from app.reports.layout import esc, split_paragraphs
from app.reports.parts import (
    DossierRenderer,
    place_date_for_unit,
    points,
    tier_text,
    unit_header_name,
)
from app.reports.settings import Signer
from app.scoring.engine import UnitResult
from app.scoring.explain import explain
from app.scoring.figures import UnitKind
from app.scoring.numbers import format_decimal, format_int, format_percent


class _ReportBase(DossierRenderer):
    title = "Báo cáo thành tích đề nghị khen thưởng"

    def __init__(self, dossier: AwardDossier, unit_code: str) -> None:
        super().__init__(dossier)
        self.unit_code = unit_code

    def _head(self, whom: str) -> list[Flowable]:
        d = self.dossier
        return [
            self.header(
                d.profile(self.unit_code).header_parent or d.settings.parent_body,
                unit_header_name(d, self.unit_code),
                "",
                place_date_for_unit(d, self.unit_code),
            ),
            *self.title_block(
                "Báo cáo thành tích",
                [
                    "Đề nghị tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
                    f"về thành tích xuất sắc trong {d.movement}",
                ],
            ),
            self.markup(f"Tên {whom} đề nghị khen thưởng: <b>{self._esc_name()}</b>", "center"),
        ]

    def _esc_name(self) -> str:
        raise NotImplementedError

    def _paragraphs(self, text: str, fallback: list[str]) -> list[Flowable]:
        lines = split_paragraphs(text) or fallback
        return [self.p(line) for line in lines]

    def _field(self, label: str, value: str) -> Flowable:
        """'- Label: value.' or the label with dots to fill in by hand."""
        return self.p(f"{label}{value}.") if value else self.fill(label)

    def _blank_lines(self, text: str) -> list[Flowable]:
        return self._paragraphs(text, []) or [self.fill(), self.fill()]


class CollectiveReportRenderer(_ReportBase):
    def __init__(self, dossier: AwardDossier, result: UnitResult) -> None:
        super().__init__(dossier, result.unit.code)
        self.result = result
        self.title = f"Báo cáo thành tích - {result.unit.name}"

    def _esc_name(self) -> str:
        return esc(self._full_name())

    def _full_name(self) -> str:
        unit = self.result.unit
        if unit.kind in (UnitKind.XA, UnitKind.THI_TRAN):
            return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
        return unit.name

    def story(self) -> list[Flowable]:
        d = self.dossier
        r = self.result
        unit = r.unit
        rules = d.ranking.rules
        profile = d.profile(unit.code)
        out = self._head("tập thể")
        out.append(self.heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
        out.append(self.p(f"- Tên đơn vị: {self._full_name()}."))
        out.append(self._field("- Trụ sở: ", profile.address))
        out.append(self._field("- Điện thoại: ", profile.phone))
        fallback = [
            f"{unit.name} là đơn vị hành chính cấp xã thuộc huyện {d.settings.place}. "
            f"Trong kỳ thi đua, trên địa bàn có {format_int(unit.citizens or 0)} người dân có căn "
            f"cước công dân; tổng số hồ sơ thủ tục hành chính phát sinh của các dịch vụ công "
            f"trực tuyến đã công bố là {format_int(unit.total or 0)} hồ sơ."
        ]
        out += self._paragraphs(profile.profile_text, fallback)

        out.append(self.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
        out.append(self.p("1. Kết quả thực hiện các tiêu chí thi đua", "subheading"))
        rows: list[list[object]] = []
        for criterion in rules.criteria:
            score = r.criterion(criterion.key)
            figures = (
                f"{format_int(score.numerator)}/{format_int(score.denominator)}"
                if score.numerator is not None and score.denominator is not None
                else "—"
            )
            rows.append(
                [
                    self.p(criterion.label, "td"),
                    self.p(figures, "td_center"),
                    self.p(format_percent(score.rate) if score.rate else "—", "td_center"),
                    self.p(format_decimal(criterion.max_points, 0), "td_center"),
                    self.p(points(score.points), "td_right"),
                ]
            )
        rows.append(
            [
                self.p("Tổng cộng", "td_bold"),
                "",
                "",
                self.p(format_decimal(rules.max_total, 0), "td_center"),
                self.p(points(r.total), "td_bold_right"),
            ]
        )
        out.append(
            self.data_table(
                ["Tiêu chí", "Số liệu", "Tỷ lệ", "Điểm chuẩn", "Điểm đạt"],
                rows,
                [62, 34, 26, 22, 22],
            )
        )
        out.append(self.p("", "body_noindent"))
        sentences = explain(r, d.ranking)
        if r.ranked:
            sentences = sentences[:-1]  # the award sentence speaks of quotas: said below instead
            if r.tier:  # a plain 'Xếp hạng 4.' is said again below
                sentences = [x for x in sentences if x != f"Xếp hạng {r.rank}."]
        out += [self.p(sentence) for sentence in sentences]
        if r.tier:
            bonus = (
                f", được cộng {r.bonus_points} điểm thi đua phát triển kinh tế - xã hội"
                if r.bonus_points
                else ""
            )
            out.append(
                self.p(
                    f"Kết quả: xếp hạng {r.rank}/{len(d.ranking.ordered)} đơn vị, đạt giải "
                    f"{tier_text(r, d)} trong {d.movement}{bonus}."
                )
            )
        if profile.achievement_text.strip():
            out.append(self.p("2. Các giải pháp, cách làm đã thực hiện", "subheading"))
            out += self._paragraphs(profile.achievement_text, [])
        out.append(self.heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
        out += self._blank_lines(profile.past_awards_text)
        head = Signer(
            authority="TM. ỦY BAN NHÂN DÂN" if unit.kind != UnitKind.CO_QUAN else "",
            title=profile.head_title or ("CHỦ TỊCH" if unit.kind != UnitKind.CO_QUAN else
                                         "THỦ TRƯỞNG ĐƠN VỊ"),
            name=profile.head_name,
        )  # fmt: skip
        left = [
            self.p("XÁC NHẬN CỦA CẤP TRÌNH", "sign_title"),
            self.p("KHEN THƯỞNG", "sign_title"),
            self.p("(Ký, đóng dấu)", "sign_note"),
        ]
        ending = self.two_signatures(left, self.signature(head, note="(Ký, đóng dấu)"))
        self.close(out, ending, keep=3)
        return out


class IndividualReportRenderer(_ReportBase):
    def __init__(self, dossier: AwardDossier, nomination: Nomination) -> None:
        super().__init__(dossier, nomination.unit_code)
        self.nomination = nomination
        self.title = f"Báo cáo thành tích - {nomination.full_name}"

    def _esc_name(self) -> str:
        return esc(self.nomination.full_name)

    def story(self) -> list[Flowable]:
        d = self.dossier
        n = self.nomination
        out = self._head("cá nhân")
        out.append(self.heading("I. SƠ LƯỢC LÝ LỊCH"))
        birth = n.birth_date.strftime("%d/%m/%Y") if n.birth_date else "…" * 10
        out.append(self.p(f"- Họ và tên: {n.full_name}."))
        out.append(
            self.p(
                f"- Ngày, tháng, năm sinh: {birth}.\u00a0\u00a0\u00a0 Giới tính: {n.gender or '…' * 5}."
            )
        )
        out.append(self._field("- Quê quán: ", n.hometown))
        out.append(self._field("- Nơi ở hiện nay: ", n.residence))
        out.append(self.p(f"- Đơn vị công tác: {n.unit_name}."))
        out.append(self.p(f"- Chức vụ: {n.position}."))
        out.append(self.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
        if n.achievement_summary:
            out.append(self.p(f"Tóm tắt thành tích: {n.achievement_summary}"))
        out += self._paragraphs(n.achievement_text, [])
        if n.unit_code in d.ranking:
            result = d.ranking.result(n.unit_code)
            if result.ranked and result.total is not None:
                text = (
                    f"Cùng với tập thể, góp phần đưa {n.unit_name} đạt {points(result.total)} "
                    f"điểm, xếp hạng {result.rank}/{len(d.ranking.ordered)} đơn vị"
                )
                if result.tier and result.tier != "pending":
                    text += f", đạt giải {tier_text(result, d)}"
                out.append(self.p(text + f" trong {d.movement}."))
        out.append(self.heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN"))
        out += self._blank_lines(n.past_awards_text)
        left = [
            self.p("XÁC NHẬN CỦA", "sign_title"),
            self.p("THỦ TRƯỞNG ĐƠN VỊ", "sign_title"),
            self.p("(Ký, đóng dấu)", "sign_note"),
        ]
        me = Signer(title="NGƯỜI BÁO CÁO THÀNH TÍCH", name=n.full_name)
        ending = self.two_signatures(left, self.signature(me, note="(Ký, ghi rõ họ và tên)"))
        self.close(out, ending, keep=3)
        return out
