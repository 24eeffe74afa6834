"""The documents of the award dossier by their kind, named without loading anything that draws
them (the ``report`` command's arguments are built at every start of ``main.py``)."""

from __future__ import annotations

KINDS = ("to-trinh", "bien-ban", "bao-cao", "bang-diem", "giay-khen")
ALL = "all"
# Documents that carry tiers and nominations: refused while a tier is pending or over quota.
# The score sheet is made anyway: the council needs it to settle the ties.
AWARD_KINDS = frozenset({"to-trinh", "bien-ban", "bao-cao", "giay-khen"})

KIND_LABELS = {
    "to-trinh": "Tờ trình đề nghị khen thưởng",
    "bien-ban": "Biên bản họp xét khen thưởng",
    "bao-cao": "Báo cáo thành tích",
    "bang-diem": "Bảng tổng hợp kết quả chấm điểm",
    "giay-khen": "Giấy khen",
}
