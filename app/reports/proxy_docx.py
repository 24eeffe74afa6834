"""«Bằng chứng nộp thay» as a Word document (python-docx): the same text as the PDF, in tables the
council's secretary can edit. Times New Roman 13, A4 landscape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.scoring.proxy_text import ReportText, Section

FONT = "Times New Roman"


def _table(document: Any, section: Section) -> None:
    from docx.shared import Pt  # noqa: PLC0415

    table = document.add_table(rows=1, cols=len(section.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, section.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(11)
    for row in section.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(11)


def render_docx(text: ReportText, path: Path) -> Path:
    from docx import Document  # noqa: PLC0415
    from docx.enum.section import WD_ORIENT  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Mm(297), Mm(210)
    page.left_margin, page.right_margin = Mm(20), Mm(15)
    page.top_margin, page.bottom_margin = Mm(20), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(text.title.upper())
    run.bold = True
    for line in text.subtitle:
        if line:
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph().add_run("Phương pháp").bold = True
    for line in text.method:
        document.add_paragraph(line)
    for section in (text.summary, *text.units):
        document.add_paragraph().add_run(section.heading).bold = True
        _table(document, section)
        if section.note:
            document.add_paragraph().add_run(section.note).italic = True
    if not text.units:
        document.add_paragraph().add_run(
            "Không có tài khoản nào có dấu hiệu nộp thay."
        ).italic = True
    document.core_properties.title = text.title
    document.save(str(path))
    return Path(path)
