"""Rule sets as data: the shipped template, validation with every problem, round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from app.resources import default_rules, load_rules_file, resource_path
from app.scoring import RuleSetError, parse_rules, rules_to_data


def template() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resource_path("rules", "phung-hiep-2023.json").read_text(encoding="utf-8")
    )
    return data


def test_template_holds_the_plan_numbers() -> None:
    rules = default_rules()
    online, eid = rules.criteria
    assert (online.max_points, online.threshold, online.full_at) == (
        Decimal(60),
        Fraction(7, 10),
        Fraction(1),
    )
    assert (eid.max_points, eid.threshold, eid.full_at) == (Decimal(40), None, Fraction(9, 10))
    assert rules.max_total == 100
    assert [(t.key, t.prize_vnd, t.bonus_points, t.individual_quota) for t in rules.tiers] == [
        ("nhat", 6_000_000, 3, 5),
        ("nhi", 4_000_000, 2, 4),
        ("ba", 2_000_000, 1, 3),
        ("khuyen_khich", 1_500_000, 0, 2),
    ]
    assert rules.tier("khuyen_khich").positions == 2
    assert rules.total_prize_vnd == 15_000_000
    assert (rules.other_units_quota, rules.district_agency_quota_total) == (1, 4)
    assert rules.below_threshold_policy == "zero"


def test_round_trip() -> None:
    rules = default_rules()
    assert parse_rules(rules_to_data(rules)) == rules
    assert parse_rules(json.loads(json.dumps(rules_to_data(rules)))) == rules


def test_every_problem_reported_at_once() -> None:
    data = template()
    data["below_threshold_policy"] = "drop"
    data["criteria"][0]["max_points"] = "sixty"
    data["criteria"][1]["full_at"] = "1.5"
    data["criteria"][1]["numerator"] = "dossiers"
    data["tiers"][0]["prize_vnd"] = -1
    data["tiers"][1]["positions"] = 0
    data["tiers"][2]["key"] = "nhat"
    del data["other_units_quota"]
    with pytest.raises(RuleSetError) as caught:
        parse_rules(data)
    text = "\n".join(caught.value.problems)
    assert len(caught.value.problems) >= 8
    assert "below_threshold_policy" in text
    assert "«max_points» không phải là số" in text
    assert "«full_at» là tỷ lệ" in text
    assert "«numerator» phải là một trong" in text
    assert "«prize_vnd» phải là số nguyên ≥ 0" in text
    assert "«positions» phải là số nguyên ≥ 1" in text
    assert "hạng giải «nhat» bị khai báo hai lần" in text
    assert "other_units_quota" in text


def test_floats_are_refused_for_shares() -> None:
    data = template()
    data["criteria"][0]["threshold"] = 0.7
    with pytest.raises(RuleSetError, match="số viết dạng chuỗi"):
        parse_rules(data)


def test_other_numbers_change_results_not_code() -> None:
    from app.scoring import UnitFigures, UnitKind, rank_units

    data = template()
    data["criteria"][0]["threshold"] = "0.50"
    data["tiers"][0]["prize_vnd"] = 10_000_000
    rules = parse_rules(data)
    unit = UnitFigures("A", "Xã A", UnitKind.XA, 600, 1000, None, 0, 1000)
    result = rank_units([unit], rules).result("A")
    assert f"{result.total}" == "36.00"
    assert result.prize_vnd == 10_000_000


def test_broken_rule_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(RuleSetError, match="không phải JSON hợp lệ"):
        load_rules_file(path)
    with pytest.raises(RuleSetError, match="không đọc được"):
        load_rules_file(tmp_path / "missing.json")


def test_postal_in_total_option() -> None:
    """RULES.md section 2: postal dossiers are left out of the total unless the rule set says."""
    data = rules_to_data(default_rules())
    assert data["postal_in_total"] is False
    assert parse_rules({**data, "postal_in_total": True}).postal_in_total is True
    older = {k: v for k, v in data.items() if k != "postal_in_total"}
    assert parse_rules(older).postal_in_total is False  # rule files written before the option
    with pytest.raises(RuleSetError, match="«postal_in_total» phải là true hoặc false"):
        parse_rules({**data, "postal_in_total": "có"})
