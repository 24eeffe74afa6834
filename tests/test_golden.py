"""The golden cases of ../shared/spec/golden: `main.py score FILE --json` as a whole process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT.parent / "shared" / "spec" / "golden"
CASES = sorted(p.name.removesuffix(".expected.json") for p in GOLDEN.glob("*.expected.json"))


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        cwd=ROOT,
    )


def test_golden_cases_exist() -> None:
    assert {"sample-units-2023", "edge-cases"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_score_json_matches_golden(case: str) -> None:
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
    done = run_main("score", str(GOLDEN / f"{case}.csv"), "--json")
    assert done.returncode == 0, done.stderr
    actual = json.loads(done.stdout)
    assert [u["code"] for u in actual] == [u["code"] for u in expected]
    for want, got in zip(expected, actual, strict=True):
        assert {k: got.get(k) for k in want} == want, want["code"]


def test_score_json_extra_fields_have_the_documented_form() -> None:
    done = run_main("score", str(GOLDEN / "edge-cases.csv"), "--json")
    by_code = {u["code"]: u for u in json.loads(done.stdout)}
    assert by_code["A"]["rate_online"] == "0.7000"
    assert by_code["B"]["rate_online"] == "0.6999"
    assert by_code["C"]["rate_online"] is None
    assert by_code["D"]["rate_eid"] is None
    assert by_code["E"]["name"] == "Xã E"
    assert by_code["D"]["kind"] == "thi_tran"
    assert by_code["H"] == {"code": "H", "name": "Phòng H", "kind": "co_quan", "ranked": False}


def test_score_imports_neither_qt_nor_pandas() -> None:
    code = (
        "import sys, main, contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main.main(['score', {str(GOLDEN / 'sample-units-2023.csv')!r}, '--json'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'pandas', 'sqlalchemy',"
        " 'openpyxl', 'reportlab'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_score_prints_a_readable_table() -> None:
    done = run_main("score", str(GOLDEN / "sample-units-2023.csv"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Hạng")
    first = next(line for line in lines if "31396" in line)
    assert "Thị trấn Cây Dương" in first
    assert "Nhất" in first
    assert "6.000.000" in first
    assert "Tổng tiền thưởng: 15.000.000 đồng" in done.stdout


def test_score_reports_every_problem_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Số hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
        "Số tài khoản nộp hồ sơ,Số tài khoản định danh mức 2,Số người dân có CCCD\n"
        "X1,Xã Một,Xã,12,10,,5,4\n"
        "X2,Xã Hai,Xã,abc,10,,-3,100\n",
        encoding="utf-8",
    )
    done = run_main("score", str(bad), "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    err = done.stderr
    assert "Dòng 2" in err
    assert "X1 (Xã Một)" in err
    assert "lớn hơn tổng số hồ sơ phát sinh" in err
    assert "lớn hơn số người dân có CCCD" in err
    assert "Dòng 3" in err
    assert "«abc»" in err
    assert "Số tài khoản định danh mức 2" in err


def test_score_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_main("score", str(tmp_path / "none.csv"))
    assert done.returncode == 2
    assert "Không tìm thấy tệp" in done.stderr
