"""The frame of a .docx (``app.reports.word``): the Word styles (Normal in Times New Roman 14,
"Body Text", Heading 1 / Heading 2, Title), the empty template document made once with only them,
and the page set-up (properties, A4 orientation, Nghị định 30 margins, page numbers from page 2)."""

from __future__ import annotations

import functools
import io
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from app.reports import model as m
from app.reports.word_xml import add_field, set_font
from app.text import composed as nfc

INDENT = Mm(10)


def _setup_styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_font(normal, size=14)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    body = styles["Body Text"]
    body.base_style = normal
    set_font(body, size=14)
    bf = body.paragraph_format
    bf.first_line_indent = INDENT
    bf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    bf.space_after = Pt(6)
    bf.space_before = Pt(0)
    bf.line_spacing = 1.0
    for name in ("Heading 1", "Heading 2", "Title"):
        style = styles[name]
        style.base_style = normal
        set_font(style, size=14, bold=True)
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        sf = style.paragraph_format
        sf.space_before = Pt(4 if name == "Heading 1" else 0)
        sf.space_after = Pt(6)
        sf.line_spacing = 1.0
        sf.keep_with_next = True
        if name == "Title":
            sf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pbdr = style.element.pPr.find(qn("w:pBdr"))
            if pbdr is not None:
                style.element.pPr.remove(pbdr)
        else:
            sf.first_line_indent = INDENT
            sf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


KEEP_STYLES = frozenset(
    {"Normal", "Body Text", "Body Text Char", "Heading 1", "Heading 1 Char", "Heading 2",
     "Heading 2 Char", "Title", "Title Char", "Table Grid", "Normal Table",
     "Default Paragraph Font", "No List", "Header", "Header Char", "Footer", "Footer Char"}
)  # fmt: skip


@functools.cache
def template() -> bytes:
    """python-docx's default document with only the styles used (set up as above) and no text:
    made once, loaded for each document (its full style sheet is slow to read every time)."""
    document = docx.Document()
    styles = document.styles.element
    for element in list(styles):
        if element.tag == qn("w:latentStyles"):
            styles.remove(element)
        elif element.tag == qn("w:style"):
            name = element.find(qn("w:name"))
            if name is None or name.get(qn("w:val")) not in _STYLE_XML_NAMES:
                styles.remove(element)
    _setup_styles(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the template's empty first paragraph
        body.remove(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# names as stored in styles.xml (python-docx shows "Heading 1" for the stored "heading 1")
_STYLE_XML_NAMES = frozenset(
    {n.lower() if n.startswith(("Heading", "Header", "Footer", "Title", "Body", "Table", "Normal",
                                "Default", "No ")) else n for n in KEEP_STYLES}
    | KEEP_STYLES
)  # fmt: skip


def set_up_page(document: Any, doc: m.Document) -> None:
    """The document's properties and its one section: size, orientation, margins, page numbers."""
    props = document.core_properties
    props.title = nfc(doc.title)
    props.subject = nfc(doc.subject)
    props.author = "Thi đua DVCTT"
    props.language = "vi-VN"
    section = document.sections[0]
    w, h = doc.page_size_mm
    section.orientation = (
        WD_ORIENT.LANDSCAPE if doc.orientation is m.Orientation.LANDSCAPE else WD_ORIENT.PORTRAIT
    )
    section.page_width, section.page_height = Mm(w), Mm(h)
    mg = doc.margins
    section.top_margin, section.bottom_margin = Mm(mg.top), Mm(mg.bottom)
    section.left_margin, section.right_margin = Mm(mg.left), Mm(mg.right)
    section.header_distance = Mm(mg.top / 2 - 2)
    if doc.page_numbers_from == 2:
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_field(number, "PAGE", "2")
