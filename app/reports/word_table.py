"""Bordered data tables of a .docx (``app.reports.word``): grid, repeated header rows, spans,
shading, and the first rows kept with the header so that a page never ends with the header and
one row."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm, Pt

from app.reports import model as m
from app.reports.word_xml import ALIGN, add_text_run, cell_margins, repeat_header, shade
from app.text import composed as nfc


def add_table(document: Any, block: m.Table, text_width_mm: float) -> None:
    """``block`` at the end of ``document``, its columns scaled to ``text_width_mm``."""
    header = m.Row(tuple(m.Cell(c.header, align=m.Align.CENTER, bold=True) for c in block.columns))
    rows = [header, *block.header_rows, *block.rows]
    n = len(block.columns)
    table = document.add_table(rows=len(rows), cols=n)
    if block.borders:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cell_margins(table, side_twips=60)  # 3 pt each side, as in the PDF
    total = sum(c.width for c in block.columns)
    widths = [Mm(c.width * text_width_mm / total) for c in block.columns]
    for index, width in enumerate(widths):
        table.columns[index].width = width
    head = 1 + len(block.header_rows)
    keep_rows = head + block.min_rows_first - 1  # rows whose paragraphs keep with the next row
    size = Pt(block.font_size)
    for row_index, (row, docx_row) in enumerate(zip(rows, table.rows, strict=True)):
        cells = docx_row.cells
        if row_index < head and block.repeat_header:
            repeat_header(docx_row)
        column = 0
        for cell in row.cells:
            target = cells[column]
            if cell.span > 1:
                target = target.merge(cells[min(n, column + cell.span) - 1])
            for offset in range(cell.span):
                if column + offset < n:
                    cells[column + offset].width = widths[column + offset]
            paragraph = target.paragraphs[0]
            paragraph.alignment = ALIGN[cell.align]
            content = m.runs(cell.content) if isinstance(cell.content, str) else cell.content
            for part in content:
                for line_index, line in enumerate(nfc(part.text).split("\n")):
                    if line_index:
                        paragraph = target.add_paragraph()
                        paragraph.alignment = ALIGN[cell.align]
                    run = add_text_run(paragraph, line)
                    run.font.size = size
                    if part.bold or cell.bold:
                        run.bold = True
                    if part.italic or cell.italic:
                        run.italic = True
            fill = cell.fill or row.fill
            if fill:
                shade(target, fill)
            if row_index < keep_rows and row_index < len(rows) - 1:
                for p in target.paragraphs:
                    p.paragraph_format.keep_with_next = True
            column += cell.span
        while column < n:  # a short row: the rest stays empty
            if row.fill:
                shade(cells[column], row.fill)
            column += 1
    if block.keep_with_next:
        for cell in table.rows[-1].cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
