"""The Nhập / Xuất page's imports as data, in the order of its buttons: each kind's button label
(with its Alt+letter) and what the file is; which of them a commune clerk does in commune mode
(the rest is the district's work). The exports' templates are in :mod:`app.ui.wizards.exports`."""

from __future__ import annotations

# Import kinds: (label of the button with its Alt+letter, what the file is)
IMPORTS: dict[str, tuple[str, str]] = {
    "figures": (
        "&Số liệu đơn vị…",
        "Tệp theo mẫu số liệu (mỗi dòng một đơn vị, đủ năm chỉ tiêu): xem trước, chọn cột.",
    ),
    "dossiers": (
        "Tệp hồ sơ của &Cổng DVC…",
        "Tệp xuất từ Cổng dịch vụ công của tỉnh (mỗi dòng một hồ sơ): chọn cột, xem trước.",
    ),
    "portal_stats": (
        "&Báo cáo thống kê hồ sơ của Cổng DVC…",
        "Báo cáo tiếp nhận hồ sơ theo đơn vị (trực tuyến toàn trình, một phần, trực tiếp, bưu "
        "chính): số hồ sơ trực tuyến và tổng số hồ sơ của từng xã.",
    ),
    "eid": (
        "Số liệu định danh (Công &an)…",
        "Số tài khoản định danh mức 2 và số người dân có CCCD của từng xã, như Công an gửi "
        "(dòng tiêu đề, dòng tổng cộng, chữ ký đều được bỏ qua).",
    ),
    "nominations": (
        "&Danh sách đề nghị khen thưởng…",
        "Danh sách cá nhân đề nghị khen thưởng (trong chỉ tiêu của từng đơn vị).",
    ),
    "package": (
        "&Gói số liệu của xã…",
        "Gói do xã, thị trấn xuất ra: xem số liệu cũ → mới rồi mới nhập.",
    ),
}
# In commune mode: what a commune clerk imports here.
COMMUNE_IMPORTS = ("figures", "nominations")
# Under the import buttons: what happens to a file with errors.
IMPORTS_NOTE = (
    "Tệp có lỗi thì không nhập gì cả và chương trình liệt kê mọi lỗi (dòng, đơn vị, cột, "
    "giá trị). Trước khi ghi, cơ sở dữ liệu được tự động sao lưu."
)
