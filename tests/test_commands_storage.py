"""The storage commands of main.py, run in-process on temporary databases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
GOLDEN = ROOT.parent / "shared" / "spec" / "golden"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    import main

    capsys.readouterr()
    status = main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def score_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, object]]:
    status, out, _ = run(capsys, "score", str(path), "--json")
    assert status == 0
    data: list[dict[str, object]] = json.loads(out)
    return data


def test_init_creates_and_reports(
    blank_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = blank_db_url
    status, out, _ = run(capsys, "--db", db, "init")
    assert status == 0 and "Đã tạo" in out and "Đơn vị: 35" in out
    assert "Tổng kết năm 2023 (01/09/2023 – 31/12/2023) [tổng kết]" in out
    status, out, _ = run(capsys, "--db", db, "init")
    assert status == 0 and "Đã có" in out
    status, out, _ = run(capsys, "--db", str(tmp_path / "e.sqlite3"), "init", "--empty")
    assert status == 0 and "Đơn vị: 0" in out


def test_sample_import_then_ranking_equals_score(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = db_url
    sample = GOLDEN / "sample-units-2023.csv"
    status, out, _ = run(capsys, "--db", str(db_path), "import-figures", str(sample))
    assert status == 0 and "Đã đọc 21 đơn vị; cập nhật số liệu 15 đơn vị" in out
    status, out, _ = run(capsys, "--db", str(db_path), "ranking", "--json")
    assert status == 0
    from_db = {item["code"]: item for item in json.loads(out)}
    expected = score_json(capsys, sample)
    for item in expected:
        assert from_db[item["code"]] == item
    ranked_db = {c for c, item in from_db.items() if item["ranked"]}
    assert ranked_db == {item["code"] for item in expected if item["ranked"]}


def test_edge_cases_import_then_ranking_equals_score(
    blank_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = blank_db_url
    edge = GOLDEN / "edge-cases.csv"
    assert run(capsys, "--db", db, "init", "--empty")[0] == 0
    status, _, err = run(capsys, "--db", db, "import-figures", str(edge))
    assert status == 2 and "--add-units" in err
    status, out, _ = run(capsys, "--db", db, "import-figures", str(edge), "--add-units")
    assert status == 0 and "Đơn vị mới (8)" in out
    status, out, _ = run(capsys, "--db", db, "ranking", "--json")
    assert status == 0
    assert json.loads(out) == score_json(capsys, edge)


def test_settle_tie_command(blank_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = blank_db_url
    edge = GOLDEN / "edge-cases.csv"
    run(capsys, "--db", db, "init", "--empty")
    run(capsys, "--db", db, "import-figures", str(edge), "--add-units")
    pending = [i["code"] for i in score_json(capsys, edge) if i.get("tier") == "pending"]
    assert len(pending) >= 2
    outsider = next(
        i["code"] for i in score_json(capsys, edge) if i["ranked"] and i["code"] not in pending
    )
    status, _, err = run(
        capsys, "--db", db, "settle-tie", "--order", f"{pending[0]},{outsider}", "--reason", "x"
    )
    assert status == 2 and "không thuộc nhóm đồng hạng" in err
    order = ",".join(reversed(pending))
    status, out, _ = run(
        capsys, "--db", db, "settle-tie", "--order", order, "--reason", "Hội đồng biểu quyết"
    )
    assert status == 0 and "Đã ghi phân định" in out
    status, out, _ = run(capsys, "--db", db, "ranking", "--json")
    tiers = {i["code"]: i.get("tier") for i in json.loads(out)}
    assert tiers[pending[-1]] == "nhat" and "pending" not in tiers.values()
    status, out, _ = run(capsys, "--db", db, "ranking")
    assert status == 0 and "Kỳ: Tổng kết năm 2023" in out
    status, out, _ = run(capsys, "--db", db, "audit", "--json")
    entries = json.loads(out)
    assert entries[0]["action"] == "settlement.add"
    assert entries[0]["new"] == {"order": list(reversed(pending)), "reason": "Hội đồng biểu quyết"}
    status, out, _ = run(capsys, "--db", db, "audit", "--limit", "3")
    assert status == 0 and "Phân định đồng hạng" in out and len(out.splitlines()) == 3


def test_period_option(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = db_url
    status, _, err = run(capsys, "--db", str(db_path), "ranking", "--period", "Sơ kết")
    assert status == 2 and "Không có kỳ số liệu «Sơ kết»" in err
    status, out, _ = run(
        capsys, "--db", str(db_path), "ranking", "--period", "Tổng kết năm 2023", "--json"
    )
    assert status == 0 and json.loads(out)


def test_backup_and_restore_commands(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    sample = GOLDEN / "sample-units-2023.csv"
    saved = tmp_path / "saved.sqlite3"
    assert run(capsys, "--db", db, "backup", str(saved))[0] == 0
    status, _, err = run(capsys, "--db", db, "backup", str(saved))
    assert status == 1 and "đã có" in err
    run(capsys, "--db", db, "import-figures", str(sample))
    status, out, _ = run(capsys, "--db", db, "ranking", "--json")
    assert json.loads(out)[0]["total"] == "100.00"
    status, out, _ = run(capsys, "--db", db, "restore", str(saved))
    assert status == 0 and "Đã khôi phục" in out and "đã được sao lưu" in out
    status, out, _ = run(capsys, "--db", db, "ranking", "--json")
    assert json.loads(out)[0]["total"] == "0.00"
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    status, _, err = run(capsys, "--db", db, "restore", str(garbage))
    assert status == 1 and "không" in err


def test_locked_database_refused_by_commands(
    sqlite_storage: object, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "ranking")
    assert status == 1 and "đang được một chương trình khác mở" in err
    # backup only reads, with SQLite's own locking: allowed while the program is open
    assert run(capsys, "--db", str(db_path), "backup", str(db_path.parent / "b.sqlite3"))[0] == 0


def test_storage_commands_do_not_import_qt(db_path: Path) -> None:
    code = (
        "import sys, main; "
        f"main.main(['--db', {str(db_path)!r}, 'ranking', '--json']); "
        "print('QT', any(m.startswith('PySide6') for m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "QT False" in result.stderr
