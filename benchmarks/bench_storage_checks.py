"""Benchmark of the storage checks on a database holding 1,000,000 portal dossiers: the check at
every open (``PRAGMA quick_check``, aim < 1 s), the whole open, the automatic backup with its
full check (copy, ``integrity_check`` + ``foreign_key_check`` on the copy, content digest), made
and skipped because nothing changed, and a verified restore of that database.

    .venv/bin/python benchmarks/bench_storage_checks.py [--dossiers 1000000] [--runs 3] [--dir DIR]

The database is built directly with sqlite3 (a seeded database, then the dossiers of one period
spread over the units). Each figure is the median of ``--runs`` runs, with the file in the page
cache (the first run warms it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(folder: Path, dossiers: int) -> Path:
    from app.services.setup import open_storage

    path = folder / "thidua.sqlite3"
    open_storage(path, daily=False).close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        units = [r[0] for r in conn.execute("SELECT id FROM unit")]
        period = conn.execute("SELECT id FROM period").fetchone()[0]
        start = dt.date(2023, 9, 1)
        rows = (
            (
                period,
                f"H{i % 97:02d}.{i:09d}-2023",
                units[i % len(units)],
                i % 3 != 0,
                f"0{(i * 7919) % 10**11:011d}" if i % 3 != 0 else None,
                (start + dt.timedelta(days=i % 120)).isoformat(),
            )
            for i in range(dossiers)
        )
        conn.executemany(
            "INSERT INTO dossier (period_id, code, unit_id, online, account, received_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()

    from app.models import open_database
    from app.models.health import content_digest, integrity_problems, quick_problems
    from app.services import backups, restore

    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-checks-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = build(folder, args.dossiers)
    built = time.perf_counter() - started
    size_mb = path.stat().st_size / 2**20
    assert quick_problems(path) == []  # warms the page cache
    saved = backups.backup_to(path, folder / "sao-luu.sqlite3")

    def backup_changed() -> None:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("UPDATE unit SET phone = phone || '1' WHERE id = 1")
            conn.commit()
        backups.automatic_backup(path, "do")

    figures = {
        "quick_check (at every open)": median_time(lambda: quick_problems(path), args.runs),
        "open_database (lock, version, quick_check)": median_time(
            lambda: open_database(path).close(), args.runs
        ),
        "integrity_check + foreign_key_check": median_time(
            lambda: integrity_problems(path), args.runs
        ),
        "content digest (SHA-256)": median_time(lambda: content_digest(path), args.runs),
        "automatic backup, content changed (copy + full check + digest)": median_time(
            backup_changed, args.runs
        ),
        "automatic backup, nothing changed (copy + check, not kept)": median_time(
            lambda: backups.automatic_backup(path, "do"), args.runs
        ),
        "verified restore (copy, every check, backup of the current, replace)": median_time(
            lambda: restore.restore_database(path, saved), args.runs
        ),
    }
    print(f"{args.dossiers:,} dossiers, database {size_mb:.0f} MB (built in {built:.1f} s)")
    for name, seconds in figures.items():
        print(f"  {name:<72} {seconds:7.3f} s")
    print(json.dumps({"dossiers": args.dossiers, "size_mb": round(size_mb, 1), **figures}))
    if args.dir is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
