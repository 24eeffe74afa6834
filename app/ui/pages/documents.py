"""Văn bản: choose and generate the award documents, open or print them (to be built)."""

from __future__ import annotations

from app.ui.pages.base import PlaceholderPage


class DocumentsPage(PlaceholderPage):
    SLUG = "van-ban"
    TITLE = "Văn bản"
    DESCRIPTION = (
        "Lập tờ trình đề nghị khen thưởng, biên bản họp xét khen thưởng, báo cáo thành tích "
        "của tập thể và cá nhân (PDF); mở bằng trình xem của máy hoặc in."
    )
