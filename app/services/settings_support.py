"""What the Cài đặt page needs beyond the other service modules (plain Python, no Qt, no SQL).

- ``edit_rules``: a campaign's rule set with the numbers the officer typed (Vietnamese number
  texts), every problem named in one ``RuleSetError``.
- ``list_backups``: the automatic backups of a database with when and why they were made.

The document settings are checked by ``app.services.document_settings``; the audit log is shown by
``app.services.audit``.
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

from app.scoring import RuleSet, RuleSetError, parse_rules, rules_to_data
from app.services.backups import (
    REASON_DAILY,
    REASON_IMPORT,
    REASON_RESTORE,
    automatic_backups,
    backup_time,
)
from app.services.outputs import check_output_target
from app.text import nfc

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
    postal_in_total: bool | None = None  # None: as it is
    # Dossiers filed on citizens' behalf (RULES.md section 4); None: as it is.
    proxy_policy: str | None = None
    proxy_owner_threshold: str | None = None  # typed text, a whole number ≥ 1
    tie_break: str | None = None


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
    if edits.postal_in_total is not None:
        data["postal_in_total"] = edits.postal_in_total
    if edits.proxy_policy is not None:
        data["proxy_policy"] = edits.proxy_policy
    if edits.tie_break is not None:
        data["tie_break"] = edits.tie_break
    if edits.proxy_owner_threshold is not None:
        data["proxy_owner_threshold"] = check.whole(
            edits.proxy_owner_threshold,
            "Ngưỡng số chủ hồ sơ của tài khoản có dấu hiệu nộp thay",
            1,
            data["proxy_owner_threshold"],
        )
    try:
        parsed = parse_rules(data)
    except RuleSetError as error:
        raise RuleSetError(check.problems + error.problems) from error
    if check.problems:
        raise RuleSetError(check.problems)
    return parsed


def write_rules_file(rules: RuleSet, path: Path, *, db_path: Path | None = None) -> Path:
    """The rule set as a JSON rule file (``app.resources.load_rules_file`` reads it back); never
    onto the database ``db_path`` or its files."""
    if db_path is not None:
        check_output_target(db_path, path)
    text = json.dumps(rules_to_data(rules), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


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
    made_at, reason = backup_time(db_path, path)
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
