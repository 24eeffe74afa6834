"""Nhập / Xuất: import wizards, templates, score table export, commune packages (to be built)."""

from __future__ import annotations

from app.ui.pages.base import PlaceholderPage


class ImportExportPage(PlaceholderPage):
    SLUG = "nhap-xuat"
    TITLE = "Nhập / Xuất"
    DESCRIPTION = (
        "Nhập số liệu đơn vị, số liệu định danh của Công an huyện, tệp hồ sơ của cổng dịch vụ công, "
        "danh sách đề nghị khen thưởng; tải mẫu nhập liệu; xuất bảng điểm và gói số liệu của xã."
    )
