"""Thi đua DVCTT — entry point.

Boot order: exception hook → arguments → paths → logging → database → QApplication → window.
With a sub-command (``score``, ``init``, ``import-figures``, ``report``, …) it runs headless and never
imports Qt; heavy libraries are imported by the command that needs them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Modules under app.commands, each with register(subparsers).
COMMAND_MODULES = ("score", "storage", "report", "exchange", "keys", "proxy", "server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua-dvctt",
        description="Thi đua DVCTT — chấm điểm, xếp hạng, khen thưởng phong trào "
        "“Người dân Phụng Hiệp nộp dịch vụ công trực tuyến”.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu), hoặc địa chỉ máy chủ "
        "postgresql://tài_khoản@máy/tên_csdl",
    )
    from app.ui import DEFAULT_PAGE, PAGE_NAMES  # noqa: PLC0415 - names only, no Qt

    parser.add_argument(
        "--demo",
        action="store_true",
        help="nạp số liệu và danh sách đề nghị khen thưởng mẫu trước khi mở cửa sổ",
    )
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="vẽ cửa sổ chính ra tệp ảnh PNG rồi thoát (chạy được không cần màn hình)",
    )
    parser.add_argument(
        "--page",
        choices=PAGE_NAMES,
        default=DEFAULT_PAGE,
        metavar="TRANG",
        help=f"trang mở đầu: {', '.join(PAGE_NAMES)} (mặc định: {DEFAULT_PAGE})",
    )
    parser.add_argument(
        "--tab",
        type=int,
        metavar="SỐ",
        help="thẻ thứ SỐ của trang mở đầu (ví dụ --page cai-dat --tab 8: Khóa ký gói)",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        importlib.import_module(f"app.commands.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.errors import install_excepthook  # noqa: PLC0415

    install_excepthook()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # Windows consoles default to a legacy code page
            reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if args.command is not None:
        try:
            status: int = args.handler(args)
        except BrokenPipeError:  # output piped into a program that stopped reading (| head)
            sys.stderr.close()
            return 1
        return status
    from app.ui.app import run_gui  # noqa: PLC0415 - only the window needs Qt

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
