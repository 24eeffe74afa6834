"""Xếp hạng › Nộp thay: the selected unit's accounts, marked ones first, with a chart of dossiers
per account; registering an official account by hand; the report written from the panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.services import campaigns
from app.services.dossiers import import_dossiers
from app.ui.style import ERROR_BACKGROUND, TIER_COLOURS
from app.ui.widgets.proxy_panel import MARKED
from tests.test_proxy_evidence import CAY_DUONG, TAN_BINH, tied_export


@pytest.fixture
def proxy_window(qtbot: Any, sample_db: Any, tmp_path: Path) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    period = campaigns.find_period(sample_db).id
    import_dossiers(sample_db, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
    window = MainWindow(AppContext(sample_db))
    qtbot.addWidget(window)
    window.show()
    return window


def _accounts(panel: Any) -> list[str]:
    return [panel.table.item(row, 0).text() for row in range(panel.table.rowCount())]


def test_panel_lists_marked_accounts_first_with_a_chart(qtbot: Any, proxy_window: Any) -> None:
    page = proxy_window.show_page("xep-hang")
    panel = page.proxy_panel
    page.select(CAY_DUONG)
    assert panel.code is None  # not read while another tab is shown
    page.charts.setCurrentWidget(panel)
    assert panel.code == CAY_DUONG
    accounts = _accounts(panel)
    assert accounts[0] == "motcua.cd" and len(accounts) == 15
    assert panel.table.item(0, 1).text() == "12" and panel.table.item(0, 2).text() == "12"
    assert "có dấu hiệu nộp thay" in panel.table.item(0, 6).text()
    assert panel.table.item(0, 0).background().color().name() == ERROR_BACKGROUND
    assert panel.table.item(1, 6).text() == ""  # not marked
    bars = panel.chart.bars
    assert [b.label for b in bars][:2] == ["motcua.cd", "dichvu.cd"]
    assert bars[0].tier == MARKED and MARKED in TIER_COLOURS and bars[1].tier is None
    assert bars[0].value == 12.0 and panel.chart.maximum == 12.0
    assert "12 hồ sơ nộp thay (33,33%)" in panel.summary.text()
    panel.chart.grab()  # paints without error


def test_register_an_official_account_and_export_the_report(
    qtbot: Any, proxy_window: Any, tmp_path: Path
) -> None:
    page = proxy_window.show_page("xep-hang")
    panel = page.proxy_panel
    page.charts.setCurrentWidget(panel)
    page.select(TAN_BINH)
    assert not any(panel.table.item(r, 6).text() for r in range(panel.table.rowCount()))
    row = _accounts(panel).index("tn.tb")
    panel.table.selectRow(row)
    panel.register_selected()
    assert _accounts(panel)[0] == "tn.tb"  # marked now, so listed first
    assert "tài khoản cán bộ" in panel.table.item(0, 6).text()
    out = panel.export_report(tmp_path / "bang-chung.docx")
    assert out is not None and out.exists()
