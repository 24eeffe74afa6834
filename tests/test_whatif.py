"""'What it takes' answers, each checked by re-scoring with the changed figure."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from app.resources import default_rules
from app.scoring import UnitFigures, UnitKind, rank_units, score_unit, what_it_takes
from app.scoring.engine import Ranking

RULES = default_rules()


def xa(code: str, online: int, total: int, accounts: int | None = None, eid: int = 0,
       citizens: int = 1000) -> UnitFigures:  # fmt: skip
    return UnitFigures(code, f"Xã {code}", UnitKind.XA, online, total, accounts, eid, citizens)


def rerank(ranking: Ranking, code: str, **changes: int) -> Ranking:
    units = [replace(r.unit, **changes) if r.unit.code == code else r.unit for r in ranking.results]
    return rank_units(units, RULES)


def is_ahead(ranking: Ranking, code: str, other: str) -> bool:
    mine, theirs = ranking.result(code), ranking.result(other)
    assert mine.position is not None and theirs.position is not None
    return mine.position < theirs.position and not (mine.tie and other in mine.tied_with)


def test_threshold_and_full_answers() -> None:
    ranking = rank_units([xa("A", 650, 1000, eid=850)], RULES)
    answer = what_it_takes(ranking.result("A"), ranking)
    assert answer.online_to_threshold == 50
    assert answer.online_to_full == 350
    assert answer.eid_to_full == 50
    assert answer.overtake_code is None and answer.online_to_overtake is None
    assert score_unit(replace(ranking.result("A").unit, online=700), RULES)[0][0].flag is None
    assert score_unit(replace(ranking.result("A").unit, online=699), RULES)[0][0].flag
    assert any("Cần thêm 50 hồ sơ trực tuyến" in s for s in answer.sentences)
    assert any("Cần kích hoạt thêm 50 tài khoản" in s for s in answer.sentences)


def test_threshold_rounds_up_to_whole_dossiers() -> None:
    ranking = rank_units([xa("A", 0, 7, eid=0, citizens=7)], RULES)
    answer = what_it_takes(ranking.result("A"), ranking)
    assert answer.online_to_threshold == 5  # 4.9 → 5 dossiers
    assert answer.eid_to_full == 7  # 6.3 → 7 accounts


def test_already_reached_is_zero() -> None:
    ranking = rank_units([xa("A", 1000, 1000, eid=950)], RULES)
    answer = what_it_takes(ranking.result("A"), ranking)
    assert (answer.online_to_threshold, answer.online_to_full, answer.eid_to_full) == (0, 0, 0)


def test_zero_total_has_no_answer() -> None:
    ranking = rank_units([xa("C", 0, 0)], RULES)
    answer = what_it_takes(ranking.result("C"), ranking)
    assert answer.online_to_threshold is None and answer.online_to_full is None
    assert any("Chưa có số liệu hồ sơ" in s for s in answer.sentences)


def test_overtake_the_unit_above() -> None:
    units = [xa("TOP", 900, 1000, eid=0), xa("ME", 800, 1000, eid=0)]
    ranking = rank_units(units, RULES)
    answer = what_it_takes(ranking.result("ME"), ranking)
    assert answer.overtake_code == "TOP"
    x = answer.online_to_overtake
    assert x is not None
    assert is_ahead(rerank(ranking, "ME", online=800 + x), "ME", "TOP")
    assert not is_ahead(rerank(ranking, "ME", online=800 + x - 1), "ME", "TOP")


def test_overtake_by_tie_break_when_equal_points_win() -> None:
    # TOP: 900/1000 with 100 accounts (9 per account); ME: 899/1000 with 400 accounts.
    # One more dossier gives equal points and ME still files fewer dossiers per account.
    units = [xa("TOP", 900, 1000, accounts=100), xa("ME", 899, 1000, accounts=400)]
    ranking = rank_units(units, RULES)
    answer = what_it_takes(ranking.result("ME"), ranking)
    assert answer.online_to_overtake == 1
    assert is_ahead(rerank(ranking, "ME", online=900), "ME", "TOP")


def test_overtake_impossible_by_dossiers_alone() -> None:
    units = [xa("TOP", 1000, 1000, eid=1000), xa("ME", 900, 1000, eid=0)]
    ranking = rank_units(units, RULES)
    answer = what_it_takes(ranking.result("ME"), ranking)
    assert answer.online_to_overtake is None
    assert any("không thể vượt" in s for s in answer.sentences)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 200), st.integers(0, 120), st.integers(0, 50), st.integers(0, 300)
        ),
        min_size=2,
        max_size=6,
    )
)
def test_overtake_answer_is_the_fewest(rows: list[tuple[int, int, int, int]]) -> None:
    units = []
    for i, (online, extra, accounts, eid) in enumerate(rows):
        total = online + extra
        acc = min(accounts, online) or (1 if online else None)
        units.append(xa(f"U{i}", online, total, acc, min(eid, 300), 300))
    ranking = rank_units(units, RULES)
    for result in ranking.ordered[1:]:
        answer = what_it_takes(result, ranking)
        above = answer.overtake_code
        assert above is not None
        unit = result.unit
        assert unit.online is not None and unit.total is not None
        room = unit.total - unit.online
        wins = [
            x
            for x in range(room + 1)
            if is_ahead(rerank(ranking, unit.code, online=unit.online + x), unit.code, above)
        ]
        assert answer.online_to_overtake == (wins[0] if wins else None)
