"""Cài đặt: campaign, periods, rule set, document settings, backup and restore, audit log (to be
built)."""

from __future__ import annotations

from app.ui.pages.base import PlaceholderPage


class SettingsPage(PlaceholderPage):
    SLUG = "cai-dat"
    TITLE = "Cài đặt"
    DESCRIPTION = (
        "Thông tin phong trào thi đua, các kỳ số liệu, bộ quy tắc chấm điểm, thông tin văn bản "
        "(cơ quan, người ký, số hiệu), sao lưu và khôi phục, nhật ký thay đổi."
    )
