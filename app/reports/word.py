"""Render a :class:`app.reports.model.Document` as .docx with python-docx.

Real Word styles: Normal in Times New Roman 14 (Word substitutes a metric-compatible font where it
is missing), "Body Text" for indented body paragraphs, Heading 1 / Heading 2 for the numbered
headings; the national title block and the signatures are borderless tables; the short rules are
bottom borders of empty paragraphs; page numbers from page 2 are a PAGE field in the header (a
different first page); Nghị định 30 margins; A4 portrait or landscape. The styles, the template and
the page set-up are in ``word_template``; the bordered data tables in ``word_table``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports import fonts
from app.reports import model as m
from app.reports.layout import MOTTO, MOTTO_TOP, balanced_lines
from app.reports.word_table import add_table
from app.reports.word_template import INDENT, set_up_page, template
from app.reports.word_xml import (
    ALIGN,
    add_text_run,
    bottom_rule,
    zero_cell_margins,
)
from app.text import composed as nfc

PT_PER_MM = 72 / 25.4


def render_docx(doc: m.Document, path: Path) -> Path:
    """Write ``doc`` to ``path`` as a Word document and return ``path``."""
    _WordRenderer(doc).render(path)
    return path


def _text_mm(text: str, bold: bool, size: float) -> float:
    fonts.register_fonts()
    return float(stringWidth(nfc(text), fonts.BOLD if bold else fonts.REGULAR, size)) / PT_PER_MM


class _WordRenderer:
    def __init__(self, doc: m.Document) -> None:
        self.doc = doc
        self.document: Any = docx.Document(io.BytesIO(template()))
        self.text_width = doc.text_width_mm
        self.placed: list[DocxParagraph] = []  # body paragraphs in order (for keep-with-next)
        self.style_ids = {
            name: self.document.styles[name].style_id
            for name in ("Body Text", "Heading 1", "Heading 2", "Title")
        }

    # --- document -------------------------------------------------------------------------
    def render(self, path: Path) -> None:
        set_up_page(self.document, self.doc)
        for block in self.doc.blocks:
            self.block(block)
        self.document.save(str(path))

    # --- paragraphs -----------------------------------------------------------------------
    def para(
        self,
        container: Any = None,
        *,
        style: str = "Normal",
        align: m.Align | None = None,
        before: float | None = None,
        after: float | None = None,
        indent: bool = False,
    ) -> DocxParagraph:
        target = container if container is not None else self.document
        paragraph: DocxParagraph = target.add_paragraph()
        if style != "Normal":  # by id: python-docx's lookup by name is slow on every call
            paragraph._p.style = self.style_ids[style]
        pf = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = ALIGN[align]
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        if indent:
            pf.first_line_indent = INDENT
        if container is None:
            self.placed.append(paragraph)
        return paragraph

    def add_runs(
        self,
        paragraph: DocxParagraph,
        content: tuple[m.Run, ...],
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        for part in content:
            lines = nfc(part.text).split("\n")
            for index, line in enumerate(lines):
                if index:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                run = add_text_run(paragraph, line)
                if part.bold or bold:
                    run.bold = True
                if part.italic or italic:
                    run.italic = True
                if size is not None and size != 14:
                    run.font.size = Pt(size)

    def text(
        self,
        text: str,
        container: Any = None,
        *,
        align: m.Align = m.Align.CENTER,
        bold: bool = False,
        italic: bool = False,
        size: float = 14,
        after: float = 0,
        before: float = 0,
        style: str = "Normal",
    ) -> DocxParagraph:
        paragraph = self.para(container, style=style, align=align, before=before, after=after)
        self.add_runs(paragraph, m.runs(text), size=size, bold=bold, italic=italic)
        return paragraph

    def rule(self, container: Any, width_mm: float, cell_mm: float) -> None:
        """A short centred line: the bottom border of a tiny paragraph indented to its width."""
        paragraph = self.para(container, after=0)
        side = max(0.0, (cell_mm - width_mm) / 2)
        pf = paragraph.paragraph_format
        pf.left_indent = Mm(side)
        pf.right_indent = Mm(side)
        pf.line_spacing = Pt(3)
        run = paragraph.add_run("")
        run.font.size = Pt(2)
        bottom_rule(paragraph)

    # --- blocks ---------------------------------------------------------------------------
    def block(self, block: m.Block) -> None:
        if isinstance(block, m.Paragraph):
            self.paragraph(block)
        elif isinstance(block, m.Heading):
            style = "Heading 1" if block.level <= 1 else "Heading 2"
            paragraph = self.para(style=style)
            if block.align is m.Align.CENTER:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.first_line_indent = Mm(0)
            self.add_runs(paragraph, m.runs(block.text))
        elif isinstance(block, m.FillLine):
            self.fill(block)
        elif isinstance(block, m.NationalHeader):
            self.header(block)
        elif isinstance(block, m.TitleBlock):
            self.title(block)
        elif isinstance(block, m.Recipients):
            self.recipients(block)
        elif isinstance(block, m.Table):
            self.table(block)
        elif isinstance(block, m.Signatures):
            self.signatures(block)
        elif isinstance(block, m.Spacer):
            paragraph = self.para()
            paragraph.paragraph_format.line_spacing = Pt(max(1.0, block.height_mm * PT_PER_MM))
        elif isinstance(block, m.PageBreak):
            paragraph = self.para()
            paragraph.paragraph_format.page_break_before = True
            paragraph.paragraph_format.line_spacing = Pt(1)
        elif isinstance(block, m.NeedSpace):
            pass  # Word keeps headings with what follows; no conditional break in .docx
        elif isinstance(block, m.Note):
            if block.title:
                self.text(block.title, align=m.Align.LEFT, bold=True, size=12, before=4)
            for line in block.lines:
                self.text(line, align=m.Align.JUSTIFY, size=11)
        elif isinstance(block, m.BarChart):
            self.chart(block)
        else:
            start = len(self.placed)
            for child in block.blocks:
                self.block(child)
            for paragraph in self.placed[start:-1]:
                paragraph.paragraph_format.keep_with_next = True

    def paragraph(self, block: m.Paragraph) -> None:
        s = m.Style
        spec: dict[m.Style, tuple[str, m.Align | None, float | None, bool, bool]] = {
            s.BODY: ("Body Text", None, None, False, False),
            s.BODY_NOINDENT: ("Normal", m.Align.JUSTIFY, None, False, False),
            s.HEADING: ("Heading 1", None, None, False, False),
            s.SUBHEADING: ("Heading 2", None, None, False, False),
            s.CENTER: ("Normal", m.Align.CENTER, None, False, False),
            s.CENTER_BOLD: ("Normal", m.Align.CENTER, None, True, False),
            s.CENTER_ITALIC: ("Normal", m.Align.CENTER, None, False, True),
            s.TABLE_TITLE: ("Heading 2", None, None, False, False),
            s.SMALL: ("Normal", m.Align.JUSTIFY, 11, False, False),
            s.SMALL_ITALIC: ("Normal", m.Align.JUSTIFY, 11, False, True),
        }
        style, align, size, bold, italic = spec[block.style]
        after = 6 if block.style in (s.BODY_NOINDENT, s.CENTER_ITALIC) else None
        paragraph = self.para(style=style, align=align, after=after)
        self.add_runs(paragraph, block.content, size=size, bold=bold, italic=italic)
        if block.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def fill(self, block: m.FillLine) -> None:
        paragraph = self.para(style="Body Text" if block.label else "Normal")
        if not block.label:
            paragraph.paragraph_format.space_after = Pt(6)
        stop = Mm(self.text_width - (2 if block.end else 0))
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            stop, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.add_run(nfc(block.label) + "\t" + nfc(block.end))

    def borderless(self, widths: list[float], rows: int = 1) -> DocxTable:
        table: DocxTable = self.document.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for index, width in enumerate(widths):
            table.columns[index].width = Mm(width)
            for cell in table.columns[index].cells:
                cell.width = Mm(width)
        for cell in table._cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        zero_cell_margins(table)
        return table

    def header(self, block: m.NationalHeader) -> None:
        motto_mm = max(_text_mm(MOTTO, True, 13.5), _text_mm(MOTTO_TOP, True, 12))
        right = motto_mm + 4
        left = block.left_width_mm or (self.text_width - right)
        table = self.borderless([left, right])
        lcell, rcell = table.rows[0].cells
        if block.parent:
            self.text(block.parent.upper(), lcell, size=12.5)
        office_lines = balanced_lines(
            nfc(block.office.upper()), fonts.BOLD, 12.5, left * PT_PER_MM - 2
        )
        for line in office_lines:
            self.text(line, lcell, bold=True, size=12.5)
        widest = max(_text_mm(x, True, 12.5) for x in office_lines)
        self.rule(lcell, min(widest, left) / 3, left)
        if block.number:
            self.text(block.number, lcell, size=13, before=6)
        self.text(MOTTO_TOP, rcell, bold=True, size=12)
        self.text(MOTTO, rcell, bold=True, size=13.5)
        self.rule(rcell, _text_mm(MOTTO, True, 13.5), right)
        if block.place_date:
            self.text(block.place_date, rcell, italic=True, size=14, before=6)
        self.placed.append(self.para(after=0))

    def title(self, block: m.TitleBlock) -> None:
        first = self.text(block.type_name.upper(), bold=True, before=14, style="Title")
        first.paragraph_format.keep_with_next = True
        for line in block.summary:
            summary = self.text(line, bold=block.summary_bold)
            summary.paragraph_format.keep_with_next = True
        if block.summary:
            self.rule(None, 30, self.text_width)
            self.placed[-1].paragraph_format.space_after = Pt(6)

    def recipients(self, block: m.Recipients) -> None:
        if len(block.names) == 1:
            self.text(f"Kính gửi: {block.names[0]}.", before=8, after=8)
            return
        table = self.borderless([30, self.text_width - 30])
        left, right = table.rows[0].cells
        self.text("Kính gửi:", left, align=m.Align.LEFT)
        for name in block.names:
            self.text(f"- {name};", right, align=m.Align.LEFT)
        self.placed.append(self.para(after=0))

    def table(self, block: m.Table) -> None:
        add_table(self.document, block, self.text_width)
        spacer = self.para(after=0)
        spacer.paragraph_format.line_spacing = Pt(6)

    def signature(self, cell: _Cell, block: m.SignatureBlock) -> None:
        for line in block.lines:
            if line:
                self.text(line.upper(), cell, bold=True)
        if block.note:
            self.text(block.note, cell, italic=True, size=13)
        if block.name:
            self.text(block.name, cell, bold=True, before=block.space_mm * PT_PER_MM)
        else:
            spacer = self.text("", cell)
            spacer.paragraph_format.space_before = Pt(block.space_mm * PT_PER_MM)

    def signatures(self, block: m.Signatures) -> None:
        keep = block.keep_with_previous
        for paragraph in self.placed[len(self.placed) - keep :] if keep else []:
            paragraph.paragraph_format.keep_with_next = True
        half = self.text_width / 2
        table = self.borderless([half - 10, half + 10])
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        left, right = table.rows[0].cells
        if isinstance(block.left, m.SignatureBlock):
            self.signature(left, block.left)
        elif isinstance(block.left, m.CopyList):
            first = self.text(block.left.title, left, align=m.Align.LEFT, bold=True, size=12,
                              before=8)  # fmt: skip
            first.runs[0].italic = True
            for item in block.left.items:
                self.text(f"- {item};", left, align=m.Align.LEFT, size=11)
            self.text(f"- Lưu: {block.left.archive}.", left, align=m.Align.LEFT, size=11)
        else:
            self.text("", left)
        self.signature(right, block.right)
        right.paragraphs[0].paragraph_format.space_before = Pt(8)

    def chart(self, block: m.BarChart) -> None:
        if block.title:
            self.text(block.title, bold=True, before=6, after=4)
        widths = [55.0, self.text_width - 75, 20.0]
        table = self.borderless(widths, rows=len(block.values))
        scale = (widths[1] - 4) / 2.2 / (block.maximum or 1)  # 8 pt blocks: under 2.2 mm each
        for row, label, value, colour in zip(
            table.rows,
            block.labels,
            block.values,
            block.highlight or (None,) * len(block.values),
            strict=False,
        ):
            name, bar, figure = row.cells
            self.text(label, name, align=m.Align.RIGHT, size=10)
            paragraph = self.text("", bar, align=m.Align.LEFT, size=10)
            run = paragraph.add_run("█" * max(0, round(value * scale)))
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor.from_string((colour or "5980BF").upper())
            self.text(f"{value:.2f}".replace(".", ","), figure, align=m.Align.LEFT, size=10)
        if block.axis_title:
            self.text(block.axis_title, size=10, after=6)


__all__ = ["render_docx"]
