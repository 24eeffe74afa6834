"""The document settings of a campaign (what the award documents print: offices, numbers, dates,
signers, meeting details, certificate offsets): the name of every field as the officer reads it
(the Cài đặt form and the audit log use the same), and the checks made before they are saved."""

from __future__ import annotations

from collections.abc import Mapping

from app.dates import DateError, read_date
from app.reports.settings import (
    CERTIFICATE_FIELDS,
    DocumentSettings,
    FieldOffset,
    Signer,
    parse_vote_exceptions,
)

__all__ = [
    "CERTIFICATE_FIELDS",
    "DATE_FIELDS",
    "LABELS",
    "SIGNER_LABELS",
    "DocumentSettings",
    "FieldOffset",
    "Signer",
    "document_settings_problems",
]

LABELS: dict[str, str] = {
    "parent_body": "Cơ quan cấp trên (đầu văn bản)",
    "issuing_office": "Cơ quan ban hành (viết hoa)",
    "issuing_office_short": "Tên viết tắt (trong số hiệu)",
    "issuing_office_name": "Tên cơ quan (trong câu văn)",
    "council_name": "Tên Hội đồng (viết hoa)",
    "district_committee": "Ủy ban nhân dân huyện (viết hoa)",
    "place": "Địa danh (ghi ngày tháng)",
    "province_plan": "Căn cứ: kế hoạch của tỉnh",
    "money_even": "Viết «chẵn» sau số tiền bằng chữ (Mười lăm triệu đồng chẵn)",
    "unit_parents": (
        "Cơ quan cấp trên của từng đơn vị (mỗi dòng «mã đơn vị: TÊN CƠ QUAN», ví dụ "
        "CA: CÔNG AN TỈNH HẬU GIANG; «-» để bỏ dòng này; đơn vị không ghi: cơ quan cấp trên ở trên)"
    ),
    "proposal_number": "Số tờ trình",
    "proposal_date": "Ngày tờ trình",
    "proposal_recipient": "Kính gửi",
    "proposal_signer": "Người ký tờ trình",
    "proposal_copies": "Nơi nhận (mỗi dòng một nơi)",
    "minutes_number": "Số biên bản",
    "meeting_date": "Ngày họp",
    "meeting_start": "Giờ bắt đầu",
    "meeting_end": "Giờ kết thúc",
    "meeting_place": "Địa điểm họp",
    "meeting_chair": "Chủ trì",
    "meeting_chair_title": "Chức vụ người chủ trì",
    "meeting_secretary": "Thư ký",
    "meeting_secretary_title": "Chức vụ thư ký",
    "members_present": "Thành viên có mặt (mỗi dòng một người)",
    "members_absent": "Thành viên vắng mặt (mỗi dòng một người)",
    "meeting_discussion": "Ý kiến thảo luận",
    "vote_agree": "Số phiếu đồng ý",
    "vote_disagree": "Số phiếu không đồng ý",
    "vote_exceptions": (
        "Đề nghị biểu quyết khác (mỗi dòng «mã đơn vị: tán thành/biểu quyết», ví dụ 31396: 8/9; "
        "cá nhân: ca-nhan-xa, ca-nhan-huyen)"
    ),
    "minutes_proxy_evidence": (
        "Kèm theo Biên bản báo cáo «Bằng chứng nộp thay» (chỉ khi có tài khoản có dấu hiệu nộp "
        "thay; bỏ chọn: không kèm)"
    ),
    "achievement_report_date": "Ngày báo cáo thành tích",
    "decision_number": "Số quyết định khen thưởng",
    "decision_date": "Ngày quyết định",
    "certificate_offset_x_mm": "Dịch ngang (mm, + sang phải; cả trang)",
    "certificate_offset_y_mm": "Dịch dọc (mm, + xuống dưới; cả trang)",
    "certificate_full_text": "In đầy đủ trên giấy trắng A4 (bỏ chọn: in lên phôi in sẵn)",
    "certificate_signer": "Người ký giấy khen",
    "award_name": "Hình thức khen thưởng (trong câu văn)",
    "plan_issuer": "Cơ quan ban hành kế hoạch (trong câu văn)",
    "decision_parent": "Cơ quan cấp trên (đầu quyết định)",
    "decision_office": "Cơ quan ban hành quyết định (viết hoa)",
    "decision_issuer": "Người có thẩm quyền quyết định (viết hoa)",
    "legal_bases": "Căn cứ pháp lý (mỗi dòng một căn cứ)",
    "decision_proposer": "Theo đề nghị của",
    "prize_source": "Nguồn kinh phí tiền thưởng",
    "individual_prize_vnd": "Tiền thưởng mỗi cá nhân (đồng; 0: không có)",
    "decision_executors": "Điều 3: những người thi hành",
    "decision_copies": "Nơi nhận quyết định (mỗi dòng một nơi)",
    "decision_archive": "Lưu (quyết định)",
    "decision_signer": "Người ký quyết định",
    "certificate_achievement": "Lời khen trên giấy khen (trước tên phong trào)",
    "register_start": "Số sổ vàng bắt đầu từ",
    "certificate_field_offsets": "Dịch riêng từng dòng (mm, + sang phải, + xuống dưới)",
    "payment_preparer": "Người lập danh sách nhận tiền thưởng (viết hoa)",
    "summary_number": "Số báo cáo sơ kết / tổng kết",
    "summary_date": "Ngày báo cáo sơ kết / tổng kết",
    "summary_recipient": "Kính gửi (báo cáo sơ kết / tổng kết)",
    "summary_copies": "Nơi nhận báo cáo (mỗi dòng một nơi)",
}
SIGNER_LABELS: dict[str, str] = {
    "authority": "Thẩm quyền ký",
    "title": "Chức vụ (mỗi dòng một dòng)",
    "name": "Họ tên",
}
DATE_FIELDS = (
    "proposal_date",
    "meeting_date",
    "achievement_report_date",
    "decision_date",
    "summary_date",
)


def document_settings_problems(
    settings: DocumentSettings, labels: Mapping[str, str] | None = None
) -> list[str]:
    """Dates that are not dates, vote counts below zero and badly written vote lines, named by
    their label (``LABELS`` unless others are given)."""
    labels = LABELS if labels is None else labels
    problems: list[str] = []
    for name in DATE_FIELDS:
        try:
            read_date(str(getattr(settings, name)), labels.get(name, name))
        except DateError as error:
            problems.append(str(error).rstrip(".") + "; hoặc để trống.")
    if settings.vote_agree is not None and settings.vote_agree < 0:
        problems.append(f"{labels.get('vote_agree', 'vote_agree')}: không được âm")
    if settings.vote_disagree < 0:
        problems.append(f"{labels.get('vote_disagree', 'vote_disagree')}: không được âm")
    if settings.register_start < 1:
        problems.append(f"{labels.get('register_start', 'register_start')}: phải từ 1 trở lên")
    if settings.individual_prize_vnd < 0:
        label = labels.get("individual_prize_vnd", "individual_prize_vnd")
        problems.append(f"{label}: không được âm")
    known = CERTIFICATE_FIELDS.keys()
    for offset in settings.certificate_field_offsets:
        if offset.field not in known:
            label = labels.get("certificate_field_offsets", "certificate_field_offsets")
            problems.append(f"{label}: không có dòng «{offset.field}» trên giấy khen")
    label = labels.get("vote_exceptions", "vote_exceptions")
    problems += [f"{label}: {p}" for p in parse_vote_exceptions(settings.vote_exceptions)[1]]
    label = labels.get("unit_parents", "unit_parents")
    for line in settings.unit_parents:
        code, colon, body = line.partition(":")
        if not colon or not code.strip() or not body.strip():
            problems.append(
                f"{label}: «{line}»: viết «mã đơn vị: TÊN CƠ QUAN», ví dụ CA: CÔNG AN TỈNH HẬU GIANG"
            )
    return problems
