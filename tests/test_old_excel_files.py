"""Excel 97–2003 (.xls) and LibreOffice (.ods) files as offices still save them: the police sheet
and the figures saved by an office suite in those formats (LibreOffice converts the .xlsx, as a
clerk's "Save as" does) import as the .xlsx does; the visible sheet is read, data only on a hidden
sheet is refused; a portal export saved as .xls counts the same dossiers; a web page named .xls,
a password-protected workbook, or anything else that is not a workbook, is refused by name with
nothing changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.exchange.dossiers import preview
from tests.test_imports import dump
from tests.test_real_files import (
    CAY_DUONG,
    FIGURES_HEADER,
    HOA_AN,
    TAN_BINH,
    police_layout_one,
    run,
    stored,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.usefixtures("restore_thidua_logging"),
    pytest.mark.skipif(
        SOFFICE is None and sys.platform == "win32",
        reason="LibreOffice is not installed on this Windows machine (CI installs it on Linux)",
    ),
]
FILTERS = {"xls": "xls:MS Excel 97", "ods": "ods"}


def save_as(source: Path, kind: str) -> Path:
    """``source`` saved by LibreOffice as .xls or .ods (beside it)."""
    assert SOFFICE is not None, "LibreOffice (soffice) is needed: scripts/dev.py installs it"
    folder = source.parent
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", FILTERS[kind], "--outdir", str(folder / kind), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    converted = folder / kind / f"{source.stem}.{kind}"
    assert converted.exists(), done.stdout + done.stderr
    return converted


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_police_sheet_saved_in_older_formats(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = save_as(police_layout_one(tmp_path / "cong-an.xlsx"), kind)
    status, out, err = run(capsys, db_path, "import-eid", str(path))
    assert status == 0, err
    got = stored(db_path)
    assert got[CAY_DUONG][3:] == (9000, 12000)
    assert got[TAN_BINH][3:] == (5000, 8000) and got[HOA_AN][3:] == (3500, 7000)
    assert "dòng 10 «Tổng cộng»: dòng tổng cộng" in out


def test_hidden_sheets_of_an_xls(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = Workbook()
    old = workbook.active
    assert old is not None
    old.title = "Cũ"
    old.append(FIGURES_HEADER)
    old.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 1, 2, 1, 1, 2])
    old.sheet_state = "hidden"
    shown = workbook.create_sheet("Số liệu")
    shown.append(FIGURES_HEADER)
    shown.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 70, 80, 20, 600, 900])
    workbook.active = 1
    workbook.save(tmp_path / "hai-trang.xlsx")
    status, out, err = run(
        capsys, db_path, "import-figures", str(save_as(tmp_path / "hai-trang.xlsx", "xls"))
    )
    assert status == 0, err
    assert stored(db_path)[CAY_DUONG] == (70, 80, 20, 600, 900)
    assert "Không đọc trang ẩn «Cũ»" in out

    only_hidden = Workbook()
    data = only_hidden.active
    assert data is not None
    data.title = "Dữ liệu"
    data.append(FIGURES_HEADER)
    data.append([CAY_DUONG, "Thị trấn Cây Dương", "Thị trấn", 1, 2, 1, 1, 2])
    data.sheet_state = "hidden"
    only_hidden.create_sheet("Trống")["A1"] = None
    only_hidden.active = 1
    only_hidden.save(tmp_path / "an.xlsx")
    path = save_as(tmp_path / "an.xlsx", "xls")
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-figures", str(path))
    assert status == 2 and dump(db_path) == before
    assert "số liệu chỉ có ở trang ẩn «Dữ liệu»" in err


def test_portal_export_saved_as_xls_counts_the_same(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN"])
    ws.append(["STT", "Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp", "Tài khoản nộp",
               "Ngày tiếp nhận"])  # fmt: skip
    for i in range(40):
        unit = ["UBND Thị trấn Cây Dương", "Xã Tân Bình"][i % 2]
        channel = "Trực tiếp" if i % 4 == 0 else "Trực tuyến toàn trình"
        ws.append([i + 1, f"H{i:06d}", unit, channel, f"0{i % 7}", "15/10/2023"])
    workbook.save(tmp_path / "ho-so.xlsx")
    path = save_as(tmp_path / "ho-so.xlsx", "xls")
    header, rows = preview(path, 5)  # what the mapping dialog shows: below the title row
    assert header[:3] == ["STT", "Mã hồ sơ", "Cơ quan tiếp nhận"] and rows[0][1] == "H000000"
    status, out, err = run(capsys, db_path, "import-dossiers", str(path))
    assert status == 0, err
    assert "tính 40 hồ sơ" in out
    got = stored(db_path)
    for code, parity in ((CAY_DUONG, 0), (TAN_BINH, 1)):
        mine = [i for i in range(40) if i % 2 == parity]
        online = [i for i in mine if i % 4 != 0]
        assert got[code][:3] == (len(online), len(mine), len({i % 7 for i in online}))


def test_what_is_not_a_workbook_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "bao-cao.xls"  # "Export to Excel" of many web portals: an HTML table
    page.write_text("<html><body><table><tr><td>Đơn vị</td></tr></table></body></html>")
    broken = tmp_path / "hong.xls"
    broken.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600)
    locked = Path(__file__).parent / "data" / "co-mat-khau.xlsx"  # Excel's «Encrypt with Password»
    before = dump(db_path)
    status, _, err = run(capsys, db_path, "import-eid", str(locked))
    assert status == 2 and "co-mat-khau.xlsx có mật khẩu" in err
    status, _, err = run(capsys, db_path, "import-eid", str(page))
    assert status == 2 and "không phải tệp Excel thật" in err and "bao-cao.xls" in err
    status, _, err = run(capsys, db_path, "import-figures", str(broken))
    assert status == 2 and "hong.xls" in err
    assert "Traceback" not in err
    assert dump(db_path) == before
