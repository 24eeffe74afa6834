"""Biên bản họp xét khen thưởng (BB) of the Emulation–Commendation Council, with the attached list.

The form is Mẫu 1.9 of Nghị định 30/2020 (Phụ lục III): no place/date line in the header; "Thời
gian bắt đầu", "Địa điểm", "Thành phần tham dự", "Chủ trì (chủ tọa)", "Thư ký (người ghi biên
bản)", "Nội dung"; the closing time line; THƯ KÝ signs on the left, CHỦ TỌA on the right.
"""

from __future__ import annotations

from fractions import Fraction

from app.reports import model as m
from app.reports.dossier import AwardDossier
from app.reports.parts import (
    attached_list,
    count,
    date_phrase,
    end_list,
    money_words,
    period_phrase,
    plan_reference,
    points,
    settlement_reason,
    split_nominations,
    tier_text,
    unit_kind_phrase,
)
from app.reports.settings import INDIVIDUAL_PROPOSALS, parse_vote_exceptions
from app.scoring.engine import PENDING
from app.scoring.explain import flag_label
from app.scoring.numbers import format_decimal, format_percent, format_share, format_vnd
from app.scoring.proxy import POLICY_COUNT_AS_DIRECT, PROXY_TIE_BREAK

TITLE = "Biên bản họp xét khen thưởng"
BLANK_NAME = "…" * 12


def describe(d: AwardDossier) -> m.Document:
    s = d.settings
    rules = d.ranking.rules
    awarded = d.awarded_units()
    total = sum(r.prize_vnd for r in awarded)
    present = list(s.members_present)
    absent = list(s.members_absent)

    def body(*parts: m.Inline) -> m.Paragraph:
        return m.Paragraph.of(*parts)

    def label(name: str, text: str) -> m.Paragraph:
        return m.Paragraph.of(m.bold(name), text)

    out: list[m.Block] = [
        m.NationalHeader(s.parent_body, s.council_name, f"Số: {s.minutes_number}"),
        m.TitleBlock("Biên bản", (f"Họp xét khen thưởng {d.movement}",)),
        label("Thời gian bắt đầu: ", f"{s.meeting_start}, {date_phrase(d, s.meeting_date)}."),
        label("Địa điểm: ", f"{s.meeting_place.rstrip('.')}."),
    ]
    if present:
        out.append(
            label("Thành phần tham dự: ", f"{count(len(present))} thành viên Hội đồng, gồm:")
        )
        out += [body(line) for line in end_list([f"- {name}" for name in present])]
    else:
        out.append(
            label("Thành phần tham dự: ", "các thành viên Hội đồng theo danh sách điểm danh.")
        )
    if absent:
        out.append(body(f"Vắng mặt: {count(len(absent))} thành viên ({'; '.join(absent)})."))
    out.append(label("Chủ trì (chủ tọa): ", f"{_person(s.meeting_chair, s.meeting_chair_title)}."))
    out.append(
        label(
            "Thư ký (người ghi biên bản): ",
            f"{_person(s.meeting_secretary, s.meeting_secretary_title)}.",
        )
    )
    out.append(m.Paragraph.of(m.bold("Nội dung:"), keep_with_next=True))
    out.append(m.Heading("1. Thông qua tiêu chí chấm điểm", level=2))
    out.append(
        body(
            f"Đại diện {s.issuing_office_name} (Cơ quan Thường trực phong trào) thông qua "
            f"tiêu chí chấm điểm theo {plan_reference(d)}, số liệu {period_phrase(d)}:"
        )
    )
    items: list[str] = []
    for criterion in rules.criteria:
        text = (
            f"- {criterion.label}: tối đa {format_decimal(criterion.max_points, 0)} điểm, "
            f"điểm = tỷ lệ × {format_decimal(criterion.max_points, 0)}"
        )
        if criterion.full_at is not None:
            text += f"; tỷ lệ từ {format_share(criterion.full_at)} trở lên đạt điểm tối đa"
        if criterion.threshold is not None:
            text += f"; tỷ lệ dưới {format_share(criterion.threshold)} không xét điểm thi đua"
        items.append(text)
    if rules.proxy_policy == POLICY_COUNT_AS_DIRECT:
        items.append(
            "- Hồ sơ trực tuyến do tài khoản có dấu hiệu nộp thay nộp (không có ủy quyền) được "
            "tính là hồ sơ không trực tuyến"
        )
    items.append(
        "- Các đơn vị bằng điểm: "
        + (
            "đơn vị có tỷ lệ hồ sơ trực tuyến nộp thay thấp hơn xếp trước; nếu vẫn bằng nhau, "
            if rules.tie_break == PROXY_TIE_BREAK
            else ""
        )
        + "đơn vị có số hồ sơ trực tuyến trên mỗi tài khoản nộp nhiều hơn "
        "(hồ sơ nộp lặp lại trên ít tài khoản) xếp sau"
    )
    out += [body(line) for line in end_list(items)]
    out.append(m.NeedSpace(45))
    out.append(m.Heading("2. Kết quả chấm điểm", level=2))
    out.append(
        body(f"Kết quả chấm điểm {count(len(d.ranking.ordered))} {unit_kind_phrase(d)} như sau:")
    )
    table, notes = _score_table(d)
    out.append(table)
    if notes:
        out.append(m.Note(tuple(notes), title="Ghi chú:"))
    out.append(m.Spacer(2))
    out.append(m.Heading("3. Thảo luận", level=2))
    discussion = s.meeting_discussion.strip() or (
        "Các thành viên Hội đồng thống nhất với kết quả chấm điểm do Cơ quan Thường trực "
        "trình bày; số liệu đã được đối chiếu với Cổng dịch vụ công của tỉnh và số liệu "
        "do Công an huyện cung cấp."
    )
    out += [body(line) for line in discussion.split("\n") if line.strip()]
    for settlement in d.ranking.applied_settlements:
        names = ", ".join(d.unit_name(c) for c in settlement.order)
        out.append(
            body(
                f"Hội đồng phân định thứ tự các đơn vị bằng điểm, không phân biệt được theo "
                f"tiêu chí phụ, theo thứ tự: {names}. Lý do: "
                f"{settlement_reason(settlement.reason)}."
            )
        )
    attachment = d.proxy_attachment
    if attachment is not None:
        out.append(
            body(
                f"Hội đồng đã xem xét Báo cáo bằng chứng nộp thay hồ sơ trực tuyến "
                f"{period_phrase(d)}: {count(attachment.flagged_accounts)} tài khoản có dấu hiệu "
                f"nộp thay tại {count(attachment.flagged_units)} đơn vị (báo cáo kèm theo)."
            )
        )
    out.append(m.Heading("4. Kết quả biểu quyết", level=2))
    out.append(_vote_table(d, len(present)))
    out.append(m.Spacer(2))
    out.append(m.Heading("5. Kết luận", level=2))
    commune, district = split_nominations(d)
    conclusion = (
        f"Hội đồng thống nhất đề nghị tặng {d.settings.award_name} cho "
        f"{count(len(awarded))} tập thể"
    )
    if d.nominations:
        conclusion += (
            f" và {count(len(d.nominations))} cá nhân (cấp xã {count(len(commune))}, cấp huyện "
            f"{count(len(district))})"
        )
    conclusion += (
        f" có thành tích xuất sắc trong {d.movement}; tổng số tiền thưởng "
        f"{format_vnd(total)} đồng ({money_words(d, total)}) (có danh sách kèm theo)."
    )
    out.append(body(conclusion))
    if attachment is not None:
        out.append(
            body(
                "Kèm theo: Báo cáo bằng chứng nộp thay hồ sơ trực tuyến "
                f"({count(attachment.flagged_accounts)} tài khoản có dấu hiệu nộp thay tại "
                f"{count(attachment.flagged_units)} đơn vị)."
            )
        )
    out.append(
        body(
            f"Cuộc họp kết thúc vào lúc {s.meeting_end}, {date_phrase(d, s.meeting_date)}; "
            "biên bản đã được thông qua trước các thành viên dự họp và thống nhất 100%./."
        )
    )
    out.append(
        m.Signatures(
            left=m.SignatureBlock(
                ("THƯ KÝ",), note="(Ký, ghi rõ họ tên)", name=s.meeting_secretary
            ),
            right=m.SignatureBlock(("CHỦ TỌA",), note="(Ký, ghi rõ họ tên)", name=s.meeting_chair),
            keep_with_previous=1,
        )
    )
    out.append(m.PageBreak())
    attached_to = (
        f"Kèm theo Biên bản số {s.minutes_number} {date_phrase(d, s.meeting_date)} "
        "của Hội đồng Thi đua - Khen thưởng huyện"
    )
    out += attached_list(d, attached_to)
    return m.Document(TITLE, tuple(out), subject=d.movement)


def _person(name: str, title: str) -> str:
    return f"{name or BLANK_NAME}, {title}" if title else name or BLANK_NAME


NOTE_LIMIT = 40  # a note longer than this goes under the table, the cell shows its number


def _score_table(d: AwardDossier) -> tuple[m.Table, list[str]]:
    rules = d.ranking.rules
    rows: list[m.Row] = []
    long_notes: list[str] = []
    unranked = [r for r in d.ranking.results if r.scored and not r.ranked]
    for result in (*d.ranking.ordered, *unranked):
        notes = [flag_label(f, rules) for f in result.flags]
        if result.excluded:
            notes.append("Không xếp hạng")
        if result.tier == PENDING:
            notes.append("Đồng hạng, chờ phân định")
        elif result.settled_reason:
            notes.append("Hội đồng phân định")
        elif result.tie_broken_by_proxy:
            notes.append("Bằng điểm, xét tỷ lệ nộp thay")
        elif result.tie_broken_by_ratio:
            notes.append("Bằng điểm, xét hồ sơ/tài khoản")
        note = "; ".join(notes)
        if len(note) > NOTE_LIMIT:
            long_notes.append(f"({len(long_notes) + 1}) {result.unit.name}: {note}.")
            note = f"Xem ghi chú ({len(long_notes)})"
        cells = [
            m.Cell(str(result.rank) if result.rank else "—", m.Align.CENTER),
            m.Cell(result.unit.name),
        ]
        for criterion in rules.criteria:
            score = result.criterion(criterion.key)
            rate = score.rate
            cells.append(m.Cell(format_percent(rate) if rate else "—", m.Align.RIGHT))
            cells.append(m.Cell(points(score.points), m.Align.RIGHT))
        cells += [
            m.Cell(points(result.total), m.Align.RIGHT, bold=True),
            m.Cell(tier_text(result, d), m.Align.CENTER),
            m.Cell(note),
        ]
        rows.append(m.Row(tuple(cells)))
    columns = [m.Column(13, "Hạng"), m.Column(36, "Đơn vị")]
    for criterion in rules.criteria:
        columns += [m.Column(20, f"Tỷ lệ {criterion.short_label.lower()}"), m.Column(14, "Điểm")]
    columns += [m.Column(15, "Tổng điểm"), m.Column(22, "Giải"), m.Column(30, "Ghi chú")]
    return m.Table(tuple(columns), tuple(rows), font_size=10.5), long_notes


def _vote_table(d: AwardDossier, present: int) -> m.Table:
    s = d.settings
    agree = s.vote_agree if s.vote_agree is not None else present
    exceptions, _problems = parse_vote_exceptions(s.vote_exceptions)  # checked when saved

    def result_text(key: str) -> str:
        yes, voters = exceptions.get(key, (agree, agree + s.vote_disagree))
        if not voters:
            return "100% thành viên có mặt"
        return f"{yes}/{voters} ({format_percent(Fraction(yes, voters), 0)})"

    rows: list[m.Row] = []
    for index, result in enumerate(d.awarded_units(), start=1):
        rows.append(
            m.Row(
                (
                    m.Cell(str(index), m.Align.CENTER),
                    m.Cell(f"Tặng Giấy khen, hạng {tier_text(result, d)}: {result.unit.name}"),
                    m.Cell(result_text(result.unit.code), m.Align.CENTER),
                )
            )
        )
    commune, district = split_nominations(d)
    for label, key, group in (
        ("cấp xã", INDIVIDUAL_PROPOSALS[0], commune),
        ("cấp huyện", INDIVIDUAL_PROPOSALS[1], district),
    ):
        if group:
            rows.append(
                m.Row(
                    (
                        m.Cell(str(len(rows) + 1), m.Align.CENTER),
                        m.Cell(f"Tặng Giấy khen cho {count(len(group))} cá nhân {label}"),
                        m.Cell(result_text(key), m.Align.CENTER),
                    )
                )
            )
    columns = (m.Column(12, "STT"), m.Column(110, "Nội dung đề nghị"), m.Column(50, "Tán thành"))
    return m.Table(columns, tuple(rows))
