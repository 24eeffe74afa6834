"""The ranking as a plain-text table, for the terminal (``score`` without ``--json``)."""

from __future__ import annotations

import unicodedata

from app.scoring.engine import Ranking
from app.scoring.explain import flag_label, tier_label
from app.scoring.numbers import format_decimal, format_percent, format_vnd


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def format_ranking_table(ranking: Ranking) -> str:
    rules = ranking.rules
    headers = ["Hạng", "Mã", "Đơn vị"]
    headers += [c.short_label for c in rules.criteria]
    headers += ["Tổng", "Giải", "Thưởng (đ)", "Ghi chú"]
    right = {0, *range(3, 3 + len(rules.criteria) + 1), len(headers) - 2}
    rows: list[list[str]] = []
    for result in ranking.ordered + tuple(r for r in ranking.results if r.excluded):
        notes = [flag_label(f, rules) for f in result.flags]
        if result.tie:
            notes.append("đồng hạng")
        if result.settled_reason:
            notes.append("Hội đồng phân định")
        if result.excluded:
            notes.append("không xếp hạng")
        rates = [format_percent(s.rate) if s.rate is not None else "—" for s in result.criteria]
        rows.append(
            [
                "" if result.rank is None else str(result.rank),
                result.unit.code,
                result.unit.name,
                *[
                    f"{format_decimal(s.points, rules.points_places)} ({rate})"
                    for s, rate in zip(result.criteria, rates, strict=True)
                ],
                format_decimal(result.total or 0, rules.points_places),
                tier_label(result.tier, rules),
                format_vnd(result.prize_vnd) if result.prize_vnd else "",
                "; ".join(notes),
            ]
        )
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(_pad(cell, widths[i], i in right) for i, cell in enumerate(row)).rstrip()
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    others = [r.unit for r in ranking.results if not r.scored]
    if others:
        lines.append("")
        lines.append("Không xếp hạng (cơ quan cấp huyện): " + ", ".join(u.name for u in others))
    if ranking.tie_groups:
        lines.append("")
        for group in ranking.tie_groups:
            state = "chờ phân định hạng giải" if group.pending else "cùng hạng giải"
            lines.append(
                f"Đồng hạng {group.rank}: {', '.join(group.codes)} — {group.reason} ({state})."
            )
    lines.append("")
    lines.append(f"Tổng tiền thưởng: {format_vnd(ranking.total_prize_vnd)} đồng")
    return "\n".join(lines) + "\n"
