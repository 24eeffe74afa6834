"""«Bằng chứng nộp thay» for the council (PDF, ReportLab): the method, a summary per unit and, for
each unit with marked accounts, its accounts. Takes the plain text of app.scoring.proxy_text."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.reports.layout import DocumentRenderer, Margins
from app.scoring.proxy_text import ReportText, Section

SUMMARY_WIDTHS = (10, 70, 25, 25, 30, 25, 25)
ACCOUNT_WIDTHS = (45, 18, 20, 18, 18, 24, 70)


class ProxyEvidenceRenderer(DocumentRenderer):
    pagesize = landscape(A4)
    margins = Margins(top=20 * mm, bottom=15 * mm, left=20 * mm, right=15 * mm)
    title = "Bằng chứng nộp thay"

    def __init__(self, text: ReportText) -> None:
        super().__init__()
        self.text = text

    def _section(self, section: Section, widths: tuple[float, ...]) -> list[Flowable]:
        out: list[Flowable] = [
            KeepTogether(
                [
                    self.p(section.heading, "subheading"),
                    self.data_table(section.header, section.rows, widths, header_style="th_small"),
                ]
            )
        ]
        if section.note:
            out.append(self.p(section.note, "small_italic"))
        out.append(Spacer(1, 4 * mm))
        return out

    def story(self) -> list[Flowable]:
        t = self.text
        out: list[Flowable] = [*self.title_block(t.title, [line for line in t.subtitle if line])]
        out.append(self.p("Phương pháp", "heading"))
        out += [self.p(line, "body") for line in t.method]
        out.append(Spacer(1, 3 * mm))
        out += self._section(t.summary, SUMMARY_WIDTHS)
        if not t.units:
            out.append(self.p("Không có tài khoản nào có dấu hiệu nộp thay.", "body_italic"))
        for section in t.units:
            out += self._section(section, ACCOUNT_WIDTHS)
        return out


def render_pdf(text: ReportText, path: Path) -> Path:
    return ProxyEvidenceRenderer(text).render(Path(path))
