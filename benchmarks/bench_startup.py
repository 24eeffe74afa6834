"""Start-up time: from launching the program to its main window on the screen (Linux, Xvfb).

    .venv/bin/python benchmarks/bench_startup.py            # the bundle (dist/) and the source
    .venv/bin/python benchmarks/bench_startup.py --runs 9

Starts a virtual X server (Xvfb), prepares one database (first start: migrations, seed, usage
mode), then launches each program ``--runs`` times, alternating, and polls ``xwininfo`` every 5 ms
until a window named "…DVCTT…" exists (Qt creates the X window when the window is shown); the
program is then stopped. Prints best and median per program. Needs Xvfb and x11-utils.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":93"
TIMEOUT = 60.0


def window_shown(env: dict[str, str]) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, env=env, check=False
    ).stdout
    return b"DVCTT" in tree


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not window_shown(env):
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} stopped (status {process.returncode})")
            if time.perf_counter() - started > TIMEOUT:
                raise SystemExit(f"no window after {TIMEOUT} s: {command}")
            time.sleep(0.005)
        return time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        while window_shown(env):  # the next run must not see this window
            time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        print("needs Xvfb and xwininfo (apt-get install xvfb x11-utils)")
        return 2
    python = ROOT / ".venv" / "bin" / "python"
    programs = {"source": [str(python), str(ROOT / "main.py")]}
    bundle = ROOT / "dist" / "ThiDuaDVCTT" / "ThiDuaDVCTT"
    if bundle.is_file():
        programs = {"bundle (one folder)": [str(bundle)], **programs}
    xvfb = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = DISPLAY
    env["QT_QPA_PLATFORM"] = "xcb"
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory() as temp:
            db = Path(temp) / "thidua.sqlite3"
            shot = Path(temp) / "first.png"
            first = [*programs["source"], "--db", str(db), "--screenshot", str(shot)]
            subprocess.run(first, env=env, capture_output=True, check=True)
            times: dict[str, list[float]] = {name: [] for name in programs}
            for _ in range(args.runs):
                for name, command in programs.items():
                    times[name].append(time_to_window([*command, "--db", str(db)], env))
            for name, values in times.items():
                print(
                    f"{name:20} window shown: best {min(values):.2f} s, "
                    f"median {statistics.median(values):.2f} s ({len(values)} runs)"
                )
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
