"""The score table as .xlsx (DATA-FORMAT.md section E): the ranking with figures, rates, points per
criterion, total, rank, tier, prize, bonus, quota and flags; a totals row; a sheet explaining each
unit's result; and a bar chart of the totals. Text never becomes a formula (see ``xlsx.put``).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from app.exchange.xlsx import put, write_header, write_row
from app.scoring.engine import Ranking, UnitResult
from app.scoring.explain import explain, flag_label, tier_label
from app.scoring.figures import FIELD_LABELS

SHEET_TABLE = "Bảng điểm"
SHEET_EXPLAIN = "Giải thích"
SHEET_CHART = "Biểu đồ"
INT_FORMAT = "#,##0"
RATE_FORMAT = "0.00%"
RATIO_FORMAT = "0.00"


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    width: float
    number_format: str | None = None
    total: str | None = None  # "sum", or None (blank in the totals row)


def _columns(ranking: Ranking) -> list[_Column]:
    rules = ranking.rules
    points_format = "0." + "0" * rules.points_places if rules.points_places else "0"
    columns = [
        _Column("Hạng", 7),
        _Column("Mã đơn vị", 11),
        _Column("Tên đơn vị", 28),
        _Column("Loại đơn vị", 11),
    ]
    for criterion in rules.criteria:
        columns += [
            _Column(
                FIELD_LABELS.get(criterion.numerator, criterion.numerator), 14, INT_FORMAT, "sum"
            ),
            _Column(
                FIELD_LABELS.get(criterion.denominator, criterion.denominator),
                14,
                INT_FORMAT,
                "sum",
            ),
            _Column(f"Tỷ lệ {criterion.short_label.lower()}", 12, RATE_FORMAT, "rate"),
            _Column(f"Điểm {criterion.short_label.lower()}", 11, points_format),
        ]
    columns += [
        _Column(FIELD_LABELS["accounts"], 13, INT_FORMAT, "sum"),
        _Column("Hồ sơ trực tuyến / tài khoản", 13, RATIO_FORMAT),
        _Column("Tổng điểm", 11, points_format),
        _Column("Giải", 14),
        _Column("Tiền thưởng (đồng)", 15, INT_FORMAT, "sum"),
        _Column("Điểm thưởng thi đua", 11, INT_FORMAT),
        _Column("Chỉ tiêu khen cá nhân", 11, INT_FORMAT, "sum"),
        _Column("Ghi chú", 40),
    ]
    return columns


def _notes(result: UnitResult, ranking: Ranking) -> str:
    notes = [flag_label(f, ranking.rules) for f in result.flags]
    if result.tie:
        notes.append("đồng hạng, chờ Hội đồng phân định")
    if result.settled_reason:
        notes.append(f"Hội đồng phân định: {result.settled_reason}")
    if result.tie_broken_by_ratio:
        notes.append("bằng điểm, xét hồ sơ trên mỗi tài khoản")
    if result.excluded:
        notes.append("không xếp hạng")
    return "; ".join(notes)


def _row(result: UnitResult, ranking: Ranking) -> list[Any]:
    unit = result.unit
    values: list[Any] = [result.rank, unit.code, unit.name, unit.kind.label]
    for score in result.criteria:
        rate = score.rate
        values += [
            score.numerator,
            score.denominator,
            float(rate) if rate is not None else None,
            score.points,
        ]
    ratio = result.dossiers_per_account
    values += [
        unit.accounts,
        float(ratio) if ratio is not None else None,
        result.total,
        tier_label(result.tier, ranking.rules),
        result.prize_vnd,
        result.bonus_points,
        result.individual_quota,
        _notes(result, ranking),
    ]
    return values


def score_table_rows(ranking: Ranking) -> list[UnitResult]:
    """The units the table lists, in order: ranked by position, then those left out by the rules."""
    return [*ranking.ordered, *(r for r in ranking.results if r.excluded)]


def write_score_table(path: Path, ranking: Ranking, *, title: str = "") -> None:
    """Write the ranking as an .xlsx score table (three sheets: table, explanations, chart)."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.chart import BarChart, Reference  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    columns = _columns(ranking)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TABLE
    write_header(sheet, [c.header for c in columns], [c.width for c in columns])
    results = score_table_rows(ranking)
    for row, result in enumerate(results, start=2):
        write_row(sheet, row, _row(result, ranking))
        for index, column in enumerate(columns, start=1):
            if column.number_format:
                sheet.cell(row=row, column=index).number_format = column.number_format
    last = len(results) + 1
    totals = last + 1
    put(sheet.cell(row=totals, column=3), "Tổng cộng").font = Font(bold=True)
    sums: dict[int, int] = {}
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=totals, column=index)
        if column.total == "sum":
            values = [sheet.cell(row=r, column=index).value for r in range(2, last + 1)]
            sums[index] = sum(v for v in values if isinstance(v, int))
            cell.value = sums[index]
        elif column.total == "rate" and sums.get(index - 1):
            # the rate of the totals (all online / all dossiers), not a mean of rates
            cell.value = float(Fraction(sums[index - 2], sums[index - 1]))
        if column.number_format and cell.value is not None:
            cell.number_format = column.number_format
        cell.font = Font(bold=True)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title:
        sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "Trang &P/&N"

    explain_sheet = workbook.create_sheet(SHEET_EXPLAIN)
    write_header(explain_sheet, ["Hạng", "Mã đơn vị", "Tên đơn vị", "Giải thích"], [7, 11, 28, 110])
    explained = [*results, *(r for r in ranking.results if not r.scored)]
    for row, result in enumerate(explained, start=2):
        write_row(
            explain_sheet,
            row,
            [result.rank, result.unit.code, result.unit.name, "\n".join(explain(result, ranking))],
        )
        explain_sheet.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")

    total_column = 1 + next(i for i, c in enumerate(columns) if c.header == "Tổng điểm")
    chart = BarChart()
    chart.type = "bar"
    chart.title = title or "Tổng điểm theo đơn vị"
    chart.y_axis.title = "Điểm"
    chart.x_axis.title = "Đơn vị"
    chart.legend = None
    ranked_last = 1 + len(ranking.ordered)
    if ranked_last >= 2:
        data = Reference(sheet, min_col=total_column, min_row=1, max_row=ranked_last)
        names = Reference(sheet, min_col=3, min_row=2, max_row=ranked_last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(names)
    chart.x_axis.scaling.orientation = "maxMin"  # first place at the top
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = float(ranking.rules.max_total)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chartsheet = workbook.create_chartsheet(SHEET_CHART)
    chartsheet.add_chart(chart)
    workbook.properties.creator = "Thi đua DVCTT"
    if title:
        workbook.properties.title = title
    workbook.save(path)
