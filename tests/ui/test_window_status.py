"""The status bar and the title follow changes made in Cài đặt, without a restart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.services import campaigns


def test_a_new_period_and_a_new_name_show_at_once(sample_window: Any) -> None:
    context = sample_window.context
    box = sample_window.period_box
    assert box.count() == 1 and not box.isEnabled()
    campaigns.add_period(
        context.db, context.campaign.id, "Sơ kết tháng 10/2023", dt.date(2023, 9, 1),
        dt.date(2023, 10, 31),
    )  # fmt: skip
    context.campaign = campaigns.update_campaign(context.db, context.campaign.id, year=2024)
    context.reload_periods()
    context.refresh()
    assert box.count() == 2 and box.isEnabled()
    assert box.itemText(box.currentIndex()).endswith("(tổng kết)")
    assert "Sơ kết tháng 10/2023" in [box.itemText(i) for i in range(box.count())]
    assert sample_window.windowTitle().endswith("2024")
    assert "(2024)" in sample_window.campaign_label.text()
