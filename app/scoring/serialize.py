"""The ranking as the plain JSON data of DATA-FORMAT.md section A (``score --json``)."""

from __future__ import annotations

from typing import Any

from app.scoring.engine import Ranking, UnitResult
from app.scoring.numbers import rate_string

RATE_KEYS = {"online": "rate_online", "eid": "rate_eid"}


def result_to_data(result: UnitResult) -> dict[str, Any]:
    unit = result.unit
    data: dict[str, Any] = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind.value,
        "ranked": result.ranked,
    }
    if not result.scored:
        return data
    for score in result.criteria:
        key = RATE_KEYS.get(score.key, f"rate_{score.key}")
        data[key] = (
            rate_string(score.numerator, score.denominator)
            if score.numerator is not None and score.denominator
            else None
        )
    for score in result.criteria:
        data[f"points_{score.key}"] = f"{score.points:f}"
    data["total"] = f"{result.total:f}"
    if result.excluded:
        data["excluded"] = True
    data.update(
        {
            "rank": result.rank,
            "tie": result.tie,
            "tier": result.tier,
            "prize_vnd": result.prize_vnd,
            "bonus_points": result.bonus_points,
            "individual_quota": result.individual_quota,
            "flags": list(result.flags),
        }
    )
    return data


def ranking_to_data(ranking: Ranking) -> list[dict[str, Any]]:
    """One object per unit, in input order."""
    return [result_to_data(r) for r in ranking.results]
