"""Power cuts and failures: a killed import leaves the old figures; a failed import changes nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.models.files import integrity_problems

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
SAMPLE = ROOT.parent / "shared" / "spec" / "golden" / "sample-units-2023.csv"
HEADER = (
    "ma_don_vi,ten_don_vi,loai_don_vi,ho_so_truc_tuyen,tong_ho_so,so_tai_khoan_nop,"
    "tai_khoan_dinh_danh,dan_co_cccd"
)


def _main(*argv: str) -> int:
    import main

    return main.main(list(argv))


def _dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _figures(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT u.code, f.online, f.total, f.accounts, f.eid, f.citizens, f.source_name "
            "FROM unit_figures f JOIN unit u ON u.id = f.unit_id ORDER BY u.code"
        ).fetchall()


def _count(path: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _large_file(path: Path, new_units: int) -> None:
    """The 15 seeded communes with other figures first, then many new units."""
    lines = [HEADER]
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:16]:
        code, name, kind, *_ = line.split(",")
        lines.append(f"{code},{name},{kind},5,10,1,5,10")
    lines += [f"G{i},Xã Thử {i},xa,{i % 90 + 1},100,1,{i % 40},50" for i in range(new_units)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_in_the_middle_of_a_large_import(db_path: Path, tmp_path: Path) -> None:
    assert _main("--db", str(db_path), "import-figures", str(SAMPLE)) == 0
    old_figures = _figures(db_path)
    old_units = _count(db_path, "unit")
    old_audit = _count(db_path, "audit_entry")
    assert len(old_figures) == 15
    big = tmp_path / "big.csv"
    _large_file(big, 20_000)

    process = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "--db",
            str(db_path),
            "import-figures",
            str(big),
            "--add-units",
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("Đã ghi 3000/"):  # three batches written, not committed
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL, seen
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()  # the killed process left its write-ahead log behind

    assert integrity_problems(db_path) == []
    assert _figures(db_path) == old_figures
    assert _count(db_path, "unit") == old_units
    assert _count(db_path, "audit_entry") == old_audit
    # The lock of the dead process is taken over; the database works.
    assert _main("--db", str(db_path), "ranking", "--json") == 0


def test_failed_import_leaves_the_content_unchanged(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main("--db", str(db_path), "import-figures", str(SAMPLE)) == 0
    before = _dump(db_path)
    bad = tmp_path / "bad.csv"
    text = SAMPLE.read_text(encoding="utf-8")
    bad.write_text(text.replace(",2011,2011,", ",2011,abc,").replace(",987,", ",-5,"), "utf-8")
    capsys.readouterr()
    assert _main("--db", str(db_path), "import-figures", str(bad)) == 2
    err = capsys.readouterr().err
    assert "không có gì được ghi" in err and "Dòng 2" in err and "Dòng 3" in err
    assert _dump(db_path) == before


def test_import_failing_while_writing_rolls_back(db_path: Path, tmp_path: Path) -> None:
    from app.services import campaigns, figures
    from app.services.setup import open_storage

    assert _main("--db", str(db_path), "import-figures", str(SAMPLE)) == 0
    before = _dump(db_path)
    big = tmp_path / "big.csv"
    _large_file(big, 2500)
    reports: list[int] = []

    def fail_after_two_batches(done: int, total: int) -> None:
        reports.append(done)
        if done == 2000:
            raise OSError("mất điện giả lập")

    with open_storage(db_path, daily=False) as db:
        period = campaigns.find_period(db)
        with pytest.raises(OSError, match="mất điện"):
            figures.import_figures(
                db, period.id, big, add_units=True, progress=fail_after_two_batches
            )
    assert reports == [1000, 2000]
    assert _dump(db_path) == before
    assert integrity_problems(db_path) == []
