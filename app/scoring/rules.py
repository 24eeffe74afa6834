"""A campaign's rule set as data: criteria, tie-break, award tiers and quotas.

``parse_rules`` turns plain data (as loaded from JSON) into a validated :class:`RuleSet`, collecting
every problem in one :class:`RuleSetError`; ``rules_to_data`` is its inverse. Reading the file is the
caller's business: this package does no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from app.errors import UserError
from app.scoring.figures import UnitKind
from app.scoring.proxy import DEFAULT_OWNER_THRESHOLD, PROXY_POLICIES, PROXY_TIE_BREAK

RULES_FORMAT = 1
POLICIES = ("zero", "exclude")
TIE_BREAKS = ("fewer_dossiers_per_account", PROXY_TIE_BREAK)
INPUT_FIELDS = ("online", "total", "eid", "citizens")
FLAG_BELOW_THRESHOLD = "below_threshold"


class RuleSetError(UserError, ValueError):
    """A rule set that cannot be used; ``problems`` lists every reason, in Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Bộ quy tắc không hợp lệ:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Criterion:
    """points = rate × max_points, rounded half-up; 0 below ``threshold``; the maximum from ``full_at``."""

    key: str
    label: str
    short_label: str  # for table headers
    numerator: str
    denominator: str
    max_points: Decimal
    threshold: Fraction | None
    full_at: Fraction | None
    missing_flag: str


@dataclass(frozen=True, slots=True)
class Tier:
    key: str
    label: str
    positions: int
    prize_vnd: int
    bonus_points: int
    individual_quota: int


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    description: str
    scored_kinds: frozenset[UnitKind]
    below_threshold_policy: str
    points_places: int
    criteria: tuple[Criterion, ...]
    tie_break: str
    tiers: tuple[Tier, ...]
    other_units_quota: int
    district_agency_quota_total: int
    # Dossiers sent by post (bưu chính công ích) count in ``total`` (RULES.md section 2).
    postal_in_total: bool = False
    # Dossiers filed on citizens' behalf (RULES.md section 4, app.scoring.proxy).
    proxy_policy: str = PROXY_POLICIES[0]
    proxy_owner_threshold: int = DEFAULT_OWNER_THRESHOLD

    @property
    def uses_proxy(self) -> bool:
        """Whether ranking needs the dossiers filed on others' behalf."""
        return self.proxy_policy != PROXY_POLICIES[0] or self.tie_break == PROXY_TIE_BREAK

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria), Decimal(0))

    @property
    def total_prize_vnd(self) -> int:
        """The most money the tiers can give (each position once)."""
        return sum(t.prize_vnd * t.positions for t in self.tiers)

    @property
    def awarded_positions(self) -> int:
        return sum(t.positions for t in self.tiers)

    def tier(self, key: str) -> Tier:
        for tier in self.tiers:
            if tier.key == key:
                return tier
        raise KeyError(key)

    def tier_at(self, position: int) -> Tier | None:
        """The tier of the 1-based ``position`` in the final order, or None past the last tier."""
        end = 0
        for tier in self.tiers:
            end += tier.positions
            if position <= end:
                return tier
        return None

    def criterion(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)


class _Reader:
    """Reads typed values out of plain data, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problems.append(f"{where}: «{key}» phải là chuỗi ký tự không rỗng")
            return ""
        return value

    def whole(self, data: Mapping[str, Any], key: str, where: str, minimum: int = 0) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problems.append(
                f"{where}: «{key}» phải là số nguyên ≥ {minimum} (đang là {value!r})"
            )
            return minimum
        return value

    def decimal(self, data: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problems.append(
                f'{where}: «{key}» phải là số viết dạng chuỗi, ví dụ "0.70" (đang là {value!r})'
            )
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problems.append(f"{where}: «{key}» không phải là số ({value!r})")
            return None
        if not number.is_finite() or number < 0:
            self.problems.append(f"{where}: «{key}» phải là số không âm ({value!r})")
            return None
        return number


def _parse_criterion(reader: _Reader, data: Any, index: int, places: int) -> Criterion | None:
    where = f"tiêu chí thứ {index + 1}"
    if not isinstance(data, Mapping):
        reader.problems.append(f"{where}: phải là một đối tượng")
        return None
    key = reader.text(data, "key", where)
    where = f"tiêu chí «{key or index + 1}»"
    label = reader.text(data, "label", where)
    short_label = reader.text(data, "short_label", where, required=False) or label
    numerator = reader.text(data, "numerator", where)
    denominator = reader.text(data, "denominator", where)
    for name, value in (("numerator", numerator), ("denominator", denominator)):
        if value and value not in INPUT_FIELDS:
            reader.problems.append(
                f"{where}: «{name}» phải là một trong {', '.join(INPUT_FIELDS)} (đang là {value!r})"
            )
    max_points = reader.decimal(data, "max_points", where)
    if max_points is None:
        if "max_points" not in data or data.get("max_points") is None:
            reader.problems.append(f"{where}: thiếu «max_points»")
        max_points = Decimal(0)
    elif max_points.as_tuple().exponent < -places:  # type: ignore[operator]
        reader.problems.append(f"{where}: «max_points» có nhiều hơn {places} chữ số thập phân")
    threshold = reader.decimal(data, "threshold", where)
    full_at = reader.decimal(data, "full_at", where)
    for name, share in (("threshold", threshold), ("full_at", full_at)):
        if share is not None and share > 1:
            reader.problems.append(f"{where}: «{name}» là tỷ lệ, phải từ 0 đến 1 (đang là {share})")
    if threshold is not None and full_at is not None and full_at < threshold:
        reader.problems.append(f"{where}: «full_at» không được nhỏ hơn «threshold»")
    missing_flag = reader.text(data, "missing_flag", where)
    return Criterion(
        key=key,
        label=label,
        short_label=short_label,
        numerator=numerator,
        denominator=denominator,
        max_points=max_points,
        threshold=None if threshold is None else Fraction(threshold),
        full_at=None if full_at is None else Fraction(full_at),
        missing_flag=missing_flag,
    )


def _parse_tier(reader: _Reader, data: Any, index: int) -> Tier | None:
    where = f"hạng giải thứ {index + 1}"
    if not isinstance(data, Mapping):
        reader.problems.append(f"{where}: phải là một đối tượng")
        return None
    key = reader.text(data, "key", where)
    where = f"hạng giải «{key or index + 1}»"
    return Tier(
        key=key,
        label=reader.text(data, "label", where),
        positions=reader.whole(data, "positions", where, minimum=1),
        prize_vnd=reader.whole(data, "prize_vnd", where),
        bonus_points=reader.whole(data, "bonus_points", where),
        individual_quota=reader.whole(data, "individual_quota", where),
    )


def parse_rules(data: Any) -> RuleSet:
    """Validate plain data into a RuleSet; raise RuleSetError listing every problem."""
    if not isinstance(data, Mapping):
        raise RuleSetError(["tệp quy tắc phải là một đối tượng JSON"])
    reader = _Reader()
    version = data.get("format", RULES_FORMAT)
    if version != RULES_FORMAT:
        reader.problems.append(
            f"phiên bản định dạng {version!r} không được hỗ trợ (chương trình đọc bản {RULES_FORMAT})"
        )
    name = reader.text(data, "name", "bộ quy tắc")
    description = reader.text(data, "description", "bộ quy tắc", required=False)

    kinds: set[UnitKind] = set()
    raw_kinds = data.get("scored_kinds")
    if not isinstance(raw_kinds, list) or not raw_kinds:
        reader.problems.append("«scored_kinds» phải là danh sách loại đơn vị được chấm điểm")
    else:
        for raw in raw_kinds:
            try:
                kinds.add(UnitKind(raw))
            except ValueError:
                reader.problems.append(
                    f"«scored_kinds»: loại đơn vị {raw!r} không hợp lệ (xa, thi_tran, co_quan)"
                )

    policy = data.get("below_threshold_policy", "zero")
    if policy not in POLICIES:
        reader.problems.append(
            f"«below_threshold_policy» phải là {' hoặc '.join(POLICIES)} (đang là {policy!r})"
        )
    places = reader.whole(data, "points_places", "bộ quy tắc") if "points_places" in data else 2

    criteria: list[Criterion] = []
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        reader.problems.append("«criteria» phải là danh sách các tiêu chí")
    else:
        for index, raw in enumerate(raw_criteria):
            criterion = _parse_criterion(reader, raw, index, places)
            if criterion is not None:
                criteria.append(criterion)
    keys = [c.key for c in criteria]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        reader.problems.append(f"tiêu chí «{key}» bị khai báo hai lần")
    if sum(1 for c in criteria if c.threshold is not None) > 1:
        reader.problems.append("chỉ một tiêu chí được có ngưỡng «threshold»")

    tie_break = data.get("tie_break", TIE_BREAKS[0])
    if tie_break not in TIE_BREAKS:
        reader.problems.append(
            f"«tie_break» {tie_break!r} không được hỗ trợ (hỗ trợ: {', '.join(TIE_BREAKS)})"
        )

    tiers: list[Tier] = []
    raw_tiers = data.get("tiers")
    if not isinstance(raw_tiers, list):
        reader.problems.append("«tiers» phải là danh sách các hạng giải")
    else:
        for index, raw in enumerate(raw_tiers):
            tier = _parse_tier(reader, raw, index)
            if tier is not None:
                tiers.append(tier)
    tier_keys = [t.key for t in tiers]
    for key in sorted({k for k in tier_keys if tier_keys.count(k) > 1}):
        reader.problems.append(f"hạng giải «{key}» bị khai báo hai lần")
    if "pending" in tier_keys:
        reader.problems.append("«pending» là từ dành riêng, không dùng làm mã hạng giải")

    postal = data.get("postal_in_total", False)
    if not isinstance(postal, bool):
        reader.problems.append("«postal_in_total» phải là true hoặc false")
    proxy_policy = data.get("proxy_policy", PROXY_POLICIES[0])
    if proxy_policy not in PROXY_POLICIES:
        reader.problems.append(
            f"«proxy_policy» phải là {' hoặc '.join(PROXY_POLICIES)} (đang là {proxy_policy!r})"
        )
    owner_threshold = (
        reader.whole(data, "proxy_owner_threshold", "bộ quy tắc", minimum=1)
        if "proxy_owner_threshold" in data
        else DEFAULT_OWNER_THRESHOLD
    )

    other_quota = reader.whole(data, "other_units_quota", "bộ quy tắc")
    agency_total = reader.whole(data, "district_agency_quota_total", "bộ quy tắc")

    if reader.problems:
        raise RuleSetError(reader.problems)
    return RuleSet(
        name=name,
        description=description,
        scored_kinds=frozenset(kinds),
        below_threshold_policy=str(policy),
        points_places=places,
        criteria=tuple(criteria),
        tie_break=str(tie_break),
        tiers=tuple(tiers),
        other_units_quota=other_quota,
        district_agency_quota_total=agency_total,
        proxy_policy=str(proxy_policy),
        proxy_owner_threshold=owner_threshold,
        postal_in_total=postal is True,
    )


def _share(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return f"{Decimal(value.numerator) / Decimal(value.denominator):f}"


def rules_to_data(rules: RuleSet) -> dict[str, Any]:
    """The rule set as plain data that ``parse_rules`` reads back unchanged."""
    return {
        "format": RULES_FORMAT,
        "name": rules.name,
        "description": rules.description,
        "scored_kinds": sorted(k.value for k in rules.scored_kinds),
        "below_threshold_policy": rules.below_threshold_policy,
        "points_places": rules.points_places,
        "criteria": [
            {
                "key": c.key,
                "label": c.label,
                "short_label": c.short_label,
                "numerator": c.numerator,
                "denominator": c.denominator,
                "max_points": f"{c.max_points:f}",
                "threshold": _share(c.threshold),
                "full_at": _share(c.full_at),
                "missing_flag": c.missing_flag,
            }
            for c in rules.criteria
        ],
        "tie_break": rules.tie_break,
        "tiers": [
            {
                "key": t.key,
                "label": t.label,
                "positions": t.positions,
                "prize_vnd": t.prize_vnd,
                "bonus_points": t.bonus_points,
                "individual_quota": t.individual_quota,
            }
            for t in rules.tiers
        ],
        "other_units_quota": rules.other_units_quota,
        "district_agency_quota_total": rules.district_agency_quota_total,
        "proxy_policy": rules.proxy_policy,
        "proxy_owner_threshold": rules.proxy_owner_threshold,
        "postal_in_total": rules.postal_in_total,
    }
