"""The documents of the award dossier by their kind and the file formats, named without loading
anything that draws them (the ``report`` command's arguments are built at every start of
``main.py``, ``score`` included)."""

from __future__ import annotations

KINDS = (
    "to-trinh",
    "bien-ban",
    "bao-cao",
    "bang-diem",
    "quyet-dinh",
    "giay-khen",
    "tien-thuong",
    "tong-ket",
)
ALL = "all"
# Documents that carry tiers and nominations: refused while a tier is pending or over quota.
# The score sheet is made anyway: the council needs it to settle the ties.
AWARD_KINDS = frozenset(
    {"to-trinh", "bien-ban", "bao-cao", "quyet-dinh", "giay-khen", "tien-thuong"}
)
# Documents that print the số sổ vàng: the numbers are given (and stored) before they are made.
REGISTER_KINDS = frozenset({"quyet-dinh", "giay-khen"})

KIND_LABELS = {
    "to-trinh": "Tờ trình đề nghị khen thưởng",
    "bien-ban": "Biên bản họp xét khen thưởng",
    "bao-cao": "Báo cáo thành tích",
    "bang-diem": "Bảng tổng hợp kết quả chấm điểm",
    "quyet-dinh": "Quyết định khen thưởng",
    "giay-khen": "Giấy khen",
    "tien-thuong": "Danh sách nhận tiền thưởng",
    "tong-ket": "Báo cáo sơ kết, tổng kết phong trào",
}

FORMATS = ("pdf", "docx")
FORMAT_CHOICES = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "both": "PDF và Word"}
