"""Dossiers filed on citizens' behalf (RULES.md section 4): marking accounts, the proxy policy, the
tie-break by proxy share, the rule-set options and the explanation's numbers."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from app.resources import default_rules
from app.scoring import RuleSetError, UnitFigures, UnitKind, explain, parse_rules, rank_units
from app.scoring.proxy import (
    PROXY_TIE_BREAK,
    AccountActivity,
    UnitProxy,
    analyse,
    count_as_direct,
    proxy_figures,
)
from app.scoring.rules import rules_to_data

RULES = default_rules()


def activity(
    unit: str, account: str, dossiers: int, owners: int, **kw: int | bool
) -> AccountActivity:
    values: dict[str, int | bool] = {
        "procedures": 1,
        "active_days": 1,
        "unauthorised": dossiers,
        "unauthorised_owners": owners,
    }
    values.update(kw)
    return AccountActivity(unit, account, dossiers, owners, **values)  # type: ignore[arg-type]


def xa(code: str, online: int, accounts: int | None) -> UnitFigures:
    return UnitFigures(code, f"Xã {code}", UnitKind.XA, online, 1000, accounts, 900, 1000)


def test_threshold_marks_accounts_and_authorised_dossiers_do_not_count() -> None:
    evidence = analyse(
        [
            activity("A", "citizen", 2, 1),
            activity("A", "canbo", 30, 12, unauthorised=25, unauthorised_owners=10),
            activity("A", "dichvu", 40, 15, unauthorised=5, unauthorised_owners=9),
        ],
        {"A": 100},
        threshold=10,
        owners_known=["A"],
    )["A"]
    assert [a.account for a in evidence.accounts] == ["canbo", "dichvu", "citizen"]
    assert [a.flagged for a in evidence.accounts] == [True, False, False]
    assert evidence.proxy_dossiers == 25  # the 5 authorised dossiers of canbo are not proxy
    assert evidence.proxy_share == Fraction(1, 4)
    assert evidence.accounts[0].share == Fraction(3, 10)
    assert evidence.emptied_accounts == 0  # canbo still has authorised online dossiers
    # one owner fewer than the threshold: not marked
    lower = analyse([activity("A", "x", 9, 9)], {"A": 9}, threshold=10)["A"]
    assert not lower.accounts[0].flagged and lower.proxy_dossiers == 0


def test_registered_official_accounts_count_separately_without_owner_columns() -> None:
    evidence = analyse(
        [activity("A", "motcua", 20, 0, official=True), activity("A", "dan", 10, 0)],
        {"A": 30},
        threshold=10,
    )["A"]
    assert not evidence.owners_known
    assert evidence.official_dossiers == 20 and evidence.proxy_dossiers == 20
    assert evidence.accounts[0].official and evidence.accounts[0].flagged
    assert "cán bộ" in evidence.accounts[0].reason


def test_count_as_direct_takes_proxy_dossiers_out_of_online() -> None:
    unit = xa("A", 700, 100)
    assert count_as_direct(unit, UnitProxy(700, 70, 2)) == replace(unit, online=630, accounts=98)
    assert count_as_direct(unit, None) == unit
    # everything filed by marked accounts: no online dossier and no account left
    assert count_as_direct(xa("B", 10, 1), UnitProxy(10, 10, 1)).online == 0
    assert count_as_direct(xa("B", 10, 1), UnitProxy(10, 10, 1)).accounts == 0


def _tied() -> list[UnitFigures]:
    # equal points; A has fewer dossiers per account (better by the ordinary tie-break),
    # B has the lower proxy share (better by the rule-set choice)
    return [xa("A", 700, 100), xa("B", 700, 50)]


PROXY = {"A": UnitProxy(700, 140, 1), "B": UnitProxy(700, 7, 0)}


def test_ties_broken_by_dossiers_per_account_by_default() -> None:
    ranking = rank_units(_tied(), RULES, proxy=PROXY)
    order = [r.unit.code for r in ranking.ordered]
    assert order == ["A", "B"]
    first = ranking.ordered[0]
    assert first.tie_broken_by_ratio and not first.tie_broken_by_proxy
    assert ranking.ordered[0].total == ranking.ordered[1].total


def test_ties_broken_by_proxy_share_when_the_rule_set_chooses_it() -> None:
    rules = replace(RULES, tie_break=PROXY_TIE_BREAK)
    ranking = rank_units(_tied(), rules, proxy=PROXY)
    assert [r.unit.code for r in ranking.ordered] == ["B", "A"]
    b = ranking.ordered[0]
    assert b.tie_broken_by_proxy and not b.tie_broken_by_ratio
    text = " ".join(explain(b, ranking))
    assert "7/700" in text and "1,00%" in text and "thấp hơn thì xếp trước" in text
    # equal shares: dossiers per account decides, and the explanation gives both
    same = {"A": UnitProxy(700, 7, 0), "B": UnitProxy(700, 7, 0)}
    ranking = rank_units(_tied(), rules, proxy=same)
    assert [r.unit.code for r in ranking.ordered] == ["A", "B"]
    assert ranking.ordered[0].tie_broken_by_ratio
    # without proxy figures for a unit: the ordinary tie-break alone
    ranking = rank_units(_tied(), rules, proxy={"B": UnitProxy(700, 7, 0)})
    assert [r.unit.code for r in ranking.ordered] == ["A", "B"]


def test_count_as_direct_policy_lowers_points_and_explains_every_number() -> None:
    rules = replace(RULES, proxy_policy="count_as_direct")
    units = [xa("A", 900, 100), xa("B", 900, 50)]
    proxy = {"A": UnitProxy(900, 140, 1), "B": UnitProxy(900, 7, 0)}
    ranking = rank_units(units, rules, proxy=proxy)
    assert [r.unit.code for r in ranking.ordered] == ["B", "A"]
    a = next(r for r in ranking.results if r.unit.code == "A")
    assert a.unit.online == 760 and a.unit.accounts == 99 and a.direct_online == 900
    assert a.total < ranking.ordered[0].total
    text = " ".join(explain(a, ranking))
    assert "900 − 140 = 760" in text and "140/900" in text
    # the tie_break policy leaves the figures alone
    plain = rank_units(_tied(), RULES, proxy=PROXY)
    assert next(r for r in plain.results if r.unit.code == "A").unit.online == 700


def test_rule_set_options_validated_and_kept() -> None:
    data = rules_to_data(RULES)
    assert data["proxy_policy"] == "tie_break" and data["proxy_owner_threshold"] == 10
    data.update(proxy_policy="count_as_direct", proxy_owner_threshold=5, tie_break=PROXY_TIE_BREAK)
    rules = parse_rules(data)
    assert (rules.proxy_policy, rules.proxy_owner_threshold) == ("count_as_direct", 5)
    assert rules.uses_proxy and not RULES.uses_proxy
    assert parse_rules(rules_to_data(rules)) == rules
    data.update(proxy_policy="demote", proxy_owner_threshold=0)
    with pytest.raises(RuleSetError) as error:
        parse_rules(data)
    assert any("proxy_policy" in p for p in error.value.problems)
    assert any("proxy_owner_threshold" in p for p in error.value.problems)


def test_proxy_figures_from_evidence() -> None:
    evidence = analyse([activity("A", "x", 12, 12)], {"A": 24, "B": 0}, threshold=10)
    figures = proxy_figures(evidence)
    assert figures["A"] == UnitProxy(24, 12, 1) and figures["A"].share == Fraction(1, 2)
    assert figures["B"].share == 0
