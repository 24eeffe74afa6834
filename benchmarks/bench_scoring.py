"""Ranking speed: 10,000 and 100,000 synthetic units, in-process. Target: 10,000 under 100 ms.

.venv/bin/python benchmarks/bench_scoring.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.resources import default_rules
from app.scoring import UnitFigures, UnitKind, rank_units


def synthetic_units(count: int, seed: int = 2023) -> list[UnitFigures]:
    rng = random.Random(seed)
    units = []
    for i in range(count):
        total = rng.randint(0, 5000)
        online = rng.randint(int(total * 0.5), total) if total else 0
        accounts = rng.randint(1, online) if online and rng.random() > 0.05 else None
        citizens = rng.randint(1000, 20000)
        eid = rng.randint(int(citizens * 0.5), citizens)
        units.append(
            UnitFigures(f"{i:06d}", f"Xã {i}", UnitKind.XA, online, total, accounts, eid, citizens)
        )
    return units


def measure(count: int, repeats: int) -> tuple[float, float, int]:
    rules = default_rules()
    units = synthetic_units(count)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        ranking = rank_units(units, rules)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), len(ranking.tie_groups)


def main() -> None:
    for count, repeats in ((15, 200), (10_000, 15), (100_000, 5)):
        median, best, ties = measure(count, repeats)
        print(
            f"rank {count:>7,} units: median {median * 1000:8.2f} ms, best {best * 1000:8.2f} ms "
            f"({ties} unresolved tie groups)"
        )


if __name__ == "__main__":
    main()
