"""The naive way to score a unit-figures CSV (DATA-FORMAT.md A) by RULES.md sections 3–5: the csv
module and Python's ``Fraction``, nothing of the program. The yardstick of ``bench_score_command``:
``main.py score`` must be no slower than this, as whole processes.

    python3 benchmarks/naive_score.py units.csv           # a ranking table
    python3 benchmarks/naive_score.py units.csv --totals  # "code<TAB>total<TAB>rank" lines, for checking

Scores as RULES.md says (the default rule set of Phụng Hiệp 2023): criterion 1 = online / total
× 60, 0 below 70 % or with no dossiers; criterion 2 = eid / citizens × 40, the maximum from 90 %;
each rounded half-up to 2 decimals, the total their sum; ordered by total, equal totals by dossiers
per account (lower first), a group where a unit has no accounts or two share the ratio stays tied
(competition ranks 1, 2, 2, 4); tiers 1, 2, 3, 4–5. Only communes and towns (xa, thi_tran) compete.
"""

from __future__ import annotations

import csv
import sys
from fractions import Fraction
from functools import cmp_to_key

COMPETING = {"xa", "thi_tran"}
TIERS = ["Nhất", "Nhì", "Ba", "Khuyến khích", "Khuyến khích"]


def half_up(value: Fraction) -> Fraction:
    """Round to 2 decimals, half up."""
    scaled = value * 100
    return Fraction((scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator), 100)


def number(text: str) -> int | None:
    text = text.strip().replace(".", "")
    return int(text) if text else None


def points(row: list[str]) -> tuple[Fraction, Fraction]:
    online, total, _accounts, eid, citizens = (number(c) for c in row[3:8])
    first = Fraction(0)
    if total and online is not None:
        rate = Fraction(online, total)
        if rate >= Fraction(7, 10):
            first = half_up(rate * 60)
    second = Fraction(0)
    if citizens and eid is not None:
        rate = Fraction(eid, citizens)
        second = Fraction(40) if rate >= Fraction(9, 10) else half_up(rate * 40)
    return first, second


def ratio(row: list[str]) -> Fraction | None:
    online, accounts = number(row[3]), number(row[5])
    return None if online is None or not accounts else Fraction(online, accounts)


def main(argv: list[str]) -> int:
    with open(argv[0], encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in list(csv.reader(handle))[1:] if r and r[2].strip() in COMPETING]
    scored = []
    for row in rows:
        first, second = points(row)
        scored.append((first + second, first, second, ratio(row), row))

    def compare(a: tuple, b: tuple) -> int:  # type: ignore[type-arg]
        if a[0] != b[0]:
            return -1 if a[0] > b[0] else 1
        if a[3] is None or b[3] is None:
            return 0
        return (a[3] > b[3]) - (a[3] < b[3])

    scored.sort(key=cmp_to_key(compare))
    lines = []
    position = 0
    while position < len(scored):  # a group of equal totals, split by the ratio when it can be
        end = position
        while end < len(scored) and scored[end][0] == scored[position][0]:
            end += 1
        group = scored[position:end]
        untied = all(g[3] is not None for g in group)
        for offset, entry in enumerate(group):
            rank = position + 1
            if untied:
                rank += sum(1 for g in group if g[3] < entry[3])
            place = position + offset
            tier = TIERS[place] if place < len(TIERS) else ""
            lines.append((rank, entry, tier))
        position = end
    if "--totals" in argv:
        for rank, entry, _tier in lines:
            sys.stdout.write(f"{entry[4][0]}\t{float(entry[0]):.2f}\t{rank}\n")
        return 0
    out = ["Hạng\tMã\tĐơn vị\tĐiểm 1\tĐiểm 2\tTổng\tGiải"]
    for rank, entry, tier in lines:
        total, first, second, _ratio, row = entry
        out.append(
            f"{rank}\t{row[0]}\t{row[1]}\t{float(first):.2f}\t{float(second):.2f}\t"
            f"{float(total):.2f}\t{tier}"
        )
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
