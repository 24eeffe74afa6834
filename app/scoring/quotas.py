"""Individual nomination quotas (RULES.md section 6): per unit, and in total for district agencies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.scoring.engine import PENDING, Ranking
from app.scoring.figures import UnitKind


@dataclass(frozen=True, slots=True)
class UnitQuota:
    code: str
    name: str
    quota: int | None  # None while the unit's tier is pending
    nominated: int

    @property
    def over_by(self) -> int:
        return max(0, self.nominated - self.quota) if self.quota is not None else 0

    @property
    def remaining(self) -> int | None:
        return None if self.quota is None else max(0, self.quota - self.nominated)


@dataclass(frozen=True, slots=True)
class QuotaReport:
    units: tuple[UnitQuota, ...]  # competing units, in input order
    agency_quota: int  # shared by every district agency (co_quan)
    agency_nominated: int
    agency_codes: tuple[str, ...]

    @property
    def agency_over_by(self) -> int:
        return max(0, self.agency_nominated - self.agency_quota)

    @property
    def over_quota(self) -> tuple[UnitQuota, ...]:
        return tuple(u for u in self.units if u.over_by)

    @property
    def pending(self) -> tuple[UnitQuota, ...]:
        return tuple(u for u in self.units if u.quota is None and u.nominated)

    def unit(self, code: str) -> UnitQuota:
        return next(u for u in self.units if u.code == code)

    def problems(self) -> list[str]:
        """Why award documents cannot be made yet (Vietnamese), empty when quotas are respected."""
        lines = [
            f"{u.name}: vượt chỉ tiêu {u.over_by} (được {u.quota}, đã đề nghị {u.nominated})"
            for u in self.over_quota
        ]
        if self.agency_over_by:
            lines.append(
                f"Các cơ quan cấp huyện: vượt chỉ tiêu {self.agency_over_by} (được "
                f"{self.agency_quota}, đã đề nghị {self.agency_nominated})"
            )
        return lines

    def room_for(self, code: str) -> tuple[bool, str]:
        """Whether one more nomination fits for unit ``code``, and the reason when it does not."""
        if code in self.agency_codes:
            if self.agency_nominated >= self.agency_quota:
                return False, (
                    f"Các cơ quan cấp huyện chỉ được đề nghị tổng cộng {self.agency_quota} cá nhân "
                    f"(đã đề nghị {self.agency_nominated})."
                )
            return True, ""
        quota = self.unit(code)
        if quota.quota is None:
            return False, (
                f"{quota.name} đang đồng hạng chờ phân định: chưa biết chỉ tiêu cá nhân. "
                "Hãy giải quyết đồng hạng trước."
            )
        if quota.nominated >= quota.quota:
            return False, (
                f"{quota.name} chỉ được đề nghị {quota.quota} cá nhân (đã đề nghị {quota.nominated})."
            )
        return True, ""


def quota_report(ranking: Ranking, nominated: Mapping[str, int]) -> QuotaReport:
    """Quotas against nomination counts (unit code → count). Units not in the ranking are ignored."""
    units: list[UnitQuota] = []
    agency_codes: list[str] = []
    for result in ranking.results:
        code = result.unit.code
        if result.unit.kind == UnitKind.CO_QUAN:
            agency_codes.append(code)
            continue
        if not result.scored:
            continue
        quota = None if result.tier == PENDING else result.individual_quota
        units.append(UnitQuota(code, result.unit.name, quota, nominated.get(code, 0)))
    agency_count = sum(nominated.get(code, 0) for code in agency_codes)
    return QuotaReport(
        units=tuple(units),
        agency_quota=ranking.rules.district_agency_quota_total,
        agency_nominated=agency_count,
        agency_codes=tuple(agency_codes),
    )
