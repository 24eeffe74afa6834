"""Reading the unit-figures format (DATA-FORMAT.md section A) from .csv and .xlsx."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

from app.exchange.tables import TableError
from app.exchange.unit_figures import parse_whole, read_unit_figures
from app.scoring import ProblemList, UnitKind

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "sample-units-2023.csv"
HEADER = (
    "Mã đơn vị,Tên đơn vị,Loại đơn vị,Số hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
    "Số tài khoản nộp hồ sơ,Số tài khoản định danh mức 2,Số người dân có CCCD"
)


def write(tmp_path: Path, text: str, name: str = "f.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemList) as caught:
        read_unit_figures(path)
    return [str(p) for p in caught.value.problems]


def test_sample_file() -> None:
    data = read_unit_figures(SAMPLE)
    assert len(data.units) == 21
    first = data.units[0]
    assert (first.code, first.name, first.kind) == (
        "31396",
        "Thị trấn Cây Dương",
        UnitKind.THI_TRAN,
    )
    assert (first.online, first.total, first.accounts, first.eid, first.citizens) == (
        2011,
        2011,
        1301,
        12360,
        13273,
    )
    agency = data.units[-1]
    assert agency.kind == UnitKind.CO_QUAN and agency.online is None
    assert data.rows[0] == 2


def test_headers_ignore_case_spaces_diacritics_and_accept_keys(tmp_path: Path) -> None:
    text = (
        "  MA DON VI ,ten don vi,Loai Don Vi,so ho so truc tuyen,TONG SO HO SO PHAT SINH,"
        "so_tai_khoan_nop,Số tài khoản định danh mức 2 (tai_khoan_dinh_danh),dan_co_cccd,Ghi chú\n"
        "1,Xã Một,Xã,700,1.000,,900,1.000\n"
        "2,Thị trấn Hai,Thị trấn,5,5,1,1,1\n"
        "3,Phòng Ba,Cơ quan,,,,,\n"
    )
    data = read_unit_figures(write(tmp_path, text))
    assert [u.kind for u in data.units] == [UnitKind.XA, UnitKind.THI_TRAN, UnitKind.CO_QUAN]
    assert data.units[0].total == 1000 and data.units[0].citizens == 1000
    assert data.units[0].accounts is None
    assert data.warnings == ["Bỏ qua cột không dùng đến: «Ghi chú»"]


def test_bom_semicolons_and_blank_rows(tmp_path: Path) -> None:
    text = "\ufeff" + HEADER.replace(",", ";") + "\n\n1;Xã Một;xa;7;10;;9;10\n;;;;;;;\n"
    data = read_unit_figures(write(tmp_path, text))
    assert len(data.units) == 1 and data.rows == [3]


def test_decomposed_text_is_normalised(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Xã Hòa Mỹ")
    data = read_unit_figures(
        write(tmp_path, f"{HEADER}\n31420,{name},{unicodedata.normalize('NFD', 'Xã')},7,10,,9,10\n")
    )
    assert data.units[0].name == "Xã Hòa Mỹ"
    assert data.units[0].kind == UnitKind.XA


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234", 1234),
        ("1.234.567", 1234567),
        ("12", 12),
        (" 7 ", 7),
        (12.0, 12),
        (0, 0),
        ("", None),
        (None, None),
    ],
)
def test_whole_numbers(raw: object, expected: int | None) -> None:
    assert parse_whole(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["12,5", "abc", "-3", -3, 2.5, "1.5", "1.23", True])
def test_bad_whole_numbers(raw: object) -> None:
    value, error = parse_whole(raw)
    assert value is None and error


def test_every_problem_names_row_unit_field_and_value(tmp_path: Path) -> None:
    text = (
        f"{HEADER}\n"
        "1,Xã Một,Xã,12,10,,5,4\n"  # online > total, eid > citizens
        "2,Xã Hai,Huyện,12,5,,5,4\n"  # bad kind, online > total, eid > citizens
        "3,Xã Ba,Xã,12,50,20,5,10\n"  # accounts > online
        "1,Xã Bốn,Xã,1,5,0,5,10\n"  # duplicate code, zero accounts with dossiers
        "5,Xã Năm,Xã,12,5,,,10\n"  # online > total, missing eid
    )
    problems = problems_of(write(tmp_path, text))
    joined = "\n".join(problems)
    assert "Dòng 2, đơn vị 1 (Xã Một), cột «Số hồ sơ trực tuyến», giá trị «12»" in joined
    assert "Dòng 3, đơn vị 2 (Xã Hai), cột «Loại đơn vị», giá trị «Huyện»" in joined
    assert "Dòng 4, đơn vị 3 (Xã Ba), cột «Số tài khoản nộp hồ sơ»" in joined
    assert "Dòng 5, đơn vị 1 (Xã Bốn), cột «Mã đơn vị»: mã đơn vị bị trùng" in joined
    assert "Dòng 5" in joined and "ít nhất 1 tài khoản" in joined
    assert "Dòng 6, đơn vị 5 (Xã Năm), cột «Số tài khoản định danh mức 2»: thiếu số liệu" in joined


def test_missing_column_is_named(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, "Mã đơn vị,Tên đơn vị,Loại đơn vị\n1,Xã Một,Xã\n"))
    assert any("thiếu cột «Số hồ sơ trực tuyến»" in p for p in problems)
    assert any("thiếu cột «Số người dân có CCCD»" in p for p in problems)
    assert not any("Số tài khoản nộp" in p for p in problems)  # optional column


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="trống"):
        read_unit_figures(write(tmp_path, "\n\n"))
    assert any("không có dòng số liệu" in p for p in problems_of(write(tmp_path, HEADER + "\n")))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1258", "utf-8-sig"])
def test_older_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    """CSV saved by Excel as Unicode text (UTF-16) or by an older Excel (Windows-1258)."""
    from test_exchange_helpers import cp1258_bytes

    text = HEADER + "\n1,Xã Hòa Mỹ,Xã,7,10,,9,10\n"
    path = tmp_path / "legacy.csv"
    path.write_bytes(cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding))
    unit = read_unit_figures(path).units[0]
    assert (unit.name, unit.online, unit.total) == ("Xã Hòa Mỹ", 7, 10)


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"\.csv, Excel \(\.xlsx, \.xls\) hoặc LibreOffice"):
        read_unit_figures(write(tmp_path, "x", name="f.pdf"))
    with pytest.raises(TableError, match=r"f\.ods không phải tệp Excel thật"):
        read_unit_figures(write(tmp_path, "x", name="f.ods"))  # text named .ods


def test_xlsx_with_excel_numbers_and_text_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append([31396, "Thị trấn Cây Dương", "Thị trấn", 2011, "2.011", 1301, 12360, 13273])
    sheet.append([None] * 8)
    sheet.append(["VHTT", "Phòng Văn hóa và Thông tin", "Cơ quan"])
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    data = read_unit_figures(path)
    assert data.units[0].code == "31396"
    assert data.units[0].total == 2011
    assert data.units[1].kind == UnitKind.CO_QUAN
    assert data.rows == [2, 4]


def test_xlsx_errors_name_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["X", "Xã X", "Xã", 12.5, 100, None, 5, 10])
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    (problem,) = problems_of(path)
    assert problem.startswith("Dòng 2, đơn vị X (Xã X), cột «Số hồ sơ trực tuyến», giá trị «12.5»")
