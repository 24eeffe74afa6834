"""Saving typed figures (ranked in the same transaction), nomination counts, the demo loader."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.scoring import ProblemList, quota_report
from app.services import audit, campaigns, demo, figures, nominations, ranking, units
from app.services.errors import NotFoundError


def period_id(db: Any) -> int:
    return campaigns.find_period(db).id


def test_rank_period_skips_inactive_units_and_applies_settlements(
    sample_db: Any, edge_db: Any
) -> None:
    units.update_unit(sample_db, "31417", active=False)
    assert "31417" not in ranking.rank_period(sample_db, period_id(sample_db))
    ranking.settle_tie(edge_db, period_id(edge_db), ["G", "F"], "Hội đồng quyết định")
    settled = ranking.rank_period(edge_db, period_id(edge_db))
    assert settled.result("G").rank == 1 and not settled.tie_groups


def test_save_figures_ranks_in_the_same_transaction(sample_db: Any) -> None:
    pid = period_id(sample_db)
    before = ranking.rank_period(sample_db, pid)
    unit = before.result("31417").unit
    saved = figures.save_figures(sample_db, pid, [replace(unit, online=unit.total)])
    assert saved.changed == ("31417",)
    assert saved.ranking == ranking.rank_period(sample_db, pid)
    assert saved.ranking.result("31429").rank == 9
    assert saved.quota_problems == ()
    entry = audit.list_audit(sample_db, limit=1)[0]
    assert (entry.action, entry.old["online"], entry.new["online"]) == ("figures.edit", 1574, 2498)
    again = figures.save_figures(sample_db, pid, [replace(unit, online=unit.total)])
    assert again.changed == ()


def test_save_figures_is_all_or_nothing(sample_db: Any) -> None:
    pid = period_id(sample_db)
    current = ranking.rank_period(sample_db, pid)
    good = replace(current.result("31417").unit, online=2000)
    bad = replace(current.result("31396").unit, eid=999_999)
    with pytest.raises(ProblemList, match="lớn hơn số người dân có CCCD"):
        figures.save_figures(sample_db, pid, [good, bad])
    assert ranking.rank_period(sample_db, pid) == current
    with pytest.raises(NotFoundError):
        figures.save_figures(sample_db, pid, [replace(good, code="KHONG")])


def test_save_figures_reports_quotas_exceeded(sample_db: Any) -> None:
    pid = period_id(sample_db)
    first = ranking.rank_period(sample_db, pid).result("31396").unit
    saved = figures.save_figures(sample_db, pid, [replace(first, eid=0)])
    assert any("Thị trấn Cây Dương: vượt chỉ tiêu 4" in p for p in saved.quota_problems)
    assert list(saved.quota_problems) == nominations.quota_problems(sample_db, pid)
    counts = nominations.nomination_counts(sample_db, pid)
    assert counts[first.code] == 5 and sum(counts.values()) == 30
    assert quota_report(saved.ranking, counts) == nominations.nomination_quotas(sample_db, pid)
    changed, problems = figures.set_unit_figures(sample_db, pid, first)
    assert changed and problems == []


def test_demo_loads_everything_once(sample_db: Any) -> None:
    pid = period_id(sample_db)
    assert len(nominations.list_nominations(sample_db, pid)) == 30
    assert nominations.quota_problems(sample_db, pid) == []
    from app.resources import resource_path

    result = demo.load_demo(
        sample_db,
        pid,
        resource_path("demo", "sample-units-2023.csv"),
        resource_path("demo", "sample-nominations-2023.csv"),
    )
    assert (result.figures_changed, result.nominations_added) == (0, 0)
