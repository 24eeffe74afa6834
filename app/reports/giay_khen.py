"""Giấy khen of every collective and individual, A4 landscape, in two modes (Cài đặt →
«In đầy đủ trên giấy trắng A4»):

- full print on blank paper, in the order of the rules: the national title, the authority in red
  bold capitals, "TẶNG", "GIẤY KHEN", the recipient, the unit, the achievement; bottom left the
  decision's number and date and the số sổ vàng; bottom right the place, date and signer;
- overlay on pre-printed forms: only what changes from one certificate to the next, each field
  at its place moved by the page's offset plus its own (``DocumentSettings.field_offset``), with
  a calibration page to print on plain paper and lay over a form.

Positions are millimetres from the top-left corner; + moves right and down. The certificates are
drawn at fixed places, which the document model (flowing text) does not describe: each certificate
is a list of :class:`Placed` lines (``placed_lines``), drawn here on a ReportLab canvas and by
``giay_khen_word`` as frames of a Word page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.reports import fonts
from app.reports.awards import AwardLine, award_lines
from app.reports.dossier import AwardDossier
from app.reports.layout import MOTTO, MOTTO_TOP, nfc
from app.reports.settings import CERTIFICATE_FIELDS
from app.reports.words import numeric_date, parse_date, place_date_line

PAGE = landscape(A4)
CENTER_X = 148.5  # mm
TEXT_WIDTH = 225.0  # mm, the body lines
SIGN_X = 215.0  # mm, centre of the signature block
DECISION_X = 62.0  # mm, centre of the decision reference
RED = colors.Color(0.78, 0.06, 0.08)


@dataclass(frozen=True, slots=True)
class Field:
    """Where a piece of text goes: centre x and baseline y in millimetres from the top-left."""

    x: float
    y: float
    label: str


_PLACES: dict[str, tuple[float, float]] = {
    "recipient": (CENTER_X, 100),
    "detail": (CENTER_X, 110),
    "achievement": (CENTER_X, 122),
    "tier": (CENTER_X, 145),
    "decision": (DECISION_X, 166),
    "register": (DECISION_X, 180),
    "place_date": (SIGN_X, 155),
    "signer": (SIGN_X, 163),
    "signer_name": (SIGN_X, 189),
}
FIELDS: dict[str, Field] = {
    key: Field(x, y, CERTIFICATE_FIELDS[key]) for key, (x, y) in _PLACES.items()
}
FIXED = {
    "motto_top": Field(CENTER_X, 24, MOTTO_TOP),
    "motto": Field(CENTER_X, 31, MOTTO),
    "issuer": Field(CENTER_X, 50, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN"),
    "give": Field(CENTER_X, 62, "TẶNG"),
    "title": Field(CENTER_X, 80, "GIẤY KHEN"),
}


@dataclass(frozen=True, slots=True)
class Certificate:
    recipient: str
    detail: str
    achievement: str
    tier: str
    register: int | None = None  # số sổ vàng


def certificates(dossier: AwardDossier) -> list[Certificate]:
    """One certificate per awarded collective (by rank), then per nominated person: the awards
    of the Quyết định's list, in its order, with the same số sổ vàng."""
    return [_certificate(dossier, line) for line in award_lines(dossier)]


def _certificate(dossier: AwardDossier, line: AwardLine) -> Certificate:
    achievement = f"{dossier.settings.certificate_achievement.strip()} {dossier.movement}"
    if line.collective:
        return Certificate(line.name, "", achievement, f"Đạt giải {line.tier}", line.register)
    title = {"nam": "Ông", "nữ": "Bà"}.get(line.gender.strip().lower(), "Ông/Bà")
    return Certificate(f"{title} {line.name}", line.detail, achievement, "", line.register)


@dataclass(frozen=True, slots=True)
class Placed:
    """One line of a certificate, wherever it is drawn (PDF canvas, Word frame): its text centred
    on ``x``, its baseline at ``y`` (millimetres from the top-left, offsets applied), the font
    (one of ``app.reports.fonts``) and size in points; ``red`` for the authority's lines, ``rule``
    for a line under it (the motto)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    red: bool = False
    rule: bool = False


class _Layout:
    """The lines of one page of certificates, placed with the page's and each field's offset."""

    def __init__(self, dossier: AwardDossier) -> None:
        fonts.register_fonts()  # the widths that decide sizes and line breaks are measured
        self.settings = dossier.settings
        self.lines: list[Placed] = []

    def point(self, key: str, x_mm: float, y_mm: float) -> tuple[float, float]:
        """A field's point in mm from the top-left: the page's offset plus the field's own."""
        if key in FIELDS:
            dx, dy = self.settings.field_offset(key)
        else:
            dx, dy = self.settings.certificate_offset_x_mm, self.settings.certificate_offset_y_mm
        return x_mm + dx, y_mm + dy

    def centred(
        self,
        key: str,
        text: str,
        font: str,
        size: float,
        *,
        dy_mm: float = 0.0,
        fit: bool = False,
        red: bool = False,
        rule: bool = False,
    ) -> None:
        place = FIELDS.get(key) or FIXED[key]
        x, y = self.point(key, place.x, place.y + dy_mm)
        text = nfc(text)
        if fit:  # one line: a long name is drawn smaller rather than off the page
            while size > 12 and stringWidth(text, font, size) > TEXT_WIDTH * mm:
                size -= 1
        self.lines.append(Placed(x, y, text, font, size, red, rule))

    def wrapped(self, key: str, text: str, font: str, size: float, leading_mm: float) -> None:
        lines = simpleSplit(nfc(text), font, size, TEXT_WIDTH * mm)
        while len(lines) > 3 and size > 11:  # the longest accepted texts still fit their place
            size -= 1
            leading_mm *= 0.93
            lines = simpleSplit(nfc(text), font, size, TEXT_WIDTH * mm)
        for index, line in enumerate(lines):
            self.centred(key, line, font, size, dy_mm=index * leading_mm)


def _signature_lines(dossier: AwardDossier) -> list[str]:
    signer = dossier.settings.certificate_signer
    return [line for line in (signer.authority, *signer.title.split("\n")) if line.strip()]


def _date_line(dossier: AwardDossier) -> str:
    s = dossier.settings
    return place_date_line(s.place, parse_date(s.decision_date), dossier.today.year)


def _decision_lines(dossier: AwardDossier) -> tuple[str, str]:
    s = dossier.settings
    day = parse_date(s.decision_date)
    when = numeric_date(day) if day else f"……/……/{dossier.today.year}"
    return f"Quyết định số {s.decision_number}", f"ngày {when}"


def _fixed_lines(page: _Layout, dossier: AwardDossier) -> None:
    page.centred("motto_top", MOTTO_TOP, fonts.BOLD, 14)
    page.centred("motto", MOTTO, fonts.BOLD, 15, rule=True)
    issuer = dossier.settings.decision_issuer.upper()
    page.centred("issuer", issuer, fonts.BOLD, 18, fit=True, red=True)
    page.centred("give", "TẶNG", fonts.BOLD, 18, red=True)
    page.centred("title", "GIẤY KHEN", fonts.BOLD, 44, red=True)


def _recipient_lines(page: _Layout, name: str) -> None:
    """The name on one line, smaller when long (down to 16 pt), else on two or three lines."""
    text = nfc(name)
    for size in range(24, 15, -1):
        if stringWidth(text, fonts.BOLD, size) <= TEXT_WIDTH * mm:
            page.centred("recipient", text, fonts.BOLD, size)
            return
    lines = simpleSplit(text, fonts.BOLD, 16, TEXT_WIDTH * mm)
    size = 16 if len(lines) <= 2 else 13
    lines = simpleSplit(text, fonts.BOLD, size, TEXT_WIDTH * mm)
    leading = size * 0.42  # mm
    first = -(len(lines) - 1) * leading  # the last line on the field's baseline
    for index, line in enumerate(lines):
        page.centred("recipient", line, fonts.BOLD, size, dy_mm=first + index * leading)


def placed_lines(dossier: AwardDossier, cert: Certificate, *, fixed: bool = True) -> list[Placed]:
    """Every line of one certificate at its place: with ``fixed`` and the full print chosen
    (Cài đặt), the national title and the authority too; else only what changes (overlay)."""
    page = _Layout(dossier)
    if fixed and full_print(dossier):
        _fixed_lines(page, dossier)
    _recipient_lines(page, cert.recipient)
    if cert.detail:
        page.wrapped("detail", cert.detail, fonts.REGULAR, 16, 7)
    page.wrapped("achievement", cert.achievement, fonts.ITALIC, 17, 8)
    if cert.tier:
        page.centred("tier", cert.tier, fonts.BOLD, 18)
    page.centred("place_date", _date_line(dossier), fonts.ITALIC, 14)
    for index, line in enumerate(_signature_lines(dossier)):
        page.centred("signer", line.upper(), fonts.BOLD, 14, dy_mm=index * 6.5)
    name = dossier.settings.certificate_signer.name
    if name:
        page.centred("signer_name", name, fonts.BOLD, 15)
    first, second = _decision_lines(dossier)
    page.centred("decision", first, fonts.REGULAR, 12)
    page.centred("decision", second, fonts.REGULAR, 12, dy_mm=6)
    number = str(cert.register) if cert.register is not None else "……………"
    page.centred("register", f"Số sổ vàng: {number}", fonts.REGULAR, 12)
    return page.lines


def full_print(dossier: AwardDossier) -> bool:
    """The whole certificate on blank paper (with its double red frame), or the overlay."""
    return dossier.settings.certificate_full_text


def _draw(canvas: Canvas, lines: list[Placed]) -> None:
    for line in lines:
        x, y = line.x * mm, PAGE[1] - line.y * mm
        canvas.saveState()
        if line.red:
            canvas.setFillColor(RED)
        canvas.setFont(line.font, line.size)
        canvas.drawCentredString(x, y, line.text)
        canvas.restoreState()
        if line.rule:
            half = stringWidth(line.text, line.font, line.size) / 2
            canvas.setLineWidth(0.6)
            canvas.line(x - half, y - 2.5 * mm, x + half, y - 2.5 * mm)


def _draw_frame(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(2.2)
    canvas.rect(9 * mm, 9 * mm, PAGE[0] - 18 * mm, PAGE[1] - 18 * mm)
    canvas.setLineWidth(0.7)
    canvas.rect(12 * mm, 12 * mm, PAGE[0] - 24 * mm, PAGE[1] - 24 * mm)
    canvas.restoreState()


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
    for cert in certificates(dossier):
        if full_print(dossier):
            _draw_frame(canvas)
        _draw(canvas, placed_lines(dossier, cert))
        canvas.showPage()
    canvas.save()
    return path


def _grid(canvas: Canvas) -> None:
    width_mm, height_mm = PAGE[0] / mm, PAGE[1] / mm
    canvas.setStrokeColor(colors.Color(0.8, 0.8, 0.8))
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


def render_calibration(dossier: AwardDossier, path: Path) -> Path:
    """A page to print on plain paper and lay over a form: a millimetre grid and every field,
    each marked where it is printed now (with its own offset) and numbered in the legend."""
    canvas = _canvas(path, "Giấy khen - trang căn chỉnh")
    _grid(canvas)
    page = _Layout(dossier)
    sample = Certificate(
        recipient="Ủy ban nhân dân thị trấn Cây Dương",
        detail="Chức vụ, đơn vị công tác (giấy khen cá nhân)",
        achievement=f"{dossier.settings.certificate_achievement} {dossier.movement}",
        tier="Đạt giải Nhất",
        register=dossier.settings.register_start,
    )
    _draw(canvas, placed_lines(dossier, sample, fixed=False))  # the fields that change only
    canvas.setStrokeColor(colors.red)
    canvas.setFillColor(colors.red)
    canvas.setLineWidth(0.4)
    canvas.setFont(fonts.BOLD, 8)
    legend = []
    s = dossier.settings
    for number, (key, field) in enumerate(FIELDS.items(), start=1):
        x_mm, y_mm = page.point(key, field.x, field.y)
        px, py = x_mm * mm, PAGE[1] - y_mm * mm
        canvas.line(px - 4 * mm, py, px + 4 * mm, py)
        canvas.line(px, py - 4 * mm, px, py + 4 * mm)
        canvas.drawString(px + 1 * mm, py + 1.2 * mm, f"[{number}]")
        dx, dy = s.field_offset(key)
        legend.append(f"[{number}] {field.label} ({field.x + dx:g}; {field.y + dy:g})")
    notes = [
        "TRANG CĂN CHỈNH GIẤY KHEN — in trên giấy trắng A4 ngang, cùng máy in, đặt chồng lên phôi "
        "Giấy khen và soi trước ánh sáng.",
        "Dấu + màu đỏ đánh số là điểm giữa chân dòng chữ (toạ độ mm tính từ góc trên bên trái). "
        "Nếu cả trang lệch, sửa «Dịch ngang / Dịch dọc» trong Cài đặt → Thông tin văn bản;",
        f"nếu chỉ một dòng lệch, sửa «Dịch riêng từng dòng» của dòng đó. Cả trang hiện dịch "
        f"ngang {s.certificate_offset_x_mm:g} mm (dương: sang phải), dọc "
        f"{s.certificate_offset_y_mm:g} mm (dương: xuống dưới).",
        "; ".join(legend[:5]) + ";",
        "; ".join(legend[5:]) + ".",
    ]
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.ITALIC, 9)
    for index, note in enumerate(notes):
        canvas.drawString(14 * mm, PAGE[1] - (16 + index * 4.2) * mm, nfc(note))
    canvas.showPage()
    canvas.save()
    return path


__all__ = [
    "FIELDS",
    "FIXED",
    "PAGE",
    "Certificate",
    "Placed",
    "certificates",
    "full_print",
    "placed_lines",
    "render_calibration",
    "render_certificates",
]
