"""Column mapping of a portal export: our fields and their labels, the header spellings recognised,
guessing, parsing, formatting and resolving a mapping, and the classes of channel values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.errors import UserError
from app.exchange.reader.columns import parse_pairs
from app.exchange.text import fold

# Our keys for the columns of an export, with the label shown to the officer.
FIELD_LABELS: dict[str, str] = {
    "id": "Mã hồ sơ",
    "unit": "Đơn vị tiếp nhận",
    "channel": "Hình thức nộp",
    "account": "Tài khoản nộp",
    "date": "Ngày tiếp nhận",
    "procedure": "Tên thủ tục",
    # Optional, for the evidence of filing on citizens' behalf (app.exchange.proxy_columns).
    "owner_id": "Số giấy tờ của chủ hồ sơ",
    "owner": "Chủ hồ sơ (người đứng tên)",
    "authorised": "Ủy quyền",
    "officer": "Cán bộ tiếp nhận",
}
FIELDS = tuple(FIELD_LABELS)
REQUIRED_FIELDS = ("id", "unit", "channel")
# Fields kept on each record as text when mapped (not needed for the counts per unit).
EXTRA_FIELDS = ("procedure", "owner_id", "owner", "authorised", "officer")

# Header texts (folded) recognised for each field: exact matches first, then "contains".
_EXACT: dict[str, tuple[str, ...]] = {
    "id": ("ma ho so", "so ho so", "ma hs", "so hs", "ma bien nhan", "so bien nhan", "id"),
    "unit": (
        "co quan tiep nhan",
        "don vi tiep nhan",
        "don vi",
        "co quan",
        "noi tiep nhan",
        "don vi xu ly",
        "co quan xu ly",
    ),
    "channel": ("hinh thuc nop", "kenh nop", "hinh thuc", "kenh", "hinh thuc tiep nhan"),
    "account": ("tai khoan nop", "nguoi nop", "tai khoan", "tai khoan nguoi nop", "ten dang nhap"),
    "date": ("ngay tiep nhan", "ngay nop", "thoi gian tiep nhan", "thoi gian nop", "ngay"),
    "procedure": ("ten thu tuc", "thu tuc", "ten thu tuc hanh chinh", "ten tthc"),
    "owner_id": (
        "so giay to",
        "so cccd",
        "so cmnd",
        "so cmnd/cccd",
        "so cccd/cmnd",
        "so dinh danh",
        "so giay to tuy than",
        "so giay to chu ho so",
        "so cccd chu ho so",
        "cccd",
        "cmnd",
    ),
    "owner": (
        "chu ho so",
        "nguoi dung ten",
        "ten chu ho so",
        "ho ten chu ho so",
        "ho va ten chu ho so",
        "nguoi dung ten ho so",
        "ho ten nguoi dung ten",
    ),
    "authorised": ("uy quyen", "co uy quyen", "ho so uy quyen", "nop theo uy quyen"),
    "officer": ("can bo tiep nhan", "nguoi tiep nhan", "can bo mot cua", "can bo 1 cua"),
}
_CONTAINS: dict[str, tuple[str, ...]] = {
    "id": ("ma ho so", "so ho so", "ma bien nhan"),
    "unit": ("co quan tiep nhan", "don vi tiep nhan", "noi tiep nhan", "don vi", "co quan"),
    "channel": ("hinh thuc nop", "kenh nop", "hinh thuc", "kenh"),
    "account": ("tai khoan", "nguoi nop"),
    "date": ("ngay tiep nhan", "ngay nop", "thoi gian tiep nhan", "thoi gian nop"),
    "procedure": ("thu tuc",),
    "owner_id": ("cccd", "cmnd", "so dinh danh", "so giay to"),
    "owner": ("chu ho so", "nguoi dung ten"),
    "authorised": ("uy quyen",),
    "officer": ("can bo tiep nhan", "nguoi tiep nhan"),
}

# Channel values (DATA-FORMAT.md B). Anything not listed counts as not online.
DEFAULT_CHANNELS: dict[str, bool] = {
    "Trực tuyến": True,
    "Trực tuyến toàn trình": True,
    "Trực tuyến một phần": True,
    "Trực tiếp": False,
    "Bưu chính": False,
    "Bưu chính công ích": False,
    "BCCI": False,
}
# Channel classes: online, direct (anything else not online), postal — left out of ``total``
# unless the rule set's ``postal_in_total`` (RULES.md section 2).
ONLINE, DIRECT, POSTAL = "online", "direct", "postal"
CLASS_LABELS = {ONLINE: "trực tuyến", DIRECT: "trực tiếp", POSTAL: "bưu chính công ích"}
_POSTAL_WORDS = ("buu chinh", "bcci", "buu dien", "qua buu")


def channel_class(value: str, online: bool) -> str:
    """The class of a channel value, given whether it counts as online."""
    if online:
        return ONLINE
    folded = fold(value)
    return POSTAL if any(word in folded for word in _POSTAL_WORDS) else DIRECT


class MappingError(UserError, ValueError):
    """A column mapping that cannot be used (message in Vietnamese)."""


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """Field → header text guessed from the headers of an export (fields not found are absent)."""
    folded = [fold(h) for h in header]
    taken: set[int] = set()
    mapping: dict[str, str] = {}
    for patterns, exact in ((_EXACT, True), (_CONTAINS, False)):
        for name in FIELDS:
            if name in mapping:
                continue
            for pattern in patterns[name]:
                index = next(
                    (
                        i
                        for i, text in enumerate(folded)
                        if i not in taken
                        and text
                        and (text == pattern if exact else f" {pattern} " in f" {text} ")
                    ),
                    None,
                )
                if index is not None:
                    mapping[name] = header[index]
                    taken.add(index)
                    break
    return mapping


def parse_mapping(text: str) -> dict[str, str]:
    """``"unit=Cơ quan tiếp nhận,channel=Hình thức nộp,id=Mã hồ sơ"`` → {field: header}."""
    return parse_pairs(text.split(","), FIELDS, MappingError)


def format_mapping(mapping: Mapping[str, str]) -> str:
    """The inverse of :func:`parse_mapping` (to remember a mapping per campaign)."""
    return ",".join(f"{k}={mapping[k]}" for k in FIELDS if k in mapping)


def resolve_mapping(
    header: Sequence[str], mapping: Mapping[str, str], *, need_date: bool
) -> dict[str, int]:
    """Field → column index. Headers compare ignoring case, spaces and diacritics."""
    folded: dict[str, int] = {}
    for position, heading in enumerate(header):
        folded.setdefault(fold(heading), position)
    indexes: dict[str, int] = {}
    problems: list[str] = []
    for name, text in mapping.items():
        if name not in FIELD_LABELS:
            problems.append(f"không có khóa «{name}»")
            continue
        found = folded.get(fold(text))
        if found is None:
            problems.append(f"không có cột «{text}» ({FIELD_LABELS[name]})")
        else:
            indexes[name] = found
    required = list(REQUIRED_FIELDS) + (["date"] if need_date else [])
    missing = [FIELD_LABELS[n] for n in required if n not in mapping]
    if missing:
        problems.append("chưa chọn cột cho: " + ", ".join(missing))
    if problems:
        shown = ", ".join(f"«{h}»" for h in header if str(h).strip())
        raise MappingError(
            "Ánh xạ cột không dùng được: " + "; ".join(problems) + f". Các cột của tệp: {shown}"
        )
    return indexes


def channel_is_online(value: str, channels: Mapping[str, bool] | None = None) -> bool:
    folded = {fold(k): v for k, v in (channels or DEFAULT_CHANNELS).items()}
    return folded.get(fold(value), False)
