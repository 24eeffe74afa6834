"""Cài đặt page (campaign, periods, rules, document settings, backup/restore, audit log), its table
models without widgets, and the plain helpers of app.services.settings_support."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from app.scoring import RuleSetError, UnitFigures, UnitKind
from app.services import audit, campaigns, figures
from app.services.audit import audit_detail, audit_matches
from app.services.document_settings import document_settings_problems
from app.services.records import AuditInfo, PeriodInfo
from app.services.settings_support import (
    BackupEntry,
    CriterionEdit,
    RuleEdits,
    TierEdit,
    backup_entry,
    edit_rules,
    format_number,
    list_backups,
    parse_number_text,
    share_as_percent,
)
from app.ui.pages import settings_backup, settings_rules
from app.ui.pages.settings_audit import AuditTableModel
from app.ui.pages.settings_backup import BackupsTableModel
from app.ui.pages.settings_campaign import PeriodsTableModel

PHUNG_HIEP = "31417"  # 1.574 of 2.498 online (63%): below the 70% threshold, 15th
KINH_CUNG = "31393"  # 987 of 1.429 online (69%): 40 points, 13th; 81,44 and 12th from 60%
BUNG_TAU = "31433"  # 77,60 points: 12th, 13th when the threshold is 60%
DISPLAY = Qt.ItemDataRole.DisplayRole


def settings_page(window: Any) -> Any:
    return window.show_page("cai-dat")


def rank_of(context: Any, code: str) -> int | None:
    return context.ranking.result(code).rank


def close_current(context: Any) -> None:
    """Close the database the context holds at the end (a restore replaced the fixture's)."""
    context.db.close()


def last_action(db: Any) -> str:
    return audit.list_audit(db, limit=1)[0].action


# --- Phong trào ----------------------------------------------------------------------------------


def test_campaign_details_are_saved(sample_window: Any) -> None:
    page = settings_page(sample_window)
    tab = page.show_tab(page.campaign_tab)
    db = sample_window.context.db
    tab.plan_number.setText("125/KH-UBND")
    tab.plan_date.setText("15/09/2023")
    tab.save_button.click()
    info = campaigns.current_campaign(db)
    assert (info.plan_number, info.plan_date) == ("125/KH-UBND", dt.date(2023, 9, 15))
    assert sample_window.context.campaign.plan_number == "125/KH-UBND"
    assert "Đã lưu" in tab.message_text
    entries = len(audit.list_audit(db))
    tab.save_button.click()  # nothing changed: nothing recorded
    assert tab.message_text == "Không có gì thay đổi."
    assert len(audit.list_audit(db)) == entries
    entry = audit.list_audit(db, limit=1)[0]
    assert entry.action == "campaign.update" and set(entry.new) == {"plan_number", "plan_date"}

    tab.plan_date.setText("31/02/2023")
    tab.save_button.click()
    assert "không phải là ngày" in tab.message_text
    tab.name.setText("  ")
    tab.plan_date.setText("")
    tab.save_button.click()
    assert "không được để trống" in tab.message_text
    assert campaigns.current_campaign(db).plan_date == dt.date(2023, 9, 15)


# --- Kỳ số liệu ----------------------------------------------------------------------------------


def test_add_a_period_and_mark_it_final(sample_window: Any) -> None:
    page = settings_page(sample_window)
    tab = page.show_tab(page.periods_tab)
    context = sample_window.context
    db = context.db
    assert tab.model.rowCount() == 1
    tab.name.setText("Sơ kết quý IV")
    tab.start.setDate(QDate(2023, 10, 1))
    tab.end.setDate(QDate(2023, 11, 30))
    tab.add_button.click()
    assert "Đã thêm kỳ «Sơ kết quý IV»" in tab.message_text
    periods = campaigns.list_periods(db, context.campaign.id)
    added = next(p for p in periods if p.name == "Sơ kết quý IV")
    assert (added.start_date, added.end_date, added.is_final) == (
        dt.date(2023, 10, 1),
        dt.date(2023, 11, 30),
        False,
    )
    assert len(context.periods) == 2
    assert tab.selected() is not None and tab.selected().id == added.id
    assert tab.final_button.isEnabled()

    # The same name again is refused.
    tab.add_button.click()
    assert "Đã có kỳ số liệu «Sơ kết quý IV»" in tab.message_text

    # End before start is refused, nothing changed.
    tab.end.setDate(QDate(2023, 9, 1))
    tab.update_button.click()
    assert "phải sau ngày bắt đầu" in tab.message_text
    assert campaigns.get_period(db, added.id).end_date == dt.date(2023, 11, 30)

    tab.end.setDate(QDate(2023, 12, 15))
    tab.update_button.click()
    assert campaigns.get_period(db, added.id).end_date == dt.date(2023, 12, 15)

    tab.final_button.click()
    assert campaigns.find_period(db).id == added.id
    assert last_action(db) == "period.final"
    assert not tab.final_button.isEnabled()
    finals = [tab.model.index(r, 3).data() for r in range(tab.model.rowCount())]
    assert finals.count("✔ tổng kết") == 1
    assert any(p.is_final for p in context.periods if p.id == added.id)


# --- Quy tắc chấm điểm -----------------------------------------------------------------------------


def test_lowering_the_threshold_changes_points_and_ranks(sample_window: Any) -> None:
    page = settings_page(sample_window)
    tab = page.show_tab(page.rules_tab)
    context = sample_window.context
    db = context.db
    before = context.ranking.result(PHUNG_HIEP)
    assert before.rank == 15 and "below_threshold" in before.flags
    threshold = tab.criterion_edits["online"][1]
    assert threshold.text() == "70"
    threshold.setText("60")
    tab.save_button.click()
    assert tab.problems == []
    assert "tính lại" in tab.message_text and "đổi thứ hạng" in tab.message_text
    assert campaigns.campaign_rules(db, context.campaign.id).criterion("online").threshold == (
        Fraction(3, 5)
    )
    after = context.ranking.result(PHUNG_HIEP)
    assert after.criteria[0].points == Decimal("37.81")
    assert after.total == Decimal("64.14") and "below_threshold" not in after.flags
    assert context.ranking.result(KINH_CUNG).total == Decimal("81.44")
    assert (rank_of(context, KINH_CUNG), rank_of(context, BUNG_TAU)) == (12, 13)
    entry = audit.list_audit(db, limit=1)[0]
    assert entry.action == "rules.change"
    assert any("ngưỡng xét điểm: 0.7 → 0.6" in line for line in audit_detail(entry))
    # The ranking page shows it when next opened.
    ranking_page = sample_window.show_page("xep-hang")
    assert ranking_page.model.ranking.result(BUNG_TAU).rank == 13


def test_invalid_rule_values_are_named_and_nothing_is_saved(sample_window: Any) -> None:
    page = settings_page(sample_window)
    tab = page.show_tab(page.rules_tab)
    context = sample_window.context
    db = context.db
    stored = campaigns.campaign_rules(db, context.campaign.id)
    entries = len(audit.list_audit(db))
    tab.criterion_edits["online"][1].setText("abc")
    tab.criterion_edits["eid"][2].setText("150")
    tab.tier_edits["nhat"][0].setText("0")
    tab.tier_edits["nhi"][1].setText("-4.000.000")
    tab.agency_total.setText("")
    tab.save_button.click()
    text = tab.message_text
    assert "Chưa lưu" in text
    assert "Tiêu chí «Tỷ lệ hồ sơ trực tuyến» — ngưỡng xét điểm: «abc» không phải là số" in text
    assert "phải từ 0 đến 100" in text
    assert "Giải Nhất — số đơn vị: phải từ 1 trở lên" in text
    assert "Giải Nhì — tiền thưởng: phải từ 0 trở lên" in text
    assert "Tổng chỉ tiêu cá nhân của các cơ quan cấp huyện: chưa nhập" in text
    assert len(tab.problems) == 5
    assert campaigns.campaign_rules(db, context.campaign.id) == stored
    assert len(audit.list_audit(db)) == entries
    assert rank_of(context, PHUNG_HIEP) == 15

    # Hoàn tác shows the stored numbers again.
    tab.revert_button.click()
    assert tab.criterion_edits["online"][1].text() == "70"
    assert tab.message_text == ""


def test_load_a_rule_file_and_the_default(
    sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_yes: None
) -> None:
    import json

    from app.resources import DEFAULT_RULES, resource_path

    page = settings_page(sample_window)
    tab = page.show_tab(page.rules_tab)
    context = sample_window.context
    data = json.loads(resource_path("rules", DEFAULT_RULES).read_text(encoding="utf-8"))
    data["name"] = "Quy tắc thử"
    data["below_threshold_policy"] = "exclude"
    good = tmp_path / "thu.json"
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "hong.json"
    bad.write_text('{"format": 1, "name": ""}', encoding="utf-8")

    monkeypatch.setattr(settings_rules, "choose_rules_file", lambda _parent: bad)
    assert not tab.load_file()
    assert "«name» phải là chuỗi ký tự không rỗng" in tab.message_text
    assert campaigns.campaign_rules(context.db, context.campaign.id).name == "Phụng Hiệp 2023"

    monkeypatch.setattr(settings_rules, "choose_rules_file", lambda _parent: good)
    assert tab.load_file()
    assert tab.name.text() == "Quy tắc thử"
    assert tab.policy.currentData() == "exclude"
    assert PHUNG_HIEP not in [r.unit.code for r in context.ranking.ordered]

    exported = tmp_path / "ra.json"
    monkeypatch.setattr(settings_rules, "choose_rules_target", lambda _p, _s: exported)
    assert tab.export_file() == exported
    assert "Đã ghi bộ quy tắc «Quy tắc thử»" in tab.message_text

    assert tab.use_default()
    assert campaigns.campaign_rules(context.db, context.campaign.id).name == "Phụng Hiệp 2023"
    assert rank_of(context, PHUNG_HIEP) == 15

    # The exported file loads back as the same rule set.
    monkeypatch.setattr(settings_rules, "choose_rules_file", lambda _parent: exported)
    assert tab.load_file()
    assert campaigns.campaign_rules(context.db, context.campaign.id).name == "Quy tắc thử"


# --- Thông tin văn bản ---------------------------------------------------------------------------


def test_document_settings_are_saved(sample_window: Any) -> None:
    from app.reports.settings import DocumentSettings
    from app.services.document_settings import LABELS

    page = settings_page(sample_window)
    tab = page.show_tab(page.documents_tab)
    context = sample_window.context
    db = context.db
    from dataclasses import fields

    assert {f.name for f in fields(DocumentSettings)} == set(LABELS) == set(tab.editors)
    editors = tab.editors
    editors["proposal_number"].setText("15/TTr-VHTT")
    editors["meeting_date"].setText("20/12/2023")
    editors["members_present"].setPlainText("Nguyễn Văn A\n\n  Trần Thị B  \n")
    editors["vote_agree"].setText("7")
    editors["certificate_offset_x_mm"].setValue(2.5)
    editors["certificate_full_text"].setChecked(True)
    editors["proposal_signer"].name.setText("Lê Văn Ký")
    tab.save_button.click()
    assert "Đã lưu" in tab.message_text
    saved = campaigns.document_settings(db, context.campaign.id)
    assert saved.proposal_number == "15/TTr-VHTT"
    assert saved.meeting_date == "20/12/2023"
    assert saved.members_present == ("Nguyễn Văn A", "Trần Thị B")
    assert saved.vote_agree == 7
    assert saved.certificate_offset_x_mm == 2.5 and saved.certificate_full_text
    assert saved.proposal_signer.name == "Lê Văn Ký"
    assert saved.proposal_signer.title == "TRƯỞNG PHÒNG"
    entry = audit.list_audit(db, limit=1)[0]
    assert entry.action == "settings.change"

    # Bad values: refused, each named by its label, nothing saved.
    editors["decision_date"].setText("32/13/2023")
    editors["vote_agree"].setText("bảy")
    tab.save_button.click()
    assert "Số phiếu đồng ý: «bảy» không phải là số nguyên" in tab.message_text
    editors["vote_agree"].setText("")
    tab.save_button.click()
    assert "Ngày quyết định: «32/13/2023» không phải là ngày" in tab.message_text
    assert campaigns.document_settings(db, context.campaign.id) == saved

    # A fresh page shows what was saved; Hoàn tác brings it back.
    tab.revert_button.click()
    assert editors["decision_date"].text() == ""
    assert editors["members_present"].toPlainText() == "Nguyễn Văn A\nTrần Thị B"


# --- Sao lưu / khôi phục -------------------------------------------------------------------------


def test_backup_then_restore_brings_back_an_old_figure(
    qtbot: Any,
    sample_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_yes: None,
    request: pytest.FixtureRequest,
) -> None:
    context = sample_window.context
    request.addfinalizer(lambda: close_current(context))  # the database opened by the restore
    page = settings_page(sample_window)
    tab = page.show_tab(page.backup_tab)
    target = tmp_path / "sao luu" / "ban-sao.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(settings_backup, "choose_backup_target", lambda _p, _s: target)
    assert tab.backup_now() == target
    assert target.is_file() and "Đã sao lưu" in tab.message_text

    # A figure changes after the backup: Phụng Hiệp reaches 100% online.
    old_db = context.db
    figures.set_unit_figures(
        old_db,
        context.period.id,
        UnitFigures(PHUNG_HIEP, "Xã Phụng Hiệp", UnitKind.XA, 2498, 2498, 891, 7589, 11527),
    )
    context.refresh()
    assert rank_of(context, PHUNG_HIEP) != 15

    monkeypatch.setattr(settings_backup, "choose_backup_source", lambda _p, _s: target)
    assert tab.restore_from_file()
    assert context.db is not old_db
    assert "Đã khôi phục" in tab.message_text
    assert rank_of(context, PHUNG_HIEP) == 15
    stored = {
        f.figures.code: f.figures for f in figures.list_figures(context.db, context.period.id)
    }
    assert stored[PHUNG_HIEP].online == 1574
    # The data as it was before the restore is kept as an automatic backup, listed in the tab.
    reasons = [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]
    assert "Trước khi khôi phục" in reasons
    # Every page works on the new database.
    figures_page = sample_window.show_page("so-lieu")
    assert figures_page.model.rowCount() > 0
    units_page = sample_window.show_page("don-vi")
    assert units_page.model.rowCount() > 0


def test_restore_from_the_automatic_backups(
    sample_window: Any, answer_yes: None, request: pytest.FixtureRequest
) -> None:
    from app.services.backups import automatic_backup

    context = sample_window.context
    request.addfinalizer(lambda: close_current(context))
    automatic_backup(context.db.path, "hang-ngay")
    figures.clear_unit_figures(context.db, context.period.id, PHUNG_HIEP)
    context.refresh()
    assert context.ranking.result(PHUNG_HIEP).unit.online is None
    page = settings_page(sample_window)
    tab = page.show_tab(page.backup_tab)
    assert tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "Hằng ngày"
    assert not tab.restore_button.isEnabled()
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    assert tab.restore_button.isEnabled()
    tab.restore_button.click()
    assert "Đã khôi phục dữ liệu từ bản sao lưu tự động" in tab.message_text
    assert context.ranking.result(PHUNG_HIEP).unit.online == 1574
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == [
        "Trước khi khôi phục",
        "Hằng ngày",
    ]


def test_restoring_a_bad_file_changes_nothing(
    sample_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_yes: None,
    request: pytest.FixtureRequest,
) -> None:
    context = sample_window.context
    request.addfinalizer(lambda: close_current(context))
    page = settings_page(sample_window)
    tab = page.show_tab(page.backup_tab)
    bad = tmp_path / "khong-phai.sqlite3"
    bad.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    monkeypatch.setattr(settings_backup, "choose_backup_source", lambda _p, _s: bad)
    assert not tab.restore_from_file()
    assert "khong-phai.sqlite3" in tab.message_text
    assert "không phải cơ sở dữ liệu" in tab.message_text
    assert rank_of(context, PHUNG_HIEP) == 15
    assert campaigns.current_campaign(context.db).year == 2023  # the database is open again


def test_restore_is_not_done_without_a_yes(
    sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import errors

    context = sample_window.context
    page = settings_page(sample_window)
    tab = page.show_tab(page.backup_tab)
    monkeypatch.setattr(errors, "ask", lambda *_a, **_k: False)
    monkeypatch.setattr(settings_backup, "choose_backup_source", lambda _p, _s: tmp_path / "x")
    db = context.db
    assert not tab.restore_from_file()
    assert context.db is db


# --- Nhật ký thay đổi ----------------------------------------------------------------------------


def test_audit_viewer_lists_and_filters_a_change(sample_window: Any) -> None:
    page = settings_page(sample_window)
    context = sample_window.context
    tab = page.show_tab(page.campaign_tab)
    tab.issuing_body.setText("UBND huyện Phụng Hiệp (thử)")
    tab.save_button.click()

    audit_tab = page.show_tab(page.audit_tab)
    model = audit_tab.model
    assert model.index(0, 1).data() == "Sửa phong trào"
    assert "Sửa thông tin phong trào" in model.index(0, 4).data()
    assert "cơ quan ban hành: Ủy ban nhân dân huyện Phụng Hiệp → UBND huyện Phụng Hiệp (thử)" in (
        audit_tab.detail.toPlainText()
    )
    total = model.rowCount()
    assert total > 10
    audit_tab.filter.setText("phong trao")  # no accents needed
    assert 0 < model.rowCount() < total
    assert model.record(0).action == "campaign.update"
    assert "figures.import" not in {model.record(r).action for r in range(model.rowCount())}
    audit_tab.filter.setText("không có gì như thế này")
    assert model.rowCount() == 0 and audit_tab.detail.toPlainText() == ""
    audit_tab.filter.setText("")
    assert model.rowCount() == total

    # A change made elsewhere shows when the tab is next shown.
    figures.set_unit_figures(
        context.db,
        context.period.id,
        UnitFigures(PHUNG_HIEP, "Xã Phụng Hiệp", UnitKind.XA, 1600, 2498, 891, 7589, 11527),
    )
    context.refresh()
    assert model.index(0, 1).data() == "Sửa số liệu"


def test_settings_page_keyboard(qtbot: Any, sample_window: Any) -> None:
    page = settings_page(sample_window)
    assert page.tabs.tabText(0).startswith("&1")
    assert page.first_focus() is page.tabs.tabBar()
    for tab in page.tab_list:
        page.show_tab(tab)
        assert tab.first_focus() is not None


# --- table models without widgets ----------------------------------------------------------------


def test_periods_model() -> None:
    model = PeriodsTableModel()
    model.set_records(
        [
            PeriodInfo(1, 1, "Sơ kết", dt.date(2023, 9, 1), dt.date(2023, 10, 31), False),
            PeriodInfo(2, 1, "Tổng kết", dt.date(2023, 9, 1), dt.date(2023, 12, 31), True),
        ]
    )
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert model.index(0, 1).data() == "01/09/2023"
    assert model.index(1, 2).data() == "31/12/2023"
    assert model.index(0, 3).data() == "" and model.index(1, 3).data() == "✔ tổng kết"
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.row_of(2) == 1


def test_backups_model(tmp_path: Path) -> None:
    db_path = tmp_path / "thidua.sqlite3"
    file = (
        tmp_path / "backups" / "thidua.sqlite3-tu-dong-20231220-081500-000123-nhap-so-lieu.sqlite3"
    )
    file.parent.mkdir()
    file.write_bytes(b"x" * 3000)
    entry = backup_entry(db_path, file)
    assert entry.made_at == dt.datetime(2023, 12, 20, 8, 15, 0, 123)
    assert entry.reason == "Trước khi nhập số liệu"
    model = BackupsTableModel()
    model.set_records([entry, BackupEntry(tmp_path / "la.sqlite3", None, "khác", 0)])
    assert model.index(0, 0).data() == "20/12/2023 08:15:00"
    assert model.index(0, 2).data() == "3 KB"
    assert model.index(1, 0).data() == ""
    assert list_backups(db_path) == [entry]


def _entry(number: int, action: str, summary: str, old: Any = None, new: Any = None) -> AuditInfo:
    return AuditInfo(
        number, dt.datetime(2023, 12, number, 9, 30), action, "Xã Hòa An", "", summary, old, new
    )


def test_audit_model_and_filter() -> None:
    model = AuditTableModel()
    entries = [
        _entry(2, "figures.edit", "Sửa số liệu Xã Hòa An", {"online": 10}, {"online": 12}),
        _entry(1, "unit.add", "Thêm đơn vị 31423 (Xã Hòa An)"),
    ]
    model.set_entries(entries)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "02/12/2023 09:30:00"
    assert model.index(0, 1).data() == "Sửa số liệu"
    assert "hồ sơ trực tuyến: 10 → 12" in model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    model.filter("them don vi")
    assert [r.id for r in model.records] == [1]
    model.filter("HÒA AN 12/2023")
    assert model.rowCount() == 2
    model.set_entries(entries[:1])  # the filter stays
    assert model.rowCount() == 1 and model.query == "HÒA AN 12/2023"


# --- app.services.settings_support ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6.000.000", Decimal(6000000)),
        ("6000000", Decimal(6000000)),
        ("0,70", Decimal("0.70")),
        ("0.7", Decimal("0.7")),
        ("1.234,5", Decimal("1234.5")),
        (" 70 ", Decimal(70)),
        ("-4.000.000", Decimal(-4000000)),
        ("", None),
        ("abc", None),
        ("1,2,3", None),
        ("inf", None),
    ],
)
def test_parse_number_text(text: str, value: Decimal | None) -> None:
    assert parse_number_text(text) == value


def test_format_number_and_percent() -> None:
    assert format_number(6000000) == "6.000.000"
    assert format_number(Decimal("60.50")) == "60,5"
    assert format_number(Decimal("-1234")) == "-1.234"
    assert share_as_percent("0.70") == "70"
    assert share_as_percent("0.125") == "12,5"
    assert share_as_percent(None) == ""


def _edits(**changes: Any) -> RuleEdits:
    base: dict[str, Any] = {
        "name": "Phụng Hiệp 2023",
        "below_threshold_policy": "zero",
        "criteria": {
            "online": CriterionEdit("60", "70", "100"),
            "eid": CriterionEdit("40", "", "90"),
        },
        "tiers": {
            "nhat": TierEdit("1", "6.000.000", "3", "5"),
            "nhi": TierEdit("1", "4.000.000", "2", "4"),
            "ba": TierEdit("1", "2.000.000", "1", "3"),
            "khuyen_khich": TierEdit("2", "1.500.000", "0", "2"),
        },
        "other_units_quota": "1",
        "district_agency_quota_total": "4",
    }
    base.update(changes)
    return RuleEdits(**base)


def test_edit_rules_unchanged_and_changed() -> None:
    from app.resources import default_rules

    rules = default_rules()
    assert edit_rules(rules, _edits()) == rules
    changed = edit_rules(
        rules,
        _edits(
            criteria={
                "online": CriterionEdit("60", "62,5", "100"),
                "eid": CriterionEdit("40", "", "90"),
            },
            other_units_quota="2",
        ),
    )
    assert changed.criterion("online").threshold == Fraction(5, 8)
    assert changed.other_units_quota == 2


def test_edit_rules_names_every_problem() -> None:
    from app.resources import default_rules

    with pytest.raises(RuleSetError) as caught:
        edit_rules(
            default_rules(),
            _edits(
                name=" ",
                criteria={
                    "online": CriterionEdit("60,123", "80", "75"),
                    "eid": CriterionEdit("-1", "", "x"),
                },
                tiers={"nhat": TierEdit("1,5", "", "3", "5")},
            ),
        )
    problems = caught.value.problems
    assert "Tên bộ quy tắc: chưa nhập" in problems
    assert any(
        "đạt điểm tối đa (75%) không được nhỏ hơn ngưỡng xét điểm (80%)" in p for p in problems
    )
    assert (
        "Tiêu chí «Tỷ lệ tài khoản định danh điện tử mức 2» — điểm tối đa: không được âm (đang là -1)"
        in (problems)
    )
    assert any("«x» không phải là số" in p for p in problems)
    assert "Giải Nhất — số đơn vị: phải là số nguyên (đang là «1,5»)" in problems
    assert "Giải Nhất — tiền thưởng: chưa nhập" in problems
    assert any("«max_points» có nhiều hơn 2 chữ số thập phân" in p for p in problems)


def test_document_settings_problems() -> None:
    from app.reports.settings import DocumentSettings

    assert document_settings_problems(DocumentSettings()) == []
    problems = document_settings_problems(
        DocumentSettings(proposal_date="20/12/2023", meeting_date="hôm qua", vote_disagree=-1),
        {"meeting_date": "Ngày họp"},
    )
    assert problems == [
        "Ngày họp: «hôm qua» không phải là ngày: ghi ngày/tháng/năm, ví dụ 05/01/1990; hoặc để "
        "trống.",
        "vote_disagree: không được âm",
    ]
    problems = document_settings_problems(
        DocumentSettings(vote_exceptions=("31396: 8/9", "31423 8/9", "31405: 10/9", "31396: 1/1")),
        {"vote_exceptions": "vote_exceptions"},
    )
    assert problems == [
        "vote_exceptions: «31423 8/9»: viết «mã đơn vị: số tán thành/số biểu quyết», ví dụ 31396: 8/9",
        "vote_exceptions: «31405: 10/9»: số tán thành phải từ 0 đến số biểu quyết (lớn hơn 0)",
        "vote_exceptions: «31396: 1/1»: 31396 đã có ở dòng trước",
    ]
    # without labels given, the fields are named as the Cài đặt form names them
    named = document_settings_problems(DocumentSettings(vote_disagree=-1))
    assert named == ["Số phiếu không đồng ý: không được âm"]


def test_audit_detail_and_matches() -> None:
    rules_change = _entry(
        3,
        "rules.change",
        "Thay bộ quy tắc",
        {"criteria": [{"key": "online", "threshold": "0.70", "max_points": "60"}], "name": "A"},
        {"criteria": [{"key": "online", "threshold": "0.6", "max_points": "60"}], "name": "A"},
    )
    assert audit_detail(rules_change) == [
        "tiêu chí › hồ sơ trực tuyến › ngưỡng xét điểm: 0.70 → 0.6"
    ]
    added = _entry(4, "period.add", "Thêm kỳ", None, {"name": "Sơ kết", "is_final": False})
    assert audit_detail(added) == ["tên: Sơ kết", "kỳ tổng kết: không"]
    removed = _entry(5, "x", "y", {"a": [1, 2], "b": None}, {"b": "c"})
    assert audit_detail(removed, {"a": "Một"}) == ["Một: 1; 2 → (bỏ)", "b: (trống) → c"]
    plain = _entry(6, "settlement.add", "z", ["G", "F"], None)
    assert audit_detail(plain) == ["Trước: G; F"]
    assert audit_matches(rules_change, "nguong xet diem")
    assert audit_matches(rules_change, "")
    assert not audit_matches(rules_change, "hòa an thiếu")


def test_next_years_names_and_forms_are_settings(sample_window: Any) -> None:
    """Since 01/07/2025 there is no district level and Nghị định 152/2025 replaced 98/2023: the
    names, legal bases, signer, sổ vàng start and one certificate field's offset are typed in
    Cài đặt and saved with the campaign; the vertical offset's label says which way + moves."""
    from app.services.document_settings import LABELS

    page = settings_page(sample_window)
    tab = page.show_tab(page.documents_tab)
    context = sample_window.context
    editors = tab.editors
    assert "xuống dưới" in LABELS["certificate_offset_y_mm"]
    assert "lên trên" not in " ".join(LABELS.values())
    assert "98/2023" in editors["legal_bases"].toPlainText()
    editors["decision_office"].setText("ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP")
    editors["decision_issuer"].setText("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP")
    editors["legal_bases"].setPlainText(
        "Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022\n"
        "Nghị định số 152/2025/NĐ-CP của Chính phủ\n"
    )
    editors["prize_source"].setText("ngân sách xã năm 2025")
    editors["register_start"].setText("125")
    offsets = editors["certificate_field_offsets"]
    offsets.spins["register"][1].setValue(-2.5)
    tab.save_button.click()
    assert "Đã lưu" in tab.message_text
    saved = campaigns.document_settings(context.db, context.campaign.id)
    assert saved.decision_office == "ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP"
    assert saved.legal_bases == (
        "Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022",
        "Nghị định số 152/2025/NĐ-CP của Chính phủ",
    )
    assert saved.register_start == 125
    assert saved.field_offset("register") == (0.0, -2.5)
    assert saved.field_offset("recipient") == (0.0, 0.0)
    tab.refresh()
    assert offsets.spins["register"][1].value() == -2.5

    editors["register_start"].setText("0")
    tab.save_button.click()
    assert "Số sổ vàng bắt đầu từ: phải từ 1 trở lên" in tab.message_text
    assert campaigns.document_settings(context.db, context.campaign.id) == saved


def test_postal_dossiers_in_total_is_a_rule_setting(sample_window: Any) -> None:
    """RULES.md section 2: postal dossiers count in the total only when the rule set says so."""
    from app.resources import default_rules

    rules = default_rules()
    assert rules.postal_in_total is False
    assert edit_rules(rules, _edits(postal_in_total=True)).postal_in_total is True
    assert edit_rules(rules, _edits()).postal_in_total is False
    page = settings_page(sample_window)
    tab = page.show_tab(page.rules_tab)
    context = sample_window.context
    assert not tab.postal_box.isChecked()
    tab.postal_box.setChecked(True)
    tab.save_button.click()
    assert tab.problems == []
    assert campaigns.campaign_rules(context.db, context.campaign.id).postal_in_total is True
    entry = audit.list_audit(context.db, limit=1)[0]
    assert any("bưu chính" in line for line in audit_detail(entry))
