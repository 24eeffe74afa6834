"""Báo cáo thành tích đề nghị khen thưởng: one per proposed collective, one per nominated person.

Parts the unit or the person writes (profile, own account, past awards) come from the dossier;
until they are written the report is still complete from the figures and the explanation, with
dotted lines where only the signer can fill in.
"""

from __future__ import annotations

from app.reports import model as m
from app.reports.dossier import AwardDossier, Nomination
from app.reports.layout import split_paragraphs
from app.reports.parts import (
    place_date_for_unit,
    points,
    tier_text,
    unit_header_name,
    unit_header_parent,
)
from app.reports.words import numeric_date
from app.scoring.engine import PENDING, UnitResult
from app.scoring.explain import explain
from app.scoring.figures import UnitKind
from app.scoring.numbers import format_decimal, format_int, format_percent

TITLE = "Báo cáo thành tích đề nghị khen thưởng"


def _head(d: AwardDossier, code: str, whom: str, name: str) -> list[m.Block]:
    return [
        m.NationalHeader(
            unit_header_parent(d, code), unit_header_name(d, code), "", place_date_for_unit(d, code)
        ),
        m.TitleBlock(
            "Báo cáo thành tích",
            (
                f"Đề nghị tặng {d.settings.award_name}",
                f"về thành tích xuất sắc trong {d.movement}",
            ),
        ),
        m.Paragraph.of(f"Tên {whom} đề nghị khen thưởng: ", m.bold(name), style=m.Style.CENTER),
        m.Spacer(2),
    ]


def _paragraphs(text: str, fallback: list[str]) -> list[m.Block]:
    return [m.Paragraph.of(line) for line in split_paragraphs(text) or fallback]


def _field(label: str, value: str) -> m.Block:
    """'- Label: value.' or the label with dots to fill in by hand."""
    return m.Paragraph.of(f"{label}{value.rstrip('.')}.") if value else m.FillLine(label)


def _blank_lines(text: str) -> list[m.Block]:
    return _paragraphs(text, []) or [m.FillLine(), m.FillLine()]


def full_unit_name(result: UnitResult) -> str:
    unit = result.unit
    if unit.kind in (UnitKind.XA, UnitKind.THI_TRAN):
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def describe_collective(d: AwardDossier, r: UnitResult) -> m.Document:
    unit = r.unit
    rules = d.ranking.rules
    profile = d.profile(unit.code)
    out = _head(d, unit.code, "tập thể", full_unit_name(r))
    out.append(m.Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
    out.append(m.Paragraph.of(f"- Tên đơn vị: {full_unit_name(r)}."))
    out.append(_field("- Trụ sở: ", profile.address))
    out.append(_field("- Điện thoại: ", profile.phone))
    fallback = [
        f"{unit.name} là đơn vị hành chính cấp xã thuộc huyện {d.settings.place}. "
        f"Trong kỳ thi đua, trên địa bàn có {format_int(unit.citizens or 0)} người dân có căn "
        f"cước công dân; tổng số hồ sơ thủ tục hành chính phát sinh của các dịch vụ công "
        f"trực tuyến đã công bố là {format_int(unit.total or 0)} hồ sơ."
    ]
    out += _paragraphs(profile.profile_text, fallback)
    out.append(m.Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    out.append(m.Heading("1. Kết quả thực hiện các tiêu chí thi đua", level=2))
    rows: list[m.Row] = []
    for criterion in rules.criteria:
        score = r.criterion(criterion.key)
        figures = (
            f"{format_int(score.numerator)}/{format_int(score.denominator)}"
            if score.numerator is not None and score.denominator is not None
            else "—"
        )
        rows.append(
            m.Row(
                (
                    m.Cell(criterion.label),
                    m.Cell(figures, m.Align.CENTER),
                    m.Cell(format_percent(score.rate) if score.rate else "—", m.Align.CENTER),
                    m.Cell(format_decimal(criterion.max_points, 0), m.Align.CENTER),
                    m.Cell(points(score.points), m.Align.RIGHT),
                )
            )
        )
    rows.append(
        m.Row(
            (
                m.Cell("Tổng cộng", bold=True),
                m.Cell(""),
                m.Cell(""),
                m.Cell(format_decimal(rules.max_total, 0), m.Align.CENTER),
                m.Cell(points(r.total), m.Align.RIGHT, bold=True),
            )
        )
    )
    columns = (
        m.Column(62, "Tiêu chí"),
        m.Column(34, "Số liệu"),
        m.Column(26, "Tỷ lệ"),
        m.Column(22, "Điểm chuẩn"),
        m.Column(22, "Điểm đạt"),
    )
    out.append(m.Table(columns, tuple(rows)))
    out.append(m.Spacer(2))
    sentences = explain(r, d.ranking)
    if r.ranked:
        sentences = sentences[:-1]  # the award sentence speaks of quotas: said below instead
        if r.tier:  # a plain 'Xếp hạng 4.' is said again below
            sentences = [x for x in sentences if x != f"Xếp hạng {r.rank}."]
    out += [m.Paragraph.of(sentence) for sentence in sentences]
    if r.tier and r.tier != PENDING:
        bonus = (
            f", được cộng {r.bonus_points} điểm thi đua phát triển kinh tế - xã hội"
            if r.bonus_points
            else ""
        )
        out.append(
            m.Paragraph.of(
                f"Kết quả: xếp hạng {r.rank}/{len(d.ranking.ordered)} đơn vị, đạt giải "
                f"{tier_text(r, d)} trong {d.movement}{bonus}."
            )
        )
    if profile.achievement_text.strip():
        out.append(m.Heading("2. Các giải pháp, cách làm đã thực hiện", level=2))
        out += _paragraphs(profile.achievement_text, [])
    out.append(m.Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"))
    out += _blank_lines(profile.past_awards_text)
    agency = unit.kind == UnitKind.CO_QUAN
    head = m.SignatureBlock(
        tuple(
            x
            for x in (
                "" if agency else "TM. ỦY BAN NHÂN DÂN",
                (profile.head_title or ("THỦ TRƯỞNG ĐƠN VỊ" if agency else "CHỦ TỊCH")).upper(),
            )
            if x
        ),
        note="(Ký, đóng dấu)",
        name=profile.head_name,
    )
    left = m.SignatureBlock(("XÁC NHẬN CỦA CẤP TRÌNH", "KHEN THƯỞNG"), note="(Ký, đóng dấu)")
    out.append(m.Signatures(right=head, left=left, keep_with_previous=3))
    return m.Document(
        f"Báo cáo thành tích - {unit.name}", tuple(out), subject=d.movement, tight=True
    )


def describe_individual(d: AwardDossier, n: Nomination) -> m.Document:
    out = _head(d, n.unit_code, "cá nhân", n.full_name)
    out.append(m.Heading("I. SƠ LƯỢC LÝ LỊCH"))
    birth = numeric_date(n.birth_date) if n.birth_date else "…" * 10
    out.append(m.Paragraph.of(f"- Họ và tên: {n.full_name}."))
    out.append(
        m.Paragraph.of(
            f"- Ngày, tháng, năm sinh: {birth}.\u00a0\u00a0\u00a0 Giới tính: {n.gender or '…' * 5}."
        )
    )
    out.append(_field("- Quê quán: ", n.hometown))
    out.append(_field("- Nơi ở hiện nay: ", n.residence))
    out.append(m.Paragraph.of(f"- Đơn vị công tác: {n.unit_name}."))
    out.append(m.Paragraph.of(f"- Chức vụ: {n.position}."))
    out.append(m.Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    if n.achievement_summary:
        summary = n.achievement_summary.rstrip()
        end = "" if summary.endswith((".", "!", "?", "…")) else "."
        out.append(m.Paragraph.of(f"Tóm tắt thành tích: {summary}{end}"))
    out += _paragraphs(n.achievement_text, [])
    if n.unit_code in d.ranking:
        result = d.ranking.result(n.unit_code)
        if result.ranked and result.total is not None:
            text = (
                f"Cùng với tập thể, góp phần đưa {n.unit_name} đạt {points(result.total)} "
                f"điểm, xếp hạng {result.rank}/{len(d.ranking.ordered)} đơn vị"
            )
            if result.tier and result.tier != PENDING:
                text += f", đạt giải {tier_text(result, d)}"
            out.append(m.Paragraph.of(text + f" trong {d.movement}."))
    out.append(m.Heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN"))
    out += _blank_lines(n.past_awards_text)
    left = m.SignatureBlock(("XÁC NHẬN CỦA", "THỦ TRƯỞNG ĐƠN VỊ"), note="(Ký, đóng dấu)")
    me = m.SignatureBlock(
        ("NGƯỜI BÁO CÁO THÀNH TÍCH",), note="(Ký, ghi rõ họ và tên)", name=n.full_name
    )
    out.append(m.Signatures(right=me, left=left, keep_with_previous=3))
    return m.Document(
        f"Báo cáo thành tích - {n.full_name}", tuple(out), subject=d.movement, tight=True
    )
