"""Blank .xlsx templates the officer sends out and imports back: unit figures (format A) with the
campaign's units pre-filled, police e-ID figures (C) and nominations (F).

Each has Vietnamese headers that the readers recognise, column widths, data validation (whole
numbers ≥ 0, lists), a frozen header, and a "Hướng dẫn" sheet after the data sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.exchange.eid import LABELS as EID_LABELS
from app.exchange.nominations import GENDERS
from app.exchange.nominations import LABELS as NOMINATION_LABELS
from app.exchange.unit_figures import COLUMNS
from app.exchange.xlsx import (
    instructions_sheet,
    list_validation,
    whole_number_validation,
    write_header,
    write_row,
)
from app.scoring.figures import FIELD_LABELS, FIGURE_FIELDS, UnitFigures, UnitKind

TEMPLATE_KINDS = ("unit-figures", "eid", "nominations")
BLANK_ROWS = 200  # rows prepared (validation) below the pre-filled ones
KIND_CHOICES = '"Xã,Thị trấn,Cơ quan"'
SCORED = (UnitKind.XA, UnitKind.THI_TRAN)

_FIGURE_WIDTHS = {"code": 12, "name": 32, "kind": 12}


def _units(units: Iterable[UnitFigures | tuple[str, str, UnitKind]]) -> list[UnitFigures]:
    out: list[UnitFigures] = []
    for unit in units:
        out.append(unit if isinstance(unit, UnitFigures) else UnitFigures(*unit))
    return out


def _save(workbook: Any, path: Path) -> None:
    workbook.properties.creator = "Thi đua DVCTT"
    workbook.save(path)


def unit_figures_sheet(sheet: Any, units: Sequence[UnitFigures], *, with_figures: bool) -> None:
    """Format A on ``sheet``: header row 1, one unit per row (figures filled when asked)."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    headers = [FIELD_LABELS[c.field] for c in COLUMNS]
    write_header(sheet, headers, [_FIGURE_WIDTHS.get(c.field, 18) for c in COLUMNS])
    for row, unit in enumerate(units, start=2):
        values: list[Any] = [unit.code, unit.name, unit.kind.label]
        values += [unit.figure(f) if with_figures else None for f in FIGURE_FIELDS]
        write_row(sheet, row, values)
    last = max(len(units) + 1, 2) + BLANK_ROWS
    first_figure = get_column_letter(4)
    last_figure = get_column_letter(len(COLUMNS))
    whole_number_validation(sheet, f"{first_figure}2:{last_figure}{last}")
    list_validation(
        sheet, f"C2:C{last}", KIND_CHOICES, "Loại đơn vị phải là Xã, Thị trấn hoặc Cơ quan."
    )


def write_unit_figures_template(
    path: Path,
    units: Iterable[UnitFigures | tuple[str, str, UnitKind]],
    *,
    campaign: str = "",
    with_figures: bool = False,
) -> None:
    """Format A with the campaign's units pre-filled (figures blank unless ``with_figures``)."""
    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    unit_figures_sheet(sheet, _units(units), with_figures=with_figures)
    instructions_sheet(
        workbook,
        "Hướng dẫn nhập số liệu đơn vị" + (f" — {campaign}" if campaign else ""),
        [
            "Mỗi dòng là một đơn vị. Nên giữ nguyên tên cột (tên khác vẫn chọn được khi nhập).",
            "Mã đơn vị, Tên đơn vị, Loại đơn vị đã điền sẵn: không sửa mã đơn vị.",
            "Số hồ sơ trực tuyến, Tổng số hồ sơ phát sinh: lấy từ Cổng dịch vụ công của tỉnh. "
            "Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ phát sinh.",
            "Số tài khoản nộp hồ sơ: số tài khoản khác nhau đã nộp hồ sơ trực tuyến; có thể để trống.",
            "Số tài khoản định danh mức 2, Số người dân có CCCD: lấy từ Công an huyện. "
            "Số tài khoản định danh không được lớn hơn số người dân có CCCD.",
            "Chỉ nhập số nguyên không âm, không có phần thập phân (ví dụ 1234 hoặc 1.234).",
            "Dòng cơ quan cấp huyện (Cơ quan) để trống các cột số liệu.",
            "Lưu tệp dạng .xlsx rồi nhập vào chương trình: trang Nhập / Xuất → Số liệu đơn vị….",
            *ACCEPTS,
        ],
    )
    _save(workbook, path)


# What every import accepts (DATA-FORMAT.md G), said on each template's instruction sheet.
ACCEPTS = [
    "Chương trình nhận tệp Excel (.xlsx, cả .xls của Excel 97–2003), LibreOffice (.ods) hoặc .csv "
    "(UTF-8, UTF-16 hoặc Windows-1258); chữ gõ bằng bảng mã cũ TCVN3 (ABC, .VnTime) hoặc VNI được "
    "nhận ra và chuyển sang Unicode.",
    "Dòng tiêu đề phía trên bảng, dòng «Tổng cộng» / «Cộng» / «Toàn huyện» và phần ký tên phía "
    "dưới được bỏ qua (báo cáo nhập liệt kê các dòng bỏ qua).",
    "Chương trình đọc trang tính đang hiện (không đọc trang ẩn); công thức phải được Excel tính "
    "và lưu. Số là số nguyên không âm, nhỏ hơn 1.000.000.000.000.",
    "Khi nhập, chương trình cho xem trước bảng và cột nào chứa gì; có thể chọn lại cột (được ghi "
    "nhớ cho lần nhập sau). Có lỗi thì không nhập gì và liệt kê mọi lỗi.",
]


def write_eid_template(
    path: Path, units: Iterable[UnitFigures | tuple[str, str, UnitKind]], *, campaign: str = ""
) -> None:
    """Police e-ID figures (section C) with the scored units pre-filled."""
    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Định danh"
    headers = [EID_LABELS["code"], EID_LABELS["name"], EID_LABELS["eid"], EID_LABELS["citizens"]]
    write_header(sheet, headers, [12, 32, 20, 20])
    scored = [u for u in _units(units) if u.kind in SCORED]
    for row, unit in enumerate(scored, start=2):
        write_row(sheet, row, [unit.code, unit.name])
    whole_number_validation(sheet, f"C2:D{len(scored) + 1 + BLANK_ROWS}")
    instructions_sheet(
        workbook,
        "Hướng dẫn nhập số liệu định danh điện tử" + (f" — {campaign}" if campaign else ""),
        [
            "Dành cho Công an huyện: mỗi dòng là một xã, thị trấn.",
            "Đơn vị ghi bằng mã hoặc tên (có thể viết không dấu, có hoặc không có chữ «Xã», "
            "«Thị trấn», «TT»).",
            "Số tài khoản định danh mức 2: số tài khoản định danh điện tử mức 2 đã kích hoạt.",
            "Số người dân có CCCD: số người dân có thẻ căn cước công dân gắn chip.",
            "Chỉ nhập số nguyên không âm; số tài khoản định danh không được lớn hơn số người có CCCD.",
            "Bảng báo cáo của Công an cũng nhập được nguyên dạng: cột ghi theo cách của Công an "
            "(«Số CCCD gắn chip đã cấp», «Số TKĐDĐT mức 2 đã kích hoạt»…); khi có cả cột đã thu "
            "nhận, đã cấp và đã kích hoạt, chương trình lấy cột đã kích hoạt.",
            "Nhập: trang Nhập / Xuất → Số liệu định danh (Công an)….",
            *ACCEPTS,
        ],
    )
    _save(workbook, path)


def write_nominations_template(
    path: Path, units: Iterable[UnitFigures | tuple[str, str, UnitKind]], *, campaign: str = ""
) -> None:
    """Nominations (section F), with a list of the campaign's units to choose from."""
    from openpyxl import Workbook  # noqa: PLC0415

    all_units = _units(units)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đề nghị khen thưởng"
    keys = ("full_name", "position", "unit", "achievement", "birth_date", "gender")
    write_header(sheet, [NOMINATION_LABELS[k] for k in keys], [28, 30, 30, 60, 14, 10])
    last = 1 + BLANK_ROWS
    for row in range(2, last + 1):
        sheet.cell(row=row, column=5).number_format = "DD/MM/YYYY"
    listing = workbook.create_sheet("Danh sách đơn vị")
    write_header(listing, ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], [12, 34, 12])
    for row, unit in enumerate(all_units, start=2):
        write_row(listing, row, [unit.code, unit.name, unit.kind.label])
    if all_units:
        list_validation(
            sheet,
            f"C2:C{last}",
            f"'Danh sách đơn vị'!$B$2:$B${len(all_units) + 1}",
            "Chọn đơn vị trong danh sách (trang «Danh sách đơn vị»).",
        )
    genders = ",".join(GENDERS.values())
    list_validation(sheet, f"F2:F{last}", f'"{genders}"', "Giới tính là Nam hoặc Nữ.")
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    dates = DataValidation(
        type="date",
        operator="between",
        formula1="1",
        formula2="73051",  # 31/12/2099
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày không hợp lệ",
        error="Nhập ngày dạng ngày/tháng/năm, ví dụ 15/10/1980.",
    )
    sheet.add_data_validation(dates)
    dates.add(f"E2:E{last}")
    instructions_sheet(
        workbook,
        "Hướng dẫn lập danh sách đề nghị khen thưởng cá nhân"
        + (f" — {campaign}" if campaign else ""),
        [
            "Mỗi dòng là một cá nhân. Họ và tên, Chức vụ, Đơn vị là bắt buộc.",
            "Đơn vị: chọn trong danh sách (tên hoặc mã đơn vị đều được).",
            "Họ và tên tối đa 100 ký tự, Chức vụ tối đa 200 ký tự. Tóm tắt thành tích: ngắn gọn, "
            "tối đa 4000 ký tự.",
            "Ngày sinh (không bắt buộc): ngày/tháng/năm, ví dụ 15/10/1980. Giới tính: Nam hoặc Nữ.",
            "Mỗi xã, thị trấn chỉ được đề nghị tối đa theo chỉ tiêu của hạng giải; các cơ quan cấp "
            "huyện được đề nghị tổng cộng theo chỉ tiêu chung. Vượt chỉ tiêu thì cả tệp bị từ chối.",
            "Nhập: trang Nhập / Xuất → Danh sách đề nghị khen thưởng….",
            *ACCEPTS,
        ],
    )
    _save(workbook, path)


def write_template(
    kind: str,
    path: Path,
    units: Iterable[UnitFigures | tuple[str, str, UnitKind]],
    *,
    campaign: str = "",
) -> None:
    """``export-template KIND OUT``: kind is one of TEMPLATE_KINDS."""
    writers = {
        "unit-figures": write_unit_figures_template,
        "eid": write_eid_template,
        "nominations": write_nominations_template,
    }
    if kind not in writers:
        raise ValueError(f"Không có mẫu «{kind}»; các mẫu: {', '.join(TEMPLATE_KINDS)}")
    writers[kind](path, units, campaign=campaign)
