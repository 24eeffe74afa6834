"""Commands for a PostgreSQL server database (``--db postgresql://…``): ``server-setup`` (roles,
privileges and row-level security policies) and ``server-account`` (an officer's login limited to
its units). Run them with the account that owns the database."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.commands.common import EXIT_OK, guard, open_db


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "server-setup",
        help="máy chủ PostgreSQL: tạo cấu trúc dữ liệu, vai trò và chính sách quyền theo đơn vị",
        description="Chạy một lần (và sau mỗi lần nâng cấp chương trình) bằng tài khoản chủ cơ "
        "sở dữ liệu: tạo bảng, vai trò thidua_officer / thidua_province và chính sách quyền theo "
        "đơn vị (row-level security).",
    )
    parser.set_defaults(handler=guard(run_setup))

    parser = commands.add_parser(
        "server-account",
        help="máy chủ PostgreSQL: tạo hoặc sửa tài khoản cán bộ, giới hạn theo đơn vị",
        description="Tạo hoặc sửa tài khoản đăng nhập của cán bộ cấp tỉnh, huyện hoặc xã; tài "
        "khoản cấp huyện, xã chỉ đọc và sửa được dữ liệu của các đơn vị được giao.",
    )
    parser.add_argument("name", help="tên tài khoản (chữ thường không dấu, số, _)")
    parser.add_argument(
        "--level", required=True, choices=("tinh", "huyen", "xa"), help="cấp: tinh, huyen, xa"
    )
    parser.add_argument("--units", default="", metavar="MÃ,MÃ,...", help="mã các đơn vị được giao")
    parser.add_argument(
        "--password",
        metavar="MẬT_KHẨU",
        help="mật khẩu (không ghi: hỏi khi chạy từ bàn phím, hoặc giữ mật khẩu cũ)",
    )
    parser.set_defaults(handler=guard(run_account))


def run_setup(args: argparse.Namespace) -> int:
    from app.services.accounts import setup_server  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        setup_server(db)
        print(f"Đã thiết lập vai trò và chính sách quyền trên {db.where}")
    return EXIT_OK


def run_account(args: argparse.Namespace) -> int:
    from app.services.accounts import LEVEL_LABELS, set_server_account  # noqa: PLC0415

    password = args.password
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"Mật khẩu cho «{args.name}» (để trống: không đổi): ") or None
    with open_db(args, daily=False) as db:
        account = set_server_account(
            db, args.name, args.level, args.units.split(","), password=password
        )
    units = ", ".join(account.unit_codes) if account.unit_codes else "mọi đơn vị"
    print(f"Tài khoản {LEVEL_LABELS[account.level]} «{account.name}»: {units}")
    return EXIT_OK
