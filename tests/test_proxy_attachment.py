"""The Biên bản attaches the «Bằng chứng nộp thay» report: mentioned in its text and made with it
(PDF and .docx) when some account of the period is marked; not when nothing is marked or the
document setting is off."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from app.models import Database
from app.resources import resource_path
from app.scoring.proxy import PROXY_TIE_BREAK
from app.services import campaigns, demo, documents, figures
from app.services.dossiers import import_dossiers
from tests.test_proxy_evidence import Export, tied_export
from tests.test_reports_formats import docx_text, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
DEMO_FIGURES = ("demo", "sample-units-2023.csv")
DEMO_NOMINATIONS = ("demo", "sample-nominations-2023.csv")
ATTACHED = "bien-ban-kem-bang-chung-nop-thay"
MENTION = "Kèm theo: Báo cáo bằng chứng nộp thay hồ sơ trực tuyến (01 tài khoản"


def _period(db: Database, export: Export, tmp_path: Path) -> int:
    period = campaigns.find_period(db).id
    # the figures of every unit (the Biên bản needs a ranking)
    demo.load_demo(db, period, resource_path(*DEMO_FIGURES), resource_path(*DEMO_NOMINATIONS))
    demo_figures = figures.period_figures(db, period)
    import_dossiers(db, period, export.write(tmp_path / "hoso.xlsx"), backup=False)
    for unit in demo_figures:  # the demo's figures (and so its quotas) kept; the dossiers stored
        figures.set_unit_figures(db, period, unit)
    return period


def _make(db: Database, period: int, folder: Path) -> list[str]:
    made = documents.build_documents(db, period, ["bien-ban"], folder, formats="both")
    return sorted(p.name for p in made)


def test_the_minutes_attach_the_evidence(storage: Database, tmp_path: Path) -> None:
    period = _period(storage, tied_export(), tmp_path)
    names = _make(storage, period, tmp_path / "vb")
    assert names == [
        "bien-ban-kem-bang-chung-nop-thay.docx",
        "bien-ban-kem-bang-chung-nop-thay.pdf",
        "bien-ban.docx",
        "bien-ban.pdf",
    ]
    for text in (pdf_text(tmp_path / "vb/bien-ban.pdf"), docx_text(tmp_path / "vb/bien-ban.docx")):
        # «motcua.cd» of Cây Dương filed for 12 owners without authorisation: marked
        assert f"{MENTION} có dấu hiệu nộp thay tại 01 đơn vị)." in text
        assert "Hội đồng đã xem xét Báo cáo bằng chứng nộp thay" in text
    for attached in (
        pdf_text(tmp_path / f"vb/{ATTACHED}.pdf"),
        docx_text(tmp_path / f"vb/{ATTACHED}.docx"),
    ):
        assert "motcua.cd" in attached and "có dấu hiệu nộp thay" in attached


def test_no_attachment_when_off_or_nothing_marked(storage: Database, tmp_path: Path) -> None:
    period = _period(storage, tied_export(), tmp_path)
    campaign = campaigns.find_period(storage).campaign_id
    settings = campaigns.document_settings(storage, campaign)
    assert settings.minutes_proxy_evidence is True  # on by default
    campaigns.set_document_settings(
        storage, campaign, dataclasses.replace(settings, minutes_proxy_evidence=False)
    )
    assert _make(storage, period, tmp_path / "off") == ["bien-ban.docx", "bien-ban.pdf"]
    assert "nộp thay" not in pdf_text(tmp_path / "off/bien-ban.pdf")


def test_nothing_marked_nothing_attached(storage: Database, tmp_path: Path) -> None:
    export = Export()
    for owner in range(1, 6):  # one account, five owners: below the threshold of 10
        export.add("31396", "dichvu.cd", owner)
    period = _period(storage, export, tmp_path)
    assert _make(storage, period, tmp_path / "vb") == ["bien-ban.docx", "bien-ban.pdf"]
    assert "nộp thay" not in docx_text(tmp_path / "vb/bien-ban.docx")


@pytest.mark.usefixtures("restore_thidua_logging")
def test_report_all_makes_the_attachment(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import main
    from app.services.setup import open_storage

    db = open_storage(db_path, daily=False)
    try:
        _period(db, tied_export(), tmp_path)
    finally:
        db.close()
    out = tmp_path / "van-ban"
    status = main.main(["--db", str(db_path), "report", "all", "--out", str(out)])
    assert status == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert f"{ATTACHED}.pdf" in printed
    assert "motcua.cd" in pdf_text(out / f"{ATTACHED}.pdf")
    assert MENTION in pdf_text(out / "bien-ban.pdf")


def test_the_minutes_state_the_proxy_rules_in_use(storage: Database, tmp_path: Path) -> None:
    period = _period(storage, tied_export(), tmp_path)
    _make(storage, period, tmp_path / "before")
    before = docx_text(tmp_path / "before/bien-ban.docx")
    assert "tỷ lệ hồ sơ trực tuyến nộp thay thấp hơn xếp trước" not in before
    campaign = campaigns.find_period(storage).campaign_id
    rules = campaigns.campaign_rules(storage, campaign)
    campaigns.set_campaign_rules(
        storage,
        campaign,
        dataclasses.replace(rules, tie_break=PROXY_TIE_BREAK),
    )
    _make(storage, period, tmp_path / "after")
    after = docx_text(tmp_path / "after/bien-ban.docx")
    assert (
        "Các đơn vị bằng điểm: đơn vị có tỷ lệ hồ sơ trực tuyến nộp thay thấp hơn xếp trước"
        in after
    )
    assert "được tính là hồ sơ không trực tuyến" not in after
    # count_as_direct stated (the threshold raised so that no unit goes over its quota here)
    campaigns.set_campaign_rules(
        storage,
        campaign,
        dataclasses.replace(rules, proxy_policy="count_as_direct", proxy_owner_threshold=100),
    )
    _make(storage, period, tmp_path / "direct")
    direct = docx_text(tmp_path / "direct/bien-ban.docx")
    assert "nộp (không có ủy quyền) được tính là hồ sơ không trực tuyến" in direct
