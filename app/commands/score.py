"""``main.py score FILE [--json]``: score a unit-figures file without a database (DATA-FORMAT.md A)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands.common import guard
from app.exchange.unit_figures import read_unit_figures
from app.resources import default_rules, load_rules_file
from app.scoring.engine import rank_units
from app.scoring.serialize import ranking_to_data
from app.scoring.table import format_ranking_table


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "score",
        help="chấm điểm một tệp số liệu đơn vị (.csv/.xlsx), không dùng cơ sở dữ liệu",
        description="Chấm điểm, xếp hạng một tệp số liệu đơn vị theo bộ quy tắc.",
    )
    parser.add_argument("file", type=Path, help="tệp số liệu đơn vị .csv hoặc .xlsx")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument(
        "--rules", type=Path, help="tệp bộ quy tắc JSON (mặc định: Phụng Hiệp 2023)"
    )
    parser.set_defaults(handler=guard(run))


def run(args: argparse.Namespace) -> int:
    rules = load_rules_file(args.rules) if args.rules else default_rules()
    figures = read_unit_figures(args.file, sorted(rules.scored_kinds))
    for warning in figures.warnings:
        print(warning, file=sys.stderr)
    ranking = rank_units(figures.units, rules)
    if args.json:
        json.dump(ranking_to_data(ranking), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_ranking_table(ranking))
    return 0
