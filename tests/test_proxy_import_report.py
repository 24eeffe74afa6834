"""The dossier import report says whether the export named the dossiers' owners, and so whether
the evidence of dossiers filed on citizens' behalf can be computed from it."""

from __future__ import annotations

from pathlib import Path

from app.models import Database
from app.services import campaigns
from app.services.dossiers import import_dossiers
from app.services.import_reports import dossiers_report
from tests.test_exchange_helpers import write_xlsx
from tests.test_proxy_evidence import HEADER, TITLE, id_number, tied_export

SECTION = "Cột chủ hồ sơ (bằng chứng nộp thay)"


def _section(text: str) -> str:
    """The lines of the owner-columns section of the report's terminal text."""
    lines = text.split("\n")
    start = lines.index(SECTION)
    rest = lines[start + 1 :]
    end = next((i for i, line in enumerate(rest) if not line.startswith("  ")), len(rest))
    return "\n".join(rest[:end])


def test_owner_columns_found(storage: Database, tmp_path: Path) -> None:
    period = campaigns.find_period(storage).id
    result = import_dossiers(
        storage, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False
    )
    report = dossiers_report(result)
    section = next(s for s in report.sections if s.title == SECTION)
    assert not section.warning
    text = _section(report.text())
    assert "Tìm thấy cột chủ hồ sơ" in text and "«Chủ hồ sơ»" in text
    assert "«Số CCCD/CMND»" in text and "Tính được bằng chứng nộp thay" in text
    assert "chỉ lưu mã băm" in text and "Cột ủy quyền: «Ủy quyền»." in text
    assert id_number(1) not in report.text()


def test_no_owner_columns(storage: Database, tmp_path: Path) -> None:
    period = campaigns.find_period(storage).id
    path = tied_export().write(tmp_path / "hoso.csv", owners=False)
    report = dossiers_report(import_dossiers(storage, period, path, backup=False))
    section = next(s for s in report.sections if s.title == SECTION)
    assert section.warning
    text = _section(report.text())
    assert "Tệp không có cột chủ hồ sơ" in text
    assert "chưa đánh dấu được tài khoản «có dấu hiệu nộp thay»" in text


def test_owner_name_only_without_authorisation_column(storage: Database, tmp_path: Path) -> None:
    keep = [h for h in HEADER if h not in ("Số CCCD/CMND", "Ủy quyền")]
    export = tied_export()
    rows = [[r[HEADER.index(h)] for h in keep] for r in export.rows]
    path = write_xlsx(tmp_path / "hoso.xlsx", [*TITLE, keep, *rows])
    period = campaigns.find_period(storage).id
    text = _section(dossiers_report(import_dossiers(storage, period, path, backup=False)).text())
    assert "«Chủ hồ sơ»" in text and "Số CCCD" not in text and "mã băm" not in text
    assert "Không có cột «Ủy quyền»: mọi hồ sơ được coi là không có ủy quyền." in text


def test_no_account_column(storage: Database, tmp_path: Path) -> None:
    keep = [h for h in HEADER if h != "Tài khoản nộp"]
    rows = [[r[HEADER.index(h)] for h in keep] for r in tied_export().rows]
    path = write_xlsx(tmp_path / "hoso.xlsx", [*TITLE, keep, *rows])
    period = campaigns.find_period(storage).id
    report = dossiers_report(import_dossiers(storage, period, path, backup=False))
    assert "Tệp không có cột «Tài khoản nộp»" in _section(report.text())
