"""The ranking as a plain-text table, for the terminal (``score`` without ``--json``)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from app.scoring.engine import Ranking
from app.scoring.explain import flag_label, tier_label
from app.scoring.numbers import format_decimal, format_ratio_percent, format_vnd

ZERO = Decimal(0)


def _width(text: str) -> int:
    """Columns the text takes: its characters, combining marks excepted."""
    if text.isascii() or max(text) < "\u0300":  # nothing that can combine (from U+0300)
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def format_ranking_table(ranking: Ranking) -> str:
    """Every ranked unit in order, then the excluded, with notes, ties and the prize total.

    Made for 100,000 units as well as 15: labels and point texts are computed once per distinct
    value, cells padded with ``str.rjust``/``ljust`` (by width, combining marks not counted)."""
    rules = ranking.rules
    places = rules.points_places
    headers = ["Hạng", "Mã", "Đơn vị"]
    headers += [c.short_label for c in rules.criteria]
    headers += ["Tổng", "Giải", "Thưởng (đ)", "Ghi chú"]
    right = {0, *range(3, 3 + len(rules.criteria) + 1), len(headers) - 2}
    flags: dict[str, str] = {}
    tiers: dict[str | None, str] = {}
    points: dict[Decimal, str] = {}

    def flag_text(flag: str) -> str:
        text = flags.get(flag)
        if text is None:
            text = flags[flag] = flag_label(flag, rules)
        return text

    def points_text(value: Decimal) -> str:
        text = points.get(value)
        if text is None:
            text = points[value] = format_decimal(value, places)
        return text

    rows: list[list[str]] = []
    for result in ranking.ordered + tuple(r for r in ranking.results if r.excluded):
        notes = [flag_text(f) for f in result.flags]
        if result.tie:
            notes.append("đồng hạng")
        if result.settled_reason:
            notes.append("Hội đồng phân định")
        if result.excluded:
            notes.append("không xếp hạng")
        tier = tiers.get(result.tier)
        if tier is None:
            tier = tiers[result.tier] = tier_label(result.tier, rules)
        rows.append(
            [
                "" if result.rank is None else str(result.rank),
                result.unit.code,
                result.unit.name,
                *[
                    f"{points_text(s.points)} ({format_ratio_percent(s.numerator, s.denominator)})"
                    if s.numerator is not None and s.denominator
                    else f"{points_text(s.points)} (—)"
                    for s in result.criteria
                ],
                points_text(result.total) if result.total is not None else points_text(ZERO),
                tier,
                format_vnd(result.prize_vnd) if result.prize_vnd else "",
                "; ".join(notes),
            ]
        )
    columns: list[tuple[str, ...]] = list(zip(*rows, strict=True)) or [() for _ in headers]
    padded = []
    widths = []
    for index, (header, column) in enumerate(zip(headers, columns, strict=True)):
        pad = str.rjust if index in right else str.ljust
        joined = "".join(column)
        if joined.isascii() or max(joined) < "\u0300":  # every cell as wide as it is long
            width = max(_width(header), *map(len, column))
            cells = [pad(c, width) for c in column]
        else:
            known: dict[str, int] = {}  # notes and labels repeat: measured once each
            sizes = [
                len(c) if c.isascii() else known.get(c) or known.setdefault(c, _width(c))
                for c in column
            ]
            width = max(_width(header), *sizes)
            cells = [pad(c, width + len(c) - n) for c, n in zip(column, sizes, strict=True)]
        widths.append(width)
        padded.append([pad(header, width + len(header) - _width(header)), *cells])
    lines = ["  ".join(row).rstrip() for row in zip(*padded, strict=True)]
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
