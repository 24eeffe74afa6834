"""Ties in a ranking (RULES.md section 4): a unit's working entry while a ranking is built, equal
totals split by proxy share and by dossiers per account, the reason a tie stays, and the council's
settlements applied (or refused with a message naming the units)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cmp_to_key

from app.scoring.figures import UnitFigures
from app.scoring.numbers import name_list
from app.scoring.proxy import UnitProxy, split_by_share
from app.scoring.results import CriterionScore, SettlementError, TieSettlement


@dataclass(slots=True)
class Entry:
    """One scored unit while a ranking is built (app.scoring.engine makes them)."""

    index: int
    unit: UnitFigures
    scores: tuple[CriterionScore, ...]
    total: Decimal
    scaled: int  # total in units of 10**-places, for fast comparison
    flags: tuple[str, ...]
    excluded: bool
    rank: int = 0
    position: int = 0
    tie_codes: tuple[str, ...] = ()  # unresolved tie: every member's code (one shared tuple)
    broken_by_ratio: bool = False
    settled_reason: str | None = None
    proxy: UnitProxy | None = None
    broken_by_proxy: bool = False


def _ratio_order(a: Entry, b: Entry) -> int:
    """Compare online/accounts of two units exactly, by cross-multiplying whole numbers."""
    left = (a.unit.online or 0) * (b.unit.accounts or 0)
    right = (b.unit.online or 0) * (a.unit.accounts or 0)
    return (left > right) - (left < right)


def split_equal_total(group: list[Entry]) -> list[list[Entry]]:
    """Order a group of equal totals by dossiers per account (lower first); unresolved → one block."""
    if any(e.unit.online is None or not e.unit.accounts for e in group):
        return [group]  # a unit without an accounts figure: the tie stays for the council
    ordered = sorted(group, key=cmp_to_key(_ratio_order))
    blocks: list[list[Entry]] = [[ordered[0]]]
    for entry in ordered[1:]:
        if _ratio_order(blocks[-1][0], entry) == 0:
            blocks[-1].append(entry)
        else:
            blocks.append([entry])
    for block in blocks:
        for entry in block:
            entry.broken_by_ratio = len(blocks) > 1
    return blocks


def split_by_proxy_share(group: list[Entry]) -> list[list[Entry]]:
    """Equal totals by proxy share (lower first), then by dossiers per account."""
    return split_by_share(group, lambda e: e.proxy, split_equal_total, _mark_proxy)


def _mark_proxy(entry: Entry, broken: bool) -> None:
    entry.broken_by_proxy = broken


def tie_reason(block: list[Entry]) -> str:
    missing = [
        e.unit.name or e.unit.code
        for e in block
        if not (e.unit.online is not None and e.unit.accounts)
    ]
    if missing:
        return "thiếu số tài khoản nộp hồ sơ để so sánh: " + name_list(missing)
    return "bằng điểm và bằng tỷ lệ hồ sơ trên mỗi tài khoản"


def apply_settlements(
    blocks: list[list[Entry]], settlements: Sequence[TieSettlement], *, strict: bool
) -> tuple[list[list[Entry]], list[TieSettlement], list[TieSettlement]]:
    by_codes = {frozenset(e.unit.code for e in b): i for i, b in enumerate(blocks) if len(b) > 1}
    applied: list[TieSettlement] = []
    stale: list[TieSettlement] = []
    result = list(blocks)
    for settlement in settlements:
        codes = frozenset(settlement.order)
        index = by_codes.get(codes)
        if index is None or len(codes) != len(settlement.order):
            if strict:
                raise SettlementError(_settlement_mismatch(settlement, blocks))
            stale.append(settlement)
            continue
        entries = {e.unit.code: e for e in blocks[index]}
        ordered = [entries[code] for code in settlement.order]
        for entry in ordered:
            entry.settled_reason = settlement.reason
        result[index] = ordered
        applied.append(settlement)
    return result, applied, stale


def _settlement_mismatch(settlement: TieSettlement, blocks: list[list[Entry]]) -> str:
    codes = list(settlement.order)
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        return "Thứ tự phân định đồng hạng nêu một đơn vị hai lần: " + ", ".join(duplicates)
    groups = [b for b in blocks if len(b) > 1]
    for block in groups:
        members = {e.unit.code for e in block}
        if members & set(codes):
            outside = [c for c in codes if c not in members]
            left_out = sorted(members - set(codes))
            parts = []
            if outside:
                parts.append("các đơn vị không thuộc nhóm đồng hạng: " + ", ".join(outside))
            if left_out:
                parts.append("còn thiếu: " + ", ".join(left_out))
            return (
                f"Thứ tự phân định phải gồm đúng các đơn vị đồng hạng {', '.join(sorted(members))}; "
                + "; ".join(parts)
            )
    if not groups:
        return "Không có nhóm đồng hạng nào cần phân định: " + ", ".join(codes)
    listed = "; ".join(", ".join(e.unit.code for e in b) for b in groups)
    return (
        f"Các đơn vị {', '.join(codes)} không thuộc nhóm đồng hạng nào. Các nhóm đồng hạng hiện có: "
        f"{listed}"
    )
