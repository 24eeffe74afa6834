"""The rules of RULES.md sections 3–6, one behaviour at a time, through app.scoring's public API."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.resources import default_rules
from app.scoring import (
    PENDING,
    RuleSet,
    SettlementError,
    TieSettlement,
    UnitFigures,
    UnitKind,
    explain,
    quota_report,
    rank_units,
    score_unit,
)
from app.scoring.numbers import format_decimal, format_percent, round_half_up

RULES = default_rules()


def xa(
    code: str,
    online: int | None = 700,
    total: int | None = 1000,
    accounts: int | None = None,
    eid: int | None = 900,
    citizens: int | None = 1000,
    kind: UnitKind = UnitKind.XA,
) -> UnitFigures:
    return UnitFigures(code, f"Xã {code}", kind, online, total, accounts, eid, citizens)


def points(unit: UnitFigures, rules: RuleSet = RULES) -> tuple[str, str, str]:
    scores, total = score_unit(unit, rules)
    return f"{scores[0].points}", f"{scores[1].points}", f"{total}"


# --- Points ---------------------------------------------------------------------------------


def test_half_up_where_half_even_differs() -> None:
    # 3971/4000 × 60 = 59.565 → 59.57 (half-even would give 59.56)
    # 5300/6400 × 40 = 33.125 → 33.13 (half-even would give 33.12)
    assert points(xa("E", 3971, 4000, 1000, 5300, 6400)) == ("59.57", "33.13", "92.70")
    assert round(Decimal("33.125"), 2) == Decimal("33.12")  # why round() is not used


def test_round_half_up_helper() -> None:
    assert f"{round_half_up(Decimal('6.125'), 2)}" == "6.13"
    assert f"{round_half_up(Decimal('6.124999'), 2)}" == "6.12"
    assert f"{round_half_up(Decimal('-6.125'), 2)}" == "-6.13"
    assert f"{round_half_up(0, 2)}" == "0.00"


def test_threshold_exactly_70_percent_scores() -> None:
    assert points(xa("A", 700, 1000)) == ("42.00", "40.00", "82.00")


def test_just_below_threshold_scores_zero_and_is_flagged() -> None:
    unit = xa("B", 6999, 10000, eid=899, citizens=1000)
    assert points(unit) == ("0.00", "35.96", "35.96")
    result = rank_units([unit], RULES).result("B")
    assert result.flags == ("below_threshold",)
    assert result.ranked and result.rank == 1


def test_full_online_rate_gives_maximum() -> None:
    assert points(xa("F", 500, 500))[0] == "60.00"


def test_eid_exactly_90_percent_gives_maximum() -> None:
    assert points(xa("A", eid=900, citizens=1000))[1] == "40.00"
    assert points(xa("A", eid=8999, citizens=10000))[1] == "36.00"  # 0.8999 × 40 = 35.996


def test_zero_denominators_score_zero_with_flags() -> None:
    result = rank_units([xa("C", 0, 0, eid=0, citizens=0)], RULES).result("C")
    assert f"{result.total}" == "0.00"
    assert result.flags == ("missing_dossiers", "missing_eid")


def test_missing_figures_score_zero_with_flags() -> None:
    result = rank_units([xa("M", None, None, None, None, None)], RULES).result("M")
    assert result.ranked
    assert f"{result.total}" == "0.00"
    assert set(result.flags) == {"missing_dossiers", "missing_eid"}


def test_total_is_the_sum_of_rounded_points() -> None:
    # 7/9 × 60 = 46.666… → 46.67; 2/3 × 40 = 26.666… → 26.67; the total is 73.34, not the
    # rounded exact sum 73.33, so that a printed table adds up
    online, eid, total = points(xa("S", 7, 9, eid=2, citizens=3))
    assert (online, eid, total) == ("46.67", "26.67", "73.34")


def test_agencies_are_not_scored() -> None:
    agency = UnitFigures("VHTT", "Phòng Văn hóa và Thông tin", UnitKind.CO_QUAN)
    ranking = rank_units([agency, xa("A")], RULES)
    result = ranking.result("VHTT")
    assert not result.scored and not result.ranked and result.rank is None
    assert ranking.result("A").rank == 1


# --- Ranking and ties ------------------------------------------------------------------------


def test_competition_ranks_and_tiers_in_order() -> None:
    units = [xa(str(i), online=1000 - i * 10, total=1000, eid=0) for i in range(7)]
    ranking = rank_units(units, RULES)
    assert [r.rank for r in ranking.ordered] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.tier for r in ranking.ordered] == [
        "nhat",
        "nhi",
        "ba",
        "khuyen_khich",
        "khuyen_khich",
        None,
        None,
    ]
    assert [r.prize_vnd for r in ranking.ordered] == [
        6_000_000,
        4_000_000,
        2_000_000,
        1_500_000,
        1_500_000,
        0,
        0,
    ]
    assert [r.bonus_points for r in ranking.ordered] == [3, 2, 1, 0, 0, 0, 0]
    assert [r.individual_quota for r in ranking.ordered] == [5, 4, 3, 2, 2, 1, 1]
    assert ranking.total_prize_vnd == 15_000_000


def test_equal_totals_broken_by_fewer_dossiers_per_account() -> None:
    # same points; P files 800 dossiers from 100 accounts (8 each), Q from 400 accounts (2 each)
    p = xa("P", 800, 800, accounts=100, eid=1000, citizens=1000)
    q = xa("Q", 800, 800, accounts=400, eid=1000, citizens=1000)
    ranking = rank_units([p, q], RULES)
    assert (ranking.result("Q").rank, ranking.result("P").rank) == (1, 2)
    assert not ranking.result("P").tie and not ranking.tie_groups
    assert ranking.result("Q").tie_broken_by_ratio
    assert ranking.result("Q").tier == "nhat" and ranking.result("P").tier == "nhi"


def test_ratios_compared_exactly_as_fractions() -> None:
    # 1000/3 and 333.333… as floats could compare equal after rounding; as fractions they differ
    a = xa("A", 1000, 1000, accounts=3)
    b = xa("B", 999999, 999999, accounts=2999)  # 333.44… per account
    ranking = rank_units([b, a], RULES)
    assert ranking.result("A").rank == 1
    assert ranking.result("B").rank == 2


def test_missing_accounts_leave_the_group_tied() -> None:
    f = xa("F", 500, 500, accounts=None, eid=950)
    g = xa("G", 800, 800, accounts=100, eid=1000)
    e = xa("E", 3971, 4000, accounts=1000, eid=5300, citizens=6400)
    ranking = rank_units([f, g, e], RULES)
    assert ranking.result("F").rank == ranking.result("G").rank == 1
    assert ranking.result("E").rank == 3  # competition ranking: 1, 1, 3
    assert ranking.result("F").tie and ranking.result("F").tied_with == ("G",)
    assert ranking.result("F").tier == ranking.result("G").tier == PENDING
    assert ranking.result("F").individual_quota is None
    assert ranking.result("F").prize_vnd == 0
    assert ranking.result("E").tier == "ba"
    (group,) = ranking.tie_groups
    assert group.pending and set(group.codes) == {"F", "G"}
    assert "Xã F" in group.reason


def test_equal_ratio_stays_tied() -> None:
    a = xa("A", 800, 800, accounts=200)
    b = xa("B", 400, 400, accounts=100)
    ranking = rank_units([a, b], RULES)
    assert ranking.result("A").tie and ranking.result("B").tie
    assert ranking.tie_groups[0].reason.startswith("bằng điểm và bằng tỷ lệ")


def test_partial_split_leaves_only_equal_ratios_tied() -> None:
    a = xa("A", 800, 800, accounts=400)  # 2 per account: first
    b = xa("B", 800, 800, accounts=200)  # 4
    c = xa("C", 400, 400, accounts=100)  # 4
    ranking = rank_units([a, b, c], RULES)
    assert ranking.result("A").rank == 1 and not ranking.result("A").tie
    assert ranking.result("B").rank == ranking.result("C").rank == 2
    assert ranking.tie_groups[0].codes in {("B", "C"), ("C", "B")}
    assert ranking.tie_groups[0].pending  # positions 2 and 3: Nhì and Ba


def test_tie_inside_one_tier_is_not_pending() -> None:
    top = [xa(f"T{i}", online=1000 - i, total=1000, eid=1000) for i in range(3)]
    tied = [xa("K1", 900, 1000, eid=1000), xa("K2", 900, 1000, eid=1000)]  # positions 4 and 5
    ranking = rank_units([*top, *tied, xa("Z", 800, 1000, eid=1000)], RULES)
    k1, k2 = ranking.result("K1"), ranking.result("K2")
    assert k1.tie and k2.tie and k1.rank == k2.rank == 4
    assert k1.tier == k2.tier == "khuyen_khich"
    assert k1.prize_vnd == k2.prize_vnd == 1_500_000
    assert k1.individual_quota == 2
    assert not ranking.tie_groups[0].pending
    assert ranking.result("Z").rank == 6 and ranking.result("Z").tier is None


def test_tie_across_award_boundary_is_pending() -> None:
    top = [xa(f"T{i}", online=1000 - i, total=1000, eid=1000) for i in range(4)]
    tied = [xa("K1", 900, 1000, eid=1000), xa("K2", 900, 1000, eid=1000)]  # positions 5 and 6
    ranking = rank_units([*top, *tied], RULES)
    assert ranking.result("K1").tier == ranking.result("K2").tier == PENDING
    assert ranking.result("K1").individual_quota is None
    assert ranking.total_prize_vnd == 15_000_000 - 1_500_000


# --- Manual settlement -----------------------------------------------------------------------


def test_settlement_orders_the_tied_group() -> None:
    f = xa("F", 500, 500, accounts=None, eid=950)
    g = xa("G", 800, 800, accounts=100, eid=1000)
    settlement = TieSettlement(("G", "F"), "Xã G có nhiều hồ sơ trực tuyến hơn")
    ranking = rank_units([f, g], RULES, [settlement])
    assert ranking.result("G").rank == 1 and ranking.result("F").rank == 2
    assert ranking.result("G").tier == "nhat" and ranking.result("F").tier == "nhi"
    assert not ranking.result("G").tie and not ranking.tie_groups
    assert ranking.result("F").settled_reason == "Xã G có nhiều hồ sơ trực tuyến hơn"
    assert ranking.applied_settlements == (settlement,)
    assert "Hội đồng" in " ".join(explain(ranking.result("F"), ranking))


def test_settlement_cannot_reorder_untied_units() -> None:
    units = [xa("A", 900, 1000), xa("B", 800, 1000)]
    with pytest.raises(SettlementError, match="Không có nhóm đồng hạng"):
        rank_units(units, RULES, [TieSettlement(("B", "A"), "x")])


def test_settlement_naming_a_unit_outside_the_group_is_rejected() -> None:
    units = [xa("F", 500, 500), xa("G", 800, 800, accounts=100), xa("H", 700, 1000)]
    with pytest.raises(SettlementError, match="không thuộc nhóm đồng hạng: H"):
        rank_units(units, RULES, [TieSettlement(("G", "F", "H"), "x")])


def test_settlement_leaving_out_a_tied_unit_is_rejected() -> None:
    units = [xa("F", 500, 500), xa("G", 800, 800), xa("K", 300, 300)]
    with pytest.raises(SettlementError, match="còn thiếu: K"):
        rank_units(units, RULES, [TieSettlement(("G", "F"), "x")])


def test_settlement_with_a_repeated_unit_is_rejected() -> None:
    units = [xa("F", 500, 500), xa("G", 800, 800)]
    with pytest.raises(SettlementError, match="hai lần"):
        rank_units(units, RULES, [TieSettlement(("G", "F", "G"), "x")])


def test_stale_settlement_is_reported_not_applied_when_not_strict() -> None:
    units = [xa("F", 500, 500), xa("G", 700, 1000)]  # no longer tied
    settlement = TieSettlement(("G", "F"), "x")
    ranking = rank_units(units, RULES, [settlement], strict=False)
    assert ranking.stale_settlements == (settlement,)
    assert ranking.result("F").rank == 1


# --- Policy ------------------------------------------------------------------------------------


def test_exclude_policy_leaves_below_threshold_units_out() -> None:
    rules = replace(RULES, below_threshold_policy="exclude")
    units = [xa("LOW", 600, 1000, eid=1000), xa("A", 700, 1000, eid=0), xa("B", 800, 1000, eid=0)]
    ranking = rank_units(units, rules)
    low = ranking.result("LOW")
    assert low.excluded and not low.ranked and low.rank is None and low.tier is None
    assert low.flags == ("below_threshold",)
    assert f"{low.total}" == "40.00"  # still scored and shown
    assert [r.unit.code for r in ranking.ordered] == ["B", "A"]
    assert ranking.result("A").rank == 2 and ranking.result("A").tier == "nhi"


def test_zero_policy_keeps_below_threshold_units_ranked() -> None:
    units = [xa("LOW", 600, 1000, eid=1000), xa("A", 700, 1000, eid=0)]
    ranking = rank_units(units, RULES)
    assert ranking.result("A").rank == 1  # 42 points beat 40
    assert ranking.result("LOW").rank == 2 and ranking.result("LOW").tier == "nhi"


# --- Quotas ---------------------------------------------------------------------------------------


def test_quota_report_flags_over_quota_without_deleting() -> None:
    units = [
        xa("A", 1000, 1000),
        xa("B", 800, 1000),
        UnitFigures("NV", "Phòng Nội vụ", UnitKind.CO_QUAN),
    ]
    ranking = rank_units(units, RULES)
    report = quota_report(ranking, {"A": 5, "B": 6, "NV": 5})
    assert report.unit("A").over_by == 0 and report.unit("A").remaining == 0
    assert report.unit("B").quota == 4 and report.unit("B").over_by == 2
    assert report.agency_quota == 4 and report.agency_over_by == 1
    problems = report.problems()
    assert any("Xã B: vượt chỉ tiêu 2" in p for p in problems)
    assert any("vượt chỉ tiêu 1" in p and "cơ quan" in p for p in problems)


def test_room_for_refuses_beyond_quota_with_reason() -> None:
    units = [xa("A", 1000, 1000), UnitFigures("NV", "Phòng Nội vụ", UnitKind.CO_QUAN)]
    ranking = rank_units(units, RULES)
    assert quota_report(ranking, {"A": 4}).room_for("A") == (True, "")
    ok, reason = quota_report(ranking, {"A": 5}).room_for("A")
    assert not ok and "chỉ được đề nghị 5 cá nhân" in reason
    ok, reason = quota_report(ranking, {"NV": 4}).room_for("NV")
    assert not ok and "tổng cộng 4" in reason


def test_pending_units_have_no_quota_yet() -> None:
    ranking = rank_units([xa("F", 500, 500), xa("G", 800, 800)], RULES)
    ok, reason = quota_report(ranking, {}).room_for("F")
    assert not ok and "đồng hạng" in reason


# --- Explanations -------------------------------------------------------------------------------


def test_explanation_sentences() -> None:
    ranking = rank_units([xa("A", 700, 1000, accounts=350, eid=900, citizens=1000)], RULES)
    lines = explain(ranking.result("A"), ranking)
    assert lines[0] == "Tỷ lệ hồ sơ trực tuyến 70,00% (700/1.000) × 60 = 42,00 điểm."
    assert lines[1] == (
        "Tỷ lệ tài khoản định danh điện tử mức 2 90,00% (900/1.000), từ 90% trở lên: "
        "điểm tối đa 40,00 điểm."
    )
    assert lines[2] == "Tổng điểm: 42,00 + 40,00 = 82,00 điểm."
    assert lines[4].startswith("Đạt giải Nhất, tiền thưởng 6.000.000 đồng")


def test_explanation_of_threshold_and_missing_data() -> None:
    units = [xa("B", 6999, 10000), xa("C", 0, 0)]
    ranking = rank_units(units, RULES)
    below = explain(ranking.result("B"), ranking)[0]
    assert below == (
        "Tỷ lệ hồ sơ trực tuyến 69,99% (6.999/10.000) dưới ngưỡng 70%: "
        "không xét điểm thi đua — 0,00 điểm."
    )
    assert "mẫu số bằng 0" in explain(ranking.result("C"), ranking)[0]


def test_vietnamese_number_formats() -> None:
    assert format_decimal(Decimal("1234.5")) == "1.234,50"
    assert format_percent(Decimal("0.828125")) == "82,81%"  # type: ignore[arg-type]


def test_a_period_without_figures_reads_as_one_short_sentence() -> None:
    units = [xa(f"U{i}", None, None, None, None, None) for i in range(15)]
    ranking = rank_units(units, RULES)
    (group,) = ranking.tie_groups
    assert group.reason.endswith("Xã U0, Xã U1, Xã U2, Xã U3 và 11 đơn vị khác")
    sentence = explain(ranking.result("U0"), ranking)[3]
    assert sentence.startswith("Đồng hạng 1 với Xã U1, Xã U2, Xã U3, Xã U4 và 10 đơn vị khác (")


def test_small_ties_name_every_unit() -> None:
    ranking = rank_units([xa("F", 500, 500), xa("G", 800, 800)], RULES)
    assert explain(ranking.result("F"), ranking)[3].startswith("Đồng hạng 1 với Xã G (")
