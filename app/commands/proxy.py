"""Headless command proxy-report: the evidence of dossiers filed on citizens' behalf (issue 14).

    main.py proxy-report [--period TÊN] [--json] [--out FILE]

Without ``--out`` it prints the report (or its JSON); ``--out`` writes a .pdf, .docx or .xlsx (or
the JSON with ``--json``). JSON: per unit code, its accounts with ``account``, ``dossiers``,
``owners``, ``procedures``, ``share`` (decimal string) and ``flagged`` (bool).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.commands.common import EXIT_OK, guard, open_db


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "proxy-report",
        help="bằng chứng hồ sơ nộp thay: tài khoản nộp cho nhiều chủ hồ sơ, tài khoản cán bộ",
        description="Theo từng xã, thị trấn: các tài khoản nộp hồ sơ trực tuyến (số hồ sơ, số "
        "chủ hồ sơ, số thủ tục, tỷ lệ) và các tài khoản có dấu hiệu nộp thay.",
    )
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ tổng kết)")
    parser.add_argument("--json", action="store_true", help="in (hoặc ghi) dạng JSON")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="TỆP",
        help="ghi ra tệp .pdf, .docx hoặc .xlsx (.json với --json)",
    )
    parser.set_defaults(handler=guard(run_proxy_report))


def run_proxy_report(args: argparse.Namespace) -> int:
    from app.services import campaigns  # noqa: PLC0415
    from app.services.proxy_report import (  # noqa: PLC0415
        proxy_report_json,
        proxy_report_lines,
        write_proxy_report,
    )

    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        if args.json:
            text = json.dumps(proxy_report_json(db, period.id), ensure_ascii=False, indent=2)
            if args.out is None:
                print(text)
            else:
                args.out.write_text(text + "\n", encoding="utf-8")
                print(f"Đã ghi {args.out}")
        elif args.out is not None:
            written = write_proxy_report(db, period.id, args.out)
            print(f"Đã ghi {written}")
        else:
            print("\n".join(proxy_report_lines(db, period.id)))
    return EXIT_OK
