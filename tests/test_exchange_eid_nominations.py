"""Police e-ID figures (DATA-FORMAT.md C) and nominations (F): good files and every kind of bad one."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from test_exchange_helpers import UNITS, write_csv, write_xlsx, write_zip_bomb

from app.exchange.eid import read_eid
from app.exchange.nominations import (
    Nomination,
    count_by_unit,
    quota_problems,
    read_nominations,
)
from app.exchange.tables import TableError
from app.exchange.units import UnitMatcher
from app.resources import default_rules
from app.scoring import ProblemList, UnitFigures, UnitKind, quota_report, rank_units

EID_HEADER = ["Đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"]


def problems_of(call) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ProblemList) as error:
        call()
    return [str(p) for p in error.value.problems]


def test_unit_matcher_ignores_diacritics_case_and_prefixes() -> None:
    matcher = UnitMatcher(UNITS)
    assert matcher("31399") == "31399"
    assert matcher(31399.0) == "31399"
    assert matcher("tan binh") == "31399"
    assert matcher("XÃ TÂN BÌNH") == "31399"
    assert matcher("TT Cây Dương") == "31396"
    assert matcher("TT. Kinh Cùng") == "31393"
    assert matcher("Thị trấn Cây Dương") == "31396"
    assert matcher("UBND xã Hòa An") == "31423"
    assert matcher(unicodedata.normalize("NFD", "Hòa Mỹ")) == "31420"
    assert matcher("phòng nội vụ") == "NV"
    assert matcher("Xã Hòa") is None
    unknown = matcher.match("Xã Hoà Ann")
    assert unknown.code is None and "gần giống: Xã Hòa An (31423)" in unknown.message
    twins = UnitMatcher([("1", "Xã Long Thạnh"), ("2", "Thị trấn Long Thạnh")])
    assert twins("Xã Long Thạnh") == "1"
    ambiguous = twins.match("Long Thạnh")
    assert ambiguous.code is None and "trùng với nhiều đơn vị" in ambiguous.message


def test_eid_good_file_by_name_and_code(tmp_path: Path) -> None:
    rows = [
        [*EID_HEADER, "Ghi chú"],
        ["Tân Bình", "1.234", 2000, ""],
        [unicodedata.normalize("NFD", "TT Cây Dương"), 10, 10, "x"],
        ["31423", 0, 0, ""],
        [],
    ]
    for path in (write_csv(tmp_path / "eid.csv", rows), write_xlsx(tmp_path / "eid.xlsx", rows)):
        result = read_eid(path, UNITS)
        assert [(r.code, r.name, r.eid, r.citizens, r.row) for r in result.records] == [
            ("31399", "Xã Tân Bình", 1234, 2000, 2),
            ("31396", "Thị trấn Cây Dương", 10, 10, 3),
            ("31423", "Xã Hòa An", 0, 0, 4),
        ]
        assert result.warnings == ["Bỏ qua cột không dùng đến: «Ghi chú»"]
        figures = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, online=1, total=2)
        assert result.by_code()["31399"].apply_to(figures).eid == 1234


def test_eid_code_and_name_columns(tmp_path: Path) -> None:
    rows = [["Mã đơn vị", "Tên đơn vị", "tai_khoan_dinh_danh", "dan_co_cccd"], ["", "Hòa Mỹ", 1, 2]]
    assert read_eid(write_csv(tmp_path / "e.csv", rows), UNITS).records[0].code == "31420"


def test_eid_every_problem_reported(tmp_path: Path) -> None:
    rows = [
        EID_HEADER,
        ["Xã Tân Bìnhh", 1, 2],  # unknown: closest names listed
        ["Hòa An", "abc", 5],  # text in a number
        ["Hòa Mỹ", 9, 5],  # a > b
        ["Cây Dương", "-3", "12,5"],  # negative, fraction
        ["Hòa An", 1, 2],  # second row for one unit (first one had an error)
        ["Kinh Cùng", 1, 2],
        ["31393", 1, 2],  # duplicate of the row above
        ['=HYPERLINK("x")', 1, 2],  # formula-looking name: just an unknown name
        ["", 1, ""],  # no unit, missing figure
    ]
    problems = problems_of(lambda: read_eid(write_csv(tmp_path / "bad.csv", rows), UNITS))
    text = "\n".join(problems)
    assert (
        "Dòng 2, đơn vị Xã Tân Bìnhh, cột «Đơn vị»: không có đơn vị này trong đợt thi đua" in text
    )
    assert "gần giống: Xã Tân Bình (31399)" in text
    assert (
        "Dòng 3, đơn vị 31423 (Xã Hòa An), cột «Số tài khoản định danh mức 2», giá trị «abc»: phải là số nguyên không âm"
        in text
    )
    assert "Dòng 4" in text and "lớn hơn số người dân có CCCD (5)" in text
    assert "Dòng 5" in text and "không được âm" in text and "«12,5»" in text
    assert "Dòng 8" in text and "hai dòng số liệu (đã có ở dòng 7)" in text
    assert "Dòng 9" in text and "=HYPERLINK" in text
    assert "Dòng 10" in text and "thiếu đơn vị" in text and "thiếu số liệu" in text
    assert not any(p.startswith(("Dòng 6", "Dòng 7")) for p in problems)


def test_eid_wrong_headers_and_empty_files(tmp_path: Path) -> None:
    wrong = write_csv(tmp_path / "w.csv", [["Khu vực", "Định danh", "Ghi chú"], ["Tân Bình", 1, 2]])
    problems = problems_of(lambda: read_eid(wrong, UNITS))
    assert any("thiếu cột đơn vị" in p for p in problems)
    assert any("thiếu cột «Số người dân có CCCD» (dan_co_cccd)" in p for p in problems)
    header_only = write_csv(tmp_path / "h.csv", [EID_HEADER])
    assert any(
        "không có dòng số liệu" in p for p in problems_of(lambda: read_eid(header_only, UNITS))
    )
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(TableError, match="trống"):
        read_eid(empty, UNITS)
    with pytest.raises(TableError, match="zip bomb"):
        read_eid(write_zip_bomb(tmp_path / "b.xlsx"), UNITS)


NOMINATION_HEADER = [
    "Họ và tên",
    "Chức vụ",
    "Đơn vị",
    "Tóm tắt thành tích",
    "Ngày sinh",
    "Giới tính",
]


def test_nominations_good_file(tmp_path: Path) -> None:
    rows = [
        NOMINATION_HEADER,
        [
            "Nguyễn Văn An",
            "Công chức Văn phòng - Thống kê",
            "Xã Tân Bình",
            "Hướng dẫn 300 hồ sơ",
            "15/10/1980",
            "Nam",
        ],
        [
            unicodedata.normalize("NFD", "Trần Thị Bé"),
            "Chủ tịch",
            "TT Cây Dương",
            "",
            dt.datetime(1975, 1, 2),
            "nữ",
        ],
        ["Lê Văn Cường", "Chuyên viên", "NV", "", None, None],
        ["=cmd|' /C calc'!A0", "+Chuyên viên", "VHTT", "@SUM(1)", "", ""],
    ]
    for path in (write_csv(tmp_path / "n.csv", rows), write_xlsx(tmp_path / "n.xlsx", rows)):
        result = read_nominations(path, UNITS)
        first, second, third, fourth = result.nominations
        assert first == Nomination(
            "Nguyễn Văn An",
            "Công chức Văn phòng - Thống kê",
            "31399",
            "Xã Tân Bình",
            "Hướng dẫn 300 hồ sơ",
            dt.date(1980, 10, 15),
            "Nam",
            2,
        )
        assert second.full_name == "Trần Thị Bé" and second.gender == "Nữ"
        assert second.unit_code == "31396" and second.birth_date == dt.date(1975, 1, 2)
        assert (third.unit_code, third.birth_date, third.gender) == ("NV", None, None)
        assert fourth.full_name == "=cmd|' /C calc'!A0" and fourth.achievement == "@SUM(1)"
        assert result.count_by_unit() == {"31399": 1, "31396": 1, "NV": 1, "VHTT": 1}


def test_nominations_every_problem_reported(tmp_path: Path) -> None:
    rows = [
        NOMINATION_HEADER,
        ["", "Chủ tịch", "Tân Bình", "", "", ""],
        ["Nguyễn A", "", "Xã Không Có", "", "31/02/1980", "Khác"],
        ["Nguyễn B", "Chủ tịch", "Hòa An", "", "01/01/2990", ""],
        ["Nguyễn C", "Chủ tịch", "Hòa An", "x" * 5000, "", ""],
    ]
    problems = problems_of(lambda: read_nominations(write_csv(tmp_path / "n.csv", rows), UNITS))
    text = "\n".join(problems)
    assert "Dòng 2, cột «Họ và tên»: bắt buộc, không được để trống" in text
    assert "Dòng 3, cột «Chức vụ»: bắt buộc" in text
    assert "Dòng 3, cột «Đơn vị», giá trị «Xã Không Có»: không có đơn vị này" in text
    assert "Dòng 3, cột «Ngày sinh», giá trị «31/02/1980»: phải là ngày" in text
    assert "Dòng 3, cột «Giới tính», giá trị «Khác»: phải là Nam hoặc Nữ" in text
    assert "Dòng 4, cột «Ngày sinh», giá trị «01/01/2990»: ngày sinh không hợp lý" in text
    assert "Dòng 5, cột «Tóm tắt thành tích»" in text and "dài quá 4000 ký tự" in text


def test_nominations_wrong_header_and_duplicates(tmp_path: Path) -> None:
    wrong = write_csv(tmp_path / "w.csv", [["Tên", "Đơn vị"], ["A", "Hòa An"]])
    problems = problems_of(lambda: read_nominations(wrong, UNITS))
    assert any("thiếu cột «Họ và tên» (ho_ten)" in p for p in problems)
    assert any("thiếu cột «Chức vụ» (chuc_vu)" in p for p in problems)
    rows = [
        ["ho_ten", "chuc_vu", "ma_don_vi"],
        ["Võ Văn D", "CC", "31423"],
        ["Võ văn D", "CC", "Hòa An"],
    ]
    result = read_nominations(write_csv(tmp_path / "d.csv", rows), UNITS)
    assert len(result.nominations) == 2
    assert result.warnings == [
        "Dòng 3: Võ văn D (Xã Hòa An) đã có ở dòng 2 — kiểm tra có phải đề nghị trùng không."
    ]


def test_quota_problems_name_unit_quota_and_count() -> None:
    units = [
        UnitFigures(
            code, name, UnitKind.XA, online=100 - i, total=100, accounts=10, eid=9, citizens=10
        )
        for i, (code, name) in enumerate(UNITS[:6])
    ] + [UnitFigures(c, n, UnitKind.CO_QUAN) for c, n in UNITS[6:]]
    ranking = rank_units(units, default_rules())
    nominations = [Nomination(f"P{i}", "CV", "31396", "Thị trấn Cây Dương") for i in range(6)]
    nominations += [
        Nomination(f"Q{i}", "CV", "VHTT", "Phòng Văn hóa và Thông tin") for i in range(5)
    ]
    report = quota_report(ranking, count_by_unit(nominations))
    text = [str(p) for p in quota_problems(report)]
    assert text == [
        "Đơn vị 31396 (Thị trấn Cây Dương): vượt chỉ tiêu khen thưởng cá nhân: được 5, đề nghị 6",
        "các cơ quan cấp huyện chỉ được đề nghị tổng cộng 4 cá nhân, đã đề nghị 5",
    ]
    assert quota_problems(quota_report(ranking, {"31396": 5})) == []


def test_nominations_bad_files(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="zip bomb"):
        read_nominations(write_zip_bomb(tmp_path / "b.xlsx"), UNITS)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(TableError, match="trống"):
        read_nominations(empty, UNITS)
    header_only = write_xlsx(tmp_path / "h.xlsx", [NOMINATION_HEADER])
    with pytest.raises(ProblemList, match="không có dòng đề nghị nào"):
        read_nominations(header_only, UNITS)


SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.mark.skipif(
    not (SHARED / "data" / "sample-nominations-2023.csv").exists(), reason="no shared sample data"
)
def test_sample_nominations_fit_the_sample_units_exactly() -> None:
    from app.exchange.unit_figures import read_unit_figures

    units = read_unit_figures(SHARED / "spec" / "golden" / "sample-units-2023.csv").units
    register = [(u.code, u.name) for u in units]
    result = read_nominations(SHARED / "data" / "sample-nominations-2023.csv", register)
    ranking = rank_units(units, default_rules())
    report = quota_report(ranking, result.count_by_unit())
    assert quota_problems(report) == []
    assert all(u.nominated == u.quota for u in report.units)
    assert report.agency_nominated == report.agency_quota


@pytest.mark.skipif(
    not (SHARED / "data" / "don-vi-phung-hiep.csv").exists(), reason="no shared unit list"
)
def test_every_real_unit_name_matches_in_every_spelling() -> None:
    from app.exchange.tables import read_table
    from app.exchange.text import fold
    from app.exchange.units import name_key

    table = read_table(SHARED / "data" / "don-vi-phung-hiep.csv")
    register = [(str(cells[0]), str(cells[1])) for _row, cells in table.rows]
    matcher = UnitMatcher(register)
    for code, name in register:
        for spelling in (code, name, name.upper(), fold(name), unicodedata.normalize("NFD", name)):
            assert matcher(spelling) == code, spelling
        if name.startswith(("Xã ", "Thị trấn ")):
            short = name.split(" ", 2 if name.startswith("Thị") else 1)[-1]
            assert name_key(name) == fold(short)
            assert matcher(short) == code and matcher(f"UBND {name}") == code
            assert matcher(f"TT {short}" if name.startswith("Thị") else f"xa {fold(short)}") == code
