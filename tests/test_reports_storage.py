"""The award documents from a database built from the sample files, through the storage services
(the way the headless ``report`` command and the window will load a dossier)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.test_reports import NOMINATIONS_CSV, UNITS_CSV, parse_nominations, pdf_fonts, pdf_text

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or not UNITS_CSV.exists(),
    reason="needs poppler-utils and ../shared/data",
)


def test_documents_from_a_database(tmp_path: Path) -> None:
    from app.exchange.unit_figures import read_unit_figures
    from app.reports.build import build_documents
    from app.reports.dossier import dossier_from_records
    from app.services import campaigns, figures, nominations, ranking, setup, units

    db = setup.open_storage(tmp_path / "thidua.sqlite", daily=False)
    campaign = campaigns.current_campaign(db)
    period = campaigns.find_period(db, None, campaign.id)
    figures.import_figures(db, period.id, UNITS_CSV, backup=False)
    units.update_unit(
        db, "31396", address="Khu vực 1, thị trấn Cây Dương", head_name="Nguyễn Văn An"
    )
    for n in parse_nominations(NOMINATIONS_CSV, read_unit_figures(UNITS_CSV).units):
        nominations.add_nomination(
            db,
            period.id,
            n.unit_code,
            n.full_name,
            n.position,
            n.achievement_summary,
            birth_date=n.birth_date,
            gender=n.gender or None,
        )
    dossier = dossier_from_records(
        campaign,
        period,
        campaigns.document_settings(db, campaign.id),
        ranking.rank_period(db, period.id),
        units.list_units(db),
        nominations.list_nominations(db, period.id),
        made_on=dt.date(2024, 1, 5),
    )
    assert len(dossier.nominations) == 30
    paths = build_documents(dossier, ["all"], tmp_path / "hoso")
    assert len(paths) == 8 + 35  # with the Quyết định, payment list and tổng kết
    text = pdf_text(tmp_path / "hoso" / "to-trinh.pdf")
    for phrase in [
        "TỜ TRÌNH",
        "“Người dân Phụng Hiệp nộp dịch vụ công trực tuyến” năm 2023",
        "Hạng Nhất: Thị trấn Cây Dương",
        "Mười lăm triệu đồng",
        "Huỳnh Trúc Phát",
        "Thạch Bảo Luân",
    ]:
        assert phrase in text, phrase
    report = pdf_text(
        tmp_path / "hoso" / "bao-cao-thanh-tich" / "tap-the-01-thi-tran-cay-duong.pdf"
    )
    assert "Khu vực 1, thị trấn Cây Dương" in report and "Nguyễn Văn An" in report
    for path in paths:
        assert all(row[-5] == "yes" for row in pdf_fonts(path)), path.name
