"""Benchmark: the same 1,000,000-row portal dossier import on SQLite and on PostgreSQL, in one run.

    .venv/bin/python benchmarks/bench_postgres.py [--rows 1000000] [--repeat 3] [--dir DIR]

Starts a throwaway PostgreSQL cluster (initdb + pg_ctl on a temporary socket, fsync on as a real
server), then alternates the two backends: each run imports the CSV (made by bench_dossiers.py,
reused from DIR) into a freshly seeded database through ``app.services.dossiers.import_dossiers``
— reading, matching, storing (SQLite: insert-or-ignore in batches; PostgreSQL: COPY), recounting
and saving the figures, one transaction — then imports the same file again (every dossier already
stored: PostgreSQL goes through a staging table and INSERT … ON CONFLICT DO NOTHING). Prints the
median of each and the ratio; target (issue 15): PostgreSQL ≤ 1.5× SQLite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _seeded(backend: str, cluster: object, folder: Path, number: int) -> str:
    from app.services.setup import open_storage
    from tests.conftest import pg_admin

    if backend == "sqlite":
        target = str(folder / f"run-{number}.sqlite3")
    else:
        name = f"bench_{number}"
        pg_admin(cluster, f"DROP DATABASE IF EXISTS {name}")
        pg_admin(cluster, f"CREATE DATABASE {name}")
        target = cluster.url(name)  # type: ignore[attr-defined]
    open_storage(target, daily=False).close()
    return target


def _import_twice(target: str, path: Path) -> tuple[float, float, int]:
    from app.services import campaigns, dossiers
    from app.services.setup import open_storage

    with open_storage(target, daily=False) as db:
        period = campaigns.find_period(db).id
        start = time.perf_counter()
        first = dossiers.import_dossiers(db, period, path, backup=False)
        middle = time.perf_counter()
        again = dossiers.import_dossiers(db, period, path, backup=False)
        end = time.perf_counter()
    assert again.new_dossiers == 0 and again.stored_dossiers == first.stored_dossiers
    return middle - start, end - middle, first.stored_dossiers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench-dossiers")
    args = parser.parse_args()

    import bench_dossiers

    from tests import pgcluster

    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"dossiers-{args.rows}.csv"
    if not path.exists():
        part = path.with_suffix(".part.csv")
        bench_dossiers.write_csv(part, args.rows)
        part.rename(path)
    cluster = pgcluster.start_cluster(durable=True)
    times: dict[str, list[tuple[float, float]]] = {"sqlite": [], "postgresql": []}
    stored = 0
    try:
        with tempfile.TemporaryDirectory(prefix="bench-pg-") as folder:
            number = 0
            for _ in range(args.repeat):
                for backend in ("sqlite", "postgresql"):
                    number += 1
                    target = _seeded(backend, cluster, Path(folder), number)
                    first, again, stored = _import_twice(target, path)
                    times[backend].append((first, again))
                    print(f"  {backend:<10} import {first:6.2f}s, same file again {again:6.2f}s")
    finally:
        cluster.stop()
    median = {
        b: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v))
        for b, v in times.items()
    }
    print(f"{args.rows} rows, {stored} dossiers stored; medians of {args.repeat} runs:")
    for backend, (first, again) in median.items():
        print(f"  {backend:<10} import {first:6.2f}s, same file again {again:6.2f}s")
    ratio = median["postgresql"][0] / median["sqlite"][0]
    ratio_again = median["postgresql"][1] / median["sqlite"][1]
    verdict = "ok" if ratio <= 1.5 else "MISSED"
    print(
        f"PostgreSQL / SQLite: import {ratio:.2f}× (target ≤ 1.5×: {verdict}), "
        f"again {ratio_again:.2f}×"
    )


if __name__ == "__main__":
    main()
