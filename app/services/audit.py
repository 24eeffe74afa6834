"""The audit log: every change of figures, nominations, settlements and rules, old → new — recorded
(``record``), read (``list_audit``) and shown (``action_label``, ``audit_detail``: the changed fields
by their Vietnamese names; ``audit_matches``: the text filter)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Database
from app.scoring import FIGURES
from app.services.document_settings import LABELS as DOCUMENT_LABELS
from app.services.document_settings import SIGNER_LABELS
from app.services.records import AuditInfo
from app.text import fold


class Action(StrEnum):
    """What an audit entry records (stored as its value); ``label`` is the Vietnamese name."""

    SEED = "seed"
    CAMPAIGN_UPDATE = "campaign.update"
    PERIOD_ADD = "period.add"
    PERIOD_UPDATE = "period.update"
    PERIOD_FINAL = "period.final"
    RULES_CHANGE = "rules.change"
    SETTINGS_CHANGE = "settings.change"
    UNIT_ADD = "unit.add"
    UNIT_UPDATE = "unit.update"
    UNIT_DELETE = "unit.delete"
    FIGURES_EDIT = "figures.edit"
    FIGURES_IMPORT = "figures.import"
    FIGURES_IMPORT_FILE = "figures.import.file"
    FIGURES_CLEAR = "figures.clear"
    DOSSIERS_IMPORT = "dossiers.import"
    DOSSIERS_MAPPING = "dossiers.mapping"
    IMPORT_MAPPING = "import.mapping"
    NOMINATION_ADD = "nomination.add"
    NOMINATION_UPDATE = "nomination.update"
    NOMINATION_DELETE = "nomination.delete"
    NOMINATION_REPLACE = "nomination.replace"
    NOMINATIONS_IMPORT = "nomination.import"
    NOMINATIONS_DELETE = "nomination.delete_many"
    NOMINATIONS_RESTORE = "nomination.restore"
    SETTLEMENT_ADD = "settlement.add"
    SETTLEMENT_REMOVE = "settlement.remove"
    PACKAGE_KEY_CREATE = "package.key.create"
    PACKAGE_KEY_REPLACE = "package.key.replace"
    PACKAGE_KEY_ENTER = "package.key.enter"
    PACKAGE_IMPORT_SIGNED = "package.import.signed"
    PACKAGE_IMPORT_UNSIGNED = "package.import.unsigned"
    RESTORE = "database.restore"
    REGISTER_ASSIGN = "register.assign"
    REGISTER_REASSIGN = "register.reassign"
    OFFICIAL_ACCOUNT_ADD = "official_account.add"
    OFFICIAL_ACCOUNT_REMOVE = "official_account.remove"
    OFFICIAL_ACCOUNTS_IMPORT = "official_account.import"
    SERVER_SETUP = "server.setup"
    SERVER_ACCOUNT = "server.account"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.SEED: "Tạo dữ liệu",
    Action.CAMPAIGN_UPDATE: "Sửa phong trào",
    Action.PERIOD_ADD: "Thêm kỳ",
    Action.PERIOD_UPDATE: "Sửa kỳ",
    Action.PERIOD_FINAL: "Chọn kỳ tổng kết",
    Action.RULES_CHANGE: "Đổi quy tắc",
    Action.SETTINGS_CHANGE: "Sửa thông tin văn bản",
    Action.UNIT_ADD: "Thêm đơn vị",
    Action.UNIT_UPDATE: "Sửa đơn vị",
    Action.UNIT_DELETE: "Xóa đơn vị",
    Action.FIGURES_EDIT: "Sửa số liệu",
    Action.FIGURES_IMPORT: "Nhập số liệu",
    Action.FIGURES_IMPORT_FILE: "Nhập tệp số liệu",
    Action.FIGURES_CLEAR: "Xóa số liệu",
    Action.DOSSIERS_IMPORT: "Nhập tệp hồ sơ Cổng DVC",
    Action.DOSSIERS_MAPPING: "Ghi nhớ cột tệp hồ sơ",
    Action.IMPORT_MAPPING: "Ghi nhớ cột tệp nhập",
    Action.NOMINATION_ADD: "Thêm đề nghị",
    Action.NOMINATION_UPDATE: "Sửa đề nghị",
    Action.NOMINATION_DELETE: "Xóa đề nghị",
    Action.NOMINATION_REPLACE: "Thay danh sách đề nghị",
    Action.NOMINATIONS_IMPORT: "Nhập lại danh sách đề nghị",
    Action.NOMINATIONS_DELETE: "Xóa nhiều đề nghị",
    Action.NOMINATIONS_RESTORE: "Hoàn tác xóa đề nghị",
    Action.SETTLEMENT_ADD: "Phân định đồng hạng",
    Action.SETTLEMENT_REMOVE: "Bỏ phân định",
    Action.PACKAGE_KEY_CREATE: "Tạo khóa ký gói",
    Action.PACKAGE_KEY_REPLACE: "Cấp lại khóa ký gói",
    Action.PACKAGE_KEY_ENTER: "Nhập khóa ký gói của đơn vị",
    Action.PACKAGE_IMPORT_SIGNED: "Nhập gói số liệu có chữ ký",
    Action.PACKAGE_IMPORT_UNSIGNED: "Nhập gói số liệu không chữ ký (đã xác nhận)",
    Action.RESTORE: "Khôi phục dữ liệu từ bản sao lưu",
    Action.REGISTER_ASSIGN: "Cấp số sổ vàng",
    Action.REGISTER_REASSIGN: "Cấp lại số sổ vàng",
    Action.OFFICIAL_ACCOUNT_ADD: "Đăng ký tài khoản cán bộ",
    Action.OFFICIAL_ACCOUNT_REMOVE: "Bỏ tài khoản cán bộ",
    Action.OFFICIAL_ACCOUNTS_IMPORT: "Nhập tài khoản cán bộ",
    Action.SERVER_SETUP: "Thiết lập quyền trên máy chủ",
    Action.SERVER_ACCOUNT: "Tài khoản cán bộ trên máy chủ",
}


def action_label(action: str) -> str:
    """The Vietnamese name of a stored action; one not known (written by a later version) is
    named by its group ('figures.x' → 'Nhập số liệu' of 'figures.import'…), else shown as it is."""
    try:
        return Action(action).label
    except ValueError:
        group = action.rsplit(".", 1)[0]
        try:
            return Action(group).label
        except ValueError:
            return action


def now() -> dt.datetime:
    """Local wall-clock time, to the second (what the office reads on its documents)."""
    return dt.datetime.now().replace(microsecond=0)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def entry(
    action: Action,
    summary: str,
    *,
    subject: str = "",
    period_name: str = "",
    old: Any = None,
    new: Any = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The column values of one audit entry, for bulk inserts."""
    return {
        "at": at or now(),
        "action": action.value,
        "subject": subject,
        "period_name": period_name,
        "summary": summary,
        "old_json": _dump(old),
        "new_json": _dump(new),
    }


def record(
    session: Session,
    action: Action,
    summary: str,
    *,
    subject: str = "",
    period_name: str = "",
    old: Any = None,
    new: Any = None,
) -> None:
    """Add an audit entry to the transaction of ``session`` (kept only if it commits)."""
    session.add(
        AuditEntry(
            **entry(action, summary, subject=subject, period_name=period_name, old=old, new=new)
        )
    )


def list_audit(
    db: Database, *, limit: int | None = None, action: str | None = None
) -> list[AuditInfo]:
    """Entries, newest first."""
    with db.transaction() as session:
        query = select(AuditEntry).order_by(AuditEntry.id.desc())
        if action is not None:
            query = query.where(AuditEntry.action.startswith(action))
        if limit is not None:
            query = query.limit(limit)
        return [
            AuditInfo(
                id=row.id,
                at=row.at,
                action=row.action,
                subject=row.subject,
                period_name=row.period_name,
                summary=row.summary,
                old=None if row.old_json is None else json.loads(row.old_json),
                new=None if row.new_json is None else json.loads(row.new_json),
                account=row.account,
            )
            for row in session.scalars(query)
        ]


# --- the audit log ----------------------------------------------------------------------------

# What the keys of the recorded old/new values mean (a path segment not listed is shown as it is).
FIELD_LABELS = {
    **{f.key: f.in_sentence for f in FIGURES},
    "name": "tên",
    "kind": "loại",
    "year": "năm",
    "plan_number": "số kế hoạch",
    "plan_date": "ngày kế hoạch",
    "issuing_body": "cơ quan ban hành",
    "start_date": "từ ngày",
    "end_date": "đến ngày",
    "is_final": "kỳ tổng kết",
    "unit": "đơn vị",
    "full_name": "họ tên",
    "position": "chức vụ",
    "birth_date": "ngày sinh",
    "gender": "giới tính",
    "achievement_summary": "tóm tắt thành tích",
    "achievement_text": "báo cáo thành tích",
    "past_awards_text": "khen thưởng đã có",
    "order": "thứ tự",
    "key_id": "mã khóa",
    "sequence": "số thứ tự gói",
    "exported_at": "thời điểm xuất",
    "signed": "có chữ ký",
    "reason": "lý do",
    "active": "đang hoạt động",
    "criteria": "tiêu chí",
    "tiers": "giải",
    "max_points": "điểm tối đa",
    "threshold": "ngưỡng xét điểm",
    "full_at": "đạt điểm tối đa từ",
    "positions": "số đơn vị",
    "prize_vnd": "tiền thưởng",
    "bonus_points": "điểm cộng",
    "individual_quota": "chỉ tiêu cá nhân",
    "other_units_quota": "chỉ tiêu đơn vị không đạt giải",
    "district_agency_quota_total": "tổng chỉ tiêu cơ quan huyện",
    "postal_in_total": "hồ sơ bưu chính tính vào tổng số",
    "below_threshold_policy": "đơn vị dưới ngưỡng",
    "label": "tên",
    "short_label": "tên ngắn",
    "description": "mô tả",
    "scored_kinds": "loại đơn vị được chấm",
    "points_places": "số chữ số thập phân",
    "tie_break": "cách phân định đồng hạng",
    "proxy_policy": "cách tính hồ sơ nộp thay",
    "proxy_owner_threshold": "ngưỡng số chủ hồ sơ của tài khoản nộp thay",
    "numerator": "tử số",
    "denominator": "mẫu số",
    "missing_flag": "cờ thiếu số liệu",
    "code": "mã",
    "address": "địa chỉ",
    "phone": "điện thoại",
    "head_name": "người đứng đầu",
    "head_title": "chức vụ người đứng đầu",
    "profile_text": "sơ lược đặc điểm",
    "sort_order": "thứ tự",
    "source_kind": "nguồn",
    "source_name": "tệp nguồn",
}


def field_label(path: str, labels: Mapping[str, str] | None = None) -> str:
    """'criteria.online.threshold' → 'tiêu chí › hồ sơ trực tuyến › ngưỡng xét điểm'."""
    extra = labels or {}
    return " › ".join(extra.get(p, FIELD_LABELS.get(p, p)) for p in path.split("."))


def _value_text(value: object) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (list, tuple)):
        return "; ".join(_value_text(v) for v in value) or "(trống)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value_text(v)}" for k, v in value.items()) or "(trống)"
    text = str(value).replace("\n", " / ")
    return text if text else "(trống)"


def _flatten(value: object, prefix: str, out: dict[str, object]) -> None:
    """Nested dicts and lists of keyed dicts as 'criteria.online.threshold' → leaf."""
    if isinstance(value, dict) and (value or not prefix):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
        return
    if isinstance(value, list) and value and all(isinstance(v, dict) and "key" in v for v in value):
        for item in value:
            assert isinstance(item, dict)
            rest = {k: v for k, v in item.items() if k != "key"}
            _flatten(rest, f"{prefix}.{item['key']}" if prefix else str(item["key"]), out)
        return
    out[prefix] = value


def audit_detail(entry: AuditInfo, labels: Mapping[str, str] | None = None) -> list[str]:
    """The change as lines 'field: old → new' (nested rule data by path), unchanged fields left
    out; a value that is not a dict is shown whole. The fields of the document settings are named
    as the Cài đặt form names them."""
    if labels is None and entry.action == Action.SETTINGS_CHANGE:
        labels = {**SIGNER_LABELS, **DOCUMENT_LABELS}
    old, new = entry.old, entry.new
    if isinstance(old, dict) or isinstance(new, dict):
        before: dict[str, object] = {}
        after: dict[str, object] = {}
        _flatten(old if isinstance(old, dict) else {}, "", before)
        _flatten(new if isinstance(new, dict) else {}, "", after)
        lines = []
        for key in dict.fromkeys([*before, *after]):
            if key in before and key in after:
                if before[key] != after[key]:
                    lines.append(
                        f"{field_label(key, labels)}: {_value_text(before[key])} → "
                        f"{_value_text(after[key])}"
                    )
            elif key in after:
                lines.append(f"{field_label(key, labels)}: {_value_text(after[key])}")
            else:
                lines.append(f"{field_label(key, labels)}: {_value_text(before[key])} → (bỏ)")
        return lines
    lines = []
    if old is not None:
        lines.append(f"Trước: {_value_text(old)}")
    if new is not None:
        lines.append(f"Sau: {_value_text(new)}")
    return lines


def audit_search_text(entry: AuditInfo) -> str:
    """Everything an entry shows, folded (no accents, lower case), for the text filter."""
    return fold(
        " ".join(
            (
                entry.at.strftime("%d/%m/%Y %H:%M"),
                entry.action,
                action_label(entry.action),
                entry.subject,
                entry.period_name,
                entry.summary,
                *audit_detail(entry),
            )
        )
    )


def query_words(query: str) -> list[str]:
    return fold(query).split()


def audit_matches(entry: AuditInfo, query: str, text: str | None = None) -> bool:
    """Whether every word of ``query`` occurs (accents and case ignored) in the entry;
    ``text`` is its ``audit_search_text`` when already known."""
    words = query_words(query)
    if not words:
        return True
    haystack = audit_search_text(entry) if text is None else text
    return all(word in haystack for word in words)
