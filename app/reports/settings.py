"""Document settings of a campaign: offices, numbers, signers, meeting details, certificate offsets.

Stored with the campaign as plain data (``to_data`` / ``from_data``); the defaults come from the
seed plan of Phụng Hiệp 2023. Every field has a default so that an older stored dict still loads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Signer:
    """A signature block: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' / name."""

    authority: str = ""  # e.g. "TM. ỦY BAN NHÂN DÂN" (may be empty)
    title: str = ""  # e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" (lines separated by \n)
    name: str = ""


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    # Who issues what
    parent_body: str = "UBND HUYỆN PHỤNG HIỆP"
    issuing_office: str = "PHÒNG VĂN HÓA VÀ THÔNG TIN"
    issuing_office_short: str = "VHTT"
    district_committee: str = "ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP"
    place: str = "Phụng Hiệp"
    # The plan and its legal bases
    plan_number: str = "…/KH-UBND"
    plan_date: str = ""  # dd/mm/yyyy, blank in the seed
    province_plan: str = (
        "Kế hoạch số 165/KH-UBND ngày 21 tháng 08 năm 2023 của UBND tỉnh Hậu Giang về phát động "
        "phong trào thi đua “Người dân Hậu Giang nộp dịch vụ công trực tuyến” năm 2023"
    )
    # Tờ trình
    proposal_number: str = "…/TTr-VHTT"
    proposal_date: str = ""  # dd/mm/yyyy; blank → the day the document is made
    proposal_recipient: str = "Chủ tịch Ủy ban nhân dân huyện Phụng Hiệp"
    proposal_signer: Signer = field(
        default_factory=lambda: Signer(authority="", title="TRƯỞNG PHÒNG", name="")
    )
    proposal_copies: tuple[str, ...] = (
        "Như trên",
        "Phòng Nội vụ (Thường trực Hội đồng TĐKT huyện)",
    )
    # Biên bản họp xét
    minutes_number: str = "…/BB-HĐTĐKT"
    meeting_date: str = ""  # dd/mm/yyyy
    meeting_start: str = "08 giờ 00"
    meeting_end: str = "10 giờ 00"
    meeting_place: str = "Phòng họp Ủy ban nhân dân huyện Phụng Hiệp"
    meeting_chair: str = ""
    meeting_chair_title: str = (
        "Phó Chủ tịch UBND huyện, Phó Chủ tịch Hội đồng Thi đua - Khen thưởng"
    )
    meeting_secretary: str = ""
    meeting_secretary_title: str = "Chuyên viên Phòng Văn hóa và Thông tin"
    members_present: tuple[str, ...] = ()
    members_absent: tuple[str, ...] = ()
    meeting_discussion: str = ""
    # Giấy khen (pre-printed A4 landscape forms): offsets in millimetres
    certificate_offset_x_mm: float = 0.0
    certificate_offset_y_mm: float = 0.0
    certificate_signer: Signer = field(
        default_factory=lambda: Signer(
            authority="TM. ỦY BAN NHÂN DÂN",
            title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            name="Trần Không Dận",
        )
    )

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> DocumentSettings:
        """Settings from stored data; unknown keys are ignored, missing ones take the default."""
        data = data or {}
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name not in data:
                continue
            value = data[item.name]
            if item.name.endswith("signer") and isinstance(value, dict):
                value = Signer(**{k: str(v) for k, v in value.items() if k in Signer.__slots__})
            elif isinstance(value, list):
                value = tuple(str(v) for v in value)
            values[item.name] = value
        return cls(**values)
