"""Headless command for the keys that sign commune packages: ``package-key UNIT`` makes the unit's
key in the district's program (or shows the one it has; ``--replace`` makes a new one) and prints
the code to type, ``--out FILE`` also writes the key file; ``--code CODE`` or ``--file FILE``
stores, in the commune's program, the key the district gave. Refusals exit 2."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import EXIT_OK, guard, open_db


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "package-key",
        help="khóa ký gói số liệu của một xã, thị trấn: tạo (huyện) hoặc nạp khóa được cấp (xã)",
        description="Huyện: tạo khóa ký gói cho đơn vị (đã có thì in lại mã; --replace cấp khóa "
        "mới, khóa cũ thôi dùng được), in mã khóa để đọc cho xã gõ, --out ghi tệp khóa. Xã: "
        "--code hoặc --file lưu khóa huyện cấp; từ đó mọi gói xuất ra đều được ký.",
    )
    parser.add_argument("unit", metavar="MÃ_ĐƠN_VỊ", help="mã đơn vị")
    parser.add_argument("--out", type=Path, metavar="TỆP", help="ghi tệp khóa (.txt) để gửi xã")
    parser.add_argument(
        "--replace", action="store_true", help="cấp khóa mới thay khóa đang có của đơn vị"
    )
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--code", metavar="MÃ_KHÓA", help="lưu khóa huyện cấp, gõ theo mã")
    given.add_argument("--file", type=Path, metavar="TỆP", help="lưu khóa huyện cấp, từ tệp khóa")
    parser.set_defaults(handler=guard(run_package_key))


def run_package_key(args: argparse.Namespace) -> int:
    from app.services import package_keys  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        if args.code is not None or args.file is not None:
            info = package_keys.enter_key(db, args.unit, code=args.code, file=args.file)
            print(
                f"Đã lưu khóa ký gói của {info.unit_name} ({info.unit_code}), mã khóa "
                f"{info.fingerprint[:8]}: từ nay mọi gói số liệu xuất ra đều được ký."
            )
            return EXIT_OK
        info = package_keys.key_info(db, args.unit)
        if not info.has_key or args.replace:
            info = package_keys.create_key(db, args.unit, replace=args.replace)
            print(f"Đã tạo khóa ký gói cho {info.unit_name} ({info.unit_code}).")
        else:
            print(f"{info.unit_name} ({info.unit_code}) đã có khóa ký gói (--replace: cấp mới).")
        print(f"Mã khóa: {package_keys.show_key_code(db, args.unit)}")
        if args.out is not None:
            path = package_keys.export_key_file(db, args.unit, args.out)
            print(f"Đã ghi tệp khóa vào {path}: gửi riêng cho đơn vị, không gửi kèm gói.")
    return EXIT_OK
