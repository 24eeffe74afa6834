"""`main.py report`: the award documents made from the database, end to end as a process."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.reports.words import parse_date

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def main_py(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        check=False,
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def add_sample_nominations(db_path: Path) -> int:
    from app.services import campaigns, nominations, units
    from app.services.setup import open_storage

    with open_storage(db_path, daily=False) as db:
        period = campaigns.find_period(db)
        codes = {u.name: u.code for u in units.list_units(db)}
        count = 0
        with (SHARED / "data" / "sample-nominations-2023.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                nominations.add_nomination(
                    db,
                    period.id,
                    codes.get(row["Đơn vị"], row["Đơn vị"]),
                    row["Họ và tên"],
                    row["Chức vụ"],
                    row["Tóm tắt thành tích"],
                    birth_date=parse_date(row["Ngày sinh"]),
                    gender=row["Giới tính"] or None,
                )
                count += 1
    return count


def test_report_all_from_the_database(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    assert (
        main_py(db, "import-figures", str(SHARED / "data" / "sample-units-2023.csv")).returncode
        == 0
    )
    assert add_sample_nominations(db) == 30
    out = tmp_path / "out"
    done = main_py(db, "report", "all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    made = [Path(line) for line in done.stdout.splitlines()]
    assert all(p.exists() and p.stat().st_size > 1000 for p in made)
    names = {p.name for p in made}
    assert {"to-trinh.pdf", "bien-ban.pdf", "bang-diem.pdf", "giay-khen.pdf"} <= names
    # one Báo cáo thành tích per awarded collective and per individual
    assert sum(1 for p in made if "bao-cao" in str(p)) == 5 + 30
    text = pdf_text(out / "to-trinh.pdf")
    assert "TỜ TRÌNH" in text
    assert "Thị trấn Cây Dương" in text
    assert "Huỳnh Trúc Phát" in text  # a nominee from the database
    assert "Mười lăm triệu đồng" in text


def test_report_refuses_while_a_tie_is_pending(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    edge = SHARED / "spec" / "golden" / "edge-cases.csv"
    assert main_py(db, "import-figures", str(edge), "--add-units").returncode == 0
    done = main_py(db, "report", "to-trinh", "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "Xã F" in done.stderr and "Xã G" in done.stderr
    assert not (tmp_path / "out" / "to-trinh.pdf").exists()
    # the score sheet is still made: the council needs it to settle the tie
    done = main_py(db, "report", "bang-diem", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    settled = main_py(db, "settle-tie", "--order", "G,F", "--reason", "Hội đồng biểu quyết")
    assert settled.returncode == 0, settled.stderr
    done = main_py(db, "report", "bien-ban", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Hội đồng biểu quyết" in pdf_text(tmp_path / "out" / "bien-ban.pdf")


def test_report_in_word_or_both_formats(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    sample = SHARED / "data" / "sample-units-2023.csv"
    assert main_py(db, "import-figures", str(sample)).returncode == 0
    out = tmp_path / "out"
    done = main_py(db, "report", "bang-diem", "--out", str(out), "--format", "both")
    assert done.returncode == 0, done.stderr
    assert {Path(line).name for line in done.stdout.splitlines()} == {
        "bang-diem.pdf",
        "bang-diem.docx",
    }
    done = main_py(db, "report", "bang-diem", "--out", str(tmp_path / "w"), "--format", "docx")
    assert done.returncode == 0, done.stderr
    assert [Path(line).name for line in done.stdout.splitlines()] == ["bang-diem.docx"]
    refused = main_py(db, "report", "bang-diem", "--out", str(tmp_path / "x"), "--format", "odt")
    assert refused.returncode == 2
    assert not (tmp_path / "x").exists()


def test_report_decision_kinds_and_the_register(tmp_path: Path) -> None:
    """quyet-dinh, giay-khen, tien-thuong, tong-ket as commands; the số sổ vàng given once, kept
    when made again, renumbered with --cap-lai-so-vang (both audited)."""
    db = tmp_path / "db.sqlite3"
    units = str(SHARED / "data" / "sample-units-2023.csv")
    assert main_py(db, "import-figures", units).returncode == 0
    assert add_sample_nominations(db) == 30
    out = tmp_path / "out"
    done = main_py(db, "report", "quyet-dinh", "--out", str(out), "--format", "both")
    assert done.returncode == 0, done.stderr
    assert [Path(p).name for p in done.stdout.split()] == ["quyet-dinh.pdf", "quyet-dinh.docx"]
    for kind in ("giay-khen", "tien-thuong", "tong-ket"):
        done = main_py(db, "report", kind, "--out", str(out))
        assert done.returncode == 0, (kind, done.stderr)
    assert {"giay-khen.pdf", "tien-thuong.pdf", "tong-ket.pdf"} <= {p.name for p in out.iterdir()}
    assert "Số sổ vàng: 1" in pdf_text(out / "giay-khen.pdf")
    again = main_py(db, "report", "giay-khen", "--out", str(out), "--cap-lai-so-vang")
    assert again.returncode == 0, again.stderr
    log = main_py(db, "audit").stdout
    assert "Cấp số sổ vàng" in log and "Cấp lại số sổ vàng" in log
    help_text = " ".join(main_py(db, "report", "--help").stdout.split())
    for kind in ("quyet-dinh:", "Danh sách nhận tiền thưởng", "tong-ket:", "--cap-lai-so-vang"):
        assert kind in help_text
