"""«Bằng chứng nộp thay» for the council: the method, a summary per unit and, for each unit with
marked accounts, its accounts with a chart of dossiers per account — one description
(app.reports.model) rendered as PDF and as .docx. Takes the plain text of app.scoring.proxy_text."""

from __future__ import annotations

from pathlib import Path

from app.reports import model as m
from app.scoring.proxy_text import ReportText, Section

SUMMARY_WIDTHS = (10, 70, 25, 25, 30, 25, 25)
ACCOUNT_WIDTHS = (45, 18, 20, 18, 18, 24, 70)
MARKED_FILL = "FDE3E1"
SUMMARY_NUMBERS = frozenset({0, 2, 3, 4, 5, 6})  # columns holding numbers (right-aligned)
ACCOUNT_NUMBERS = frozenset({1, 2, 3, 4, 5})


def _table(section: Section, widths: tuple[float, ...], marked_column: int | None) -> m.Table:
    numbers = SUMMARY_NUMBERS if marked_column is None else ACCOUNT_NUMBERS
    rows = []
    for row in section.rows:
        marked = marked_column is not None and bool(row[marked_column])
        cells = tuple(
            m.Cell(text, align=m.Align.RIGHT if i in numbers else m.Align.LEFT)
            for i, text in enumerate(row)
        )
        rows.append(m.Row(cells, fill=MARKED_FILL if marked else None))
    columns = tuple(m.Column(w, h) for w, h in zip(widths, section.header, strict=True))
    return m.Table(columns=columns, rows=tuple(rows), font_size=11)


def _blocks(section: Section, widths: tuple[float, ...], marked: int | None) -> list[m.Block]:
    out: list[m.Block] = [
        m.Paragraph.of(section.heading, style=m.Style.SUBHEADING, keep_with_next=True),
        _table(section, widths, marked),
    ]
    if marked is not None and section.rows:
        counts = [int(row[1].replace(".", "")) for row in section.rows]
        out.append(
            m.BarChart(
                labels=tuple(row[0] for row in section.rows),
                values=tuple(float(n) for n in counts),
                maximum=float(max(counts)),
                axis_title="hồ sơ trực tuyến",
                step=float(max(1, max(counts) // 5)),
                highlight=tuple("C62828" if row[marked] else None for row in section.rows),
            )
        )
    if section.note:
        out.append(m.Note((section.note,)))
    out.append(m.Spacer(4))
    return out


def proxy_document(text: ReportText) -> m.Document:
    blocks: list[m.Block] = [m.TitleBlock(text.title, tuple(s for s in text.subtitle if s))]
    blocks.append(m.Heading("Phương pháp", level=1))
    blocks += [m.Paragraph.of(line) for line in text.method]
    blocks += _blocks(text.summary, SUMMARY_WIDTHS, None)
    if not text.units:
        blocks.append(
            m.Paragraph.of("Không có tài khoản nào có dấu hiệu nộp thay.", style=m.Style.BODY)
        )
    for section in text.units:
        blocks += _blocks(section, ACCOUNT_WIDTHS, len(section.header) - 1)
    return m.Document(
        title=text.title,
        blocks=tuple(blocks),
        orientation=m.Orientation.LANDSCAPE,
        margins=m.Margins(top=20, bottom=15, left=20, right=15),
    )


def render_pdf(text: ReportText, path: Path) -> Path:
    from app.reports.pdf import render_pdf as pdf  # noqa: PLC0415

    return pdf(proxy_document(text), Path(path))


def render_docx(text: ReportText, path: Path) -> Path:
    from app.reports.word import render_docx as docx  # noqa: PLC0415

    return docx(proxy_document(text), Path(path))
