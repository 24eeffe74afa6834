"""The whole portal import as the officer waits for it, against bare pandas doing the same counting
job, each as a whole process (issue 11).

    .venv/bin/python benchmarks/bench_portal_whole.py [--rows 1000000] [--runs 3] [--dir DIR]

- ``command``: ``main.py --db DB import-dossiers FILE`` on a fresh copy of a seeded database (read,
  store every dossier, recount per unit, save the figures; start-up, backup and report included);
- ``pandas``: ``python -c`` reading the same CSV with pandas, dropping duplicate dossier codes,
  parsing the day, keeping the period, leaving postal dossiers out and counting total, online and
  distinct accounts per unit text.
Runs alternate (command, pandas, command, …); the medians and the ratio are printed with the peak
memory (ru_maxrss) of each process. Target: command ≤ 2× pandas, peak < 1 GB.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

WRAPPER = """
import resource, sys, runpy
sys.argv = {argv!r}
sys.path.insert(0, {root!r})
try:
    {body}
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PEAK {{peak}}", file=sys.stderr)
"""
COMMAND_BODY = "import main; code = main.main(sys.argv[1:])"
PANDAS_BODY = """import pandas as pd
    frame = pd.read_csv(sys.argv[1], usecols=["Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp",
        "Tài khoản nộp", "Ngày tiếp nhận"], dtype=str, encoding="utf-8-sig")
    frame = frame.drop_duplicates("Mã hồ sơ")
    day = pd.to_datetime(frame["Ngày tiếp nhận"].str[:10], format="%d/%m/%Y")
    frame = frame[(day >= "2023-09-01") & (day <= "2023-12-31")]
    frame = frame[~frame["Hình thức nộp"].str.startswith("Bưu")]
    online = frame["Hình thức nộp"].str.startswith("Trực tuyến")
    counts = frame.groupby("Cơ quan tiếp nhận").agg(total=("Mã hồ sơ", "size"))
    counts["online"] = online.groupby(frame["Cơ quan tiếp nhận"]).sum()
    counts["accounts"] = frame[online].groupby("Cơ quan tiếp nhận")["Tài khoản nộp"].nunique()
    print(counts.to_string())"""


def _timed(argv: list[str], body: str) -> tuple[float, int]:
    script = WRAPPER.format(argv=argv, root=str(ROOT), body=body)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}):\n{done.stderr[-3000:]}")
    peak = next(
        int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")
    )
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-portal-"))
    folder.mkdir(parents=True, exist_ok=True)
    from bench_dossiers import write_csv

    csv_path = folder / f"portal-{args.rows}.csv"
    if not csv_path.exists():
        write_csv(csv_path, args.rows)
    template = folder / "template" / "thidua.sqlite3"
    if not template.exists():
        sys.path.insert(0, str(ROOT))
        from app.services.setup import open_storage

        template.parent.mkdir(parents=True, exist_ok=True)
        open_storage(template, daily=False).close()
    times: dict[str, list[float]] = {"command": [], "pandas": []}
    peaks: dict[str, list[int]] = {"command": [], "pandas": []}
    for run in range(args.runs):
        db_folder = folder / f"db-{run}"
        shutil.rmtree(db_folder, ignore_errors=True)
        shutil.copytree(template.parent, db_folder)
        argv = [
            "main.py",
            "--db",
            str(db_folder / "thidua.sqlite3"),
            "import-dossiers",
            str(csv_path),
        ]
        for name, (call, body) in {
            "command": (argv, COMMAND_BODY),
            "pandas": (["-", str(csv_path)], PANDAS_BODY),
        }.items():
            elapsed, peak = _timed(call, body)
            times[name].append(elapsed)
            peaks[name].append(peak)
            print(f"run {run + 1} {name}: {elapsed:.2f} s, peak {peak / 1024:.0f} MB", flush=True)
    command, bare = statistics.median(times["command"]), statistics.median(times["pandas"])
    print(
        f"{args.rows:,} rows — median command {command:.2f} s, pandas {bare:.2f} s, "
        f"ratio {command / bare:.2f}× (target ≤ 2×); peak command "
        f"{max(peaks['command']) / 1024:.0f} MB (target < 1024 MB)"
    )


if __name__ == "__main__":
    main()
