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
class FieldOffset:
    """A Giấy khen field moved on the pre-printed form: millimetres right (+) and down (+)."""

    field: str  # a key of ``app.reports.giay_khen.FIELDS`` ("recipient", "decision"…)
    x_mm: float = 0.0
    y_mm: float = 0.0


# The fields printed on a Giấy khen (overlay on a pre-printed form), as the officer reads them.
CERTIFICATE_FIELDS: dict[str, str] = {
    "recipient": "Tên tập thể / cá nhân",
    "detail": "Chức vụ, đơn vị (cá nhân)",
    "achievement": "Thành tích",
    "tier": "Hạng giải (tập thể)",
    "decision": "Số, ngày quyết định",
    "register": "Số sổ vàng",
    "place_date": "Nơi, ngày tháng năm",
    "signer": "Chức danh người ký",
    "signer_name": "Họ tên người ký",
}

LEGAL_BASES_2023 = (
    "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
    "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm "
    "2019",
    "Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022",
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
    "hành một số điều của Luật Thi đua, Khen thưởng",
)


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    # Who issues what
    parent_body: str = "UBND HUYỆN PHỤNG HIỆP"
    issuing_office: str = "PHÒNG VĂN HÓA VÀ THÔNG TIN"
    issuing_office_short: str = "VHTT"
    issuing_office_name: str = "Phòng Văn hóa và Thông tin"  # as written inside sentences
    council_name: str = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    district_committee: str = "ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP"
    place: str = "Phụng Hiệp"
    # The plan and its legal bases
    province_plan: str = (
        "Kế hoạch số 165/KH-UBND ngày 21 tháng 8 năm 2023 của UBND tỉnh Hậu Giang về phát động "
        "phong trào thi đua “Người dân Hậu Giang nộp dịch vụ công trực tuyến” năm 2023"
    )
    # Money in words: "Mười lăm triệu đồng chẵn" when set
    money_even: bool = False
    # The body above a unit in its own report's header, one line per unit "CODE: BODY"; a unit
    # not listed: the settings' parent_body ("-" alone: no line above the unit)
    unit_parents: tuple[str, ...] = (
        "CA: CÔNG AN TỈNH HẬU GIANG",
        "MTTQ: ỦY BAN MTTQ VIỆT NAM TỈNH HẬU GIANG",
        "HD: TỈNH ĐOÀN HẬU GIANG",
        "HLHPN: HỘI LHPN TỈNH HẬU GIANG",
        "HND: HỘI NÔNG DÂN TỈNH HẬU GIANG",
        "HCCB: HỘI CỰU CHIẾN BINH TỈNH HẬU GIANG",
        "LDLD: LIÊN ĐOÀN LAO ĐỘNG TỈNH HẬU GIANG",
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
    vote_agree: int | None = None  # members voting for each proposal; None → every member present
    vote_disagree: int = 0
    # proposals voted otherwise, one per line: "31396: 8/9" (unit code: in favour/voting), or the
    # individuals' proposals "ca-nhan-xa: 9/9" and "ca-nhan-huyen: 9/9"
    vote_exceptions: tuple[str, ...] = ()
    # The «Bằng chứng nộp thay» report attached to the Biên bản (mentioned in it, made with it) when
    # some account of the period is marked "có dấu hiệu nộp thay"; nothing marked: no attachment.
    minutes_proxy_evidence: bool = True
    # Báo cáo thành tích: the units date and sign their own reports; blank → left to fill by hand
    achievement_report_date: str = ""  # dd/mm/yyyy
    # Quyết định khen thưởng printed on the Giấy khen
    decision_number: str = "…/QĐ-UBND"
    decision_date: str = ""  # dd/mm/yyyy; blank → left to fill by hand
    # Giấy khen (pre-printed A4 landscape forms): offsets in millimetres
    certificate_offset_x_mm: float = 0.0
    certificate_offset_y_mm: float = 0.0
    certificate_full_text: bool = False  # full print on blank paper (else: overlay on forms)
    certificate_signer: Signer = field(
        default_factory=lambda: Signer(
            authority="",  # the Chairman's own award: no "TM. ỦY BAN NHÂN DÂN"
            title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            name="Trần Không Dận",
        )
    )
    # --- Names and forms as data (issue 12): the Phụng Hiệp 2023 values; a later campaign (no
    # district level since 01/07/2025, Nghị định 152/2025 in place of 98/2023) types its own.
    award_name: str = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"
    plan_issuer: str = "Ủy ban nhân dân huyện Phụng Hiệp"  # who issued the plan, in a sentence
    # Quyết định khen thưởng
    decision_parent: str = ""
    decision_office: str = "ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP"
    decision_issuer: str = "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP"
    legal_bases: tuple[str, ...] = LEGAL_BASES_2023
    decision_proposer: str = "Trưởng phòng Nội vụ huyện"
    prize_source: str = "Quỹ Thi đua, khen thưởng huyện năm 2023"
    individual_prize_vnd: int = 0  # prize money with an individual's Giấy khen (0: none)
    decision_executors: str = (
        "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ, "
        "Trưởng phòng Văn hóa và Thông tin, Trưởng phòng Tài chính - Kế hoạch huyện, Chủ tịch Ủy "
        "ban nhân dân các xã, thị trấn và các tập thể, cá nhân có tên tại Điều 1"
    )
    decision_copies: tuple[str, ...] = (
        "Như Điều 3",
        "Thường trực Huyện ủy",
        "Thường trực HĐND huyện",
        "CT, các PCT UBND huyện",
    )
    decision_archive: str = "VT, NV"
    decision_signer: Signer = field(
        default_factory=lambda: Signer(
            authority="", title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", name="Trần Không Dận"
        )
    )
    # Giấy khen: wording, the awards register (sổ vàng), offsets of single fields
    certificate_achievement: str = "Đã có thành tích xuất sắc trong"
    register_start: int = 1  # the first số sổ vàng given in this campaign
    certificate_field_offsets: tuple[FieldOffset, ...] = ()
    # Danh sách nhận tiền thưởng
    payment_preparer: str = "NGƯỜI LẬP DANH SÁCH"
    # Báo cáo sơ kết / tổng kết phong trào
    summary_number: str = "…/BC-VHTT"
    summary_date: str = ""  # dd/mm/yyyy; blank → the day the document is made
    summary_recipient: str = "Ủy ban nhân dân huyện Phụng Hiệp"
    summary_copies: tuple[str, ...] = (
        "Như trên",
        "Phòng Nội vụ (Thường trực Hội đồng TĐKT huyện)",
    )

    def field_offset(self, name: str) -> tuple[float, float]:
        """The millimetres a certificate field moves: the whole form's offset plus its own."""
        x, y = self.certificate_offset_x_mm, self.certificate_offset_y_mm
        for offset in self.certificate_field_offsets:
            if offset.field == name:
                x, y = x + offset.x_mm, y + offset.y_mm
        return x, y

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
        defaults = cls()
        values: dict[str, Any] = {}
        for item in fields(cls):
            if item.name not in data:
                continue
            if item.name == "certificate_field_offsets":
                value = _offsets(data[item.name])
            else:
                value = _coerce(data[item.name], getattr(defaults, item.name))
            if value is not _INVALID:
                values[item.name] = value
        return cls(**values)


_INVALID = object()


def _offsets(value: Any) -> Any:
    """Stored per-field offsets: a list of {"field", "x_mm", "y_mm"}; bad items are dropped."""
    if not isinstance(value, (list, tuple)):
        return _INVALID
    out: list[FieldOffset] = []
    for item in value:
        if isinstance(item, FieldOffset):
            out.append(item)
            continue
        if not isinstance(item, dict) or not isinstance(item.get("field"), str):
            continue
        try:
            out.append(
                FieldOffset(item["field"], float(item.get("x_mm", 0)), float(item.get("y_mm", 0)))
            )
        except (TypeError, ValueError):
            continue
    return tuple(out)


def _coerce(value: Any, default: Any) -> Any:
    """``value`` as the type of ``default``, or _INVALID (the default is then kept)."""
    if isinstance(default, Signer):
        if not isinstance(value, dict):
            return _INVALID
        return Signer(**{k: str(v) for k, v in value.items() if k in Signer.__slots__})
    if isinstance(default, tuple):
        if not isinstance(value, (list, tuple)):
            return _INVALID
        return tuple(str(v) for v in value)
    if isinstance(default, bool) or isinstance(value, bool):
        return value if isinstance(value, bool) and isinstance(default, bool) else _INVALID
    if isinstance(default, str):
        return value if isinstance(value, str) else _INVALID
    if value is None:
        return None if default is None else _INVALID
    number = float if isinstance(default, float) else int
    try:
        return number(value)
    except (TypeError, ValueError):
        return _INVALID


def unit_parent(settings: DocumentSettings, code: str) -> str | None:
    """The body above unit ``code`` from ``unit_parents`` ('' for "-"), None when not listed."""
    for line in settings.unit_parents:
        key, colon, body = line.partition(":")
        if colon and key.strip() == code:
            body = body.strip()
            return "" if body == "-" else body
    return None


INDIVIDUAL_PROPOSALS = ("ca-nhan-xa", "ca-nhan-huyen")


def parse_vote_exceptions(lines: tuple[str, ...]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """``{"31396": (8, 9)}`` from lines "MÃ: tán thành/biểu quyết", and every bad line explained."""
    votes: dict[str, tuple[int, int]] = {}
    problems: list[str] = []
    for line in lines:
        key, colon, counts = line.partition(":")
        agree, slash, voters = counts.partition("/")
        key = key.strip()
        if not colon or not slash or not key:
            problems.append(
                f"«{line}»: viết «mã đơn vị: số tán thành/số biểu quyết», ví dụ 31396: 8/9"
            )
            continue
        try:
            numbers = int(agree.strip()), int(voters.strip())
        except ValueError:
            problems.append(f"«{line}»: số tán thành và số biểu quyết phải là số nguyên")
            continue
        if numbers[0] < 0 or numbers[1] <= 0 or numbers[0] > numbers[1]:
            problems.append(f"«{line}»: số tán thành phải từ 0 đến số biểu quyết (lớn hơn 0)")
            continue
        if key in votes:
            problems.append(f"«{line}»: {key} đã có ở dòng trước")
            continue
        votes[key] = numbers
    return votes, problems
