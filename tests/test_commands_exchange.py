"""The exchange commands of main.py (import-dossiers, import-eid, import-nominations,
import-package, export-xlsx, export-template, export-package), run in-process on temporary
databases; errors exit 2 with the Vietnamese message and change nothing."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_exchange_helpers import write_csv, write_zip_bomb
from tests.test_imports import HEADER, SAMPLE_NOMINATIONS, SAMPLE_UNITS, dossier_rows, dump

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("restore_thidua_logging")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    import main

    capsys.readouterr()
    status = main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_dossiers_report_twice_and_with_map(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 20)])
    status, out, _ = run(capsys, "--db", str(db_path), "import-dossiers", str(path))
    assert status == 0
    assert "Đã đọc 20 dòng; tính 20 hồ sơ (20 mới, 0 đã có" in out
    assert "cập nhật số liệu 2 đơn vị." in out
    assert "Đơn vị được cập nhật\n  Thị trấn Cây Dương (31396), Xã Tân Bình (31399)" in out
    assert "Bản sao lưu trước khi nhập" in out and "hồ sơ/tài khoản" in out
    status, out, _ = run(capsys, "--db", str(db_path), "import-dossiers", str(path))
    assert status == 0 and "(0 mới, 20 đã có từ lần nhập trước" in out
    status, out, _ = run(capsys, "--db", str(db_path), "import-dossiers", str(path), "--replace")
    assert status == 0 and "(20 mới, 0 đã có" in out and "Đã bỏ 20 hồ sơ" in out

    header = ["Số BN", "Nơi nhận", "Kênh", "TK", "Ngày"]
    other = write_csv(tmp_path / "o.csv", [header, *[r[1:] for r in dossier_rows(20, 6)]])
    before = dump(db_path)
    status, _, err = run(capsys, "--db", str(db_path), "import-dossiers", str(other))
    assert status == 2 and "Ánh xạ cột không dùng được" in err and "Số BN" in err
    assert dump(db_path) == before
    mapping = "unit=Nơi nhận,channel=Kênh,account=TK,id=Số BN,date=Ngày"
    status, out, _ = run(
        capsys, "--db", str(db_path), "import-dossiers", str(other), "--map", mapping
    )
    assert status == 0 and "(6 mới," in out
    status, _, err = run(
        capsys, "--db", str(db_path), "import-dossiers", str(other), "--map", "nope=X"
    )
    assert status == 2 and "không có khóa «nope»" in err


def test_progress_shown_on_long_files(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.commands import exchange

    monkeypatch.setattr(exchange, "PROGRESS_FROM_BYTES", 0)
    path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 10)])
    status, _, err = run(capsys, "--db", str(db_path), "import-dossiers", str(path))
    assert status == 0 and "Nhập hs.csv: 100%" in err


def test_import_errors_exit_2_and_change_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "init")
    before = dump(db_path)
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for command in ("import-dossiers", "import-eid", "import-nominations", "import-package"):
        for path in (bomb, empty, tmp_path / "missing.xlsx"):
            status, out, err = run(capsys, "--db", str(db_path), command, str(path))
            assert status == 2, (command, path, out, err)
            assert err.strip() and "Traceback" not in err
    eid = write_csv(
        tmp_path / "eid.csv",
        [
            ["Đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"],
            ["Xã Tân Bìnhh", 1, 2],
        ],
    )
    status, _, err = run(capsys, "--db", str(db_path), "import-eid", str(eid))
    assert status == 2 and "gần giống: Xã Tân Bình (31399)" in err
    status, _, err = run(capsys, "--db", str(db_path), "import-eid", str(eid), "--period", "X")
    assert status == 2 and "Không có kỳ số liệu «X»" in err
    assert dump(db_path) == before


def test_eid_and_nominations_commands(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, _ = run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    assert status == 0
    if not SAMPLE_NOMINATIONS.exists():
        pytest.skip("no shared sample data")
    lines = SAMPLE_NOMINATIONS.read_text(encoding="utf-8-sig").splitlines()
    over = tmp_path / "over.csv"
    over.write_text("\n".join([*lines, "Lê Văn Dư,Cán bộ,31396,,,"]) + "\n", encoding="utf-8")
    before = dump(db_path)
    status, _, err = run(capsys, "--db", str(db_path), "import-nominations", str(over), "--yes")
    assert status == 2 and "vượt chỉ tiêu" in err and "không có gì được ghi" in err
    assert dump(db_path) == before
    status, out, _ = run(
        capsys, "--db", str(db_path), "import-nominations", str(SAMPLE_NOMINATIONS), "--yes"
    )
    assert status == 0 and f"thêm {len(lines) - 1} người được đề nghị" in out
    eid = write_csv(
        tmp_path / "eid.csv",
        [
            ["Tên đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"],
            ["TT Cây Dương", 1, 2],
        ],
    )
    status, out, err = run(capsys, "--db", str(db_path), "import-eid", str(eid))
    assert status == 0 and "CCCD của 1 đơn vị" in out and "Đơn vị được cập nhật\n  31396" in out
    assert "vượt chỉ tiêu" in out  # nothing deleted: the nominations are now over the quota


def test_package_between_two_databases(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.models.files import copy_database

    district = tmp_path / "huyen" / "thidua.sqlite3"
    copy_database(db_path, district)
    status, _, _ = run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    package = tmp_path / "goi.xlsx"
    status, out, _ = run(
        capsys, "--db", str(db_path), "export-package", "--unit", "31399", str(package)
    )
    assert status == 0 and "Xã Tân Bình (31399)" in out and package.exists()

    before = dump(district)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    # no key was made: the package is unsigned, imported only with --accept-unsigned
    status, out, err = run(capsys, "--db", str(district), "import-package", str(package), "--yes")
    assert status == 2 and "không có chữ ký" in err and "--accept-unsigned" in err
    assert "CẢNH BÁO: gói không có chữ ký" in out and dump(district) == before
    status, out, err = run(
        capsys, "--db", str(district), "import-package", str(package), "--accept-unsigned"
    )
    assert status == 2 and "--yes" in err
    assert "Số hồ sơ trực tuyến: (trống) → 1677" in out
    assert dump(district) == before
    status, _, err = run(
        capsys,
        "--db",
        str(district),
        "import-package",
        str(package),
        "--unit",
        "31396",
        "--yes",
    )
    assert status == 2 and "không phải của đơn vị 31396" in err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("k\n"))
    status, out, _ = run(
        capsys, "--db", str(district), "import-package", str(package), "--accept-unsigned"
    )
    assert status == 0 and "Không nhập gì" in out and dump(district) == before
    monkeypatch.setattr(sys, "stdin", Terminal("c\n"))
    status, out, _ = run(
        capsys, "--db", str(district), "import-package", str(package), "--accept-unsigned"
    )
    assert status == 0 and "đã cập nhật" in out
    after = dump(district)["unit_figures"]
    assert len(after) == 1 and after[0][1:8] == (1, 4, 1677, 2741, 355, 14287, 15238)
    status, out, _ = run(
        capsys, "--db", str(district), "import-package", str(package), "--yes", "--accept-unsigned"
    )
    assert status == 0 and "Không có gì để nhập" in out


def test_package_prints_and_replaces_the_units_nominations(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.models.files import copy_database
    from app.services import campaigns, nominations
    from app.services.setup import open_storage

    if not SAMPLE_NOMINATIONS.exists():
        pytest.skip("no shared sample data")
    run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    run(capsys, "--db", str(db_path), "import-nominations", str(SAMPLE_NOMINATIONS), "--yes")
    district = tmp_path / "huyen" / "thidua.sqlite3"
    copy_database(db_path, district)
    # the district makes Tân Bình's key and its file; the commune loads the file
    key_file = tmp_path / "khoa.txt"
    status, out, _ = run(
        capsys, "--db", str(district), "package-key", "31399", "--out", str(key_file)
    )
    assert status == 0 and "Mã khóa: " in out and key_file.exists()
    status, _, err = run(
        capsys, "--db", str(db_path), "package-key", "31396", "--file", str(key_file)
    )
    assert status == 2 and "là khóa của đơn vị 31399" in err
    status, out, _ = run(
        capsys, "--db", str(db_path), "package-key", "31399", "--file", str(key_file)
    )
    assert status == 0 and "Đã lưu khóa ký gói của Xã Tân Bình" in out
    with open_storage(db_path, daily=False) as db:  # the commune swaps its one nominee
        period = campaigns.find_period(db).id
        (old,) = nominations.list_nominations(db, period, "31399")
        nominations.delete_nomination(db, old.id)
        nominations.add_nomination(db, period, "31399", "Võ Thị Mới", "Công chức Tư pháp")
    package = tmp_path / "goi.xlsx"
    status, out, _ = run(
        capsys, "--db", str(db_path), "export-package", "--unit", "31399", str(package)
    )
    assert status == 0 and "kèm 1 đề nghị" in out and "đã ký bằng khóa của đơn vị" in out

    before = dump(district)
    status, out, err = run(capsys, "--db", str(district), "import-package", str(package))
    assert status == 2 and "--yes" in err and dump(district) == before
    assert "Không có số liệu nào thay đổi" in out and "Chữ ký: hợp lệ" in out
    assert "gói có 1 người, đang có 1" in out
    assert "Thêm (1): Võ Thị Mới" in out and f"Bỏ (1): {old.full_name}" in out
    status, out, _ = run(capsys, "--db", str(district), "import-package", str(package), "--yes")
    assert status == 0 and "đã cập nhật" in out and "Thêm (1): Võ Thị Mới" in out
    after = dump(district)
    assert [r for r in after["nomination"] if "Võ Thị Mới" in r] != []
    assert not [r for r in after["nomination"] if old.full_name in r]
    assert len(after["nomination"]) == len(before["nomination"])
    status, out, _ = run(capsys, "--db", str(district), "import-package", str(package), "--yes")
    assert status == 0 and "Không có gì để nhập" in out


def test_package_of_another_campaign_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services import campaigns
    from app.services.setup import open_storage

    run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    package = tmp_path / "goi.xlsx"
    run(capsys, "--db", str(db_path), "export-package", "--unit", "31399", str(package))
    with open_storage(db_path, daily=False) as db:  # next year's campaign, of the same name
        campaign = campaigns.current_campaign(db)
        campaigns.update_campaign(db, campaign.id, year=2024)
    with sqlite3.connect(db_path) as conn:  # … made anew: another stable id
        conn.execute("UPDATE campaign SET uid = 'a7e2c9d0-0000-4000-8000-000000000002'")
    conn.close()
    status, _, err = run(
        capsys, "--db", str(db_path), "import-package", str(package), "--yes", "--accept-unsigned"
    )
    assert status == 2 and "thuộc đợt thi đua" in err and "năm 2023" in err and "năm 2024" in err


def test_export_xlsx_and_templates(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    out_path = tmp_path / "bang-diem.xlsx"
    status, out, _ = run(capsys, "--db", str(db_path), "export-xlsx", str(out_path))
    assert status == 0 and "Đã ghi bảng điểm" in out
    sheet = load_workbook(out_path)["Bảng điểm"]
    assert sheet.cell(1, 1).value == "Hạng" and sheet.cell(2, 1).value == 1
    for kind in ("unit-figures", "eid", "nominations"):
        target = tmp_path / f"{kind}.xlsx"
        status, out, _ = run(capsys, "--db", str(db_path), "export-template", kind, str(target))
        assert status == 0 and target.exists()
    status, _, err = run(
        capsys, "--db", str(db_path), "export-template", "eid", str(tmp_path / "no" / "x.xlsx")
    )
    assert status == 2 and "thư mục" in err


def test_exchange_commands_never_import_qt(db_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 4)])
    code = (
        "import sys, main; "
        f"status = main.main(['--db', {str(db_path)!r}, 'import-dossiers', {str(path)!r}]); "
        f"main.main(['--db', {str(db_path)!r}, 'export-template', 'eid', "
        f"{str(tmp_path / 'e.xlsx')!r}]); "
        "print(status, any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "0 False"


def test_package_key_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--db", str(db_path), "package-key", "31399")
    assert status == 0 and "Đã tạo khóa ký gói cho Xã Tân Bình (31399)" in out
    code = out.split("Mã khóa: ")[1].strip()
    status, out, _ = run(capsys, "--db", str(db_path), "package-key", "31399")
    assert status == 0 and "đã có khóa" in out and code in out  # shown again, not replaced
    status, out, _ = run(capsys, "--db", str(db_path), "package-key", "31399", "--replace")
    assert status == 0 and code not in out
    before = dump(db_path)
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    status, _, err = run(capsys, "--db", str(db_path), "package-key", "31399", "--code", typo)
    assert status == 2 and "gõ nhầm một ký tự" in err and "31399" in err
    status, _, err = run(capsys, "--db", str(db_path), "package-key", "99999")
    assert status == 2 and "99999" in err
    assert dump(db_path) == before
