"""Writing .xlsx with openpyxl: headers, widths, validation, and text that Excel never runs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# A cell whose text starts with one of these is a formula (or DDE) to Excel when typed or pasted.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = "DDEBF7"
NOTE_FILL = "FFF2CC"


def put(cell: Cell, value: Any) -> Cell:
    """Set ``value``; text is always stored as text, and text that looks like a formula gets
    Excel's quote prefix, so neither Excel nor LibreOffice evaluates it (no formula injection)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def write_header(
    sheet: Worksheet, headers: Sequence[str], widths: Sequence[float], row: int = 1
) -> None:
    """Bold wrapped header on a fill, column widths, header frozen, autofilter."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    thin = Side(style="thin", color="999999")
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = put(sheet.cell(row=row, column=index), text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[row].height = 45
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def write_row(sheet: Worksheet, row: int, values: Iterable[Any]) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            put(sheet.cell(row=row, column=column), value)


def whole_number_validation(sheet: Worksheet, cell_range: str) -> None:
    """Only whole numbers ≥ 0 may be typed into ``cell_range`` (blank allowed)."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    validation = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập số nguyên không âm (0, 1, 2, …), không có phần thập phân.",
        promptTitle="Số nguyên ≥ 0",
        prompt="Nhập số nguyên không âm.",
        showInputMessage=True,
    )
    sheet.add_data_validation(validation)
    validation.add(cell_range)


def list_validation(sheet: Worksheet, cell_range: str, source: str, error: str) -> None:
    """Values of ``cell_range`` must come from ``source`` ('"Nam,Nữ"' or a range reference)."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error=error,
    )
    sheet.add_data_validation(validation)
    validation.add(cell_range)


def instructions_sheet(workbook: Any, title: str, lines: Sequence[str]) -> None:
    """A sheet "Hướng dẫn" with a title and one instruction per row."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    sheet = workbook.create_sheet("Hướng dẫn")
    put(sheet.cell(row=1, column=1), title).font = Font(bold=True, size=14)
    for number, line in enumerate(lines, start=3):
        cell = put(sheet.cell(row=number, column=1), line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110
