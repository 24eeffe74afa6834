"""The commune data package (DATA-FORMAT.md D) with the unit's nominations (F) on their own sheet:
written and read back exactly, older figures-only packages still read, foreign nominations refused.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from test_exchange_helpers import UNITS

from app.exchange.nominations import Nomination, parse_nominations
from app.exchange.package import (
    META_SHEET,
    NOMINATIONS_SHEET,
    PackageError,
    nominations_diff,
    read_package,
    write_package,
)
from app.exchange.tables import read_table
from app.scoring import ProblemList, UnitFigures, UnitKind

TAN_BINH = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, 2000, 2741, 400, 14287, 15238)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nomination(full_name: str, position: str = "Công chức", **fields: object) -> Nomination:
    return Nomination(full_name, position, "31399", "Xã Tân Bình", **fields)  # type: ignore[arg-type]


NOMINATIONS = [
    nomination(
        nfd("Nguyễn Thị Hồng Nhung"),
        nfd("Phó Chủ tịch UBND xã"),
        achievement=nfd("Dẫn đầu về hồ sơ trực tuyến"),
        birth_date=dt.date(1985, 3, 9),
        gender="Nữ",
        achievement_text="Dòng 1\nDòng 2",
        past_awards_text="Giấy khen năm 2022",
    ),
    nomination('=HYPERLINK("http://x","bấm")', "+Cán bộ", achievement="-10% hồ sơ giấy"),
    nomination("@Trần Văn Bé", "Công an viên", gender="Nam", past_awards_text="=1+1"),
]


def write(path: Path, nominations: list[Nomination] | None = None) -> Path:
    write_package(
        path,
        TAN_BINH,
        campaign="Thi đua 2023",
        period_name="Năm 2023",
        nominations=NOMINATIONS if nominations is None else nominations,
    )
    return path


def test_round_trip_keeps_every_field_nfc_and_formula_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write(tmp_path / "goi.xlsx")
    package = read_package(path, expected_unit="31399", units=UNITS)
    assert package.figures == TAN_BINH and package.meta.version == 3
    assert package.nominations is not None
    got = [(n.full_name, n.position, n.unit_code, n.achievement) for n in package.nominations]
    assert got == [
        ("Nguyễn Thị Hồng Nhung", "Phó Chủ tịch UBND xã", "31399", "Dẫn đầu về hồ sơ trực tuyến"),
        ('=HYPERLINK("http://x","bấm")', "+Cán bộ", "31399", "-10% hồ sơ giấy"),
        ("@Trần Văn Bé", "Công an viên", "31399", ""),
    ]
    first, _, third = package.nominations
    assert all(unicodedata.is_normalized("NFC", n.full_name) for n in package.nominations)
    assert (first.birth_date, first.gender) == (dt.date(1985, 3, 9), "Nữ")
    assert (first.achievement_text, first.past_awards_text) == (
        "Dòng 1\nDòng 2",
        "Giấy khen năm 2022",
    )
    assert (third.gender, third.past_awards_text) == ("Nam", "=1+1")

    # in the file: format F headers plus the two free-text columns; formula-looking text is text
    sheet = load_workbook(path)[NOMINATIONS_SHEET]
    header = [c.value for c in sheet[1]]
    assert header == [
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Tóm tắt thành tích",
        "Ngày sinh",
        "Giới tính",
        "Thành tích đạt được",
        "Khen thưởng đã nhận",
    ]
    for cell in (sheet["A3"], sheet["B3"], sheet["D3"], sheet["A4"], sheet["H4"]):
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert sheet["A2"].value == "Nguyễn Thị Hồng Nhung"  # written NFC too


def test_the_sheet_reads_as_a_nominations_file(tmp_path: Path) -> None:
    """The same parser as a nominations file (F) reads the package's sheet."""
    path = write(tmp_path / "goi.xlsx")
    parsed = parse_nominations(read_table(path, sheet=NOMINATIONS_SHEET), UNITS)
    assert len(parsed.nominations) == 3
    assert parsed.nominations[0].full_name == "Nguyễn Thị Hồng Nhung"
    assert not parsed.warnings


def test_no_nominations_is_an_empty_list(tmp_path: Path) -> None:
    package = read_package(write(tmp_path / "goi.xlsx", []))
    assert package.nominations == []


def _edit(path: Path, edit: object) -> Path:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    edit(workbook)  # type: ignore[operator]
    workbook.save(path)
    return path


def _make_version_1(workbook: object) -> None:
    del workbook[NOMINATIONS_SHEET]  # type: ignore[attr-defined]
    info = workbook[META_SHEET]  # type: ignore[index]
    row = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "Phiên bản")
    info.cell(row, 2).value = 1


def test_version_1_package_has_figures_only(tmp_path: Path) -> None:
    path = _edit(write(tmp_path / "cu.xlsx"), _make_version_1)
    package = read_package(path, units=UNITS)
    assert package.meta.version == 1 and package.figures == TAN_BINH
    assert package.nominations is None


def test_without_a_list_the_package_is_figures_only(tmp_path: Path) -> None:
    """No nominations given (not even an empty list): a version 1 package, as before."""
    from openpyxl import load_workbook

    path = tmp_path / "so-lieu.xlsx"
    meta = write_package(path, TAN_BINH, campaign="Thi đua 2023")
    assert meta.version == 1
    assert NOMINATIONS_SHEET not in load_workbook(path).sheetnames
    package = read_package(path)
    assert package.meta == meta and package.nominations is None


def test_version_2_without_the_sheet_refused(tmp_path: Path) -> None:
    path = _edit(write(tmp_path / "sua.xlsx"), lambda w: w.remove(w[NOMINATIONS_SHEET]))
    with pytest.raises(PackageError, match="thiếu trang «Đề nghị khen thưởng»"):
        read_package(path, units=UNITS)


def test_nominations_of_another_unit_refused(tmp_path: Path) -> None:
    def other_unit(workbook: object) -> None:
        workbook[NOMINATIONS_SHEET]["C3"].value = "Thị trấn Cây Dương"  # type: ignore[index]

    path = _edit(write(tmp_path / "khac.xlsx"), other_unit)
    with pytest.raises(PackageError) as caught:
        read_package(path, units=UNITS)
    message = str(caught.value)
    assert "dòng 3" in message and "31396" in message and "31399" in message
    # without the register, the other unit is unknown: refused too
    with pytest.raises(ProblemList):
        read_package(path)
    with pytest.raises(PackageError, match="31396"):
        write_package(
            tmp_path / "x.xlsx",
            TAN_BINH,
            campaign="C",
            nominations=[Nomination("A", "B", "31396", "Thị trấn Cây Dương")],
        )


def test_bad_nomination_cells_refused_with_row(tmp_path: Path) -> None:
    def bad(workbook: object) -> None:
        sheet = workbook[NOMINATIONS_SHEET]  # type: ignore[index]
        sheet["B2"].value = None
        sheet["F4"].value = "Khác"

    path = _edit(write(tmp_path / "sai.xlsx"), bad)
    with pytest.raises(ProblemList) as caught:
        read_package(path, units=UNITS)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "Dòng 2" in text and "Chức vụ" in text and "Dòng 4" in text and "Nam hoặc Nữ" in text


def test_nominations_diff_by_full_name() -> None:
    stored = [nomination("Lê Văn An"), nomination("Trần Thị Bích"), nomination("Lê Thị Hà")]
    package = [
        nomination("  lê  văn AN "),  # same person: case and spacing ignored
        nomination("Lê Thị Hạ"),  # another person: diacritics count
        nomination("Trần Thị Bích", "Chủ tịch"),  # same name, position changed
    ]
    diff = nominations_diff(stored, package)
    assert diff.added == ("Lê Thị Hạ",)
    assert diff.removed == ("Lê Thị Hà",)
    assert diff.unchanged == ("lê  văn AN", "Trần Thị Bích")
    assert diff.edited == ("Trần Thị Bích",)
    assert diff.changed
    assert diff.lines()[0] == "Thêm (1): Lê Thị Hạ"
    same = nominations_diff(stored, stored)
    assert not same.changed and same.unchanged == tuple(n.full_name for n in stored)
    twice = nominations_diff([nomination("A")], [nomination("A"), nomination("A")])
    assert twice.added == ("A",) and twice.unchanged == ("A",)
