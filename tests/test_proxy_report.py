"""``main.py proxy-report``: the JSON per unit code, and the «Bằng chứng nộp thay» report in PDF,
Word and Excel, made from a database holding a portal export with owners and an official account."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from app.services import campaigns
from app.services.dossiers import import_dossiers
from app.services.official_accounts import add_official_account
from app.services.setup import open_storage
from tests.test_proxy_evidence import CAY_DUONG, TAN_BINH, tied_export

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    import main

    status = main.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def filled(db_path: Path, tmp_path: Path) -> Path:
    db = open_storage(db_path, daily=False)
    try:
        period = campaigns.find_period(db).id
        import_dossiers(db, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
        add_official_account(db, TAN_BINH, "tn.tb", "Cán bộ bộ phận một cửa")
    finally:
        db.close()
    return db_path


def test_json_lists_accounts_per_unit_code(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--db", str(filled), "proxy-report", "--json")
    assert status == 0
    data = json.loads(out)
    cd = data["units"][CAY_DUONG]
    first = cd[0]
    assert first == {
        "account": "motcua.cd",
        "dossiers": 12,
        "owners": 12,
        "procedures": 3,
        "active_days": 3,
        "share": "0.3333",
        "flagged": True,
        "official": False,
    }
    assert all(isinstance(a["share"], str) and Decimal(a["share"]) <= 1 for a in cd)
    assert [a["account"] for a in cd if a["flagged"]] == ["motcua.cd"]
    tb = data["units"][TAN_BINH]
    assert tb[0]["account"] == "tn.tb" and tb[0]["flagged"] and tb[0]["official"]
    assert data["summary"][TAN_BINH]["proxy_share"] == "0.1111"
    assert data["threshold"] == 10 and data["proxy_policy"] == "tie_break"


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_report_in_three_formats(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in (".pdf", ".docx", ".xlsx"):
        out = tmp_path / f"bang-chung{suffix}"
        status, printed, err = run(capsys, "--db", str(filled), "proxy-report", "--out", str(out))
        assert status == 0, err
        assert out.exists() and str(out) in printed
    pdf = _pdf_text(tmp_path / "bang-chung.pdf")
    assert "BẰNG CHỨNG NỘP THAY" in pdf and "motcua.cd" in pdf and "tn.tb" in pdf
    assert "từ 10 chủ hồ sơ" in pdf  # the method is printed with the threshold

    from docx import Document

    document = Document(str(tmp_path / "bang-chung.docx"))
    words = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "Phương pháp" in words and "motcua.cd" in cells and "33,33%" in cells

    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "bang-chung.xlsx")
    rows = list(workbook["Tài khoản"].iter_rows(values_only=True))
    marked = [r for r in rows[1:] if r[8]]
    assert {(r[0], r[2], r[3]) for r in marked} == {
        (CAY_DUONG, "motcua.cd", 12),
        (TAN_BINH, "tn.tb", 4),
    }
    assert isinstance(rows[1][3], int)  # numbers stay numbers for sorting


def test_text_report_and_refused_suffix(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "--db", str(filled), "proxy-report")
    assert status == 0 and "motcua.cd" in out and "Tổng hợp theo đơn vị" in out
    status, _, err = run(
        capsys, "--db", str(filled), "proxy-report", "--out", str(tmp_path / "x.txt")
    )
    assert status == 2 and ".pdf, .docx hoặc .xlsx" in err
    assert not (tmp_path / "x.txt").exists()
