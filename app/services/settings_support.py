"""What the Cài đặt page needs beyond the other service modules (plain Python, no Qt, no SQL).

- ``edit_rules``: a campaign's rule set with the numbers the officer typed (Vietnamese number
  texts), every problem named in one ``RuleSetError``.
- ``document_settings_problems``: dates and vote counts of the document settings checked.
- ``list_backups``: the automatic backups of a database with when and why they were made.
- ``audit_detail`` / ``audit_matches`` / ``action_label``: the audit log shown and filtered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.reports.settings import DocumentSettings, parse_vote_exceptions
from app.reports.words import parse_date
from app.scoring import RuleSet, RuleSetError, parse_rules, rules_to_data
from app.services.backups import (
    AUTO_TAG,
    REASON_DAILY,
    REASON_IMPORT,
    REASON_RESTORE,
    automatic_backups,
)
from app.services.records import AuditInfo
from app.text import fold, nfc

# --- numbers as typed -------------------------------------------------------------------------

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_number_text(text: str) -> Decimal | None:
    """A number typed the Vietnamese way ('6.000.000', '0,70', '70') or with a decimal point
    ('0.7'); None when it is not a number. Spaces are ignored."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_number(value: Decimal | int) -> str:
    """The inverse for display: 6000000 → '6.000.000', Decimal('0.5') → '0,5'."""
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, decimals = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    out = sign + ".".join(reversed(groups))
    decimals = decimals.rstrip("0")
    return out + ("," + decimals if decimals else "")


def share_as_percent(share: str | None) -> str:
    """A rule share ('0.70') as the percent text shown in the form ('70'); '' for none."""
    if share is None:
        return ""
    return format_number(Decimal(share) * 100)


# --- the rule set, edited ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionEdit:
    """Texts typed for one criterion: max points, threshold and full-points rate in percent."""

    max_points: str
    threshold_percent: str
    full_at_percent: str


@dataclass(frozen=True, slots=True)
class TierEdit:
    """Texts typed for one award tier."""

    positions: str
    prize_vnd: str
    bonus_points: str
    individual_quota: str


@dataclass(frozen=True, slots=True)
class RuleEdits:
    name: str
    below_threshold_policy: str
    criteria: Mapping[str, CriterionEdit]  # by criterion key
    tiers: Mapping[str, TierEdit]  # by tier key
    other_units_quota: str
    district_agency_quota_total: str


class _Collector:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def whole(self, text: str, where: str, minimum: int, fallback: int) -> int:
        number = parse_number_text(text)
        if number is None:
            shown = text.strip()
            self.problems.append(
                f"{where}: «{shown}» không phải là số" if shown else f"{where}: chưa nhập"
            )
            return fallback
        if number != number.to_integral_value():
            self.problems.append(f"{where}: phải là số nguyên (đang là «{text.strip()}»)")
            return fallback
        if number < minimum:
            self.problems.append(f"{where}: phải từ {minimum} trở lên (đang là {number:f})")
            return fallback
        return int(number)

    def decimal(self, text: str, where: str, fallback: str) -> str:
        number = parse_number_text(text)
        if number is None:
            shown = text.strip()
            self.problems.append(
                f"{where}: «{shown}» không phải là số" if shown else f"{where}: chưa nhập"
            )
            return fallback
        if number < 0:
            self.problems.append(f"{where}: không được âm (đang là {format_number(number)})")
            return fallback
        return f"{number:f}"

    def percent(self, text: str, where: str, fallback: str | None) -> str | None:
        """'' → no share; a number 0–100 → the share as a decimal string."""
        if not text.strip():
            return None
        number = parse_number_text(text)
        if number is None:
            self.problems.append(f"{where}: «{text.strip()}» không phải là số")
            return fallback
        if not 0 <= number <= 100:
            self.problems.append(
                f"{where}: là tỷ lệ phần trăm, phải từ 0 đến 100 (đang là {format_number(number)})"
            )
            return fallback
        return f"{(number / 100).normalize():f}"


def edit_rules(rules: RuleSet, edits: RuleEdits) -> RuleSet:
    """``rules`` with the typed numbers; RuleSetError lists every problem (nothing half-done)."""
    data: dict[str, Any] = rules_to_data(rules)
    check = _Collector()
    name = nfc(edits.name)
    if not name:
        check.problems.append("Tên bộ quy tắc: chưa nhập")
    else:
        data["name"] = name
    data["below_threshold_policy"] = edits.below_threshold_policy
    for criterion in data["criteria"]:
        edit = edits.criteria.get(criterion["key"])
        if edit is None:
            continue
        where = f"Tiêu chí «{criterion['label']}»"
        criterion["max_points"] = check.decimal(
            edit.max_points, f"{where} — điểm tối đa", criterion["max_points"]
        )
        threshold = check.percent(
            edit.threshold_percent, f"{where} — ngưỡng xét điểm", criterion["threshold"]
        )
        full_at = check.percent(
            edit.full_at_percent, f"{where} — đạt điểm tối đa từ", criterion["full_at"]
        )
        if threshold is not None and full_at is not None and Decimal(full_at) < Decimal(threshold):
            check.problems.append(
                f"{where}: tỷ lệ đạt điểm tối đa ({share_as_percent(full_at)}%) không được nhỏ "
                f"hơn ngưỡng xét điểm ({share_as_percent(threshold)}%)"
            )
        else:
            criterion["threshold"], criterion["full_at"] = threshold, full_at
    for tier in data["tiers"]:
        edit_tier = edits.tiers.get(tier["key"])
        if edit_tier is None:
            continue
        where = f"Giải {tier['label']}"
        tier["positions"] = check.whole(
            edit_tier.positions, f"{where} — số đơn vị", 1, tier["positions"]
        )
        tier["prize_vnd"] = check.whole(
            edit_tier.prize_vnd, f"{where} — tiền thưởng", 0, tier["prize_vnd"]
        )
        tier["bonus_points"] = check.whole(
            edit_tier.bonus_points, f"{where} — điểm cộng", 0, tier["bonus_points"]
        )
        tier["individual_quota"] = check.whole(
            edit_tier.individual_quota, f"{where} — chỉ tiêu cá nhân", 0, tier["individual_quota"]
        )
    data["other_units_quota"] = check.whole(
        edits.other_units_quota,
        "Chỉ tiêu cá nhân của mỗi đơn vị không đạt giải",
        0,
        data["other_units_quota"],
    )
    data["district_agency_quota_total"] = check.whole(
        edits.district_agency_quota_total,
        "Tổng chỉ tiêu cá nhân của các cơ quan cấp huyện",
        0,
        data["district_agency_quota_total"],
    )
    try:
        parsed = parse_rules(data)
    except RuleSetError as error:
        raise RuleSetError(check.problems + error.problems) from error
    if check.problems:
        raise RuleSetError(check.problems)
    return parsed


def write_rules_file(rules: RuleSet, path: Path) -> Path:
    """The rule set as a JSON rule file (``app.resources.load_rules_file`` reads it back)."""
    text = json.dumps(rules_to_data(rules), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


# --- document settings ------------------------------------------------------------------------

DATE_FIELDS = ("proposal_date", "meeting_date", "achievement_report_date", "decision_date")


def document_settings_problems(
    settings: DocumentSettings, labels: Mapping[str, str] | None = None
) -> list[str]:
    """Dates that are not dd/mm/yyyy, vote counts below zero and badly written vote lines, named by
    their label."""
    labels = labels or {}
    problems: list[str] = []
    for name in DATE_FIELDS:
        text = str(getattr(settings, name)).strip()
        if text and parse_date(text) is None:
            problems.append(
                f"{labels.get(name, name)}: «{text}» không phải là ngày (viết dd/mm/yyyy) hoặc để trống"
            )
    if settings.vote_agree is not None and settings.vote_agree < 0:
        problems.append(f"{labels.get('vote_agree', 'vote_agree')}: không được âm")
    if settings.vote_disagree < 0:
        problems.append(f"{labels.get('vote_disagree', 'vote_disagree')}: không được âm")
    label = labels.get("vote_exceptions", "vote_exceptions")
    problems += [f"{label}: {p}" for p in parse_vote_exceptions(settings.vote_exceptions)[1]]
    return problems


# --- backups ----------------------------------------------------------------------------------

REASON_LABELS = {
    REASON_IMPORT: "Trước khi nhập số liệu",
    REASON_DAILY: "Hằng ngày",
    REASON_RESTORE: "Trước khi khôi phục",
}


@dataclass(frozen=True, slots=True)
class BackupEntry:
    path: Path
    made_at: dt.datetime | None
    reason: str  # Vietnamese
    size_bytes: int


def backup_entry(db_path: Path, path: Path) -> BackupEntry:
    """When and why an automatic backup of ``db_path`` was made, read from its file name."""
    rest = path.stem.removeprefix(f"{db_path.stem}-{AUTO_TAG}-")
    made_at: dt.datetime | None = None
    reason = rest
    parts = rest.split("-", 3)
    if len(parts) == 4:
        try:
            made_at = dt.datetime.strptime("-".join(parts[:3]), "%Y%m%d-%H%M%S-%f")
            reason = parts[3]
        except ValueError:
            made_at = None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BackupEntry(path, made_at, REASON_LABELS.get(reason, reason), size)


def list_backups(db_path: Path) -> list[BackupEntry]:
    """The automatic backups of ``db_path``, newest first."""
    return [backup_entry(db_path, p) for p in reversed(automatic_backups(db_path))]


def default_backup_name(now: dt.datetime | None = None) -> str:
    return f"thidua-sao-luu-{(now or dt.datetime.now()):%Y%m%d-%H%M}.sqlite3"


# --- the audit log ----------------------------------------------------------------------------

ACTION_LABELS = {
    "seed": "Tạo dữ liệu",
    "campaign.update": "Sửa phong trào",
    "period.add": "Thêm kỳ",
    "period.update": "Sửa kỳ",
    "period.final": "Chọn kỳ tổng kết",
    "rules.change": "Đổi quy tắc",
    "settings.change": "Sửa thông tin văn bản",
    "unit.add": "Thêm đơn vị",
    "unit.update": "Sửa đơn vị",
    "unit.delete": "Xóa đơn vị",
    "figures.edit": "Sửa số liệu",
    "figures.import": "Nhập số liệu",
    "figures.import.file": "Nhập tệp số liệu",
    "figures.clear": "Xóa số liệu",
    "nomination.add": "Thêm đề nghị",
    "nomination.update": "Sửa đề nghị",
    "nomination.delete": "Xóa đề nghị",
    "settlement.add": "Phân định đồng hạng",
    "settlement.remove": "Bỏ phân định",
}


# What the keys of the recorded old/new values mean (a path segment not listed is shown as it is).
FIELD_LABELS = {
    "online": "hồ sơ trực tuyến",
    "total": "tổng hồ sơ",
    "accounts": "tài khoản nộp",
    "eid": "định danh mức 2",
    "citizens": "dân có CCCD",
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
    "below_threshold_policy": "đơn vị dưới ngưỡng",
    "label": "tên",
    "short_label": "tên ngắn",
    "description": "mô tả",
    "scored_kinds": "loại đơn vị được chấm",
    "points_places": "số chữ số thập phân",
    "tie_break": "cách phân định đồng hạng",
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


def action_label(action: str) -> str:
    """A Vietnamese name for an audit action; an action added later falls back to its group."""
    found = ACTION_LABELS.get(action)
    if found is None:
        found = ACTION_LABELS.get(action.rsplit(".", 1)[0], action)
    return found


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
    out; a value that is not a dict is shown whole."""
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
