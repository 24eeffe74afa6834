"""The ranking as a plain-text table, for the terminal (``score`` without ``--json``)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from app.scoring.engine import CriterionScore, Ranking, UnitResult
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
    flags: dict[tuple[str, ...], str] = {}
    tiers: dict[str | None, str] = {}
    points: dict[Decimal, str] = {}

    def points_text(value: Decimal) -> str:
        text = points.get(value)
        if text is None:
            text = points[value] = format_decimal(value, places)
        return text

    def criterion_text(score: CriterionScore) -> str:
        num, den = score.numerator, score.denominator
        if num is None or not den:
            return f"{points_text(score.points)} (—)"
        if 0 <= num <= den:  # a rate up to 100 %: format_ratio_percent's arithmetic, inlined
            whole, part = divmod((20000 * num + den) // (2 * den), 100)
            return f"{points_text(score.points)} ({whole},{part:02d}%)"
        return f"{points_text(score.points)} ({format_ratio_percent(num, den)})"

    def tier_text(tier: str | None) -> str:
        text = tiers.get(tier)
        if text is None:
            text = tiers[tier] = tier_label(tier, rules)
        return text

    def notes(result: UnitResult) -> str:
        if not (result.flags or result.tie or result.settled_reason or result.excluded):
            return ""
        text = flags.get(result.flags)
        if text is None:
            text = flags[result.flags] = "; ".join(flag_label(f, rules) for f in result.flags)
        extra = [text] if text else []
        if result.tie:
            extra.append("đồng hạng")
        if result.settled_reason:
            extra.append("Hội đồng phân định")
        if result.excluded:
            extra.append("không xếp hạng")
        return "; ".join(extra)

    # Column by column: one pass over the units per column is much cheaper than a row each.
    shown = ranking.ordered + tuple(r for r in ranking.results if r.excluded)
    columns: list[list[str]] = [
        ["" if r.rank is None else str(r.rank) for r in shown],
        [r.unit.code for r in shown],
        [r.unit.name for r in shown],
        *[[criterion_text(r.criteria[i]) for r in shown] for i in range(len(rules.criteria))],
        [points_text(r.total) if r.total is not None else points_text(ZERO) for r in shown],
        [tier_text(r.tier) for r in shown],
        [format_vnd(r.prize_vnd) if r.prize_vnd else "" for r in shown],
        [notes(r) for r in shown],
    ]
    widths = []
    plain = []  # columns whose cells are as wide as they are long (no combining mark)
    for header, column in zip(headers, columns, strict=True):
        joined = "".join(column)
        simple = joined.isascii() or not any(unicodedata.combining(ch) for ch in set(joined))
        sizes = map(len, column) if simple else map(_width, column)
        widths.append(max(_width(header), *sizes))
        plain.append(simple)
    head = "  ".join(
        h.rjust(w + len(h) - _width(h)) if i in right else h.ljust(w + len(h) - _width(h))
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    ).rstrip()
    if all(plain):  # the usual table: one format per row
        spec = "  ".join(f"{{:{'>' if i in right else '<'}{w}}}" for i, w in enumerate(widths))
        lines = [head, *(spec.format(*row).rstrip() for row in zip(*columns, strict=True))]
    else:  # a cell with combining marks: padded by its width, not its length
        padded = [
            [
                c.rjust(w + len(c) - _width(c)) if i in right else c.ljust(w + len(c) - _width(c))
                for c in column
            ]
            for i, (column, w) in enumerate(zip(columns, widths, strict=True))
        ]
        lines = [head, *("  ".join(row).rstrip() for row in zip(*padded, strict=True))]
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
