"""Use cases on a temporary database: seed, campaigns, periods, units, figures, ranking, ties,
nominations and quotas, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from app.models import Database
from app.reports.settings import DocumentSettings, Signer
from app.resources import default_rules
from app.scoring import PENDING, ProblemList, UnitFigures, UnitKind, rules_to_data
from app.services import audit, campaigns, figures, nominations, ranking, units
from app.services.errors import NotFoundError, QuotaError, ServiceError
from app.services.records import PeriodInfo

GOLDEN_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "golden"

SAMPLE = GOLDEN_DIR / "sample-units-2023.csv"


def final(db: Database) -> PeriodInfo:
    return campaigns.find_period(db)


def test_seed(storage: Database) -> None:
    campaign = campaigns.current_campaign(storage)
    assert campaign.name == "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến"
    assert campaign.year == 2023
    assert rules_to_data(campaigns.campaign_rules(storage, campaign.id)) == rules_to_data(
        default_rules()
    )
    assert campaigns.document_settings(storage, campaign.id) == DocumentSettings()
    (period,) = campaigns.list_periods(storage, campaign.id)
    assert (period.name, period.start_date, period.end_date, period.is_final) == (
        "Tổng kết năm 2023",
        dt.date(2023, 9, 1),
        dt.date(2023, 12, 31),
        True,
    )
    all_units = units.list_units(storage)
    assert len(all_units) == 35
    assert all_units[0].code == "31396" and all_units[0].name == "Thị trấn Cây Dương"
    kinds = [u.kind for u in all_units]
    assert kinds.count(UnitKind.XA) + kinds.count(UnitKind.THI_TRAN) == 15
    assert all(dataclasses.is_dataclass(u) for u in all_units)


def test_campaign_and_settings_changes_are_audited(storage: Database) -> None:
    campaign = campaigns.current_campaign(storage)
    changed = campaigns.update_campaign(
        storage, campaign.id, plan_number="12/KH-UBND", plan_date=dt.date(2023, 9, 5)
    )
    assert changed.plan_number == "12/KH-UBND"
    with pytest.raises(ServiceError):
        campaigns.update_campaign(storage, campaign.id, colour="đỏ")
    settings = dataclasses.replace(
        DocumentSettings(), place="Cây Dương", certificate_signer=Signer("TM.", "CHỦ TỊCH", "A")
    )
    campaigns.set_document_settings(storage, campaign.id, settings)
    assert campaigns.document_settings(storage, campaign.id) == settings
    rules = dataclasses.replace(default_rules(), below_threshold_policy="exclude")
    campaigns.set_campaign_rules(storage, campaign.id, rules)
    assert campaigns.campaign_rules(storage, campaign.id).below_threshold_policy == "exclude"
    actions = [e.action for e in audit.list_audit(storage)]
    assert actions[:3] == ["rules.change", "settings.change", "campaign.update"]
    entry = audit.list_audit(storage, action="rules")[0]
    assert entry.old["below_threshold_policy"] == "zero"
    assert entry.new["below_threshold_policy"] == "exclude"


def test_periods(storage: Database) -> None:
    campaign = campaigns.current_campaign(storage)
    october = campaigns.add_period(
        storage, campaign.id, "Sơ kết tháng 10/2023", dt.date(2023, 9, 1), dt.date(2023, 10, 31)
    )
    assert campaigns.find_period(storage).name == "Tổng kết năm 2023"
    assert campaigns.find_period(storage, "sơ kết tháng 10/2023").id == october.id
    with pytest.raises(NotFoundError, match="Các kỳ hiện có"):
        campaigns.find_period(storage, "Không có")
    with pytest.raises(ServiceError, match="Đã có"):
        campaigns.add_period(
            storage, campaign.id, "Sơ kết tháng 10/2023", dt.date(2023, 9, 1), dt.date(2023, 9, 2)
        )
    with pytest.raises(ServiceError, match="phải sau"):
        campaigns.update_period(storage, october.id, end_date=dt.date(2023, 8, 1))
    campaigns.set_final_period(storage, october.id)
    assert campaigns.find_period(storage).id == october.id
    assert sum(p.is_final for p in campaigns.list_periods(storage, campaign.id)) == 1
    moved = campaigns.update_period(storage, october.id, start_date=dt.date(2023, 10, 1))
    assert moved.start_date == dt.date(2023, 10, 1)


def test_units(storage: Database) -> None:
    added = units.add_unit(storage, "TT1", "Thị trấn Mới", "thi_tran", address="Khu 1")
    assert added.sort_order == 36 and added.kind is UnitKind.THI_TRAN
    with pytest.raises(ServiceError, match="Đã có"):
        units.add_unit(storage, "TT1", "Khác", "xa")
    with pytest.raises(ServiceError, match="Loại đơn vị"):
        units.add_unit(storage, "TT2", "Khác", "huyen")
    updated = units.update_unit(
        storage,
        "31396",
        head_name="Nguyễn Văn Chủ",
        head_title="Chủ tịch UBND",
        phone="0293 3xxx",
        profile_text="Sơ lược đặc điểm",
        past_awards_text="Giấy khen 2022",
    )
    assert updated.head_title == "Chủ tịch UBND" and updated.profile_text == "Sơ lược đặc điểm"
    units.update_unit(storage, "TT1", active=False)
    assert "TT1" not in [u.code for u in units.list_units(storage, active_only=True)]
    with pytest.raises(NotFoundError):
        units.get_unit(storage, "KHONG")


def test_import_then_rank_matches_the_file(storage: Database) -> None:
    from app.exchange.unit_figures import read_unit_figures
    from app.scoring import rank_units
    from app.scoring.serialize import ranking_to_data

    period = final(storage)
    result = figures.import_figures(storage, period.id, SAMPLE, backup=False)
    assert result.units_in_file == 21 and len(result.changed) == 15 and not result.added_units
    by_code = {r["code"]: r for r in ranking_to_data(ranking.rank_period(storage, period.id))}
    expected = ranking_to_data(rank_units(read_unit_figures(SAMPLE).units, default_rules()))
    for item in expected:
        assert by_code[item["code"]] == item
    stored = figures.list_figures(storage, period.id)
    assert len(stored) == 15 and stored[0].source_kind == "file"
    assert stored[0].source_name == "sample-units-2023.csv"
    again = figures.import_figures(storage, period.id, SAMPLE, backup=False)
    assert again.changed == () and again.unchanged == 21


def test_units_without_figures_rank_with_nothing(storage: Database) -> None:
    period = final(storage)
    result = ranking.rank_period(storage, period.id)
    scored = [r for r in result.results if r.scored]
    assert len(scored) == 15
    assert all(r.total == 0 for r in scored)
    assert set(scored[0].flags) == {"missing_dossiers", "missing_eid"}
    unit_figures = figures.period_figures(storage, period.id)
    assert unit_figures[0] == UnitFigures("31396", "Thị trấn Cây Dương", UnitKind.THI_TRAN)


def test_typed_figures_validated_and_audited(storage: Database) -> None:
    period = final(storage)
    with pytest.raises(ProblemList) as error:
        figures.set_unit_figures(
            storage, period.id, UnitFigures("31396", "", UnitKind.THI_TRAN, 10, 5, None, 1, 2)
        )
    assert "lớn hơn tổng số hồ sơ" in str(error.value)
    changed, problems = figures.set_unit_figures(
        storage, period.id, UnitFigures("31396", "", UnitKind.THI_TRAN, 5, 10, 2, 1, 2)
    )
    assert changed and problems == []
    (stored,) = figures.list_figures(storage, period.id)
    assert stored.source_kind == "typed" and stored.figures.online == 5
    figures.set_unit_figures(
        storage, period.id, UnitFigures("31396", "", UnitKind.THI_TRAN, 6, 10, 2, 1, 2)
    )
    entry = audit.list_audit(storage, action="figures.edit")[0]
    assert entry.old["online"] == 5 and entry.new["online"] == 6 and entry.subject == "31396"


def test_import_refuses_unknown_codes_and_wrong_kinds(storage: Database, tmp_path: Path) -> None:
    period = final(storage)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "31399,Xã Tân Bình,xa", "31399,Xã Tân Bình,thi_tran"
        )
        + "99999,Xã Lạ,xa,1,1,1,1,1\n",
        encoding="utf-8",
    )
    with pytest.raises(ProblemList) as error:
        figures.import_figures(storage, period.id, bad, backup=False)
    messages = [str(p) for p in error.value.problems]
    assert any("99999" in m and "--add-units" in m for m in messages)
    assert any("31399" in m and "loại đơn vị khác" in m for m in messages)
    assert figures.list_figures(storage, period.id) == []


def test_add_units_on_import(storage: Database, tmp_path: Path) -> None:
    period = final(storage)
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Số hồ sơ trực tuyến,Tổng số hồ sơ phát sinh,"
        "Số tài khoản nộp hồ sơ,Số tài khoản định danh mức 2,Số người dân có CCCD\n"
        "N1,Xã Mới,xa,10,10,2,9,10\n",
        encoding="utf-8",
    )
    result = figures.import_figures(storage, period.id, extra, add_units=True, backup=False)
    assert result.added_units == ("N1",)
    assert units.get_unit(storage, "N1").sort_order == 36
    assert ranking.rank_period(storage, period.id).result("N1").rank == 1


def _tie_figures(db: Database) -> PeriodInfo:
    """Two units tied at the top with no account figures: first and second tiers pending."""
    period = final(db)
    for code, kind in (("31396", UnitKind.THI_TRAN), ("31393", UnitKind.THI_TRAN)):
        figures.set_unit_figures(
            db, period.id, UnitFigures(code, "", kind, 100, 100, None, 90, 100)
        )
    return period


def test_settle_tie(storage: Database) -> None:
    period = _tie_figures(storage)
    before = ranking.rank_period(storage, period.id)
    assert before.result("31396").tier == PENDING
    with pytest.raises(ServiceError, match="không thuộc nhóm đồng hạng"):
        ranking.settle_tie(storage, period.id, ["31396", "31399"], "Hội đồng biểu quyết")
    with pytest.raises(ServiceError, match="lý do"):
        ranking.settle_tie(storage, period.id, ["31393", "31396"], "  ")
    with pytest.raises(NotFoundError):
        ranking.settle_tie(storage, period.id, ["31393", "KHONG"], "x")
    settled = ranking.settle_tie(storage, period.id, ["31393", "31396"], "Hội đồng biểu quyết")
    after = ranking.rank_period(storage, period.id)
    assert after.result("31393").tier == "nhat" and after.result("31396").tier == "nhi"
    assert after.result("31393").settled_reason == "Hội đồng biểu quyết"
    again = ranking.settle_tie(storage, period.id, ["31396", "31393"], "Bốc thăm")
    assert [s.id for s in ranking.list_settlements(storage, period.id)] == [again.id]
    assert settled.id != again.id
    entry = audit.list_audit(storage, action="settlement")[0]
    assert entry.old == [{"order": ["31393", "31396"], "reason": "Hội đồng biểu quyết"}]
    assert entry.new == {"order": ["31396", "31393"], "reason": "Bốc thăm"}
    # New figures break the tie: the settlement is kept but reported stale.
    figures.set_unit_figures(
        storage, period.id, UnitFigures("31393", "", UnitKind.THI_TRAN, 99, 100, None, 90, 100)
    )
    stale = ranking.rank_period(storage, period.id)
    assert [s.order for s in stale.stale_settlements] == [("31396", "31393")]
    ranking.remove_settlement(storage, again.id)
    assert ranking.list_settlements(storage, period.id) == []


def _sample_period(db: Database) -> PeriodInfo:
    period = final(db)
    figures.import_figures(db, period.id, SAMPLE, backup=False)
    return period


def test_nominations_within_quota(storage: Database) -> None:
    period = _sample_period(storage)
    # 31396 ranks first: quota 5.
    for i in range(5):
        nominations.add_nomination(
            storage,
            period.id,
            "31396",
            f"Người {i}",
            "Công chức",
            "Tích cực",
            birth_date=dt.date(1990, 1, i + 1),
            gender="nữ" if i % 2 else "Nam",
        )
    with pytest.raises(QuotaError, match="chỉ được đề nghị 5 cá nhân"):
        nominations.add_nomination(storage, period.id, "31396", "Người 6", "Công chức")
    listed = nominations.list_nominations(storage, period.id, "31396")
    assert [n.gender for n in listed[:2]] == ["Nam", "Nữ"]
    assert listed[0].unit_name == "Thị trấn Cây Dương"
    with pytest.raises(ServiceError, match="Giới tính"):
        nominations.add_nomination(storage, period.id, "31393", "A", "B", gender="khác")
    # District agencies share 4.
    for i, code in enumerate(["VHTT", "NV", "TP", "CA"]):
        nominations.add_nomination(storage, period.id, code, f"Cán bộ {i}", "Chuyên viên")
    with pytest.raises(QuotaError, match="tổng cộng 4"):
        nominations.add_nomination(storage, period.id, "HD", "Cán bộ 5", "Bí thư")
    report = nominations.nomination_quotas(storage, period.id)
    assert report.unit("31396").nominated == 5 and report.agency_nominated == 4
    assert nominations.quota_problems(storage, period.id) == []


def test_nomination_update_delete_and_audit(storage: Database) -> None:
    period = _sample_period(storage)
    last = ranking.rank_period(storage, period.id).ordered[-1].code  # quota 1
    first = nominations.add_nomination(storage, period.id, last, "Trần A", "Công chức")
    second = nominations.add_nomination(storage, period.id, "31396", "Lê B", "Công chức")
    with pytest.raises(QuotaError):
        nominations.update_nomination(storage, second.id, unit_code=last)
    changed = nominations.update_nomination(
        storage,
        first.id,
        position="Phó Chủ tịch UBND",
        achievement_text="Báo cáo thành tích …",
        past_awards_text="Giấy khen 2022",
    )
    assert changed.position == "Phó Chủ tịch UBND" and changed.past_awards_text == "Giấy khen 2022"
    moved = nominations.update_nomination(storage, first.id, unit_code="31396")
    assert moved.unit_code == "31396"
    nominations.delete_nomination(storage, second.id)
    assert [n.id for n in nominations.list_nominations(storage, period.id)] == [first.id]
    actions = [e.action for e in audit.list_audit(storage, action="nomination")]
    assert actions == [
        "nomination.delete",
        "nomination.update",
        "nomination.update",
        "nomination.add",
        "nomination.add",
    ]
    with pytest.raises(NotFoundError):
        nominations.delete_nomination(storage, second.id)


def test_lowering_a_quota_deletes_nothing_and_reports_over_quota(storage: Database) -> None:
    period = _sample_period(storage)
    for i in range(5):
        nominations.add_nomination(storage, period.id, "31396", f"Người {i}", "Công chức")
    # New figures drop Cây Dương below the awarded places: quota 1.
    changed, problems = figures.set_unit_figures(
        storage,
        period.id,
        UnitFigures("31396", "", UnitKind.THI_TRAN, 1500, 2011, 1000, 9000, 13273),
    )
    assert changed
    assert problems == ["Thị trấn Cây Dương: vượt chỉ tiêu 4 (được 1, đã đề nghị 5)"]
    assert len(nominations.list_nominations(storage, period.id, "31396")) == 5
    assert nominations.nomination_quotas(storage, period.id).unit("31396").over_by == 4
    with pytest.raises(QuotaError):
        nominations.add_nomination(storage, period.id, "31396", "Người 6", "Công chức")


def test_pending_tie_refuses_nominations(storage: Database) -> None:
    period = _tie_figures(storage)
    with pytest.raises(QuotaError, match="đồng hạng"):
        nominations.add_nomination(storage, period.id, "31396", "A", "B")


def test_audit_values_are_plain_json(storage: Database) -> None:
    period = _sample_period(storage)
    entries = audit.list_audit(storage, limit=3)
    assert len(entries) == 3
    assert entries[0].action == "figures.import.file" and entries[0].period_name == period.name
    assert json.dumps([e.new for e in entries], ensure_ascii=False)


def test_campaign_lookup_and_package_source(storage: Database) -> None:
    (campaign,) = campaigns.list_campaigns(storage)
    assert campaigns.get_campaign(storage, campaign.id) == campaign
    with pytest.raises(NotFoundError):
        campaigns.get_campaign(storage, 999)
    period = final(storage)
    assert campaigns.get_period(storage, period.id) == period
    result = figures.import_units(
        storage,
        period.id,
        [UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, 8, 10, 4, 9, 10)],
        source_kind="package",
        source_name="31399-tong-ket.xlsx",
        backup=False,
    )
    assert result.changed == ("31399",)
    (stored,) = figures.list_figures(storage, period.id)
    assert (stored.source_kind, stored.source_name) == ("package", "31399-tong-ket.xlsx")
    with pytest.raises(ServiceError):
        figures.import_units(storage, period.id, [], source_kind="email", source_name="x")


def test_add_nominations_all_or_nothing(storage: Database) -> None:
    from app.services.records import NominationInput

    period = _sample_period(storage)
    nominations.add_nomination(storage, period.id, "31393", "Đã có", "Công chức")  # quota 1
    good = [
        NominationInput("31396", f"Người {i}", "Công chức", "Tích cực", row=i + 2) for i in range(5)
    ]
    bad = [
        *good,
        NominationInput("31393", "Thêm", "Công chức", row=7),
        NominationInput("KHONG", "Lạ", "Công chức", row=8),
        NominationInput("31423", "", "Công chức", gender="khác", row=9),
        *[NominationInput(c, f"Cán bộ {c}", "Chuyên viên", row=10) for c in ("VHTT", "NV", "TP")],
        *[NominationInput(c, f"Cán bộ {c}", "Chuyên viên", row=11) for c in ("CA", "HD")],
    ]
    with pytest.raises(ProblemList) as error:
        nominations.add_nominations(storage, period.id, bad)
    text = str(error.value)
    assert "Dòng 7, đơn vị 31393 (Thị trấn Kinh Cùng)" in text
    assert "vượt chỉ tiêu 1: được 1 cá nhân, đã có 1, thêm 1" in text
    assert "Dòng 8" in text and "Dòng 9" in text and "Giới tính" in text
    assert "tổng cộng 4 cá nhân: đã có 0, thêm 5" in text
    assert len(nominations.list_nominations(storage, period.id)) == 1
    added = nominations.add_nominations(storage, period.id, good, source_name="de-nghi.xlsx")
    assert [n.full_name for n in added] == [f"Người {i}" for i in range(5)]
    assert nominations.nomination_quotas(storage, period.id).unit("31396").nominated == 5
    assert audit.list_audit(storage, limit=1)[0].summary.endswith("từ de-nghi.xlsx")


def test_delete_unit_only_when_unused_and_clear_figures(storage: Database) -> None:
    period = final(storage)
    units.add_unit(storage, "TAM", "Xã Tạm", "xa")
    units.delete_unit(storage, "TAM")
    with pytest.raises(NotFoundError):
        units.get_unit(storage, "TAM")
    figures.set_unit_figures(
        storage, period.id, UnitFigures("31396", "", UnitKind.THI_TRAN, 1, 2, 1, 1, 2)
    )
    with pytest.raises(ServiceError, match="ngừng hoạt động"):
        units.delete_unit(storage, "31396")
    assert figures.clear_unit_figures(storage, period.id, "31396")
    assert not figures.clear_unit_figures(storage, period.id, "31396")
    assert figures.list_figures(storage, period.id) == []
    entry = audit.list_audit(storage, limit=1)[0]
    assert entry.action == "figures.clear" and entry.old["online"] == 1
    units.delete_unit(storage, "31396")  # no figures, no nominations any more
