"""«Bằng chứng nộp thay» as an Excel workbook (openpyxl): a sheet «Tổng hợp» (the method and the
summary per unit) and a sheet «Tài khoản» listing every listed account of every unit, numbers as
numbers so the council's secretary can sort and filter."""

from __future__ import annotations

from pathlib import Path

from app.scoring.proxy import FLAGGED_LABEL, ProxyEvidence
from app.scoring.proxy_text import report_text

ACCOUNT_COLUMNS = (
    "Mã đơn vị",
    "Đơn vị",
    "Tài khoản",
    "Hồ sơ trực tuyến",
    "Chủ hồ sơ",
    "Thủ tục",
    "Ngày nộp",
    "Tỷ lệ trong đơn vị",
    "Đánh dấu",
    "Lý do",
)


def write_proxy_xlsx(evidence: ProxyEvidence, path: Path) -> Path:
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    text = report_text(evidence)
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append([text.title.upper()])
    summary["A1"].font = Font(bold=True, size=14)
    for line in text.subtitle:
        summary.append([line])
    summary.append([])
    for line in text.method:
        summary.append([line])
    summary.append([])
    summary.append(list(text.summary.header))
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for index, unit in enumerate(evidence.units, start=1):
        e = unit.evidence
        summary.append(
            [
                index,
                f"{unit.name} ({unit.code})",
                e.online,
                e.account_count,
                len(e.flagged),
                e.proxy_dossiers,
                float(e.proxy_share),
            ]
        )
        summary.cell(summary.max_row, 7).number_format = "0.00%"
    accounts = workbook.create_sheet("Tài khoản")
    accounts.append(list(ACCOUNT_COLUMNS))
    for cell in accounts[1]:
        cell.font = Font(bold=True)
    for unit in evidence.units:
        for a in unit.evidence.accounts:
            accounts.append(
                [
                    unit.code,
                    unit.name,
                    a.account,
                    a.dossiers,
                    a.owners,
                    a.procedures,
                    a.active_days,
                    float(a.share),
                    FLAGGED_LABEL if a.flagged else "",
                    a.reason,
                ]
            )
            accounts.cell(accounts.max_row, 8).number_format = "0.00%"
    accounts.freeze_panes = "A2"
    for sheet, widths in (
        (summary, (6, 40, 16, 14, 18, 14, 14)),
        (accounts, (10, 28, 24, 14, 10, 10, 10, 14, 22, 40)),
    ):
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[chr(64 + column)].width = width
    workbook.save(str(path))
    return Path(path)
