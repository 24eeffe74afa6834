"""What it takes: the fewest extra dossiers or accounts that would change a unit's outcome.

Each answer changes one figure and keeps the others (the total of dossiers stays the same: more of
them submitted online). Answers are exact; tests check them by re-scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from app.scoring.engine import Ranking, UnitResult, dossiers_per_account, score_unit
from app.scoring.figures import UnitFigures
from app.scoring.numbers import format_int, format_share
from app.scoring.rules import Criterion, RuleSet


@dataclass(frozen=True, slots=True)
class WhatItTakes:
    """``None`` means: not applicable or not reachable by that figure alone (see ``notes``)."""

    code: str
    online_to_threshold: int | None = None
    online_to_full: int | None = None
    online_to_overtake: int | None = None
    overtake_code: str | None = None  # the unit ranked just above
    eid_to_full: int | None = None
    sentences: tuple[str, ...] = ()


def _criterion_on(rules: RuleSet, numerator: str) -> Criterion | None:
    return next((c for c in rules.criteria if c.numerator == numerator), None)


def extra_to_reach(numerator: int | None, denominator: int | None, share: Fraction) -> int | None:
    """Fewest x ≥ 0 with (numerator + x) / denominator ≥ share, the denominator unchanged."""
    if numerator is None or not denominator:
        return None
    needed = -((-share.numerator * denominator) // share.denominator)  # ceil(share × denominator)
    return max(0, needed - numerator)


def _total_with_online(unit: UnitFigures, online: int, rules: RuleSet) -> Decimal:
    return score_unit(replace(unit, online=online), rules)[1]


def _first_reaching(
    unit: UnitFigures, rules: RuleSet, high: int, target: Decimal, *, strict: bool
) -> int | None:
    """Least x in [0, high] with total(online + x) > target (strict) or ≥ target; None if none."""
    base = unit.online or 0

    def reaches(x: int) -> bool:
        total = _total_with_online(unit, base + x, rules)
        return total > target if strict else total >= target

    if not reaches(high):
        return None
    low = 0
    while low < high:
        middle = (low + high) // 2
        if reaches(middle):
            high = middle
        else:
            low = middle + 1
    return low


def online_to_overtake(
    result: UnitResult, above: UnitResult, rules: RuleSet, ranking: Ranking | None = None
) -> int | None:
    """Fewest extra online dossiers (total unchanged) for ``result`` to be ordered before ``above``.

    An equal total wins by fewer dossiers per account only if every unit of that total has an
    accounts figure (RULES.md section 4: otherwise the whole group stays tied); ``ranking`` names
    the other units of that total."""
    unit = result.unit
    if unit.online is None or not unit.total or above.total is None:
        return None
    room = unit.total - unit.online
    target = above.total
    equal_at = _first_reaching(unit, rules, room, target, strict=False)
    if equal_at is None:
        return None
    if _total_with_online(unit, unit.online + equal_at, rules) == target:
        mine = dossiers_per_account(replace(unit, online=unit.online + equal_at))
        theirs = above.dossiers_per_account
        separable = ranking is None or all(
            dossiers_per_account(r.unit) is not None
            for r in ranking.results
            if r.ranked and r.total == target and r.unit.code != unit.code
        )
        if separable and mine is not None and theirs is not None and mine < theirs:
            return equal_at
        return _first_reaching(unit, rules, room, target, strict=True)
    return equal_at


def what_it_takes(result: UnitResult, ranking: Ranking) -> WhatItTakes:
    rules = ranking.rules
    unit = result.unit
    if not result.scored:
        return WhatItTakes(code=unit.code)
    online = _criterion_on(rules, "online")
    eid = _criterion_on(rules, "eid")
    to_threshold = to_full = to_overtake = eid_full = None
    above_code: str | None = None
    if online is not None:
        if online.threshold is not None:
            to_threshold = extra_to_reach(unit.online, unit.total, online.threshold)
        to_full = extra_to_reach(unit.online, unit.total, online.full_at or Fraction(1))
        above_code = ranking.unit_above.get(unit.code)
        if above_code is not None:
            to_overtake = online_to_overtake(result, ranking.result(above_code), rules, ranking)
    if eid is not None and eid.full_at is not None:
        eid_full = extra_to_reach(unit.eid, unit.citizens, eid.full_at)
    answer = WhatItTakes(
        code=unit.code,
        online_to_threshold=to_threshold,
        online_to_full=to_full,
        online_to_overtake=to_overtake,
        overtake_code=above_code,
        eid_to_full=eid_full,
    )
    return replace(answer, sentences=tuple(_sentences(answer, ranking, online, eid)))


def _sentences(
    answer: WhatItTakes, ranking: Ranking, online: Criterion | None, eid: Criterion | None
) -> list[str]:
    unit = ranking.result(answer.code).unit
    lines: list[str] = []
    if online is not None:
        if unit.online is None or not unit.total:
            lines.append(
                "Chưa có số liệu hồ sơ phát sinh: chưa tính được số hồ sơ trực tuyến cần thêm."
            )
        else:
            if online.threshold is not None and answer.online_to_threshold is not None:
                share = format_share(online.threshold)
                if answer.online_to_threshold == 0:
                    lines.append(f"Đã đạt ngưỡng {share} hồ sơ trực tuyến.")
                else:
                    lines.append(
                        f"Cần thêm {format_int(answer.online_to_threshold)} hồ sơ trực tuyến "
                        f"(trong tổng số hồ sơ hiện có) để đạt ngưỡng {share}."
                    )
            if answer.online_to_full:
                lines.append(
                    f"Cần thêm {format_int(answer.online_to_full)} hồ sơ trực tuyến để đạt điểm tối "
                    "đa tiêu chí hồ sơ trực tuyến."
                )
            elif answer.online_to_full == 0:
                lines.append("Đã đạt điểm tối đa tiêu chí hồ sơ trực tuyến.")
            if answer.overtake_code is not None:
                name = ranking.result(answer.overtake_code).unit.name
                if answer.online_to_overtake is None:
                    lines.append(
                        f"Chỉ tăng hồ sơ trực tuyến thì không thể vượt {name} (đơn vị xếp ngay trên)."
                    )
                else:
                    lines.append(
                        f"Cần thêm {format_int(answer.online_to_overtake)} hồ sơ trực tuyến để vượt "
                        f"{name} (đơn vị xếp ngay trên)."
                    )
    if eid is not None and eid.full_at is not None:
        share = format_share(eid.full_at)
        if answer.eid_to_full is None:
            lines.append(
                "Chưa có số liệu người dân có CCCD: chưa tính được tài khoản định danh cần thêm."
            )
        elif answer.eid_to_full == 0:
            lines.append(f"Đã đạt {share} tài khoản định danh mức 2 (điểm tối đa).")
        else:
            lines.append(
                f"Cần kích hoạt thêm {format_int(answer.eid_to_full)} tài khoản định danh mức 2 để "
                f"đạt {share} (điểm tối đa)."
            )
    return lines
