"""The «Bằng chứng nộp thay» report of a period in the format its file name asks for (.pdf, .docx,
.xlsx), or as the JSON of ``main.py proxy-report --json``, or as lines of text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.models import Database
from app.scoring.proxy_text import report_json, report_text
from app.services.errors import ServiceError
from app.services.proxy import period_evidence

FORMATS = (".pdf", ".docx", ".xlsx")


def proxy_report_json(db: Database, period_id: int) -> dict[str, Any]:
    return report_json(period_evidence(db, period_id))


def proxy_report_lines(db: Database, period_id: int) -> list[str]:
    """The report as text for the terminal: the method, the summary, the marked accounts."""
    text = report_text(period_evidence(db, period_id))
    lines = [f"{text.title.upper()} — {' — '.join(s for s in text.subtitle if s)}", ""]
    lines += text.method
    for section in (text.summary, *text.units):
        lines += ["", section.heading, " | ".join(section.header)]
        lines += [" | ".join(row) for row in section.rows]
        if section.note:
            lines.append(section.note)
    return lines


def write_proxy_report(db: Database, period_id: int, path: Path) -> Path:
    """Write the report to ``path`` (.pdf, .docx or .xlsx, from its suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ServiceError(
            f"Tệp {path.name}: báo cáo bằng chứng nộp thay ghi ra .pdf, .docx hoặc .xlsx."
        )
    evidence = period_evidence(db, period_id)
    if suffix == ".xlsx":
        from app.exchange.proxy_xlsx import write_proxy_xlsx  # noqa: PLC0415

        return write_proxy_xlsx(evidence, path)
    text = report_text(evidence)
    if suffix == ".docx":
        from app.reports.proxy_evidence import render_docx  # noqa: PLC0415

        return render_docx(text, path)
    from app.reports.proxy_evidence import render_pdf  # noqa: PLC0415

    return render_pdf(text, path)
