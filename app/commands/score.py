"""``main.py score FILE [--json]``: score a unit-figures file without a database (DATA-FORMAT.md A)."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from app.commands.common import TABLE_FILE, guard


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "score",
        help=f"chấm điểm một tệp số liệu đơn vị ({TABLE_FILE}), không dùng cơ sở dữ liệu",
        description="Chấm điểm, xếp hạng một tệp số liệu đơn vị theo bộ quy tắc.",
    )
    parser.add_argument("file", type=Path, help=f"tệp số liệu đơn vị {TABLE_FILE}")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument(
        "--rules", type=Path, help="tệp bộ quy tắc JSON (mặc định: Phụng Hiệp 2023)"
    )
    parser.set_defaults(handler=guard(run))


def run(args: argparse.Namespace) -> int:
    """Read, rank and print with the cyclic garbage collector paused: tens of thousands of small
    records without reference cycles, freed by reference counting; the collector's passes over
    them were a third of the time of 20,000 units (it is switched on again as it was)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from app.exchange.unit_figures import read_unit_figures  # noqa: PLC0415
    from app.resources import default_rules, load_rules_file  # noqa: PLC0415
    from app.scoring.engine import rank_units  # noqa: PLC0415

    rules = load_rules_file(args.rules) if args.rules else default_rules()
    figures = read_unit_figures(args.file, sorted(rules.scored_kinds))
    for warning in figures.warnings:
        print(warning, file=sys.stderr)
    ranking = rank_units(figures.units, rules)
    if args.json:
        from app.scoring.serialize import ranking_to_data  # noqa: PLC0415

        json.dump(ranking_to_data(ranking), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from app.scoring.table import format_ranking_table  # noqa: PLC0415

        sys.stdout.write(format_ranking_table(ranking))
    return 0
