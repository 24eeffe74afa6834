"""Benchmark of the full portal dossier import into SQLite (``import-dossiers``): reading the file,
the automatic backup, storing every dossier by code (INSERT OR IGNORE in one transaction), the
recount per unit and the figures saved.

    .venv/bin/python benchmarks/bench_import_db.py [--rows 1000000] [--xlsx-rows 200000] [--dir DIR]

Uses the files of ``bench_dossiers.py`` (generated in DIR when missing). Each measurement runs in a
fresh process, so the peak memory (ru_maxrss) is its own:
- ``service``: ``app.services.dossiers.import_dossiers`` into a freshly seeded database, with the
  time split into reading (up to the first storing progress) and storing;
- ``again``: the same file imported a second time into that database (every dossier already known);
- ``command``: ``main.py import-dossiers FILE`` as the officer runs it (start-up included).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _fresh_db(folder: Path) -> Path:
    from app.services.setup import open_storage

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "thidua.sqlite3"
    for old in folder.glob("thidua.sqlite3*"):
        old.unlink()
    open_storage(path, daily=False).close()
    return path


def _size_mb(db: Path) -> float:
    """The database with its write-ahead log (not yet checkpointed after a big import)."""
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


def _measure(mode: str, file: str, db: str) -> dict[str, float]:
    import resource

    start = time.perf_counter()
    extra: dict[str, float] = {}
    if mode == "command":
        import contextlib
        import io

        import main

        with contextlib.redirect_stdout(io.StringIO()) as out:
            status = main.main(["--db", db, "import-dossiers", file])
        extra["status"] = status
        extra["lines"] = len(out.getvalue().splitlines())
    else:
        import numpy  # noqa: F401 - imports are not part of the timing
        import pandas  # noqa: F401
        import python_calamine  # noqa: F401

        from app.services import campaigns, dossiers
        from app.services.setup import open_storage

        with open_storage(Path(db), daily=False) as database:
            period = campaigns.find_period(database).id
            marks: dict[str, float] = {}

            def progress(done: int, total: int) -> None:
                if done >= dossiers.READ_SHARE and "read" not in marks:
                    marks["read"] = time.perf_counter()

            start = time.perf_counter()
            result = dossiers.import_dossiers(database, period, Path(file), progress=progress)
            end = time.perf_counter()
        read_end = marks.get("read", end)
        extra.update(
            read_s=read_end - start,
            store_s=end - read_end,
            rows=result.rows_read,
            counted=result.counted,
            new=result.new_dossiers,
            known=result.known_dossiers,
            units=len(result.units),
            skipped=result.skipped_rows,
        )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, **extra}


def _run(mode: str, file: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", mode, str(file), str(db)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    data: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="CSV rows")
    parser.add_argument("--xlsx-rows", type=int, default=200_000, help=".xlsx rows")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "bench-dossiers")
    parser.add_argument(
        "--measure", nargs=3, metavar=("MODE", "FILE", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return

    import bench_dossiers

    args.dir.mkdir(parents=True, exist_ok=True)
    files = [
        (args.dir / f"dossiers-{args.rows}.csv", args.rows, bench_dossiers.write_csv),
        (args.dir / f"dossiers-{args.xlsx_rows}.xlsx", args.xlsx_rows, bench_dossiers.write_xlsx),
    ]
    for path, count, writer in files:
        if not path.exists():
            part = path.with_suffix(".part" + path.suffix)
            writer(part, count)
            part.rename(path)
            print(f"generated {path.name}: {count} rows, {path.stat().st_size / 2**20:.0f} MB")

    print(f"{'measurement':<48} {'time':>8} {'peak':>9}")
    for path, count, _writer in files:
        label = f"{path.suffix[1:].upper()} {count} rows"
        db = _fresh_db(args.dir / "db")
        first = _run("service", path, db)
        print(
            f"{label + ': import into a new database':<48} {first['seconds']:7.2f}s "
            f"{first['peak_mb']:7.0f}MB"
        )
        print(
            f"  reading {first['read_s']:.2f} s, backup + storing + recount + figures {first['store_s']:.2f} s; "
            f"{int(first['rows'])} rows read, {int(first['counted'])} dossiers counted "
            f"({int(first['new'])} new) in {int(first['units'])} units, "
            f"{int(first['skipped'])} rows skipped; database {_size_mb(db):.0f} MB"
        )
        again = _run("service", path, db)
        print(
            f"{label + ': same file again (all known)':<48} {again['seconds']:7.2f}s "
            f"{again['peak_mb']:7.0f}MB"
        )
        print(
            f"  reading {again['read_s']:.2f} s, storing {again['store_s']:.2f} s; "
            f"{int(again['new'])} new, {int(again['known'])} already known"
        )
        db = _fresh_db(args.dir / "db")
        command = _run("command", path, db)
        assert command["status"] == 0
        print(
            f"{label + ': main.py import-dossiers (new database)':<48} "
            f"{command['seconds']:7.2f}s {command['peak_mb']:7.0f}MB"
        )


if __name__ == "__main__":
    main()
