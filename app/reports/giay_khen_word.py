"""Giấy khen as .docx (RULES.md 7: every document also as an editable Word file).

Each line of a certificate is the same :class:`app.reports.giay_khen.Placed` line as in the PDF:
a paragraph in a frame anchored to the page (``w:framePr``), centred on the line's x, its baseline
where the PDF puts it, in the same font size, bold/italic and colour, wrapped where the PDF wraps.
So the Word file prints as the PDF does — the full certificate with its double red frame (a page
border) on blank paper, or only what changes on a pre-printed form, moved by the same offsets —
and every line can be corrected in Word before printing. One certificate per page (A4 landscape).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from app.reports import fonts
from app.reports.dossier import AwardDossier
from app.reports.giay_khen import PAGE, Certificate, Placed, certificates, full_print, placed_lines
from app.reports.word_template import template
from app.reports.word_xml import add_text_run

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4
PAGE_MM = (PAGE[0] / 72 * 25.4, PAGE[1] / 72 * 25.4)
LEADING = 1.15  # exact line height, in font sizes
DESCENT = 0.216  # Times New Roman's descent, in font sizes: the baseline is this far above the line's foot
WIDEST_MM = 225.0  # a centred line's frame (the PDF's text width)
EDGE_MM = 6.0  # a frame keeps this far from the paper's edge
RED = RGBColor(0xC7, 0x0F, 0x14)
# after w:framePr in a paragraph's properties (the order WordprocessingML requires)
_AFTER_FRAME = (
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
    "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
# after w:pgBorders in the section's properties
_AFTER_BORDERS = (
    "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
    "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
)  # fmt: skip


def render_certificates_docx(dossier: AwardDossier, path: Path) -> Path:
    """One landscape page per certificate, every line where the PDF puts it."""
    document: Any = docx.Document(io.BytesIO(template()))
    _set_up_page(document, border=full_print(dossier))
    made = certificates(dossier)
    for number, cert in enumerate(made, start=1):
        _certificate(document, dossier, cert, last=number == len(made))
    document.save(str(path))
    return path


def _set_up_page(document: Any, *, border: bool) -> None:
    props = document.core_properties
    props.title = "Giấy khen"
    props.author = "Thi đua DVCTT"
    props.language = "vi-VN"
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(10))
    if border:  # the PDF's double red frame, 9 mm from the edge
        borders = OxmlElement("w:pgBorders")
        borders.set(qn("w:offsetFrom"), "page")
        for side in ("top", "left", "bottom", "right"):
            line = OxmlElement(f"w:{side}")
            for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"),
                               ("w:space", "24"), ("w:color", str(RED))):  # fmt: skip
                line.set(qn(key), value)
            borders.append(line)
        section._sectPr.insert_element_before(borders, *_AFTER_BORDERS)


def _certificate(document: Any, dossier: AwardDossier, cert: Certificate, *, last: bool) -> None:
    """The certificate's framed lines, then a small empty paragraph (LibreOffice anchors frames to
    the paragraph that follows them) that ends the certificate's section, but for the last: each
    certificate is a section of its own, one page, the next starting on a new page."""
    for line in placed_lines(dossier, cert):
        _framed(document, line)
    anchor = document.add_paragraph()
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(2)
    if not last:
        document.add_section(WD_SECTION.NEW_PAGE)


def _framed(document: Any, line: Placed) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line.size * LEADING)
    run = add_text_run(paragraph, line.text)
    run.font.size = Pt(line.size)
    run.bold = line.font in (fonts.BOLD, fonts.BOLD_ITALIC)
    run.italic = line.font in (fonts.ITALIC, fonts.BOLD_ITALIC)
    if line.red:
        run.font.color.rgb = RED
    if line.rule:
        run.underline = True
    width = min(WIDEST_MM, 2 * (min(line.x, PAGE_MM[0] - line.x) - EDGE_MM))
    top = line.y - (LEADING - DESCENT) * line.size * MM_PER_PT  # the line's top from its baseline
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w:w", _twips(width)),
        ("w:wrap", "around"),
        ("w:hAnchor", "page"),
        ("w:vAnchor", "page"),
        ("w:x", _twips(line.x - width / 2)),
        ("w:y", _twips(top)),
    ):
        frame.set(qn(key), value)
    paragraph._p.get_or_add_pPr().insert_element_before(frame, *_AFTER_FRAME)


def _twips(millimetres: float) -> str:
    return str(round(millimetres * TWIPS_PER_MM))


__all__ = ["render_certificates_docx"]
