"""Danh sách nhận tiền thưởng: who receives the prize money of the Quyết định, the award, the
amount, a column to sign on receipt; the total in figures and in words."""

from __future__ import annotations

from app.reports import model as m
from app.reports.awards import award_lines, total_prize
from app.reports.dossier import AwardDossier
from app.reports.parts import money_total_row, money_words, place_date, signature_block
from app.reports.quyet_dinh import decision_reference
from app.scoring.numbers import format_vnd

TITLE = "Danh sách nhận tiền thưởng"
SIGN_ROOM = "\u00a0\n\u00a0\n\u00a0"  # a row tall enough to sign in


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    paid = [line for line in award_lines(d) if line.prize_vnd]
    rows = []
    for index, line in enumerate(paid, start=1):
        who = line.name if line.collective else f"{line.name}\n{line.detail}"
        rows.append(
            m.Row(
                (
                    m.Cell(str(index), m.Align.CENTER),
                    m.Cell(who),
                    m.Cell(f"Giải {line.tier}" if line.tier else "Cá nhân", m.Align.CENTER),
                    m.Cell(format_vnd(line.prize_vnd), m.Align.RIGHT),
                    m.Cell(SIGN_ROOM),
                )
            )
        )
    total = total_prize(paid)
    rows.append(money_total_row("Tổng cộng", total, 5, amount_at=3))
    blocks: list[m.Block] = [
        m.NationalHeader(s.parent_body, s.issuing_office, "", place_date(d, s.decision_date)),
        m.TitleBlock(
            "Danh sách nhận tiền thưởng",
            (f"Kèm theo {s.award_name} về thành tích xuất sắc trong {d.movement}",),
        ),
        m.Paragraph.of(f"(Theo {decision_reference(d)})", style=m.Style.CENTER_ITALIC),
        m.Spacer(3),
        m.Table(
            (
                m.Column(13, "STT"),
                m.Column(64, "Tập thể, cá nhân nhận"),
                m.Column(36, "Giấy khen"),
                m.Column(28, "Số tiền (đồng)"),
                m.Column(32, "Ký nhận"),
            ),
            tuple(rows),
        ),
        m.Spacer(2),
        m.Paragraph.of(
            "Tổng số tiền bằng chữ: ", m.italic(f"{money_words(d, total)}."),
            style=m.Style.BODY_NOINDENT,
        ),
        m.Paragraph.of(
            f"Nguồn kinh phí: {s.prize_source.rstrip(' .')}.", style=m.Style.BODY_NOINDENT
        ),
        m.Signatures(
            left=m.SignatureBlock((s.payment_preparer.upper(),), note="(Ký, ghi rõ họ tên)"),
            right=signature_block(s.proposal_signer),
            keep_with_previous=2,
        ),
    ]  # fmt: skip
    return m.Document(TITLE, tuple(blocks), subject=d.movement)
