"""Content shared by several documents: figures of the movement, the attached list, headers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from app.reports.dossier import AwardDossier, Nomination
from app.reports.layout import DocumentRenderer
from app.reports.words import date_in_words, money_in_words, parse_date, place_date_line
from app.scoring.engine import UnitResult
from app.scoring.explain import tier_label
from app.scoring.figures import UnitKind
from app.scoring.numbers import format_decimal, format_percent, format_share, format_vnd


class DossierRenderer(DocumentRenderer):
    """A document made from an award dossier (the subject line names the movement)."""

    def __init__(self, dossier: AwardDossier) -> None:
        super().__init__()
        self.dossier = dossier
        self.subject = dossier.movement


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


def date_or_blank(text: str) -> dt.date | None:
    return parse_date(text)


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
    committee = s.district_committee[:1] + s.district_committee[1:].lower()
    committee = committee.replace("phụng hiệp", "Phụng Hiệp")
    return f"Kế hoạch số {dossier.plan_number}{when} của {committee}"


def period_phrase(dossier: AwardDossier) -> str:
    if dossier.period_start and dossier.period_end:
        return f"từ ngày {dossier.period_start:%d/%m/%Y} đến ngày {dossier.period_end:%d/%m/%Y}"
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


def collectives_table(renderer: DocumentRenderer, dossier: AwardDossier) -> Flowable:
    awarded = dossier.awarded_units()
    rows: list[list[object]] = []
    for index, result in enumerate(awarded, start=1):
        rows.append(
            [
                renderer.p(str(index), "td_center"),
                renderer.p(result.unit.name, "td"),
                renderer.p(points(result.total), "td_center"),
                renderer.p(tier_text(result, dossier), "td_center"),
                renderer.p(format_vnd(result.prize_vnd), "td_right"),
            ]
        )
    total = sum(r.prize_vnd for r in awarded)
    rows.append(
        [
            "",
            renderer.p("Tổng cộng", "td_bold"),
            "",
            "",
            renderer.p(format_vnd(total), "td_bold_right"),
        ]
    )
    return renderer.data_table(
        ["STT", "Tên tập thể", "Tổng điểm", "Hạng", "Tiền thưởng (đồng)"],
        rows,
        [12, 70, 24, 28, 34],
    )


def individuals_table(renderer: DocumentRenderer, dossier: AwardDossier) -> Flowable:
    commune, district = split_nominations(dossier)
    rows: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    number = 0
    for title, group in (("Cấp xã", commune), ("Cấp huyện", district)):
        if not group:
            continue
        row_index = len(rows) + 1  # + header row
        rows.append([renderer.p(f"{title} ({count(len(group))} cá nhân)", "td_bold"), "", "", ""])
        spans.append(("SPAN", (0, row_index), (-1, row_index)))
        for nomination in group:
            number += 1
            rows.append(
                [
                    renderer.p(str(number), "td_center"),
                    renderer.p(nomination.full_name, "td"),
                    renderer.p(f"{nomination.position}, {nomination.unit_name}", "td"),
                    renderer.p(nomination.achievement_summary, "td"),
                ]
            )
    return renderer.data_table(
        ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Tóm tắt thành tích"],
        rows,
        [12, 42, 60, 64],
        extra_style=spans,
    )


def attached_list(
    renderer: DocumentRenderer, dossier: AwardDossier, attached_to: str
) -> list[Flowable]:
    """'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG' with the collectives and the individuals."""
    awarded = dossier.awarded_units()
    total = sum(r.prize_vnd for r in awarded)
    out: list[Flowable] = [
        renderer.p("DANH SÁCH", "list_title"),
        renderer.p(
            "Đề nghị Chủ tịch Ủy ban nhân dân huyện tặng Giấy khen cho các tập thể, cá nhân có "
            f"thành tích xuất sắc trong {dossier.movement}",
            "summary",
        ),
        renderer.p(f"({attached_to})", "center_italic"),
        Spacer(1, 10),
        renderer.p(
            f"I. TẬP THỂ ({count(len(awarded))} đơn vị, tổng tiền thưởng {format_vnd(total)} đồng)",
            "table_title",
        ),
        collectives_table(renderer, dossier),
        Spacer(1, 4),
        renderer.markup(
            f"<i>Bằng chữ: {money_in_words(total)}.</i>",
            "body_noindent",
        ),
    ]
    if dossier.nominations:
        out += [
            Spacer(1, 6),
            CondPageBreak(45 * mm),
            renderer.p(f"II. CÁ NHÂN ({count(len(dossier.nominations))} cá nhân)", "table_title"),
            individuals_table(renderer, dossier),
        ]
    return out


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
