"""Render a :class:`app.reports.model.Document` as PDF with ReportLab (bundled fonts embedded).

The look (fonts, the Nghị định 30 header, signatures) is ``app.reports.layout``'s; this module
turns each block of the description into flowables.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from app.reports import fonts
from app.reports import model as m
from app.reports.layout import DocumentRenderer, Margins, esc, nfc, table_style
from app.scoring.numbers import format_decimal

_ALIGN = {m.Align.LEFT: TA_LEFT, m.Align.CENTER: TA_CENTER, m.Align.RIGHT: TA_RIGHT,
          m.Align.JUSTIFY: TA_JUSTIFY}  # fmt: skip
_STYLE = {
    m.Style.BODY: "body",
    m.Style.BODY_NOINDENT: "body_noindent",
    m.Style.HEADING: "heading",
    m.Style.SUBHEADING: "subheading",
    m.Style.CENTER: "center",
    m.Style.CENTER_BOLD: "center_bold",
    m.Style.CENTER_ITALIC: "center_italic",
    m.Style.TABLE_TITLE: "table_title",
    m.Style.SMALL: "small",
    m.Style.SMALL_ITALIC: "small_italic",
}


def render_pdf(doc: m.Document, path: Path) -> Path:
    """Write ``doc`` to ``path`` as PDF and return ``path``.

    A ``tight`` document that runs onto a second page is made again with a little less space
    between paragraphs and in the signature; the tighter one is kept when it has fewer pages.
    """
    data, pages = _build(doc, tight=False)
    if doc.tight and pages > 1:
        tighter, tight_pages = _build(doc, tight=True)
        if tight_pages < pages:
            data = tighter
    path.write_bytes(data)
    return path


def _build(doc: m.Document, *, tight: bool) -> tuple[bytes, int]:
    renderer = _PdfRenderer(doc, tight=tight)
    buffer = io.BytesIO()
    pages = renderer.render_to(buffer)
    return buffer.getvalue(), pages


def rgb(hex_colour: str) -> colors.Color:
    return colors.HexColor("#" + hex_colour.lstrip("#"))


def markup(content: tuple[m.Run, ...]) -> str:
    """Runs as ReportLab mini-markup (escaped, NFC)."""
    out = []
    for run in content:
        text = esc(run.text).replace("\n", "<br/>")
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


class _OrphanSafeTable(RLTable):  # type: ignore[misc]
    """A table that does not end a page with its header and fewer than ``min_rows`` rows."""

    def __init__(
        self, *args: Any, min_rows: int = 0, header: int = 1, page_height: float = 0, **kw: Any
    ) -> None:  # ReportLab makes the split parts with the plain arguments: set again below
        super().__init__(*args, **kw)
        self._min_rows = min_rows
        self._header = header
        self._page_height = page_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part._min_rows, part._header = self._min_rows, self._header
            part._page_height = self._page_height
        if len(parts) < 2 or availHeight >= self._page_height * 0.9:
            return parts
        first_rows = len(parts[0]._cellvalues)
        body_rows = len(self._cellvalues) - self._header
        if first_rows - self._header < min(self._min_rows, body_rows):
            return []
        return parts


class _KeepWithFirstRows(KeepTogether):  # type: ignore[misc]
    """Headings kept with a table are kept with its header and first rows only (as Word's «keep
    with next» does): a long table then starts below its heading instead of leaving the rest of
    the page empty and moving, whole, to the next one. Other groups are kept together as ever."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        table = self._content[-1]
        heights = getattr(table, "_rowHeights", None)
        if len(self._content) > 1 and isinstance(table, _OrphanSafeTable) and heights:
            first = table._header + max(table._min_rows, 1)
            self._H -= sum(heights[first:])  # what must fit: the headings and the first rows
        return size


class _PdfRenderer(DocumentRenderer):
    keep_together = _KeepWithFirstRows

    def __init__(self, doc: m.Document, *, tight: bool) -> None:
        super().__init__()
        self.doc = doc
        self.tight = tight
        w, h = doc.page_size_mm
        self.pagesize = (w * mm, h * mm)
        mg = doc.margins
        self.margins = Margins(mg.top * mm, mg.bottom * mm, mg.left * mm, mg.right * mm)
        self.title = doc.title
        self.subject = doc.subject
        self._cell_styles: dict[tuple[float, m.Align, bool, bool], ParagraphStyle] = {}
        if tight:
            for name in ("body", "body_italic", "body_noindent", "heading", "subheading"):
                style = self.styles[name]
                style.leading = 16.5
                style.spaceAfter = min(style.spaceAfter, 3)
                style.spaceBefore = min(style.spaceBefore, 2)

    def render_to(self, target: Any) -> int:
        pages = [0]
        original = self.on_page

        def counting(canvas: Any, doc: Any) -> None:
            pages[0] = canvas.getPageNumber()
            original(canvas, doc)

        self.on_page = counting  # type: ignore[method-assign]
        self.render(target)
        return pages[0]

    def on_page(self, canvas: Any, doc: Any) -> None:
        if canvas.getPageNumber() >= self.doc.page_numbers_from:
            super().on_page(canvas, doc)

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        for block in self.doc.blocks:
            if isinstance(block, m.Signatures):
                self.close(out, self._signatures(block), keep=block.keep_with_previous)
            else:
                out += self.flowables(block)
        return out

    # --- blocks ---------------------------------------------------------------------------
    def flowables(self, block: m.Block) -> list[Flowable]:  # noqa: PLR0911
        if isinstance(block, m.Paragraph):
            para = self.markup(markup(block.content), _STYLE[block.style])
            if block.keep_with_next:
                para.keepWithNext = 1
            return [para]
        if isinstance(block, m.Heading):
            style = "heading" if block.level <= 1 else "subheading"
            if block.align is m.Align.CENTER:
                style = "center_bold"
            para = self.p(block.text, style)
            para.keepWithNext = 1
            return [para]
        if isinstance(block, m.FillLine):
            return [self.fill(block.label, block.end)]
        if isinstance(block, m.NationalHeader):
            width = block.left_width_mm * mm if block.left_width_mm else None
            return [
                self.header(
                    block.parent, block.office, block.number, block.place_date, left_width=width
                )
            ]
        if isinstance(block, m.TitleBlock):
            out = self.title_block(block.type_name, () if not block.summary_bold else block.summary)
            if not block.summary_bold and block.summary:
                out = out[:1] + [self.p(line, "summary_regular") for line in block.summary]
            return out
        if isinstance(block, m.Recipients):
            return [self.recipient(block.names)]
        if isinstance(block, m.Table):
            return [self._table(block)]
        if isinstance(block, m.Signatures):
            return [self._signatures(block)]
        if isinstance(block, m.Spacer):
            return [Spacer(1, block.height_mm * mm)]
        if isinstance(block, m.PageBreak):
            return [PageBreak()]
        if isinstance(block, m.NeedSpace):
            return [CondPageBreak(block.height_mm * mm)]
        if isinstance(block, m.Note):
            out = [Spacer(1, 4)]
            if block.title:
                out.append(self.p(block.title, "td_bold"))
            out += [self.p(line, "small") for line in block.lines]
            return out
        if isinstance(block, m.BarChart):
            chart: list[Flowable] = []
            if block.title:
                chart.append(self.p(block.title, "center_bold"))
            chart.append(self._chart(block))
            return chart
        inner: list[Flowable] = []
        for child in block.blocks:
            inner += self.flowables(child)
        return [KeepTogether(inner)]

    def _cell_style(self, size: float, align: m.Align, bold: bool, italic: bool) -> ParagraphStyle:
        key = (size, align, bold, italic)
        style = self._cell_styles.get(key)
        if style is None:
            face = (fonts.REGULAR, fonts.ITALIC, fonts.BOLD, fonts.BOLD_ITALIC)[bold * 2 + italic]
            style = ParagraphStyle(
                f"cell{len(self._cell_styles)}",
                fontName=face,
                fontSize=size,
                leading=round(size * 1.18, 1),
                alignment=_ALIGN[align],
            )
            self._cell_styles[key] = style
        return style

    def _model_cell(self, cell: m.Cell, size: float) -> RLParagraph:
        style = self._cell_style(size, cell.align, cell.bold, cell.italic)
        content = cell.content
        text = markup(m.runs(content) if isinstance(content, str) else content)
        return RLParagraph(nfc(text), style)

    def _row(self, row: m.Row, size: float, columns: int) -> list[Any]:
        cells: list[Any] = []
        for cell in row.cells:
            cells.append(self._model_cell(cell, size))
            cells += [""] * (cell.span - 1)
        cells += [""] * (columns - len(cells))
        return cells

    def _table(self, table: m.Table) -> Flowable:
        size = table.font_size
        n = len(table.columns)
        header = [
            m.Row(tuple(m.Cell(c.header, align=m.Align.CENTER, bold=True) for c in table.columns))
        ]
        all_rows = [*header, *table.header_rows, *table.rows]
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = []
        for index, row in enumerate(all_rows):
            cells = self._row(row, size, n)
            data.append(cells)
            column = 0
            for cell in row.cells:
                if cell.span > 1:
                    commands.append(("SPAN", (column, index), (column + cell.span - 1, index)))
                if cell.fill:
                    end = column + cell.span - 1
                    commands.append(("BACKGROUND", (column, index), (end, index), rgb(cell.fill)))
                column += cell.span
            if row.fill:
                commands.append(("BACKGROUND", (0, index), (-1, index), rgb(row.fill)))
        head = 1 + len(table.header_rows)
        total = sum(c.width for c in table.columns)
        widths = [c.width * self.text_width / total for c in table.columns]
        result = _OrphanSafeTable(
            data,
            colWidths=widths,
            repeatRows=head if table.repeat_header else 0,
            hAlign="CENTER",
            splitInRow=1,
            min_rows=table.min_rows_first,
            header=head,
            page_height=self.page_height - self.margins.top - self.margins.bottom,
        )
        grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if table.borders else []
        result.setStyle(
            table_style(
                *grid,
                ("VALIGN", (0, 0), (-1, head - 1), "MIDDLE"),
                ("VALIGN", (0, head), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *commands,
            )
        )
        if table.keep_with_next:
            result.keepWithNext = 1
        return result

    def _signature(self, block: m.SignatureBlock) -> list[Flowable]:
        space = block.space_mm - (4 if self.tight else 0)
        out: list[Flowable] = [self.p(line.upper(), "sign_title") for line in block.lines if line]
        if block.note:
            out.append(self.p(block.note, "sign_note"))
        out.append(Spacer(1, space * mm))
        if block.name:
            out.append(self.p(block.name, "sign_name"))
        return out

    def _signatures(self, block: m.Signatures) -> Flowable:
        left: list[Flowable] = []
        if isinstance(block.left, m.SignatureBlock):
            left = self._signature(block.left)
        elif isinstance(block.left, m.CopyList):
            left.append(self.p(block.left.title, "cc_title"))
            items = [f"- {c};" for c in block.left.items]
            items.append(f"- Lưu: {block.left.archive}.")
            left += [self.p(item, "cc_item") for item in items]
        return self.two_signatures(left, self._signature(block.right))

    def _chart(self, block: m.BarChart) -> Flowable:
        width = self.text_width
        count = len(block.values)
        height = max(60, count * 11 + 48)
        drawing = Drawing(width, height)
        drawing.initialFontName = fonts.REGULAR  # else the renderer starts in Helvetica
        chart = HorizontalBarChart()
        chart.x = 120
        chart.y = 30
        chart.width = width - 170
        chart.height = height - 38
        chart.data = [list(reversed(block.values))]  # the first bar at the top
        chart.categoryAxis.categoryNames = [nfc(x) for x in reversed(block.labels)]
        chart.categoryAxis.labels.fontName = fonts.REGULAR
        chart.categoryAxis.labels.fontSize = 10
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -6
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = block.maximum
        chart.valueAxis.valueStep = block.step
        chart.valueAxis.labels.fontName = fonts.REGULAR
        chart.valueAxis.labels.fontSize = 9
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.lightgrey
        chart.bars[0].fillColor = colors.Color(0.35, 0.5, 0.75)
        chart.bars[0].strokeColor = None
        for i, colour in enumerate(reversed(block.highlight)):
            if colour:
                chart.bars[(0, i)].fillColor = rgb(colour)
        chart.barLabelFormat = _points
        chart.barLabels.fontName = fonts.REGULAR
        chart.barLabels.fontSize = 9
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.barSpacing = 1
        drawing.add(chart)
        if block.axis_title:
            drawing.add(
                String(chart.x + chart.width / 2, 2, nfc(block.axis_title),
                       fontName=fonts.REGULAR, fontSize=10, textAnchor="middle")
            )  # fmt: skip
        return drawing


def _points(value: float) -> str:
    return format_decimal(Decimal(str(round(value, 2))))
