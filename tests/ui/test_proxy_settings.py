"""Cài đặt → Quy tắc chấm điểm › Hồ sơ nộp thay: the policy, the owner threshold and the
tie-break that uses the proxy share, edited on the page, checked, saved, audited and applied to
the ranking (through the ranking service) at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.scoring.proxy import PROXY_TIE_BREAK
from app.services import audit, campaigns, ranking
from app.services.audit import audit_detail
from app.services.dossiers import import_dossiers
from app.services.official_accounts import add_official_account
from tests.test_proxy_evidence import CAY_DUONG, TAN_BINH, _same_eid, tied_export


@pytest.fixture
def tied_window(qtbot: Any, sample_db: Any, tmp_path: Path) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    period = campaigns.find_period(sample_db).id
    import_dossiers(sample_db, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
    _same_eid(sample_db, period)
    add_official_account(sample_db, TAN_BINH, "tn.tb")
    window = MainWindow(AppContext(sample_db))
    qtbot.addWidget(window)
    window.show()
    return window


def _order(context: Any) -> list[str]:
    ranked = ranking.rank_period(context.db, context.period.id)
    return [r.unit.code for r in ranked.ordered if r.unit.code in (CAY_DUONG, TAN_BINH)]


def _rules_tab(window: Any) -> Any:
    page = window.show_page("cai-dat")
    return page.show_tab(page.rules_tab)


def test_proxy_settings_change_the_ranking(tied_window: Any) -> None:
    context = tied_window.context
    tab = _rules_tab(tied_window)
    box = tab.proxy_box
    assert box.policy.currentData() == "tie_break" and box.threshold.text() == "10"
    assert box.tie_break.currentData() == "fewer_dossiers_per_account"
    assert "Điểm của đơn vị không đổi" in box.policy_help.text()
    assert _order(context) == [CAY_DUONG, TAN_BINH]  # 36/15 dossiers per account before 36/3

    box.tie_break.setCurrentIndex(box.tie_break.findData(PROXY_TIE_BREAK))
    tab.save_button.click()
    assert tab.problems == []
    rules = campaigns.campaign_rules(context.db, context.campaign.id)
    assert rules.tie_break == PROXY_TIE_BREAK
    assert _order(context) == [TAN_BINH, CAY_DUONG]  # proxy share 4/36 before 12/36
    assert context.ranking.result(TAN_BINH).rank < context.ranking.result(CAY_DUONG).rank
    entry = audit.list_audit(context.db, limit=1)[0]
    assert entry.action == audit.Action.RULES_CHANGE
    assert any("cách phân định đồng hạng" in line for line in audit_detail(entry))

    # «motcua.cd» filed for 12 owners: with a threshold of 13 it is no longer marked
    box.threshold.setText("13")
    tab.save_button.click()
    assert campaigns.campaign_rules(context.db, context.campaign.id).proxy_owner_threshold == 13
    assert _order(context) == [CAY_DUONG, TAN_BINH]  # share 0 before 4/36
    entry = audit.list_audit(context.db, limit=1)[0]
    assert any("ngưỡng số chủ hồ sơ" in line and "10 → 13" in line for line in audit_detail(entry))

    box.threshold.setText("10")
    box.policy.setCurrentIndex(box.policy.findData("count_as_direct"))
    assert "bị trừ khỏi" in box.policy_help.text()
    tab.save_button.click()
    assert campaigns.campaign_rules(context.db, context.campaign.id).proxy_policy == (
        "count_as_direct"
    )
    results = {r.unit.code: r for r in ranking.rank_period(context.db, context.period.id).results}
    assert results[CAY_DUONG].unit.online == 24  # 36 online − 12 filed on others' behalf
    assert results[CAY_DUONG].total is not None and results[TAN_BINH].total is not None
    assert results[CAY_DUONG].total < results[TAN_BINH].total


def test_a_wrong_owner_threshold_is_named_and_nothing_is_saved(tied_window: Any) -> None:
    context = tied_window.context
    tab = _rules_tab(tied_window)
    entries = len(audit.list_audit(context.db))
    for typed in ("0", "mười", ""):
        tab.proxy_box.threshold.setText(typed)
        tab.proxy_box.tie_break.setCurrentIndex(1)
        tab.save_button.click()
        assert any("Ngưỡng số chủ hồ sơ" in p for p in tab.problems), typed
        assert "Chưa lưu" in tab.message_text
    rules = campaigns.campaign_rules(context.db, context.campaign.id)
    assert rules.proxy_owner_threshold == 10 and rules.tie_break == "fewer_dossiers_per_account"
    assert len(audit.list_audit(context.db)) == entries


def test_the_minutes_attachment_is_a_document_setting(tied_window: Any) -> None:
    context = tied_window.context
    page = tied_window.show_page("cai-dat")
    tab = page.show_tab(page.documents_tab)
    box = tab.editors["minutes_proxy_evidence"]
    assert box.isChecked()  # on by default: attached whenever an account is marked
    box.setChecked(False)
    tab.save_button.click()
    settings = campaigns.document_settings(context.db, context.campaign.id)
    assert settings.minutes_proxy_evidence is False
    entry = audit.list_audit(context.db, limit=1)[0]
    assert any("Bằng chứng nộp thay" in line for line in audit_detail(entry))
