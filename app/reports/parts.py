"""Content shared by several documents (as model blocks): figures of the movement, the attached
list, headers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from app.reports import model as m
from app.reports.dossier import AwardDossier, Nomination
from app.reports.settings import Signer, unit_parent
from app.reports.words import (
    date_in_words,
    money_in_words,
    numeric_date,
    parse_date,
    place_date_line,
)
from app.scoring.engine import UnitResult
from app.scoring.explain import tier_label
from app.scoring.figures import UnitKind
from app.scoring.numbers import format_decimal, format_percent, format_share, format_vnd


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    label: str
    numerator: int
    denominator: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None


@dataclass(frozen=True, slots=True)
class MovementSummary:
    """What the movement achieved, district-wide."""

    units: int  # scored commune-level units
    threshold_label: str  # "70%"
    threshold_criterion: str  # "tỷ lệ hồ sơ trực tuyến"
    passed: int  # units at or above the threshold
    criteria: tuple[CriterionSummary, ...]


def movement_summary(dossier: AwardDossier) -> MovementSummary:
    rules = dossier.ranking.rules
    scored = [r for r in dossier.ranking.results if r.scored]
    sums: list[CriterionSummary] = []
    threshold_label = ""
    threshold_criterion = ""
    passed = len(scored)
    for criterion in rules.criteria:
        num = den = 0
        for result in scored:
            score = result.criterion(criterion.key)
            if score.numerator is not None and score.denominator:
                num += score.numerator
                den += score.denominator
        sums.append(CriterionSummary(criterion.label, num, den))
        if criterion.threshold is not None:
            threshold_label = format_share(criterion.threshold)
            threshold_criterion = criterion.label.lower()
            passed = sum(
                1
                for r in scored
                if (s := r.criterion(criterion.key)).flag is None and s.rate is not None
            )
    return MovementSummary(len(scored), threshold_label, threshold_criterion, passed, tuple(sums))


def count(n: int) -> str:
    """Counts as written in documents: 05, 12."""
    return f"{n:02d}"


def tier_text(result: UnitResult, dossier: AwardDossier) -> str:
    return tier_label(result.tier, dossier.ranking.rules)


def points(value: Decimal | None) -> str:
    return format_decimal(value if value is not None else Decimal(0))


def settings_date(text: str, dossier: AwardDossier) -> dt.date:
    """A settings date, or the dossier's day when blank."""
    return parse_date(text) or dossier.today


def place_date(dossier: AwardDossier, text: str, *, blank_when_empty: bool = False) -> str:
    day = parse_date(text)
    if day is None and not blank_when_empty:
        day = dossier.today
    return place_date_line(dossier.settings.place, day, dossier.today.year)


def date_phrase(dossier: AwardDossier, text: str) -> str:
    """'ngày 05 tháng 01 năm 2024' from a settings date ('' → the dossier's day)."""
    return date_in_words(settings_date(text, dossier))


def plan_reference(dossier: AwardDossier) -> str:
    """'Kế hoạch số …/KH-UBND ngày … của Ủy ban nhân dân huyện Phụng Hiệp'."""
    s = dossier.settings
    day = dossier.plan_date
    when = f" {date_in_words(day)}" if day else ""
    return f"Kế hoạch số {dossier.plan_number}{when} của {s.plan_issuer}"


def period_phrase(dossier: AwardDossier) -> str:
    if dossier.period_start and dossier.period_end:
        start, end = numeric_date(dossier.period_start), numeric_date(dossier.period_end)
        return f"từ ngày {start} đến ngày {end}"
    return f"năm {dossier.year}"


def unit_kind_phrase(dossier: AwardDossier) -> str:
    kinds = {r.unit.kind for r in dossier.ranking.results if r.scored}
    if kinds == {UnitKind.XA}:
        return "xã"
    return "xã, thị trấn"


def split_nominations(dossier: AwardDossier) -> tuple[list[Nomination], list[Nomination]]:
    """(commune level, district level) in document order."""
    commune: list[Nomination] = []
    district: list[Nomination] = []
    for nomination in dossier.nominations_in_order():
        kind = dossier.unit_kind(nomination.unit_code)
        (district if kind == UnitKind.CO_QUAN else commune).append(nomination)
    return commune, district


def collectives_table(dossier: AwardDossier) -> m.Table:
    awarded = dossier.awarded_units()
    rows: list[m.Row] = []
    for index, result in enumerate(awarded, start=1):
        rows.append(
            m.Row(
                (
                    m.Cell(str(index), m.Align.CENTER),
                    m.Cell(result.unit.name),
                    m.Cell(points(result.total), m.Align.CENTER),
                    m.Cell(tier_text(result, dossier), m.Align.CENTER),
                    m.Cell(format_vnd(result.prize_vnd), m.Align.RIGHT),
                )
            )
        )
    rows.append(money_total_row("Tổng cộng", sum(r.prize_vnd for r in awarded), 5, amount_at=4))
    columns = (
        m.Column(12, "STT"),
        m.Column(70, "Tên tập thể"),
        m.Column(24, "Tổng điểm"),
        m.Column(28, "Hạng"),
        m.Column(34, "Tiền thưởng (đồng)"),
    )
    return m.Table(columns, tuple(rows))


def individuals_table(dossier: AwardDossier) -> m.Table:
    commune, district = split_nominations(dossier)
    rows: list[m.Row] = []
    number = 0
    for title, group in (("Cấp xã", commune), ("Cấp huyện", district)):
        if not group:
            continue
        rows.append(m.Row((m.Cell(f"{title} ({count(len(group))} cá nhân)", bold=True, span=4),)))
        for nomination in group:
            number += 1
            rows.append(
                m.Row(
                    (
                        m.Cell(str(number), m.Align.CENTER),
                        m.Cell(nomination.full_name),
                        m.Cell(f"{nomination.position}, {nomination.unit_name}"),
                        m.Cell(nomination.achievement_summary),
                    )
                )
            )
    columns = (
        m.Column(12, "STT"),
        m.Column(42, "Họ và tên"),
        m.Column(60, "Chức vụ, đơn vị công tác"),
        m.Column(64, "Tóm tắt thành tích"),
    )
    return m.Table(columns, tuple(rows))


def money_total_row(label: str, amount_vnd: int, columns: int, *, amount_at: int) -> m.Row:
    """A list's money total: ``label`` in bold in the name column (the second), the amount in bold
    at ``amount_at``, the other cells blank."""
    cells = [m.Cell("") for _ in range(columns)]
    cells[1] = m.Cell(label, bold=True)
    cells[amount_at] = m.Cell(format_vnd(amount_vnd), m.Align.RIGHT, bold=True)
    return m.Row(tuple(cells))


def attached_list(dossier: AwardDossier, attached_to: str) -> list[m.Block]:
    """'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG' with the collectives and the individuals."""
    awarded = dossier.awarded_units()
    total = sum(r.prize_vnd for r in awarded)
    out: list[m.Block] = [
        m.Paragraph.of("DANH SÁCH", style=m.Style.CENTER_BOLD, keep_with_next=True),
        m.Paragraph.of(
            f"Đề nghị tặng {dossier.settings.award_name} cho các tập thể, cá nhân có "
            f"thành tích xuất sắc trong {dossier.movement}",
            style=m.Style.CENTER_BOLD,
            keep_with_next=True,
        ),
        m.Paragraph.of(f"({attached_to})", style=m.Style.CENTER_ITALIC),
        m.Spacer(3.5),
        m.Paragraph.of(
            f"I. TẬP THỂ ({count(len(awarded))} đơn vị, tổng tiền thưởng {format_vnd(total)} đồng)",
            style=m.Style.TABLE_TITLE,
            keep_with_next=True,
        ),
        collectives_table(dossier),
        m.Paragraph.of(
            m.italic(f"Bằng chữ: {money_words(dossier, total)}."), style=m.Style.BODY_NOINDENT
        ),
    ]
    if dossier.nominations:
        out += [
            m.NeedSpace(45),
            m.Paragraph.of(
                f"II. CÁ NHÂN ({count(len(dossier.nominations))} cá nhân)",
                style=m.Style.TABLE_TITLE,
                keep_with_next=True,
            ),
            individuals_table(dossier),
        ]
    return out


def money_words(dossier: AwardDossier, amount_vnd: int) -> str:
    """'Mười lăm triệu đồng', with 'chẵn' when the settings ask for it."""
    return money_in_words(amount_vnd, even=dossier.settings.money_even)


def rate_text(summary: CriterionSummary) -> str:
    rate = summary.rate
    return format_percent(rate) if rate is not None else "chưa có số liệu"


def unit_header_name(dossier: AwardDossier, code: str) -> str:
    """How a unit is written in a document header: 'UBND XÃ TÂN BÌNH', 'PHÒNG NỘI VỤ'."""
    profile = dossier.profile(code)
    if profile.header_name:
        return profile.header_name
    name = dossier.unit_name(code)
    if dossier.unit_kind(code) in (UnitKind.XA, UnitKind.THI_TRAN):
        return f"UBND {name}".upper()
    return name.upper()


def unit_header_parent(dossier: AwardDossier, code: str) -> str:
    """The body above a unit in its own report: the unit's profile, the settings' per-unit line
    ('CÔNG AN TỈNH HẬU GIANG' above 'CÔNG AN HUYỆN'), else the settings' parent body."""
    profile = dossier.profile(code)
    if profile.header_parent:
        return profile.header_parent
    listed = unit_parent(dossier.settings, code)
    return dossier.settings.parent_body if listed is None else listed


def unit_place(dossier: AwardDossier, code: str) -> str:
    """The place a unit dates its papers from: 'Cây Dương' for 'Thị trấn Cây Dương'."""
    name = dossier.unit_name(code)
    if dossier.unit_kind(code) in (UnitKind.XA, UnitKind.THI_TRAN):
        for prefix in ("Thị trấn ", "Xã ", "Phường "):
            if name.startswith(prefix):
                return name[len(prefix) :]
    return dossier.settings.place


def place_date_for_unit(dossier: AwardDossier, code: str) -> str:
    """A unit's own report: the settings' report date, or blanks to fill by hand."""
    day = parse_date(dossier.settings.achievement_report_date)
    return place_date_line(unit_place(dossier, code), day, dossier.today.year)


def signature_block(signer: Signer, note: str = "") -> m.SignatureBlock:
    """A settings signer as a block: authority and title lines in capitals, the name."""
    lines = (signer.authority, *signer.title.split("\n"))
    return m.SignatureBlock(
        tuple(x.strip().upper() for x in lines if x.strip()), note=note, name=signer.name
    )


def end_list(items: list[str]) -> list[str]:
    """The items of a list as written: each ends with ';', the last with '.'."""
    out = [item.rstrip(" ;.,") for item in items]
    return [f"{item};" for item in out[:-1]] + [f"{item}." for item in out[-1:]]


def settlement_reason(reason: str) -> str:
    """A council's reason without its closing punctuation, to sit inside a sentence:
    'xét tỷ lệ hồ sơ (95,12%).' → 'xét tỷ lệ hồ sơ (95,12%)' (a bracket it opened stays)."""
    text = " ".join(reason.split())
    while True:
        trimmed = text.rstrip(".;,:!? ")
        if trimmed.endswith(")") and trimmed.count(")") > trimmed.count("("):
            trimmed = trimmed[:-1]
        if trimmed == text:
            return text
        text = trimmed
