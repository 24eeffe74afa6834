"""Headless commands exchanging files with Excel: import-dossiers, import-eid, import-portal-stats, import-nominations,
import-package, export-xlsx, export-template, export-package. ``--db PATH`` (a global option) chooses
the database; without ``--period`` the final period (or the only one) is used.

Each import is all-or-nothing (backed up first, audited) and prints a short report: rows read,
units updated, rows skipped and why. Errors print the Vietnamese message and exit with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEMS,
    TABLE_FILE,
    chosen_mapping,
    guard,
    map_option,
    open_db,
)

TEMPLATE_KINDS = ("unit-figures", "eid", "nominations")  # app.exchange.templates.TEMPLATE_KINDS
PROGRESS_FROM_BYTES = 1 << 20  # files from 1 MB show progress
YES = {"c", "co", "có", "y", "yes"}


def _period_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ tổng kết)")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import-dossiers",
        help="nhập tệp hồ sơ xuất từ Cổng dịch vụ công (.csv/.xlsx), đếm theo mã hồ sơ",
        description="Nhập tệp hồ sơ (mỗi dòng một hồ sơ): tính tổng số hồ sơ, số hồ sơ trực "
        "tuyến và số tài khoản nộp của từng xã, thị trấn trong kỳ. Hồ sơ đã nhập trước không "
        "tính lại. Có lỗi thì không ghi gì.",
    )
    parser.add_argument("file", type=Path, help=f"tệp hồ sơ {TABLE_FILE}")
    _period_option(parser)
    parser.add_argument(
        "--map",
        metavar="ÁNH_XẠ",
        help='ánh xạ cột, ví dụ "unit=Cơ quan tiếp nhận,channel=Hình thức nộp,'
        'account=Tài khoản nộp,id=Mã hồ sơ,date=Ngày tiếp nhận" (mặc định: ánh xạ đã ghi nhớ, '
        "hoặc đoán theo tiêu đề cột)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="bỏ các hồ sơ đã lưu của kỳ trước khi nhập (nhập lại với ánh xạ đã sửa)",
    )
    parser.set_defaults(handler=guard(run_import_dossiers))

    parser = commands.add_parser(
        "import-eid",
        help="nhập số liệu định danh điện tử mức 2 của Công an huyện (.csv/.xlsx)",
        description="Nhập số tài khoản định danh mức 2 và số người dân có CCCD của các xã, thị "
        "trấn. Có lỗi thì không ghi gì.",
    )
    parser.add_argument("file", type=Path, help=f"tệp số liệu định danh {TABLE_FILE}")
    _period_option(parser)
    map_option(parser, "eid")
    parser.set_defaults(handler=guard(run_import_eid))

    parser = commands.add_parser(
        "import-portal-stats",
        help="nhập báo cáo thống kê hồ sơ theo đơn vị của Cổng dịch vụ công (.csv/.xlsx)",
        description="Nhập báo cáo «Tình hình tiếp nhận hồ sơ trực tuyến» theo đơn vị: số hồ sơ "
        "trực tuyến (toàn trình + một phần) và tổng số hồ sơ (trực tuyến + trực tiếp; bưu chính "
        "chỉ tính khi bộ quy tắc cho phép) của các xã, thị trấn. Số tài khoản nộp và số liệu định "
        "danh giữ nguyên. Có lỗi thì không ghi gì.",
    )
    parser.add_argument("file", type=Path, help=f"tệp báo cáo {TABLE_FILE}")
    _period_option(parser)
    map_option(parser, "portal_stats")
    parser.set_defaults(handler=guard(run_import_portal_stats))

    parser = commands.add_parser(
        "import-nominations",
        help="nhập danh sách đề nghị khen thưởng cá nhân (.csv/.xlsx), trong chỉ tiêu",
        description="Nhập danh sách đề nghị khen thưởng cá nhân: danh sách của mỗi đơn vị có "
        "trong tệp được thay bằng danh sách trong tệp (nhập lại tệp đã sửa), đơn vị không có "
        "trong tệp giữ nguyên. In từng đơn vị: thêm, bỏ, sửa tên, giữ (so theo họ tên và ngày "
        "sinh) và chỉ tiêu sau khi nhập, rồi hỏi xác nhận (hoặc --yes). Không có --yes và không "
        "hỏi được thì không ghi gì, thoát mã 2. Vượt chỉ tiêu của bất kỳ đơn vị nào thì cả tệp "
        "bị từ chối.",
    )
    parser.add_argument("file", type=Path, help=f"tệp đề nghị {TABLE_FILE}")
    _period_option(parser)
    parser.add_argument("--yes", action="store_true", help="nhập không hỏi lại")
    map_option(parser, "nominations")
    parser.set_defaults(handler=guard(run_import_nominations))

    parser = commands.add_parser(
        "import-package",
        help="nhập gói số liệu do xã, thị trấn gửi (chỉ cập nhật đơn vị ghi trong gói)",
        description="Nhập gói số liệu của một đơn vị: in số liệu cũ → mới và danh sách đề nghị "
        "khen thưởng cá nhân trong gói so với đang có (thêm, bỏ, giữ nguyên), hỏi xác nhận (hoặc "
        "--yes); khi nhập, danh sách đề nghị của đơn vị được thay bằng danh sách trong gói. Gói "
        "bị sửa, ký bằng khóa của đơn vị khác, cũ hơn gói đã nhập, của đợt thi đua hay kỳ khác, "
        "hoặc vượt chỉ tiêu khen thưởng cá nhân bị từ chối cả gói; gói không chữ ký chỉ nhập "
        "với --accept-unsigned.",
    )
    parser.add_argument("file", type=Path, help="tệp gói số liệu .xlsx")
    _period_option(parser)
    parser.add_argument("--unit", metavar="MÃ", help="chỉ nhận gói của đơn vị mã này")
    parser.add_argument("--yes", action="store_true", help="nhập không hỏi lại")
    parser.add_argument(
        "--accept-unsigned",
        action="store_true",
        help="vẫn nhập gói không có chữ ký (gói của phiên bản cũ, hoặc đơn vị chưa có khóa) sau "
        "khi đã hỏi lại đơn vị",
    )
    parser.set_defaults(handler=guard(run_import_package))

    parser = commands.add_parser(
        "export-xlsx",
        help="xuất bảng điểm của một kỳ ra .xlsx",
        description="Xuất bảng điểm (xếp hạng, số liệu, tỷ lệ, điểm, giải, chỉ tiêu), trang giải "
        "thích và biểu đồ tổng điểm.",
    )
    parser.add_argument("out", type=Path, help="tệp .xlsx sẽ ghi")
    _period_option(parser)
    parser.set_defaults(handler=guard(run_export_xlsx))

    parser = commands.add_parser(
        "export-template",
        help="xuất mẫu .xlsx trống: unit-figures, eid, nominations",
        description="Xuất mẫu nhập liệu có sẵn danh sách đơn vị, kiểm tra dữ liệu và hướng dẫn.",
    )
    parser.add_argument(
        "kind", choices=TEMPLATE_KINDS, metavar="LOẠI", help=", ".join(TEMPLATE_KINDS)
    )
    parser.add_argument("out", type=Path, help="tệp .xlsx sẽ ghi")
    parser.set_defaults(handler=guard(run_export_template))

    parser = commands.add_parser(
        "export-package",
        help="xuất gói số liệu của một đơn vị để gửi huyện",
        description="Xuất số liệu đã lưu của một đơn vị trong kỳ thành gói số liệu .xlsx.",
    )
    parser.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    parser.add_argument("out", type=Path, help="tệp .xlsx sẽ ghi")
    _period_option(parser)
    parser.set_defaults(handler=guard(run_export_package))


def _percent_printer(path: Path, what: str) -> Callable[[int, int], None] | None:
    try:
        large = path.stat().st_size >= PROGRESS_FROM_BYTES
    except OSError:
        large = False
    if not large:
        return None
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        if percent // 10 > shown[0]:
            shown[0] = percent // 10
            print(f"{what}: {percent}%", file=sys.stderr, flush=True)

    return progress


def run_import_dossiers(args: argparse.Namespace) -> int:
    from app.exchange.dossiers import parse_mapping  # noqa: PLC0415
    from app.services import campaigns, dossiers, import_reports  # noqa: PLC0415

    mapping = parse_mapping(args.map) if args.map else None
    progress = _percent_printer(args.file, f"Nhập {args.file.name}")
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        try:
            result = dossiers.import_dossiers(
                db, period.id, args.file, mapping, progress=progress, replace=args.replace
            )
        except (KeyboardInterrupt, dossiers.ImportCancelled):
            print("Đã dừng: không có gì được ghi.", file=sys.stderr)
            return EXIT_ERROR
    print(import_reports.dossiers_report(result).text())
    return EXIT_OK


def run_import_eid(args: argparse.Namespace) -> int:
    from app.services import campaigns, import_reports, imports  # noqa: PLC0415

    mapping = chosen_mapping(args, "eid")
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        result = imports.import_eid(db, period.id, args.file, mapping=mapping)
    print(f"Kỳ «{period.name}»:")
    print(import_reports.eid_report(result).text())
    return EXIT_OK


def run_import_portal_stats(args: argparse.Namespace) -> int:
    from app.services import campaigns, import_reports, portal_stats  # noqa: PLC0415

    mapping = chosen_mapping(args, "portal_stats")
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        result = portal_stats.import_portal_stats(db, period.id, args.file, mapping=mapping)
    print(f"Kỳ «{period.name}»:")
    print(import_reports.portal_stats_report(result).text())
    return EXIT_OK


def run_import_nominations(args: argparse.Namespace) -> int:
    from app.services import campaigns, import_reports, imports  # noqa: PLC0415

    mapping = chosen_mapping(args, "nominations")
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        preview = imports.preview_nominations(db, period.id, args.file, mapping=mapping)
        for line in preview.lines():
            print(line)
        if not preview.has_changes:
            print("Danh sách trong tệp giống danh sách đang có: không có gì để nhập.")
            return EXIT_OK
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "Chưa nhập: hãy xem danh sách thêm, bỏ, giữ ở trên rồi chạy lại với --yes "
                    "để nhập.",
                    file=sys.stderr,
                )
                return EXIT_PROBLEMS
            if not _confirmed("Nhập danh sách đề nghị này? [c/K] "):
                print("Không nhập gì.")
                return EXIT_OK
        result = imports.apply_nominations(db, preview)
    print(import_reports.nominations_report(result).text())
    return EXIT_OK


def _confirmed(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().casefold() in YES


def run_import_package(args: argparse.Namespace) -> int:
    from app.services import campaigns, import_reports, imports  # noqa: PLC0415

    with open_db(args) as db:
        period_id = campaigns.find_period(db, args.period).id if args.period else None
        preview = imports.preview_package(db, args.file, own_unit=args.unit, period_id=period_id)
        for line in preview.lines():
            print(line)
        if not preview.signed and not args.accept_unsigned:
            imports.import_package(db, preview)  # refused: the message says what to do
        if not preview.has_changes:
            print("Không có gì để nhập.")
            return EXIT_OK
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "Chưa nhập: hãy xem số liệu cũ → mới và đề nghị khen thưởng ở trên rồi chạy "
                    "lại với --yes để nhập.",
                    file=sys.stderr,
                )
                return EXIT_PROBLEMS
            if not _confirmed("Nhập gói này? [c/K] "):
                print("Không nhập gì.")
                return EXIT_OK
        # the preview printed is what is stored: the file is not read again
        result = imports.import_package(db, preview, accept_unsigned=args.accept_unsigned)
    print(import_reports.package_report(result).text())
    return EXIT_OK


def run_export_xlsx(args: argparse.Namespace) -> int:
    from app.services import campaigns, exports  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        period = campaigns.find_period(db, args.period)
        result = exports.export_score_table(db, period.id, args.out)
    print(result.summary)
    return EXIT_OK


def run_export_template(args: argparse.Namespace) -> int:
    from app.services import exports  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        result = exports.export_template(db, args.kind, args.out)
    print(result.summary)
    return EXIT_OK


def run_export_package(args: argparse.Namespace) -> int:
    from app.services import campaigns, exports  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        period = campaigns.find_period(db, args.period)
        result = exports.export_package(db, period.id, args.unit, args.out)
    print(result.summary)
    return EXIT_OK
