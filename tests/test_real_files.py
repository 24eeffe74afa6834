"""Files as offices really send them (issue 11; DATA-FORMAT.md B, C, F, G): police e-ID sheets in
their own layouts, a figures sheet formatted to the last row, hidden and visible sheets, old
encodings and legacy fonts, absurd numbers, the portal's per-unit statistics report. Each test
imports through the command (exit status, message) and checks what is stored; refusals name the
row and column and leave the database exactly as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from app.services import campaigns, figures
from app.services.setup import open_storage
from tests.test_exchange_helpers import cp1258_bytes, write_csv
from tests.test_imports import dump

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
CAY_DUONG, TAN_BINH, HOA_AN, HOA_MY, KINH_CUNG = "31396", "31399", "31423", "31420", "31393"


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    import main

    capsys.readouterr()
    status = main.main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def stored(db: Path) -> dict[str, tuple[Any, ...]]:
    """code → (online, total, accounts, eid, citizens) of the final period."""
    database = open_storage(db, daily=False)
    try:
        period = campaigns.find_period(database).id
        return {
            u.code: (u.online, u.total, u.accounts, u.eid, u.citizens)
            for u in figures.period_figures(database, period)
        }
    finally:
        database.close()


def sheet(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    title: str = "Báo cáo",
) -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for merge in merges:
        ws.merge_cells(merge)
    workbook.save(path)
    return path


SIGNATURE = [
    [],
    [None, None, None, "Phụng Hiệp, ngày 05 tháng 11 năm 2023"],
    [None, "NGƯỜI LẬP BIỂU", None, "KT. TRƯỞNG CÔNG AN HUYỆN"],
    [None, None, None, "PHÓ TRƯỞNG CÔNG AN HUYỆN"],
    [],
    [None, "Trần Văn Bình", None, "Lê Minh Tâm"],
]


# --- police e-ID sheets ----------------------------------------------------------------------


def police_layout_one(path: Path) -> Path:
    """Title rows in merged cells, the police wording, a numbering row, a total and signatures."""
    return sheet(
        path,
        [
            ["CÔNG AN TỈNH HẬU GIANG"],
            ["CÔNG AN HUYỆN PHỤNG HIỆP"],
            ["BÁO CÁO KẾT QUẢ CẤP CCCD VÀ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ"],
            [],
            ["STT", "Đơn vị", "Số CCCD gắn chip đã cấp", "Số TKĐDĐT mức 2 đã kích hoạt"],
            ["(1)", "(2)", "(3)", "(4)"],
            [1, "TT. Cây Dương", 12000, 9000],
            [2, "UBND xã Tân Bình", 8000, 5000],
            [3, "Xã Hòa An", 7000, 3500],
            [None, "Tổng cộng", 27000, 17500],
            *SIGNATURE,
        ],
        merges=["A1:D1", "A2:D2", "A3:D3"],
    )


def police_layout_two(path: Path) -> Path:
    """Collected, issued and activated accounts side by side: eid is the activated one."""
    return sheet(
        path,
        [
            ["THỐNG KÊ ĐỊNH DANH ĐIỆN TỬ MỨC 2 (tính đến 31/10/2023)"],
            [
                "TT",
                "Xã, thị trấn",
                "Số công dân đủ điều kiện",
                "Số CCCD đã cấp",
                "Số hồ sơ ĐDĐT mức 2 đã thu nhận",
                "Số tài khoản ĐDĐT mức 2 đã cấp",
                "Số tài khoản ĐDĐT mức 2 đã kích hoạt",
            ],
            [1, "Thị trấn Kinh Cùng", 15000, 11000, 9000, 8500, 8000],
            [2, "Xã Hòa Mỹ", 9000, 6000, 4000, 3900, 3000],
            ["", "", 24000, 17000, 13000, 12400, 11000],  # total row without a label
        ],
    )


def police_layout_three(path: Path) -> Path:
    """A CSV with a two-row header: a group cell over issued and activated columns."""
    return write_csv(
        path,
        [
            ["Công an huyện Phụng Hiệp", "", "", "", ""],
            ["Đơn vị", "Người dân có CCCD", "Tài khoản định danh mức 2", "", ""],
            ["", "", "Đã thu nhận", "Đã kích hoạt", "Ghi chú"],
            ["Xã Tân Bình", "8.100", "6.000", "5.100", ""],
            ["Thị trấn Cây Dương", "12.100", "10.000", "9.100", "đợt 2"],
            ["Cộng toàn huyện", "20.200", "16.000", "14.200", ""],
        ],
    )


def police_layout_four(path: Path) -> Path:
    """Units by code, subtotals per group, group heading rows."""
    return sheet(
        path,
        [
            ["Mã đơn vị", "Tên đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"],
            ["I", "Khối thị trấn", None, None],
            [CAY_DUONG, "Thị trấn Cây Dương", 9200, 12200],
            [KINH_CUNG, "Thị trấn Kinh Cùng", 8100, 11100],
            [None, "Cộng khối thị trấn", 17300, 23300],
            ["II", "Khối xã", None, None],
            [HOA_AN, "Xã Hòa An", 3600, 7100],
            [None, None, 3600, 7100],
        ],
    )


def test_police_sheets_in_four_layouts(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        capsys, db_path, "import-eid", str(police_layout_one(tmp_path / "1.xlsx"))
    )
    assert status == 0, err
    got = stored(db_path)
    assert got[CAY_DUONG][3:] == (9000, 12000)
    assert got[TAN_BINH][3:] == (5000, 8000) and got[HOA_AN][3:] == (3500, 7000)
    assert "dòng 10 «Tổng cộng»: dòng tổng cộng" in out
    assert "dòng 6" in out and "dòng đánh số cột" in out
    assert "phần ký tên dưới bảng" in out and "dòng 1 «CÔNG AN TỈNH HẬU GIANG»" in out

    status, out, err = run(
        capsys, db_path, "import-eid", str(police_layout_two(tmp_path / "2.xlsx"))
    )
    assert status == 0, err
    got = stored(db_path)
    assert got[KINH_CUNG][3:] == (8000, 11000) and got[HOA_MY][3:] == (3000, 6000)
    assert "dòng tổng (ô đơn vị trống" in out

    status, out, err = run(
        capsys, db_path, "import-eid", str(police_layout_three(tmp_path / "3.csv"))
    )
    assert status == 0, err
    got = stored(db_path)
    assert got[TAN_BINH][3:] == (5100, 8100) and got[CAY_DUONG][3:] == (9100, 12100)
    assert "«Cộng toàn huyện»: dòng tổng cộng" in out

    status, out, err = run(
        capsys, db_path, "import-eid", str(police_layout_four(tmp_path / "4.xlsx"))
    )
    assert status == 0, err
    got = stored(db_path)
    assert got[CAY_DUONG][3:] == (9200, 12200) and got[KINH_CUNG][3:] == (8100, 11100)
    assert got[HOA_AN][3:] == (3600, 7100)
    assert "Cộng khối thị trấn" in out and "dòng tiêu đề nhóm" in out


def test_ambiguous_police_columns_refused_then_mapped_and_remembered(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(
        tmp_path / "issued.xlsx",
        [
            ["Đơn vị", "Số CCCD đã cấp", "Số TK ĐDĐT mức 2 đã thu nhận", "Số TK ĐDĐT mức 2 đã cấp"],
            ["Xã Tân Bình", 8000, 5200, 5000],
        ],
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 2 and dump(db_path) == before
    assert "Không đoán chắc được cột" in err
    assert "«Số TK ĐDĐT mức 2 đã thu nhận» hoặc «Số TK ĐDĐT mức 2 đã cấp»" in err and "--map" in err
    status, _, err = run(
        capsys, db_path, "import-eid", str(path), "--map", "eid=Số TK ĐDĐT mức 2 đã cấp"
    )
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][3:] == (5000, 8000)
    # remembered for the campaign: the next file of the same layout needs no --map
    again = sheet(
        tmp_path / "again.xlsx",
        [
            ["Đơn vị", "Số CCCD đã cấp", "Số TK ĐDĐT mức 2 đã thu nhận", "Số TK ĐDĐT mức 2 đã cấp"],
            ["Xã Tân Bình", 8100, 5300, 5100],
        ],
    )
    status, _, err = run(capsys, db_path, "import-eid", str(again))
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][3:] == (5100, 8100)
    status, _, err = run(capsys, db_path, "import-eid", str(again), "--map", "nope=X")
    assert status == 2 and "không có khóa «nope»" in err
    status, _, err = run(capsys, db_path, "import-eid", str(again), "--map", "eid=Không có")
    assert status == 2 and "không có cột «Không có»" in err


def test_every_problem_at_once_with_unknown_units(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(
        tmp_path / "bad.xlsx",
        [
            ["BÁO CÁO"],
            ["Đơn vị", "Số CCCD gắn chip đã cấp", "Số TKĐDĐT mức 2 đã kích hoạt"],
            ["Xã Không Có", 10, 5],
            ["Xã Tân Bình", 10**30, 5],
            ["Xã Hòa An", "9" * 5000, "1" * 14],
            ["Xã Hòa Mỹ", 10, "x" * 1_000_000],  # Excel (and openpyxl) keep 32.767 characters
        ],
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 2 and dump(db_path) == before
    assert "Dòng 3, đơn vị Xã Không Có, cột «Đơn vị»: không có đơn vị này" in err
    assert "Dòng 4, đơn vị 31399 (Xã Tân Bình), cột «Số người dân có CCCD»" in err
    assert err.count("số quá lớn") == 3
    assert "Dòng 6, đơn vị 31420 (Xã Hòa Mỹ), cột «Số tài khoản định danh mức 2»" in err
    assert "(32.767 ký tự)" in err and len(err) < 5000


def test_refused_before_any_backup(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "big.csv", [EID_ROWS[0], ["Xã Tân Bình", str(10**12), "5"]])
    backups = db_path.parent / "backups"
    before = sorted(p.name for p in backups.glob("*nhap*")) if backups.exists() else []
    status, _, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 2 and "số quá lớn" in err
    after = sorted(p.name for p in backups.glob("*nhap*")) if backups.exists() else []
    assert after == before


def test_csv_field_over_the_csv_limit_is_a_problem(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "Đơn vị,Số tài khoản định danh mức 2,Số người dân có CCCD\n"
        f"Xã Tân Bình,{'7' * 200_000},10\n"
        f"Xã Hòa An,5,{'x' * 1_000_000}\n",
        encoding="utf-8",
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 2 and dump(db_path) == before
    assert "Dòng 2" in err and "cột «Số tài khoản định danh mức 2»" in err and "số quá lớn" in err
    assert "Dòng 3" in err and "cột «Số người dân có CCCD»" in err and "(1.000.000 ký tự)" in err


# --- sheets as Excel leaves them ---------------------------------------------------------------

FIGURES_HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Số hồ sơ trực tuyến",
    "Tổng số hồ sơ phát sinh",
    "Số tài khoản nộp hồ sơ",
    "Số tài khoản định danh mức 2",
    "Số người dân có CCCD",
]


def test_figures_sheet_formatted_to_the_last_row(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["SỐ LIỆU THI ĐUA NĂM 2023"])
    ws.append(FIGURES_HEADER)
    ws.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 90, 100, 30, 800, 1000])
    ws.append([TAN_BINH, "Xã Tân Bình", "Xã", 40, 50, 10, 400, 500])
    for column in "ABCDEFGH":  # formatted down the whole column, as when a column is selected
        ws[f"{column}1048576"].font = Font(bold=True)
    path = tmp_path / "formatted.xlsx"
    workbook.save(path)
    status, _, err = run(capsys, db_path, "import-figures", str(path))
    assert status == 0, err
    got = stored(db_path)
    assert got[CAY_DUONG] == (90, 100, 30, 800, 1000) and got[TAN_BINH] == (40, 50, 10, 400, 500)


def visible_and_hidden_sheets(path: Path) -> Path:
    """Last year's figures on a hidden first sheet, this period's on the visible, active one."""
    workbook = Workbook()
    hidden = workbook.active
    assert hidden is not None
    hidden.title = "Cũ"
    hidden.append(FIGURES_HEADER)
    hidden.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 1, 2, 1, 1, 2])
    hidden.sheet_state = "hidden"
    shown = workbook.create_sheet("Số liệu")
    shown.append(FIGURES_HEADER)
    shown.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 70, 80, 20, 600, 900])
    workbook.active = 1
    workbook.save(path)
    return path


def data_only_on_a_hidden_sheet(path: Path) -> Path:
    """The figures on a hidden sheet, an empty sheet shown."""
    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = "Dữ liệu"
    data.append(FIGURES_HEADER)
    data.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 1, 2, 1, 1, 2])
    data.sheet_state = "hidden"
    workbook.create_sheet("Trống")["A1"] = None
    workbook.active = 1
    workbook.save(path)
    return path


def check_hidden_sheets(
    capsys: pytest.CaptureFixture[str], db_path: Path, both: Path, only_hidden: Path
) -> None:
    """The visible sheet is read and the hidden one named; data only on a hidden sheet refused."""
    status, out, err = run(capsys, db_path, "import-figures", str(both))
    assert status == 0, err
    assert stored(db_path)[CAY_DUONG] == (70, 80, 20, 600, 900)
    assert "Không đọc trang ẩn «Cũ»" in out
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-figures", str(only_hidden))
    assert status == 2 and dump(db_path) == before
    assert "số liệu chỉ có ở trang ẩn «Dữ liệu»" in err


def test_hidden_and_visible_sheets(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = visible_and_hidden_sheets(tmp_path / "two.xlsx")
    check_hidden_sheets(capsys, db_path, both, data_only_on_a_hidden_sheet(tmp_path / "h.xlsx"))


def test_formulas_without_saved_values_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(
        tmp_path / "formula.xlsx",
        [FIGURES_HEADER, [CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 70, "=D2+10", 20, 600, 900]],
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-figures", str(path))
    assert status == 2 and dump(db_path) == before
    assert "ô E2 có công thức nhưng chưa có giá trị" in err


# --- encodings and legacy fonts ----------------------------------------------------------------

EID_ROWS = [
    ["Đơn vị", "Số TKĐDĐT mức 2 đã kích hoạt", "Số công dân có CCCD"],
    ["Thị trấn Cây Dương", "9.300", "12.300"],
    ["Xã Hòa An", "3.700", "7.200"],
]


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "utf-8-sig"])
def test_eid_csv_in_older_encodings(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    text = "\r\n".join(",".join(row) for row in [[f'"{c}"' for c in r] for r in EID_ROWS]) + "\r\n"
    path = tmp_path / "eid.csv"
    path.write_bytes(cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding))
    status, out, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 0, err
    got = stored(db_path)
    assert got[CAY_DUONG][3:] == (9300, 12300) and got[HOA_AN][3:] == (3700, 7200)
    if encoding != "utf-8-sig":
        assert "Tệp văn bản mã" in out


TCVN3 = {"Thị trấn Cây Dương": "ThÞ trÊn C©y D­¬ng", "Xã Hòa An": "X· Hßa An"}
VNI = {"Thị trấn Cây Dương": "Thò traán Caây Döông", "Xã Hòa An": "Xaõ Hoøa An"}


@pytest.mark.parametrize("font", ["TCVN3", "VNI"])
def test_legacy_font_names_converted(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], font: str
) -> None:
    names = TCVN3 if font == "TCVN3" else VNI
    rows = [EID_ROWS[0], *[[names[r[0]], r[1], r[2]] for r in EID_ROWS[1:]]]
    xlsx = sheet(tmp_path / "legacy.xlsx", rows)
    status, out, err = run(capsys, db_path, "import-eid", str(xlsx))
    assert status == 0, err
    assert stored(db_path)[HOA_AN][3:] == (3700, 7200)
    assert f"bảng mã cũ {font}" in out
    # the same typed into an ANSI CSV (the bytes of the font, read as Latin-1)
    path = tmp_path / "legacy.csv"
    lines = [",".join(f'"{c}"' for c in row) for row in rows]
    text = "\r\n".join(lines).replace("Số TKĐDĐT mức 2 đã kích hoạt", "So TK DDDT muc 2 kich hoat")
    text = text.replace("Số công dân có CCCD", "So nguoi dan co CCCD").replace("Đơn vị", "Don vi")
    path.write_bytes(text.encode("latin-1"))
    status, out, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 0, err
    assert stored(db_path)[CAY_DUONG][3:] == (9300, 12300)


# --- the portal's per-unit statistics report ----------------------------------------------------


def portal_report(path: Path) -> Path:
    return sheet(
        path,
        [
            ["UBND TỈNH HẬU GIANG"],
            ["TÌNH HÌNH TIẾP NHẬN HỒ SƠ TRỰC TUYẾN TRÊN CỔNG DỊCH VỤ CÔNG"],
            ["Từ ngày 01/01/2023 đến ngày 31/10/2023"],
            [],
            [
                "STT",
                "Đơn vị",
                "Tổng số hồ sơ tiếp nhận",
                "Hồ sơ trực tuyến",
                None,
                "Trực tiếp",
                "Bưu chính công ích (BCCI)",
                "Tỷ lệ trực tuyến (%)",
            ],
            [None, None, None, "Toàn trình", "Một phần", None, None, None],
            [1, "UBND xã Tân Bình", 120, 30, 50, 35, 5, "66,7"],
            [2, "UBND Thị trấn Cây Dương", 200, 100, 20, 70, 10, "60"],
            [3, "Phòng Tư pháp huyện", 10, 5, 0, 5, 0, "50"],
            [None, "Tổng cộng", 330, 135, 70, 110, 15, None],
            *SIGNATURE,
        ],
        merges=["A1:H1", "A2:H2", "D5:E5", "A5:A6", "B5:B6", "C5:C6", "F5:F6", "G5:G6", "H5:H6"],
    )


def test_portal_statistics_report(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    eid = write_csv(tmp_path / "e.csv", [EID_ROWS[0], ["Xã Tân Bình", "50", "90"]])
    assert run(capsys, db_path, "import-eid", str(eid))[0] == 0
    status, out, err = run(
        capsys, db_path, "import-portal-stats", str(portal_report(tmp_path / "tk.xlsx"))
    )
    assert status == 0, err
    got = stored(db_path)
    assert got[TAN_BINH] == (80, 115, None, 50, 90)  # online 30+50, total 80+35, postal left out
    assert got[CAY_DUONG][:2] == (120, 190)
    assert "Không tính 15 hồ sơ gửi qua bưu chính công ích" in out
    assert "Phòng Tư pháp huyện" in out and "Tổng cộng" in out
    assert "Trực tuyến toàn trình ← «Hồ sơ trực tuyến Toàn trình»" in out


def test_portal_statistics_with_postal_in_total(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    conn = sqlite3.connect(db_path)
    try:
        (raw,) = conn.execute("SELECT rules_json FROM campaign").fetchone()
        rules = json.loads(raw)
        rules["postal_in_total"] = True
        conn.execute("UPDATE campaign SET rules_json = ?", (json.dumps(rules),))
        conn.commit()
    finally:
        conn.close()
    status, out, err = run(
        capsys, db_path, "import-portal-stats", str(portal_report(tmp_path / "tk.xlsx"))
    )
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][:2] == (80, 120)
    assert "Tính cả 15 hồ sơ bưu chính vào tổng số" in out


def test_portal_statistics_refusals_change_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["Đơn vị", "Trực tuyến toàn trình", "Trực tuyến một phần", "Trực tiếp"],
            ["Xã Tân Bình", "1e30", "2", "3"],
            ["Xã Hòa An", "-4", "2", "abc"],
        ],
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-portal-stats", str(path))
    assert status == 2 and dump(db_path) == before
    assert "Dòng 2" in err and "cột «Trực tuyến toàn trình»" in err and "số quá lớn" in err
    assert "Dòng 3" in err and "cột «Trực tiếp»" in err


def test_unknown_unit_code_reported_with_the_other_problems(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            FIGURES_HEADER,
            ["99999", "Xã Mới", "Xã", "1", "2", "1", "1", "2"],
            [TAN_BINH, "Xã Tân Bình", "Xã", "abc", "2", "1", "1", "2"],
        ],
    )
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-figures", str(path))
    assert status == 2 and dump(db_path) == before
    assert (
        "Dòng 2, đơn vị 99999 (Xã Mới), cột «Mã đơn vị»" in err
        and "không có trong danh sách" in err
    )
    assert "Dòng 3, đơn vị 31399 (Xã Tân Bình), cột «Số hồ sơ trực tuyến»" in err


def test_dossier_export_postal_left_out_and_no_account_column(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp", "Ngày tiếp nhận"]
    rows = [
        ["H1", "Xã Tân Bình", "Trực tuyến toàn trình", "15/10/2023"],
        ["H2", "Xã Tân Bình", "Trực tuyến một phần", "15/10/2023"],
        ["H3", "Xã Tân Bình", "Trực tiếp", "15/10/2023"],
        ["H4", "Xã Tân Bình", "Bưu chính công ích", "15/10/2023"],
        ["H5", "Xã Tân Bình", "BCCI", "16/10/2023"],
    ]
    path = write_csv(tmp_path / "hs.csv", [header, *rows])
    status, out, err = run(capsys, db_path, "import-dossiers", str(path))
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][:3] == (2, 3, None)
    assert "Không tính 2 hồ sơ gửi qua bưu chính công ích vào tổng số hồ sơ" in out
    assert "«BCCI»: 1 dòng — bưu chính công ích" in out
    assert "phân định đồng hạng không dùng được số tài khoản" in out


def test_dossier_export_read_from_the_visible_sheet(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp", "Tài khoản nộp", "Ngày tiếp nhận"]
    workbook = Workbook()
    old = workbook.active
    assert old is not None
    old.title = "Cũ"
    old.append(header)
    old.append(["X1", "Xã Tân Bình", "Trực tiếp", "", "15/10/2023"])
    old.sheet_state = "hidden"
    new = workbook.create_sheet("Hồ sơ")
    new.append(header)
    for i in range(3):
        new.append([f"H{i}", "Xã Tân Bình", "Trực tuyến toàn trình", f"TK{i}", "15/10/2023"])
    workbook.active = 1
    path = tmp_path / "hs.xlsx"
    workbook.save(path)
    status, _, err = run(capsys, db_path, "import-dossiers", str(path))
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][:3] == (3, 3, 3)


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16"])
def test_dossier_export_in_older_encodings(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    lines = [
        "Mã hồ sơ,Cơ quan tiếp nhận,Hình thức nộp,Tài khoản nộp,Ngày tiếp nhận",
        "H1,Xã Tân Bình,Trực tuyến toàn trình,TK1,15/10/2023",
        "H2,Xã Tân Bình,Trực tuyến một phần,TK2,15/10/2023",
        "H3,Xã Tân Bình,Trực tiếp,,15/10/2023",
    ]
    text = "\r\n".join(lines) + "\r\n"
    path = tmp_path / "hs.csv"
    path.write_bytes(cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding))
    status, _, err = run(capsys, db_path, "import-dossiers", str(path))
    assert status == 0, err
    assert stored(db_path)[TAN_BINH][:3] == (2, 3, 2)
