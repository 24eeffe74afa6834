"""Ranking speed: 10,000 and 100,000 synthetic units, in-process. Targets: 10,000 under 100 ms,
100,000 under 1 s.

.venv/bin/python benchmarks/bench_scoring.py

Prints the wall-clock median and best, and the median CPU time of the process (what the ranking
itself costs when other programs share the processor).
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


def measure(count: int, repeats: int) -> tuple[float, float, float, int]:
    rules = default_rules()
    units = synthetic_units(count)
    times, cpu = [], []
    ties = 0
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        ranking = rank_units(units, rules)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        ties = len(ranking.tie_groups)
        del ranking  # freed outside the next measurement
    return statistics.median(times), min(times), statistics.median(cpu), ties


def main() -> None:
    for count, repeats in ((15, 200), (10_000, 15), (100_000, 5)):
        median, best, cpu, ties = measure(count, repeats)
        print(
            f"rank {count:>7,} units: median {median * 1000:8.2f} ms, best {best * 1000:8.2f} ms, "
            f"CPU {cpu * 1000:8.2f} ms ({ties} unresolved tie groups)"
        )


if __name__ == "__main__":
    main()
