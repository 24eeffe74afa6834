"""What every headless command shares: exit statuses and how problems are printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.errors import EXIT_PROBLEMS, as_user_error
from app.scoring.figures import Problem, ProblemList

EXIT_OK = 0
EXIT_ERROR = 1
__all__ = [
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "TABLE_FILE",
    "chosen_mapping",
    "db_path",
    "guard",
    "map_option",
    "open_db",
    "print_problems",
    "server_url",
]

Handler = Callable[[argparse.Namespace], int]
TABLE_FILE = ".csv hoặc Excel (.xlsx, .xls, .ods)"  # what an import reads, for the help texts


def map_option(parser: argparse.ArgumentParser, kind: str) -> None:
    """``--map field=Header`` (repeatable, or comma-separated) for an import of ``kind``."""
    from app.exchange.import_kinds import specs_of  # noqa: PLC0415

    keys = ", ".join(f"{s.key} ({s.label})" for s in specs_of(kind))
    parser.add_argument(
        "--map",
        action="append",
        metavar="KHÓA=CỘT",
        help=f'chọn cột của tệp, ví dụ --map "{specs_of(kind)[-1].key}=Tên cột" (được ghi '
        f"nhớ cho đợt thi đua; mặc định: cột đã ghi nhớ, hoặc đoán theo tiêu đề). Khóa: {keys}",
    )
    parser.set_defaults(map_kind=kind)


def chosen_mapping(args: argparse.Namespace, kind: str) -> dict[str, str] | None:
    """The mapping given with ``--map`` (None when not given). MappingError when malformed."""
    from app.exchange.import_kinds import specs_of  # noqa: PLC0415
    from app.exchange.reader.columns import parse_map  # noqa: PLC0415

    given = getattr(args, "map", None)
    return (parse_map(given, specs_of(kind)) or None) if given else None


def print_problems(source: Path | str, problems: Sequence[Problem]) -> None:
    print(f"{source}: {len(problems)} lỗi, không có gì được ghi:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def guard(handler: Handler) -> Handler:
    """Turn a refusal (``UserError``) into its Vietnamese message and exit status (2 for a problem
    with the input, every problem listed; 1 for a database that cannot be used). A file the
    officer named that cannot be read or written is such a refusal too. Anything else is a bug
    and reaches the unexpected-error hook."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except Exception as error:
            refusal = as_user_error(error)
            if refusal is None:
                raise
            if isinstance(refusal, ProblemList):
                print_problems(getattr(args, "file", "") or "", refusal.problems)
            else:
                print(str(refusal), file=sys.stderr)
            return refusal.exit_status

    return run


def db_path(args: argparse.Namespace) -> Path:
    """The database file: ``--db`` or the default one in the data folder."""
    from app.paths import database_path  # noqa: PLC0415

    return database_path(getattr(args, "db", None))


def server_url(args: argparse.Namespace) -> str | None:
    """The PostgreSQL URL given as ``--db``, or None for an SQLite file."""
    from app.models.backend import is_server_url  # noqa: PLC0415

    value = getattr(args, "db", None)
    return value if isinstance(value, str) and is_server_url(value) else None


def open_db(args: argparse.Namespace, **options: Any) -> Any:
    """Open (create, migrate) the database of ``args`` (a file or a server URL), with logging into
    its data folder."""
    from app.logs import setup_logging  # noqa: PLC0415
    from app.paths import logs_dir  # noqa: PLC0415
    from app.services.setup import open_storage  # noqa: PLC0415

    url = server_url(args)
    if url is not None:
        from app.models.postgres import local_path  # noqa: PLC0415

        setup_logging(logs_dir(local_path(url)))
        return open_storage(url, **options)
    path = db_path(args)
    setup_logging(logs_dir(path))
    db = open_storage(path, **options)
    if db.read_only:  # readable; every write is refused (exit 2) with the same message
        print(f"Cảnh báo: {db.damage_message}", file=sys.stderr)
    for warning in db.warnings:  # a backup that could not be made: the command goes on
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    return db
