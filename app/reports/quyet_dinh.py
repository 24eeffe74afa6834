"""Quyết định khen thưởng: the draft the district Chairman signs after the council met (RULES 7 d),
with the attached list of the collectives and individuals (the Tờ trình's, with their số sổ vàng).

Every name, legal basis and the prize money's source come from the settings (a later campaign
prints its own); the number and the date stay blank for the clerk unless Cài đặt gives them.
"""

from __future__ import annotations

from app.reports import model as m
from app.reports.awards import AwardLine, award_lines, register_text, total_prize
from app.reports.dossier import AwardDossier
from app.reports.parts import (
    count,
    date_phrase,
    end_list,
    money_total_row,
    money_words,
    place_date,
    plan_reference,
    signature_block,
)
from app.reports.words import date_in_words, parse_date
from app.scoring.numbers import format_vnd

TITLE = "Quyết định khen thưởng"
BLANK = "\u00a0" * 6


def decision_date_phrase(dossier: AwardDossier) -> str:
    """'ngày 10 tháng 01 năm 2024', or blanks for the clerk ('ngày … tháng … năm 2024')."""
    day = parse_date(dossier.settings.decision_date)
    if day is not None:
        return date_in_words(day)
    return f"ngày{BLANK}tháng{BLANK}năm {dossier.today.year}"


def decision_reference(dossier: AwardDossier) -> str:
    """'Quyết định số …/QĐ-UBND ngày … tháng … năm 2024'."""
    return f"Quyết định số {dossier.settings.decision_number} {decision_date_phrase(dossier)}"


def _prize_lines(lines: list[AwardLine]) -> list[str]:
    """Prize money per award, by tier in rank order, then the individuals:
    '- Giải Nhất: 01 tập thể × 6.000.000 đồng = 6.000.000 đồng'."""
    groups: dict[str, list[AwardLine]] = {}
    for line in lines:
        if line.prize_vnd:
            groups.setdefault(line.tier, []).append(line)
    out = []
    for tier, members in groups.items():
        who = (
            f"Giải {tier}: {count(len(members))} tập thể"
            if tier
            else (f"Cá nhân: {count(len(members))} người")
        )
        amounts = sorted({x.prize_vnd for x in members})
        each = " hoặc ".join(f"{format_vnd(a)} đồng" for a in amounts)
        subtotal = format_vnd(sum(x.prize_vnd for x in members))
        out.append(f"- {who} × {each} = {subtotal} đồng")
    return out


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    lines = award_lines(d)
    collectives = [x for x in lines if x.collective]
    people = [x for x in lines if not x.collective]
    total = total_prize(lines)
    recipients = f"{count(len(collectives))} tập thể"
    if people:
        recipients += f" và {count(len(people))} cá nhân"
    bases = [f"Căn cứ {base.rstrip(' ;.')};" for base in s.legal_bases if base.strip()]
    bases.append(f"Căn cứ {plan_reference(d)} về phát động {d.movement};")
    bases.append(
        f"Căn cứ Tờ trình số {s.proposal_number} {date_phrase(d, s.proposal_date)} của "
        f"{s.issuing_office_name} về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích "
        f"xuất sắc trong {d.movement};"
    )
    out: list[m.Block] = [
        m.NationalHeader(
            s.decision_parent,
            s.decision_office,
            f"Số: {s.decision_number}",
            place_date(d, s.decision_date, blank_when_empty=True),
        ),
        m.TitleBlock(
            "Quyết định",
            (
                f"Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong {d.movement}",
            ),
        ),
        m.Paragraph.of(s.decision_issuer.upper(), style=m.Style.CENTER_BOLD),
        m.Spacer(2),
        *[m.Paragraph.of(m.italic(base)) for base in bases],
        m.Paragraph.of(m.italic(f"Theo đề nghị của {s.decision_proposer.rstrip(' .')}.")),
        m.Spacer(2),
        m.Paragraph.of("QUYẾT ĐỊNH:", style=m.Style.CENTER_BOLD, keep_with_next=True),
        m.Spacer(2),
        m.Paragraph.of(
            m.bold("Điều 1. "),
            f"Tặng {s.award_name} cho {recipients} đã có thành tích xuất sắc trong {d.movement}.",
        ),
        m.Paragraph.of("(Có danh sách kèm theo)", style=m.Style.CENTER_ITALIC),
    ]
    if total:
        out.append(
            m.Paragraph.of(
                m.bold("Điều 2. "),
                f"Tiền thưởng kèm theo {s.award_name} được thực hiện theo quy định, cụ thể:",
            )
        )
        out += [m.Paragraph.of(line) for line in end_list(_prize_lines(lines))]
        out.append(
            m.Paragraph.of(
                "Tổng số tiền thưởng: ",
                m.bold(f"{format_vnd(total)} đồng"),
                " (",
                m.italic(money_words(d, total)),
                ").",
            )
        )
        out.append(m.Paragraph.of(f"Nguồn kinh phí: {s.prize_source.rstrip(' .')}."))
    else:
        out.append(
            m.Paragraph.of(m.bold("Điều 2. "), f"{s.award_name} không kèm theo tiền thưởng.")
        )
    out.append(
        m.Paragraph.of(
            m.bold("Điều 3. "),
            "Quyết định này có hiệu lực kể từ ngày ký. "
            f"{s.decision_executors.rstrip(' .')} chịu trách nhiệm thi hành Quyết định này./.",
        )
    )
    out.append(
        m.Signatures(
            left=m.CopyList(s.decision_copies, archive=s.decision_archive or "VT"),
            right=signature_block(s.decision_signer),
            keep_with_previous=1,
        )
    )
    out.append(m.PageBreak())
    out += decision_list(d, lines)
    return m.Document(TITLE, tuple(out), subject=d.movement)


def decision_list(d: AwardDossier, lines: list[AwardLine]) -> list[m.Block]:
    """The attached list: collectives (tier, prize, số sổ vàng), then individuals."""
    s = d.settings
    collectives = [x for x in lines if x.collective]
    people = [x for x in lines if not x.collective]
    out: list[m.Block] = [
        m.Paragraph.of("DANH SÁCH", style=m.Style.CENTER_BOLD, keep_with_next=True),
        m.Paragraph.of(
            f"Các tập thể, cá nhân được tặng {s.award_name} về thành tích xuất sắc trong "
            f"{d.movement}",
            style=m.Style.CENTER_BOLD,
            keep_with_next=True,
        ),
        m.Paragraph.of(f"(Kèm theo {decision_reference(d)})", style=m.Style.CENTER_ITALIC),
        m.Spacer(3.5),
        m.Paragraph.of(
            f"I. TẬP THỂ ({count(len(collectives))} tập thể)",
            style=m.Style.TABLE_TITLE,
            keep_with_next=True,
        ),
    ]
    rows = [
        m.Row(
            (
                m.Cell(str(i), m.Align.CENTER),
                m.Cell(x.name),
                m.Cell(x.tier, m.Align.CENTER),
                m.Cell(format_vnd(x.prize_vnd), m.Align.RIGHT),
                m.Cell(register_text(x), m.Align.CENTER),
            )
        )
        for i, x in enumerate(collectives, start=1)
    ]
    rows.append(money_total_row("Cộng", total_prize(collectives), 5, amount_at=3))
    out.append(
        m.Table(
            (
                m.Column(13, "STT"),
                m.Column(74, "Tên tập thể"),
                m.Column(30, "Giải"),
                m.Column(32, "Tiền thưởng (đồng)"),
                m.Column(22, "Số sổ vàng"),
            ),
            tuple(rows),
        )
    )
    if people:
        prize = any(x.prize_vnd for x in people)
        columns = [m.Column(13, "STT"), m.Column(48, "Họ và tên"),
                   m.Column(78 if not prize else 56, "Chức vụ, đơn vị công tác")]  # fmt: skip
        if prize:
            columns.append(m.Column(28, "Tiền thưởng (đồng)"))
        columns.append(m.Column(22, "Số sổ vàng"))
        person_rows = []
        for i, x in enumerate(people, start=1):
            cells = [m.Cell(str(i), m.Align.CENTER), m.Cell(x.name), m.Cell(x.detail)]
            if prize:
                cells.append(m.Cell(format_vnd(x.prize_vnd), m.Align.RIGHT))
            cells.append(m.Cell(register_text(x), m.Align.CENTER))
            person_rows.append(m.Row(tuple(cells)))
        out += [
            m.Spacer(3),
            m.NeedSpace(45),  # the title, the header and rows (not kept with the whole table: a
            m.Paragraph.of(  # long one would then always start on a new page)
                f"II. CÁ NHÂN ({count(len(people))} cá nhân)", style=m.Style.TABLE_TITLE
            ),
            m.Table(tuple(columns), tuple(person_rows)),
        ]
    total = total_prize(lines)
    if total:
        out.append(
            m.Paragraph.of(
                m.italic(
                    f"Tổng số tiền thưởng: {format_vnd(total)} đồng ({money_words(d, total)})."
                ),
                style=m.Style.BODY_NOINDENT,
            )
        )
    return out
