"""Every .xlsx the program writes, reopened with openpyxl: templates (and their import back),
commune packages, and the score table (values, formats, totals, explanations, chart, no formulas)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from test_exchange_helpers import write_zip_bomb

from app.exchange.eid import read_eid
from app.exchange.nominations import read_nominations
from app.exchange.package import (
    META_SHEET,
    PackageError,
    figures_diff,
    read_package,
    write_package,
)
from app.exchange.score_table import SHEET_CHART, SHEET_EXPLAIN, SHEET_TABLE, write_score_table
from app.exchange.tables import TableError
from app.exchange.templates import (
    write_nominations_template,
    write_template,
    write_unit_figures_template,
)
from app.exchange.unit_figures import read_unit_figures
from app.resources import default_rules
from app.scoring import ProblemList, UnitFigures, UnitKind, explain, rank_units

GOLDEN = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "golden"
UNITS = [
    UnitFigures("31396", "Thị trấn Cây Dương", UnitKind.THI_TRAN),
    UnitFigures("31399", "Xã Tân Bình", UnitKind.XA),
    UnitFigures("31423", "Xã Hòa An", UnitKind.XA),
    UnitFigures("VHTT", "Phòng Văn hóa và Thông tin", UnitKind.CO_QUAN),
]


def sheet_values(path: Path, sheet: str | int = 0) -> list[list[object]]:
    workbook = openpyxl.load_workbook(path)
    worksheet = workbook[sheet] if isinstance(sheet, str) else workbook.worksheets[sheet]
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def validations(path: Path, sheet: int = 0) -> list[tuple[str, str, str]]:
    worksheet = openpyxl.load_workbook(path).worksheets[sheet]
    return [
        (v.type or "", str(v.sqref), v.formula1 or "")
        for v in worksheet.data_validations.dataValidation
    ]


def convert_to_pdf(path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return
    out = path.parent / "pdf"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (out / (path.stem + ".pdf")).stat().st_size > 0


def test_unit_figures_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mau-so-lieu.xlsx"
    write_unit_figures_template(path, UNITS, campaign="Phụng Hiệp 2023")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Số liệu", "Hướng dẫn"]
    sheet = workbook["Số liệu"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 32
    rows = sheet_values(path)
    assert rows[0] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại đơn vị",
        "Số hồ sơ trực tuyến",
        "Tổng số hồ sơ phát sinh",
        "Số tài khoản nộp hồ sơ",
        "Số tài khoản định danh mức 2",
        "Số người dân có CCCD",
    ]
    assert rows[1][:4] == ["31396", "Thị trấn Cây Dương", "Thị trấn", None]
    assert ("whole", "D2:H205", "0") in validations(path)
    assert "Hướng dẫn nhập số liệu đơn vị — Phụng Hiệp 2023" in workbook["Hướng dẫn"]["A1"].value
    # blank figures are refused on import, as they must be …
    with pytest.raises(ProblemList, match="thiếu số liệu"):
        read_unit_figures(path)
    # … and once filled in Excel the file imports back
    for row, figures in zip(
        range(2, 5), [(7, 10, 3, 9, 10), (8, 8, None, 1, 2), (1, 2, 1, 3, 4)], strict=True
    ):
        for column, value in enumerate(figures, start=4):
            sheet.cell(row=row, column=column).value = value
    workbook.save(path)
    units = read_unit_figures(path).units
    assert units[0] == UnitFigures(
        "31396", "Thị trấn Cây Dương", UnitKind.THI_TRAN, 7, 10, 3, 9, 10
    )
    assert units[3] == UnitFigures("VHTT", "Phòng Văn hóa và Thông tin", UnitKind.CO_QUAN)
    convert_to_pdf(path)


def test_eid_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mau-dinh-danh.xlsx"
    write_template("eid", path, UNITS)
    rows = sheet_values(path)
    assert rows[0] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Số tài khoản định danh mức 2",
        "Số người dân có CCCD",
    ]
    assert [r[0] for r in rows[1:]] == ["31396", "31399", "31423"]  # district agencies left out
    assert ("whole", "C2:D204", "0") in validations(path)
    workbook = openpyxl.load_workbook(path)
    for row in range(2, 5):
        workbook.active.cell(row=row, column=3).value = row
        workbook.active.cell(row=row, column=4).value = 10 * row
    workbook.save(path)
    records = read_eid(path, [(u.code, u.name) for u in UNITS]).records
    assert [(r.code, r.eid, r.citizens) for r in records] == [
        ("31396", 2, 20),
        ("31399", 3, 30),
        ("31423", 4, 40),
    ]
    with pytest.raises(ValueError, match="Không có mẫu «khac»"):
        write_template("khac", path, UNITS)


def test_nominations_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "mau-de-nghi.xlsx"
    write_nominations_template(path, UNITS)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Đề nghị khen thưởng", "Danh sách đơn vị", "Hướng dẫn"]
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == [
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Tóm tắt thành tích",
        "Ngày sinh",
        "Giới tính",
    ]
    assert ("list", "C2:C201", "'Danh sách đơn vị'!$B$2:$B$5") in validations(path)
    assert ("list", "F2:F201", '"Nam,Nữ"') in validations(path)
    assert ("date", "E2:E201", "1") in validations(path)
    sheet.append(
        ["Nguyễn Văn An", "Chủ tịch", "Xã Tân Bình", "=tốt", dt.datetime(1980, 10, 15), "Nam"]
    )
    sheet["D202"].data_type = "s"
    workbook.save(path)
    nominations = read_nominations(path, [(u.code, u.name) for u in UNITS]).nominations
    assert [(n.full_name, n.unit_code, n.achievement, n.birth_date) for n in nominations] == [
        ("Nguyễn Văn An", "31399", "=tốt", dt.date(1980, 10, 15))
    ]


def test_package_round_trip_and_refusals(tmp_path: Path) -> None:
    figures = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, 1677, 2741, 355, 14287, 15238)
    path = tmp_path / "goi-31399.xlsx"
    when = dt.datetime(2023, 12, 20, 9, 30, 15)
    period = (dt.date(2023, 9, 1), dt.date(2023, 12, 31))
    meta = write_package(
        path,
        figures,
        campaign="Phụng Hiệp 2023",
        period_name="Tổng kết",
        period=period,
        exported_at=when,
    )
    assert openpyxl.load_workbook(path).sheetnames == ["Số liệu", META_SHEET, "Hướng dẫn"]
    assert sheet_values(path)[1] == ["31399", "Xã Tân Bình", "Xã", 1677, 2741, 355, 14287, 15238]
    info = {r[0]: r[1] for r in sheet_values(path, META_SHEET)[1:] if r[0]}
    assert info["Mã đơn vị"] == "31399" and info["Thời điểm xuất"] == "20/12/2023 09:30:15"
    package = read_package(path, expected_unit="31399")
    assert package.figures == figures
    assert package.meta == meta
    assert package.meta.start == period[0] and package.meta.period_name == "Tổng kết"
    with pytest.raises(
        PackageError, match="của đơn vị 31399 \\(Xã Tân Bình\\), không phải của đơn vị 31423"
    ):
        read_package(path, expected_unit="31423")
    # the campaign and period are checked by the service against the database (by stable id)
    # a package edited to carry another unit's figures is refused
    workbook = openpyxl.load_workbook(path)
    workbook["Số liệu"]["A2"] = "31423"
    workbook.save(path)
    with pytest.raises(PackageError, match="trang số liệu ghi đơn vị 31423"):
        read_package(path)
    # invalid figures: every problem, nothing returned
    workbook["Số liệu"]["A2"] = "31399"
    workbook["Số liệu"]["D2"] = 9999
    workbook.save(path)
    with pytest.raises(ProblemList, match="lớn hơn tổng số hồ sơ"):
        read_package(path)
    # not a package
    template = tmp_path / "mau.xlsx"
    write_unit_figures_template(template, UNITS)
    with pytest.raises(PackageError, match="không phải gói số liệu"):
        read_package(template)
    with pytest.raises(TableError, match="zip bomb"):
        read_package(write_zip_bomb(tmp_path / "bomb.xlsx"))


def test_figures_diff() -> None:
    old = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, 10, 20, None, 5, 9)
    new = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, 12, 20, 4, 5, 9)
    assert [str(c) for c in figures_diff(old, new)] == [
        "Số hồ sơ trực tuyến: 10 → 12",
        "Số tài khoản nộp hồ sơ: (trống) → 4",
    ]
    assert len(figures_diff(None, new)) == 5
    assert figures_diff(new, new) == []


def ranking_with_tricky_names():  # type: ignore[no-untyped-def]
    units = list(read_unit_figures(GOLDEN / "sample-units-2023.csv").units)
    units[1] = UnitFigures(
        "31393", '=HYPERLINK("http://x","y")', UnitKind.THI_TRAN, 987, 1429, 234, 8655, 9029
    )
    units[2] = UnitFigures("+31433", "@Búng Tàu", UnitKind.THI_TRAN, 1282, 1518, 348, 7040, 10455)
    units[3] = UnitFigures("31399", "-Tân Bình", UnitKind.XA, 1677, 2741, 355, 14287, 15238)
    return rank_units(units, default_rules())


def test_score_table(tmp_path: Path) -> None:
    ranking = ranking_with_tricky_names()
    path = tmp_path / "bang-diem.xlsx"
    write_score_table(path, ranking, title="Bảng điểm thi đua DVCTT 2023")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [SHEET_TABLE, SHEET_EXPLAIN, SHEET_CHART]
    sheet = workbook[SHEET_TABLE]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == [
        "Hạng",
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại đơn vị",
        "Số hồ sơ trực tuyến",
        "Tổng số hồ sơ phát sinh",
        "Tỷ lệ hồ sơ trực tuyến",
        "Điểm hồ sơ trực tuyến",
        "Số tài khoản định danh mức 2",
        "Số người dân có CCCD",
        "Tỷ lệ định danh mức 2",
        "Điểm định danh mức 2",
        "Số tài khoản nộp hồ sơ",
        "Hồ sơ trực tuyến / tài khoản",
        "Tổng điểm",
        "Giải",
        "Tiền thưởng (đồng)",
        "Điểm thưởng thi đua",
        "Chỉ tiêu khen cá nhân",
        "Ghi chú",
    ]
    col = {h: i for i, h in enumerate(header)}
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    body, totals = rows[:-1], rows[-1]
    assert len(body) == 15
    ordered = ranking.ordered
    for values, result in zip(body, ordered, strict=True):
        assert values[col["Mã đơn vị"]] == result.unit.code
        assert values[col["Hạng"]] == result.rank
        assert Decimal(str(values[col["Tổng điểm"]])) == result.total
        assert values[col["Tiền thưởng (đồng)"]] == result.prize_vnd
        assert values[col["Chỉ tiêu khen cá nhân"]] == result.individual_quota
    first = body[0]
    assert first[col["Mã đơn vị"]] == "31396" and first[col["Giải"]] == "Nhất"
    assert first[col["Tỷ lệ hồ sơ trực tuyến"]] == 1.0
    assert first[col["Hồ sơ trực tuyến / tài khoản"]] == pytest.approx(2011 / 1301)
    below = next(r for r in body if r[col["Mã đơn vị"]] == "31393")
    assert "Dưới ngưỡng 70%" in below[col["Ghi chú"]]
    assert totals[2] == "Tổng cộng"
    assert totals[col["Tiền thưởng (đồng)"]] == 15_000_000
    assert totals[col["Số hồ sơ trực tuyến"]] == sum(r.unit.online or 0 for r in ordered)
    assert totals[col["Tỷ lệ hồ sơ trực tuyến"]] == pytest.approx(
        sum(r.unit.online or 0 for r in ordered) / sum(r.unit.total or 0 for r in ordered)
    )
    assert sheet.cell(row=2, column=col["Tỷ lệ hồ sơ trực tuyến"] + 1).number_format == "0.00%"
    assert sheet.cell(row=2, column=col["Tổng điểm"] + 1).number_format == "0.00"
    assert sheet.cell(row=2, column=col["Tiền thưởng (đồng)"] + 1).number_format == "#,##0"
    # formula-looking text stays text: stored as a string with Excel's quote prefix, no <f> element
    names = {r[col["Mã đơn vị"]]: r[col["Tên đơn vị"]] for r in body}
    assert names["31393"] == '=HYPERLINK("http://x","y")'
    assert names["+31433"] == "@Búng Tàu" and names["31399"] == "-Tân Bình"
    for cell in sheet["C"][1:16]:
        assert cell.data_type == "s"
        if str(cell.value)[0] in "=+-@":
            assert cell.quotePrefix
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in xml
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "barChart" in chart and "'Bảng điểm'!$O$2:$O$16" in chart
    explanations = [list(r) for r in workbook[SHEET_EXPLAIN].iter_rows(min_row=2, values_only=True)]
    assert len(explanations) == len(ranking.results)
    first_text = explanations[0][3]
    assert first_text == "\n".join(explain(ranking.result("31396"), ranking))
    assert any("không chấm điểm" in str(r[3]) for r in explanations)
    convert_to_pdf(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_export(tmp_path: Path) -> None:
    path = tmp_path / "bang-diem.xlsx"
    write_score_table(path, ranking_with_tricky_names())
    convert_to_pdf(path)
    write_package(
        tmp_path / "goi.xlsx", UnitFigures("1", "Xã Một", UnitKind.XA, 1, 2, 1, 3, 4), campaign="X"
    )
    convert_to_pdf(tmp_path / "goi.xlsx")
