"""Giấy khen: the certificate text of every collective and individual, for pre-printed A4 landscape
forms, and a calibration page.

Positions are millimetres from the top-left corner of the form; ``certificate_offset_x_mm``
(positive: to the right) and ``certificate_offset_y_mm`` (positive: down) in the settings move
everything, to fit the printer and the forms. ``certificate_full_text`` also prints the form's fixed
text (motto, "GIẤY KHEN"), for plain paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from app.reports import fonts
from app.reports.dossier import AwardDossier, Nomination
from app.reports.layout import MOTTO, MOTTO_TOP, nfc
from app.reports.parts import tier_text
from app.reports.words import date_numbers, parse_date
from app.scoring.engine import UnitResult
from app.scoring.figures import UnitKind

PAGE = landscape(A4)
CENTER_X = 148.5  # mm
TEXT_WIDTH = 210.0  # mm, the body lines
SIGN_X = 215.0  # mm, centre of the signature block
DECISION_X = 60.0  # mm, centre of the decision reference


@dataclass(frozen=True, slots=True)
class Field:
    """Where a piece of text goes: centre x and baseline y in millimetres from the top-left."""

    x: float
    y: float
    label: str


FIELDS: dict[str, Field] = {
    "recipient": Field(CENTER_X, 98, "Tên tập thể / cá nhân"),
    "detail": Field(CENTER_X, 108, "Chức vụ, đơn vị (cá nhân)"),
    "achievement": Field(CENTER_X, 122, "Thành tích (2–3 dòng)"),
    "tier": Field(CENTER_X, 146, "Hạng giải (tập thể)"),
    "place_date": Field(SIGN_X, 154, "Nơi, ngày tháng năm"),
    "signer": Field(SIGN_X, 162, "Chức danh người ký"),
    "signer_name": Field(SIGN_X, 194, "Họ tên người ký"),
    "decision": Field(DECISION_X, 182, "Số quyết định"),
}
FIXED = {
    "motto_top": Field(CENTER_X, 22, MOTTO_TOP),
    "motto": Field(CENTER_X, 29, MOTTO),
    "issuer": Field(CENTER_X, 48, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN"),
    "give": Field(CENTER_X, 60, "TẶNG"),
    "title": Field(CENTER_X, 78, "GIẤY KHEN"),
}


@dataclass(frozen=True, slots=True)
class Certificate:
    recipient: str
    detail: str
    achievement: str
    tier: str


def certificates(dossier: AwardDossier) -> list[Certificate]:
    """One certificate per awarded collective (in order), then per nominated person."""
    out = [_collective(dossier, r) for r in dossier.awarded_units()]
    out += [_individual(dossier, n) for n in dossier.nominations_in_order()]
    return out


def _collective(dossier: AwardDossier, result: UnitResult) -> Certificate:
    unit = result.unit
    name = unit.name
    if unit.kind in (UnitKind.XA, UnitKind.THI_TRAN):
        name = f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return Certificate(
        recipient=name,
        detail="",
        achievement=f"Đã có thành tích xuất sắc trong {dossier.movement}",
        tier=f"Đạt giải {tier_text(result, dossier)}",
    )


def _individual(dossier: AwardDossier, nomination: Nomination) -> Certificate:
    title = {"nam": "Ông", "nữ": "Bà"}.get(nomination.gender.strip().lower(), "Ông/Bà")
    return Certificate(
        recipient=f"{title} {nomination.full_name}",
        detail=f"{nomination.position}, {nomination.unit_name}",
        achievement=f"Đã có thành tích xuất sắc trong {dossier.movement}",
        tier="",
    )


class _Writer:
    def __init__(self, canvas: Canvas, dossier: AwardDossier) -> None:
        self.canvas = canvas
        self.dx = dossier.settings.certificate_offset_x_mm
        self.dy = dossier.settings.certificate_offset_y_mm

    def point(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        return (x_mm + self.dx) * mm, PAGE[1] - (y_mm + self.dy) * mm

    def centred(self, x_mm: float, y_mm: float, text: str, font: str, size: float) -> None:
        x, y = self.point(x_mm, y_mm)
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(x, y, nfc(text))

    def wrapped(self, field: Field, text: str, font: str, size: float, leading_mm: float) -> None:
        lines = simpleSplit(nfc(text), font, size, TEXT_WIDTH * mm)
        for index, line in enumerate(lines):
            self.centred(field.x, field.y + index * leading_mm, line, font, size)


def _signature_lines(dossier: AwardDossier) -> list[str]:
    signer = dossier.settings.certificate_signer
    return [line for line in (signer.authority, *signer.title.split("\n")) if line.strip()]


def _date_line(dossier: AwardDossier) -> str:
    s = dossier.settings
    day = parse_date(s.decision_date)
    if day is None:
        return f"{s.place}, ngày{' ' * 8}tháng{' ' * 8}năm {dossier.today.year}"
    d, m, y = date_numbers(day)
    return f"{s.place}, ngày {d} tháng {m} năm {y}"


def _draw_fixed(writer: _Writer, dossier: AwardDossier) -> None:
    issuer = "CHỦ TỊCH " + dossier.settings.district_committee.upper()
    writer.centred(FIXED["motto_top"].x, FIXED["motto_top"].y, MOTTO_TOP, fonts.BOLD, 14)
    writer.centred(FIXED["motto"].x, FIXED["motto"].y, MOTTO, fonts.BOLD, 15)
    writer.centred(FIXED["issuer"].x, FIXED["issuer"].y, issuer, fonts.BOLD, 17)
    writer.centred(FIXED["give"].x, FIXED["give"].y, "TẶNG", fonts.BOLD, 17)
    writer.centred(FIXED["title"].x, FIXED["title"].y, "GIẤY KHEN", fonts.BOLD, 40)


def _draw_certificate(writer: _Writer, dossier: AwardDossier, cert: Certificate) -> None:
    if dossier.settings.certificate_full_text:
        _draw_fixed(writer, dossier)
    f = FIELDS
    size = 24 if len(cert.recipient) <= 40 else 20
    writer.centred(f["recipient"].x, f["recipient"].y, cert.recipient, fonts.BOLD, size)
    if cert.detail:
        writer.wrapped(f["detail"], cert.detail, fonts.REGULAR, 16, 7)
    writer.wrapped(f["achievement"], cert.achievement, fonts.REGULAR, 17, 8)
    if cert.tier:
        writer.centred(f["tier"].x, f["tier"].y, cert.tier, fonts.BOLD, 18)
    writer.centred(f["place_date"].x, f["place_date"].y, _date_line(dossier), fonts.ITALIC, 14)
    for index, line in enumerate(_signature_lines(dossier)):
        writer.centred(f["signer"].x, f["signer"].y + index * 6.5, line.upper(), fonts.BOLD, 14)
    name = dossier.settings.certificate_signer.name
    if name:
        writer.centred(f["signer_name"].x, f["signer_name"].y, name, fonts.BOLD, 15)
    decision = f"Quyết định số {dossier.settings.decision_number}"
    writer.centred(f["decision"].x, f["decision"].y, decision, fonts.REGULAR, 12)
    writer.centred(f["decision"].x, f["decision"].y + 6, "Số vào sổ: ……………", fonts.REGULAR, 12)


def _canvas(path: Path, title: str) -> Canvas:
    fonts.register_fonts()
    canvas = Canvas(str(path), pagesize=PAGE, initialFontName=fonts.REGULAR, initialFontSize=12)
    canvas.setTitle(nfc(title))
    canvas.setAuthor("Thi đua DVCTT")
    canvas.setCreator("Thi đua DVCTT")
    return canvas


def render_certificates(dossier: AwardDossier, path: Path) -> Path:
    """One landscape page per certificate."""
    canvas = _canvas(path, "Giấy khen")
    writer = _Writer(canvas, dossier)
    for cert in certificates(dossier):
        _draw_certificate(writer, dossier, cert)
        canvas.showPage()
    canvas.save()
    return path


def render_calibration(dossier: AwardDossier, path: Path) -> Path:
    """A page to print on plain paper and lay over a form: a millimetre grid and every field."""
    canvas = _canvas(path, "Giấy khen - trang căn chỉnh")
    width_mm, height_mm = PAGE[0] / mm, PAGE[1] / mm
    canvas.setStrokeColor(colors.Color(0.8, 0.8, 0.8))
    canvas.setLineWidth(0.2)
    for x in range(0, int(width_mm) + 1, 5):
        canvas.setLineWidth(0.5 if x % 10 == 0 else 0.15)
        canvas.line(x * mm, 0, x * mm, PAGE[1])
    for y in range(0, int(height_mm) + 1, 5):
        canvas.setLineWidth(0.5 if y % 10 == 0 else 0.15)
        canvas.line(0, PAGE[1] - y * mm, PAGE[0], PAGE[1] - y * mm)
    canvas.setFillColor(colors.Color(0.45, 0.45, 0.45))
    canvas.setFont(fonts.REGULAR, 6)
    for x in range(10, int(width_mm), 10):
        canvas.drawCentredString(x * mm, PAGE[1] - 4 * mm, str(x))
    for y in range(10, int(height_mm), 10):
        canvas.drawString(1.5 * mm, PAGE[1] - y * mm + 1, str(y))
    canvas.setFillColor(colors.black)
    writer = _Writer(canvas, dossier)
    sample = Certificate(
        recipient="Ủy ban nhân dân thị trấn Cây Dương",
        detail="Chức vụ, đơn vị công tác (giấy khen cá nhân)",
        achievement=f"Đã có thành tích xuất sắc trong {dossier.movement}",
        tier="Đạt giải Nhất",
    )
    _draw_certificate(writer, dossier, sample)
    canvas.setStrokeColor(colors.red)
    canvas.setFillColor(colors.red)
    canvas.setLineWidth(0.4)
    canvas.setFont(fonts.BOLD, 8)
    legend = []
    for number, field in enumerate(FIELDS.values(), start=1):
        px, py = writer.point(field.x, field.y)
        canvas.line(px - 4 * mm, py, px + 4 * mm, py)
        canvas.line(px, py - 4 * mm, px, py + 4 * mm)
        canvas.drawString(px + 1 * mm, py + 1.2 * mm, str(number))
        legend.append(f"{number}: {field.label} ({field.x:g}; {field.y:g})")
    s = dossier.settings
    notes = [
        "TRANG CĂN CHỈNH GIẤY KHEN — in trên giấy trắng A4 ngang, cùng máy in, đặt chồng lên phôi "
        "Giấy khen và soi trước ánh sáng.",
        "Dấu + màu đỏ đánh số là điểm giữa chân dòng chữ (toạ độ mm tính từ góc trên bên trái). "
        "Nếu chữ lệch so với ô trên phôi, nhập độ lệch trong Cài đặt văn bản:",
        f"lệch ngang (dương: sang phải) hiện là {s.certificate_offset_x_mm:g} mm; lệch dọc "
        f"(dương: xuống dưới) hiện là {s.certificate_offset_y_mm:g} mm.",
        "; ".join(legend[:4]) + ";",
        "; ".join(legend[4:]) + ".",
    ]
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.ITALIC, 9)
    for index, note in enumerate(notes):
        canvas.drawString(12 * mm, PAGE[1] - (10 + index * 4.2) * mm, nfc(note))
    canvas.showPage()
    canvas.save()
    return path
