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

from app.exchange.dossiers import preview
from tests.test_imports import HEADER, dossier_rows, dump, expected_counts
from tests.test_real_files import (
    CAY_DUONG,
    HOA_AN,
    TAN_BINH,
    check_hidden_sheets,
    data_only_on_a_hidden_sheet,
    police_layout_one,
    portal_report,
    run,
    sheet,
    stored,
    visible_and_hidden_sheets,
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


def test_portal_statistics_report_downloaded_as_xls(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two header rows with merged group cells, title rows, a total row and signatures, in .xls
    path = save_as(portal_report(tmp_path / "thong-ke.xlsx"), "xls")
    status, out, err = run(capsys, db_path, "import-portal-stats", str(path))
    assert status == 0, err
    got = stored(db_path)
    assert got[TAN_BINH][:2] == (80, 115) and got[CAY_DUONG][:2] == (120, 190)
    assert "Không tính 15 hồ sơ gửi qua bưu chính công ích" in out


def test_hidden_sheets_of_an_xls(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = save_as(visible_and_hidden_sheets(tmp_path / "hai-trang.xlsx"), "xls")
    only_hidden = save_as(data_only_on_a_hidden_sheet(tmp_path / "an.xlsx"), "xls")
    check_hidden_sheets(capsys, db_path, both, only_hidden)


def test_portal_export_saved_as_xls_counts_the_same(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["DANH SÁCH HỒ SƠ TIẾP NHẬN"], HEADER, *dossier_rows(0, 40)]
    path = save_as(sheet(tmp_path / "ho-so.xlsx", rows), "xls")
    header, first = preview(path, 5)  # what the mapping dialog shows: below the title row
    assert header == HEADER and first[0][1] == "H000000"
    status, out, err = run(capsys, db_path, "import-dossiers", str(path))
    assert status == 0, err
    assert "tính 40 hồ sơ" in out
    got = stored(db_path)
    for code, (total, online, accounts) in expected_counts(range(40)).items():
        assert got[code][:3] == (online, total, accounts)


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
