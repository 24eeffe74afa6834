"""What every headless command shares: exit statuses and how problems are printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.scoring.figures import Problem, ProblemList

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PROBLEMS = 2

Handler = Callable[[argparse.Namespace], int]


def print_problems(source: Path | str, problems: Sequence[Problem]) -> None:
    print(f"{source}: {len(problems)} lỗi, không có gì được ghi:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)


def guard(handler: Handler) -> Handler:
    """Turn the errors a user can cause into a Vietnamese message and an exit status: 2 for a
    problem with the input (every problem listed), 1 for a database that cannot be used.

    The error classes are imported only when something went wrong, so that ``score`` on a small
    file loads neither SQLAlchemy nor pandas."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except Exception as error:
            status = _user_error_status(error)
            if status is None:
                raise
            if isinstance(error, ProblemList):
                print_problems(getattr(args, "file", "") or "", error.problems)
            else:
                print(str(error), file=sys.stderr)
            return status

    return run


def _user_error_status(error: Exception) -> int | None:
    from app.exchange.dossiers import MappingError  # noqa: PLC0415
    from app.exchange.package import PackageError  # noqa: PLC0415
    from app.exchange.tables import TableError  # noqa: PLC0415
    from app.models.errors import DatabaseError  # noqa: PLC0415
    from app.scoring import RuleSetError  # noqa: PLC0415
    from app.services.errors import ServiceError  # noqa: PLC0415

    user_errors = (ProblemList, TableError, ServiceError, RuleSetError, MappingError, PackageError)
    if isinstance(error, user_errors):
        return EXIT_PROBLEMS
    if isinstance(error, DatabaseError):
        return EXIT_ERROR
    return None


def db_path(args: argparse.Namespace) -> Path:
    """The database file: ``--db`` or the default one in the data folder."""
    from app.paths import database_path  # noqa: PLC0415

    return database_path(getattr(args, "db", None))


def open_db(args: argparse.Namespace, **options: Any) -> Any:
    """Open (create, migrate) the database of ``args``, with logging into its data folder."""
    from app.logs import setup_logging  # noqa: PLC0415
    from app.paths import logs_dir  # noqa: PLC0415
    from app.services.setup import open_storage  # noqa: PLC0415

    path = db_path(args)
    setup_logging(logs_dir(path))
    return open_storage(path, **options)
