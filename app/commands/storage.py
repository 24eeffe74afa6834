"""Headless commands on the database: init, import-figures, ranking, settle-tie, backup, restore,
audit. ``--db PATH`` (a global option) chooses the file; without ``--period`` the final period (or
the only one) is used."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands.common import (
    EXIT_OK,
    TABLE_FILE,
    chosen_mapping,
    db_path,
    guard,
    map_option,
    open_db,
    server_url,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "init",
        help="tạo cơ sở dữ liệu (phong trào Phụng Hiệp 2023, kỳ tổng kết, các đơn vị)",
        description="Tạo cơ sở dữ liệu nếu chưa có (hoặc nâng cấp nếu cũ), rồi in tóm tắt.",
    )
    parser.add_argument(
        "--empty", action="store_true", help="không nạp sẵn danh sách đơn vị Phụng Hiệp"
    )
    parser.set_defaults(handler=guard(run_init))

    parser = commands.add_parser(
        "import-figures",
        help="nhập tệp số liệu đơn vị (.csv/.xlsx) vào một kỳ (tất cả hoặc không gì cả)",
        description="Nhập số liệu đơn vị theo mẫu nhập số liệu. Có lỗi thì không ghi gì.",
    )
    parser.add_argument("file", type=Path, help=f"tệp số liệu đơn vị {TABLE_FILE}")
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ tổng kết)")
    parser.add_argument(
        "--add-units", action="store_true", help="thêm các đơn vị có mã chưa có trong danh sách"
    )
    map_option(parser, "figures")
    parser.set_defaults(handler=guard(run_import))

    parser = commands.add_parser(
        "ranking",
        help="bảng xếp hạng của một kỳ từ cơ sở dữ liệu",
        description="Chấm điểm, xếp hạng một kỳ từ số liệu đã lưu, áp dụng phân định đồng hạng.",
    )
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ tổng kết)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (như lệnh score)")
    parser.set_defaults(handler=guard(run_ranking))

    parser = commands.add_parser(
        "settle-tie",
        help="ghi quyết định phân định đồng hạng của Hội đồng",
        description="Ghi thứ tự do Hội đồng quyết định cho một nhóm đồng hạng, kèm lý do.",
    )
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ tổng kết)")
    parser.add_argument(
        "--order", required=True, metavar="MÃ,MÃ,...", help="mã các đơn vị, xếp trên trước"
    )
    parser.add_argument(
        "--reason", required=True, metavar="LÝ_DO", help="lý do (in trong biên bản)"
    )
    parser.set_defaults(handler=guard(run_settle))

    parser = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu ra một tệp", description="Sao lưu cơ sở dữ liệu."
    )
    parser.add_argument("out", type=Path, help="tệp sao lưu (chưa có)")
    parser.set_defaults(handler=guard(run_backup))

    parser = commands.add_parser(
        "restore",
        help="khôi phục cơ sở dữ liệu từ một tệp sao lưu (kiểm tra trước khi thay)",
        description="Khôi phục từ tệp sao lưu: một bản chép của tệp được kiểm tra trước (toàn "
        "vẹn, khóa ngoại, cấu trúc, ràng buộc, số liệu theo quy tắc, quy tắc; bản cũ được nâng "
        "cấp trên bản chép); chỉ bản đạt mới thay dữ liệu hiện tại, dữ liệu hiện tại được sao lưu "
        "trước (trừ khi đã hỏng). Việc khôi phục được ghi vào nhật ký.",
    )
    parser.add_argument("file", type=Path, help="tệp sao lưu")
    parser.set_defaults(handler=guard(run_restore))

    parser = commands.add_parser(
        "audit", help="nhật ký thay đổi", description="In nhật ký thay đổi, mới nhất trước."
    )
    parser.add_argument("--limit", type=int, default=50, help="số dòng (mặc định 50; 0: tất cả)")
    parser.add_argument("--json", action="store_true", help="in dạng JSON")
    parser.set_defaults(handler=guard(run_audit))


def run_init(args: argparse.Namespace) -> int:
    from app.services import campaigns, units  # noqa: PLC0415

    with open_db(args, with_units=not args.empty) as db:
        campaign = campaigns.current_campaign(db)
        periods = campaigns.list_periods(db, campaign.id)
        unit_list = units.list_units(db)
        state = "Đã tạo" if db.created else "Đã có"
        print(f"{state} cơ sở dữ liệu: {db.where}")
        print(f"Phong trào: {campaign.name} ({campaign.year})")
        for period in periods:
            mark = " [tổng kết]" if period.is_final else ""
            print(
                f"Kỳ: {period.name} ({period.start_date:%d/%m/%Y} – {period.end_date:%d/%m/%Y})"
                f"{mark}"
            )
        print(f"Đơn vị: {len(unit_list)}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from app.services import campaigns, figure_store, figures, import_reports  # noqa: PLC0415

    def progress(done: int, total: int) -> None:
        if total >= figure_store.PROGRESS_EVERY:
            print(f"Đã ghi {done}/{total} đơn vị", file=sys.stderr, flush=True)

    mapping = chosen_mapping(args, "figures")
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        result = figures.import_figures(
            db, period.id, args.file, add_units=args.add_units, progress=progress, mapping=mapping
        )
    print(f"Kỳ «{period.name}»:")
    print(import_reports.figures_report(result).text())
    return EXIT_OK


def run_ranking(args: argparse.Namespace) -> int:
    from app.scoring.serialize import ranking_to_data  # noqa: PLC0415
    from app.scoring.table import format_ranking_table  # noqa: PLC0415
    from app.services import campaigns, ranking  # noqa: PLC0415

    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        result = ranking.rank_period(db, period.id)
    for stale in result.stale_settlements:
        print(
            "Cảnh báo: quyết định phân định đồng hạng "
            f"{' > '.join(stale.order)} không còn khớp với số liệu, không được áp dụng.",
            file=sys.stderr,
        )
    if args.json:
        json.dump(ranking_to_data(result), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"Kỳ: {period.name}")
        sys.stdout.write(format_ranking_table(result))
    return EXIT_OK


def run_settle(args: argparse.Namespace) -> int:
    from app.services import campaigns, ranking  # noqa: PLC0415

    order = [code.strip() for code in args.order.split(",") if code.strip()]
    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        settlement = ranking.settle_tie(db, period.id, order, args.reason)
    print(
        f"Đã ghi phân định đồng hạng kỳ «{period.name}»: {' > '.join(settlement.order)} "
        f"(lý do: {settlement.reason})"
    )
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    from app.services.backups import backup_server, backup_to  # noqa: PLC0415

    if server_url(args) is not None:  # a portable SQLite copy of the server database
        with open_db(args, daily=False) as db:
            target = backup_server(db, args.out)
    else:
        target = backup_to(db_path(args), args.out)
    print(f"Đã sao lưu vào {target}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from app.services.restore import restore_database, restore_server  # noqa: PLC0415

    url = server_url(args)
    if url is not None:
        result = restore_server(url, args.file)
    else:
        result = restore_database(db_path(args), args.file)
    if result.previous_backup is not None:
        print(f"Dữ liệu trước khi khôi phục đã được sao lưu: {result.previous_backup}")
    print(f"Đã khôi phục cơ sở dữ liệu từ {result.restored_from}")
    return EXIT_OK


def run_audit(args: argparse.Namespace) -> int:
    from app.services.audit import list_audit  # noqa: PLC0415

    with open_db(args, daily=False) as db:
        entries = list_audit(db, limit=args.limit or None)
    if args.json:
        data = [
            {
                "at": e.at.isoformat(),
                "action": e.action,
                "subject": e.subject,
                "period": e.period_name,
                "summary": e.summary,
                "old": e.old,
                "new": e.new,
                "account": e.account,
            }
            for e in entries
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    for entry in entries:
        who = f"  [{entry.account}]" if entry.account else ""
        line = f"{entry.at:%d/%m/%Y %H:%M:%S}{who}  {entry.summary}"
        if entry.old is not None or entry.new is not None:
            line += f"  [{_short(entry.old)} → {_short(entry.new)}]"
        print(line)
    return EXIT_OK


def _short(value: object) -> str:
    if value is None:
        return "—"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 200 else text[:197] + "..."
