"""The headless ``report`` command's arguments and body, without the database.

``main.py [--db PATH] report KIND [--period NAME] --out DIR``. The command module only has to
pass a function that loads the dossier of a period from the database::

    def register(commands):
        parser = commands.add_parser("report", help=HELP, description=DESCRIPTION)
        add_arguments(parser)
        parser.set_defaults(handler=lambda args: run(args, lambda period: load(args.db, period)))
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.reports.kinds import ALL, FORMAT_CHOICES, FORMAT_LABELS, KIND_LABELS, KINDS

if TYPE_CHECKING:
    from app.reports.dossier import AwardDossier

HELP = (
    "lập hồ sơ khen thưởng (PDF, Word): tờ trình, biên bản, báo cáo thành tích, bảng điểm, "
    "quyết định, giấy khen, danh sách nhận tiền thưởng, báo cáo sơ kết/tổng kết"
)
DESCRIPTION = (
    "Lập các văn bản của hồ sơ đề nghị khen thưởng thành tệp PDF và/hoặc Word (.docx) trong thư "
    "mục --out (giấy khen kèm trang canh chỉnh khi lập bản PDF)."
)
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PROBLEMS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = "; ".join(f"{k}: {v}" for k, v in KIND_LABELS.items())
    parser.add_argument(
        "kind", choices=[*KINDS, ALL], metavar="LOẠI", help=f"{kinds}; {ALL}: tất cả"
    )
    parser.add_argument("--period", metavar="TÊN", help="tên kỳ số liệu (mặc định: kỳ cuối)")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục ghi các văn bản"
    )
    formats = "; ".join(f"{k}: {v}" for k, v in FORMAT_LABELS.items())
    parser.add_argument(
        "--format",
        choices=list(FORMAT_CHOICES),
        default="pdf",
        metavar="ĐỊNH_DẠNG",
        help=f"định dạng tệp ({formats}; mặc định: pdf)",
    )
    parser.add_argument(
        "--cap-lai-so-vang",
        dest="reassign_register",
        action="store_true",
        help=(
            "cấp lại số sổ vàng cho mọi khen thưởng, theo thứ tự, từ số bắt đầu trong Cài đặt "
            "(mặc định: giữ số đã cấp, cấp số tiếp theo cho khen thưởng mới)"
        ),
    )


def run(args: argparse.Namespace, load_dossier: Callable[[str | None], AwardDossier]) -> int:
    """Make the documents; print the files made, or every reason why not (exit status 2)."""
    from app.reports.build import ReportWriteError, build_documents  # noqa: PLC0415
    from app.reports.dossier import DossierNotReadyError  # noqa: PLC0415

    dossier = load_dossier(args.period)
    try:
        paths = build_documents(dossier, [args.kind], args.out, args.format)
    except DossierNotReadyError as error:
        print(str(error), file=sys.stderr)
        return EXIT_PROBLEMS
    except ReportWriteError as error:
        print(str(error), file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"Không ghi được vào {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    for path in paths:
        print(path)
    return EXIT_OK
