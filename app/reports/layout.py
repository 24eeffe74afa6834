"""The administrative-document layout of Nghị định 30/2020/NĐ-CP, Phụ lục I, for ReportLab.

A :class:`DocumentRenderer` owns the fonts, the stylesheet and the page templates; a subclass
supplies ``story()`` (``app.reports.pdf`` makes it from a document description). Helpers draw the
parts every document shares: the two-column header, the type name and summary, "Kính gửi", the two
signature columns kept with the text before them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app.reports import fonts
from app.text import composed as nfc  # NFC, spaces kept: text to draw

BODY_SIZE = 14
BODY_LEADING = 18
TABLE_SIZE = 12
MOTTO_TOP = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, slots=True)
class Margins:
    top: float = 20 * mm
    bottom: float = 20 * mm
    left: float = 30 * mm
    right: float = 15 * mm


def esc(text: str) -> str:
    """NFC-normalised and escaped for a Paragraph's mini-markup."""
    return escape(nfc(text))


def split_paragraphs(text: str) -> list[str]:
    """Free text as paragraphs: blank lines (or single newlines) separate them."""
    lines = [line.strip() for line in nfc(text).replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line]


def make_styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    r, b, i, bi = fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": r,
            "fontSize": BODY_SIZE,
            "leading": BODY_LEADING,
            "alignment": TA_CENTER,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = {"alignment": TA_JUSTIFY, "firstLineIndent": 10 * mm, "spaceAfter": 6}
    return {
        "head_parent": style("head_parent", fontSize=12.5, leading=15),
        "head_office": style("head_office", fontName=b, fontSize=12.5, leading=15),
        "head_number": style("head_number", fontSize=13, leading=15),
        "motto_top": style("motto_top", fontName=b, fontSize=12, leading=15),
        "motto": style("motto", fontName=b, fontSize=13.5, leading=16),
        "place_date": style("place_date", fontName=i, fontSize=14, leading=16),
        "type_name": style("type_name", fontName=b, fontSize=14, leading=17, spaceBefore=14),
        "summary": style("summary", fontName=b, fontSize=14, leading=17),
        "summary_regular": style("summary_regular", fontSize=14, leading=17),
        "recipient": style("recipient", spaceBefore=8, spaceAfter=8),
        "body": style("body", **body),
        "body_italic": style("body_italic", fontName=i, **body),
        "body_noindent": style("body_noindent", alignment=TA_JUSTIFY, spaceAfter=6),
        "heading": style("heading", fontName=b, alignment=TA_JUSTIFY, firstLineIndent=10 * mm,
                         spaceBefore=4, spaceAfter=6, keepWithNext=1),
        "subheading": style("subheading", fontName=b, alignment=TA_JUSTIFY,
                            firstLineIndent=10 * mm, spaceAfter=6, keepWithNext=1),
        "table_title": style("table_title", fontName=b, alignment=TA_JUSTIFY,
                             firstLineIndent=10 * mm, spaceBefore=4, spaceAfter=6),
        "center": style("center"),
        "center_bold": style("center_bold", fontName=b),
        "center_italic": style("center_italic", fontName=i, spaceAfter=6),
        "list_title": style("list_title", fontName=b, spaceBefore=0),
        "cc_title": style("cc_title", fontName=bi, fontSize=12, leading=14, alignment=TA_LEFT),
        "cc_item": style("cc_item", fontSize=11, leading=13, alignment=TA_LEFT),
        "sign_title": style("sign_title", fontName=b, fontSize=14, leading=17),
        "sign_note": style("sign_note", fontName=i, fontSize=13, leading=16),
        "sign_name": style("sign_name", fontName=b, fontSize=14, leading=17),
        "th": style("th", fontName=b, fontSize=TABLE_SIZE, leading=14),
        "td": style("td", fontSize=TABLE_SIZE, leading=14, alignment=TA_LEFT),
        "td_center": style("td_center", fontSize=TABLE_SIZE, leading=14),
        "td_right": style("td_right", fontSize=TABLE_SIZE, leading=14, alignment=TA_RIGHT),
        "td_bold": style("td_bold", fontName=b, fontSize=TABLE_SIZE, leading=14,
                         alignment=TA_LEFT),
        "td_bold_right": style("td_bold_right", fontName=b, fontSize=TABLE_SIZE, leading=14,
                               alignment=TA_RIGHT),
        "th_small": style("th_small", fontName=b, fontSize=10.5, leading=12.5),
        "td_small": style("td_small", fontSize=10.5, leading=12.5, alignment=TA_LEFT),
        "td_small_center": style("td_small_center", fontSize=10.5, leading=12.5),
        "td_small_right": style("td_small_right", fontSize=10.5, leading=12.5, alignment=TA_RIGHT),
        "td_small_bold_right": style("td_small_bold_right", fontName=b, fontSize=10.5,
                                     leading=12.5, alignment=TA_RIGHT),
        "small": style("small", fontSize=11, leading=13, alignment=TA_JUSTIFY),
        "small_italic": style("small_italic", fontName=i, fontSize=11, leading=13,
                              alignment=TA_JUSTIFY),
    }  # fmt: skip


class DocumentRenderer:
    """Fonts, stylesheet and page templates; subclasses build ``story()``."""

    pagesize: tuple[float, float] = A4
    margins = Margins()
    title = ""
    subject = ""
    keep_together: type[KeepTogether] = KeepTogether  # what groups blocks kept with the next

    def __init__(self) -> None:
        self.styles = make_styles()

    # --- page ---------------------------------------------------------------------------
    @property
    def page_width(self) -> float:
        return self.pagesize[0]

    @property
    def page_height(self) -> float:
        return self.pagesize[1]

    @property
    def text_width(self) -> float:
        return self.page_width - self.margins.left - self.margins.right

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Page numbers from page 2, centred in the top margin (Nghị định 30)."""
        canvas.saveState()
        number = canvas.getPageNumber()
        if number > 1:
            canvas.setFont(fonts.REGULAR, 13)
            x = self.margins.left + self.text_width / 2
            canvas.drawCentredString(x, self.page_height - self.margins.top / 2 - 4, str(number))
        canvas.restoreState()

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def render(self, path: Path | BinaryIO) -> Path | BinaryIO:
        doc = BaseDocTemplate(
            str(path) if isinstance(path, Path) else path,
            pagesize=self.pagesize,
            leftMargin=self.margins.left,
            rightMargin=self.margins.right,
            topMargin=self.margins.top,
            bottomMargin=self.margins.bottom,
            title=nfc(self.title),
            subject=nfc(self.subject),
            author="Thi đua DVCTT",
            creator="Thi đua DVCTT",
            initialFontName=fonts.REGULAR,
            initialFontSize=BODY_SIZE,
            lang="vi-VN",
        )
        frame = Frame(
            self.margins.left,
            self.margins.bottom,
            self.text_width,
            self.page_height - self.margins.top - self.margins.bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.keepTogetherClass = self.keep_together
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self.on_page)])
        doc.build(self.story())
        return path

    # --- text ---------------------------------------------------------------------------
    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped, NFC)."""
        return Paragraph(esc(text), self.styles[style])

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph of mini-markup whose data parts were escaped with ``esc``."""
        return Paragraph(nfc(markup), self.styles[style])

    def fill(self, label: str = "", end: str = "") -> Paragraph:
        """'label' followed by dots to the end of one line, to fill in by hand."""
        style = self.styles["body" if label else "body_noindent"]
        indent = style.firstLineIndent if label else 0
        font, size = style.fontName, style.fontSize
        room = self.text_width - indent - stringWidth(nfc(label + end), font, size) - 3
        dots = "…" * max(3, int(room // stringWidth("…", font, size)))
        return Paragraph(esc(label) + dots + esc(end), style)

    # --- parts --------------------------------------------------------------------------
    def header(
        self,
        parent: str,
        office: str,
        number_line: str,
        place_date: str,
        *,
        left_width: float | None = None,
    ) -> Table:
        """The two-column header: issuing body and number | national motto and place/date."""
        s = self.styles
        motto_width = stringWidth(MOTTO, fonts.BOLD, s["motto"].fontSize)
        top_width = stringWidth(MOTTO_TOP, fonts.BOLD, s["motto_top"].fontSize)
        right_width = max(top_width, motto_width) + 2 * mm
        left = left_width or (self.text_width - right_width)
        left_cell: list[Flowable] = []
        if parent:
            left_cell.append(self.p(parent.upper(), "head_parent"))
        office_lines = balanced_lines(office.upper(), fonts.BOLD, 12.5, left - 2)
        left_cell += [self.p(line, "head_office") for line in office_lines]
        office_width = max(stringWidth(x, fonts.BOLD, 12.5) for x in office_lines)
        left_cell.append(_Rule(office_width / 3, space_before=2))
        right_cell: list[Flowable] = [
            self.p(MOTTO_TOP, "motto_top"),
            self.p(MOTTO, "motto"),
            _Rule(motto_width, space_before=2),
        ]
        rows = [
            [left_cell, right_cell],
            [self.p(number_line, "head_number") if number_line else "", self.p(place_date, "place_date")],
        ]  # fmt: skip
        table = Table(rows, colWidths=[left, right_width], hAlign="LEFT")
        table.setStyle(
            table_style(
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 0),
            )
        )
        return table

    def title_block(self, type_name: str, summary: Sequence[str] = ()) -> list[Flowable]:
        out: list[Flowable] = [self.p(type_name.upper(), "type_name")]
        out += [self.p(line, "summary") for line in summary]
        if summary:
            out.append(_Rule(30 * mm, space_before=2, space_after=4))
        return out

    def recipient(self, recipients: Sequence[str]) -> Flowable:
        """'Kính gửi: …' centred (one) or as a list (several)."""
        if len(recipients) == 1:
            return self.p(f"Kính gửi: {recipients[0]}.", "recipient")
        rows = [
            [
                self.p("Kính gửi:", "body_noindent"),
                [self.p(f"- {r};", "body_noindent") for r in recipients],
            ]
        ]
        table = Table(rows, colWidths=[30 * mm, None])
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
        return table  # fmt: skip

    def two_signatures(self, left: list[Flowable], right: list[Flowable]) -> Flowable:
        half = self.text_width / 2
        table = Table([[left, right]], colWidths=[half - 10 * mm, half + 10 * mm])
        table.setStyle(
            table_style(
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
            )
        )
        return table  # one row: never split across pages (no KeepTogether: they cannot nest)

    @staticmethod
    def close(out: list[Flowable], ending: Flowable, keep: int = 2) -> None:
        """Append ``ending`` (the signatures) kept on one page with the last ``keep`` flowables,
        so that a signature block never stands alone on a page."""
        tail = out[-keep:] if keep else []
        del out[len(out) - len(tail) :]
        out.append(KeepTogether([*tail, ending]))

    def new_page_if_less_than(self, height_mm: float) -> Flowable:
        return CondPageBreak(height_mm * mm)


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` on one line if it fits, else on two lines of similar length (a "-" stays at the
    end of the first line): 'HỘI ĐỒNG THI ĐUA -' / 'KHEN THƯỞNG'."""
    text = " ".join(text.split())
    if "\n" in text or stringWidth(text, font, size) <= width:
        return [text]
    words = text.replace(" - ", " -\u0000").replace("\u0000", " ").split(" ")
    best: list[str] = [text]
    best_width = float("inf")
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if second.startswith("-"):
            continue
        widest = max(stringWidth(first, font, size), stringWidth(second, font, size))
        if widest < best_width:
            best, best_width = [first, second], widest
    return best


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A TableStyle that always sets the bundled font (an unstyled cell would pull in Helvetica)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
            *commands,
        ]
    )


class _Rule(Flowable):  # type: ignore[misc]
    """A centred thin line of a fixed width (the rules under the header's bodies)."""

    def __init__(self, width: float, *, space_before: float = 0, space_after: float = 0) -> None:
        super().__init__()
        self.rule_width = width
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.avail = width

    GAP = 4.0  # points between the paragraph box above and the line (below the dots of Ộ, Ệ)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.avail = availWidth
        return availWidth, self.GAP + 1

    def draw(self) -> None:
        x = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, 1, x + self.rule_width, 1)


__all__ = [
    "BODY_SIZE",
    "CondPageBreak",
    "DocumentRenderer",
    "HRFlowable",
    "KeepTogether",
    "Margins",
    "Spacer",
    "Table",
    "esc",
    "nfc",
    "split_paragraphs",
    "table_style",
]
