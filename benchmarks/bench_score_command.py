"""``main.py score`` against the naive script (``naive_score.py``: the csv module and Fraction) on
the same 20,000-unit CSV, as whole processes: start, read, score, print. Target: no slower.

    .venv/bin/python benchmarks/bench_score_command.py [--units 20000] [--runs 5]

First checks that both give every unit the same total and rank; then runs them alternately
(``--runs`` times each, output to /dev/null) and prints the median and best of each, and the
median CPU time of each process (user + system: what it costs when others share the machine).

Both run as installed programs do: with the modules' bytecode compiled once (an installed package
or the PyInstaller bundle never compiles at start), kept in a temporary ``PYTHONPYCACHEPREFIX``
so the source tree stays clean — even where ``PYTHONDONTWRITEBYTECODE`` is set, which would
otherwise make every start of main.py compile some 30 modules.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_scoring import synthetic_units  # noqa: E402

HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Số hồ sơ trực tuyến",
    "Tổng số hồ sơ phát sinh",
    "Số tài khoản nộp hồ sơ",
    "Số tài khoản định danh mức 2",
    "Số người dân có CCCD",
]


def write_units(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for u in synthetic_units(count):
            figures = (u.online, u.total, u.accounts, u.eid, u.citizens)
            writer.writerow(
                [u.code, u.name, u.kind.value, *("" if v is None else v for v in figures)]
            )
    return path


def commands(path: Path) -> dict[str, list[str]]:
    return {
        "main.py score": [sys.executable, str(ROOT / "main.py"), "score", str(path)],
        "naive_score.py": [sys.executable, str(ROOT / "benchmarks" / "naive_score.py"), str(path)],
    }


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def check_same_results(path: Path, env: dict[str, str]) -> None:
    """Also the first run of each: their modules' bytecode is written then."""
    run = [sys.executable, str(ROOT / "main.py"), "score", str(path), "--json"]
    program = {
        r["code"]: (r["total"], r["rank"])
        for r in json.loads(subprocess.run(run, capture_output=True, check=True, env=env).stdout)
        if r["ranked"]
    }
    naive_run = [sys.executable, str(ROOT / "benchmarks" / "naive_score.py"), str(path), "--totals"]
    lines = subprocess.run(naive_run, capture_output=True, check=True, text=True, env=env).stdout
    naive = {
        code: (total, int(rank))
        for code, total, rank in (line.split("\t") for line in lines.splitlines())
    }
    if naive != program:
        differ = [c for c in program if naive.get(c) != program[c]][:5]
        raise SystemExit(f"the naive script and main.py score differ, e.g. {differ}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_units(Path(folder) / "units.csv", args.units)
        env = environment(Path(folder) / "pycache")
        check_same_results(path, env)
        subprocess.run(
            commands(path)["main.py score"], stdout=subprocess.DEVNULL, env=env, check=True
        )
        timings: dict[str, list[float]] = {name: [] for name in commands(path)}
        cpu: dict[str, list[float]] = {name: [] for name in commands(path)}
        for _ in range(args.runs):
            for name, command in commands(path).items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
                timings[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                cpu[name].append(used)
    print(f"{args.units:,} units, {args.runs} alternated runs each (whole processes):")
    for name, times in timings.items():
        print(
            f"  {name:<15} median {statistics.median(times) * 1000:7.0f} ms, "
            f"best {min(times) * 1000:7.0f} ms, CPU median {statistics.median(cpu[name]) * 1000:7.0f} ms"
        )
    for label, table in (("wall-clock", timings), ("CPU", cpu)):
        ratio = statistics.median(table["main.py score"]) / statistics.median(
            table["naive_score.py"]
        )
        print(f"  main.py score / naive ({label} medians): {ratio:.2f}×")


if __name__ == "__main__":
    main()
