"""Low-level pieces of a .docx that python-docx has no API for: fonts for every script, fields,
shading, repeated header rows, paragraph rules, cell margins."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from app.reports import model as m

FONT = "Times New Roman"
ALIGN = {
    m.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    m.Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    m.Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    m.Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_font(target: Any, *, size: float | None = None, bold: bool | None = None) -> None:
    """Times New Roman for every script of a style or run (no theme font left to win)."""
    target.font.name = FONT
    rpr = target.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(key), FONT)
    if size is not None:
        target.font.size = Pt(size)
    if bold is not None:
        target.font.bold = bold


def add_field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE) as begin / instruction / separate / result / end."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.append(sep)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def shade(cell: _Cell, colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def bottom_rule(paragraph: DocxParagraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def zero_cell_margins(table: DocxTable) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right", "top", "bottom"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)
    width = OxmlElement("w:tblLayout")
    width.set(qn("w:type"), "fixed")
    tblpr.append(width)


def cell_margins(table: DocxTable, side_twips: int) -> None:
    """Left and right cell margins of a table (twentieths of a point)."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(side_twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)


def add_text_run(paragraph: DocxParagraph, text: str) -> Any:
    """A run of ``text`` (python-docx's ``add_run(text)`` first clears the new run: slower)."""
    run = paragraph.add_run()
    if text:
        run._r.add_t(text)
    return run
