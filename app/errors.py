"""The one kind of refusal (``UserError``) and last-resort error handling: no traceback reaches the
user unexplained.

Every refusal the program means to show — a problem list, something not found, a file that cannot be
read, a locked database, documents not ready — is a ``UserError`` carrying its Vietnamese message
(``str(error)``). The commands, the window's error hook, the table models and the pages decide by one
``isinstance(error, UserError)``; any other exception is a bug and gets the unexpected-error report.
This module imports nothing heavy: ``app.scoring`` (pure) may use it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

EXIT_PROBLEMS = 2  # the status of a headless command refused for something the user can mend


class UserError(Exception):
    """A refusal meant for the user; ``str(error)`` is the Vietnamese message. Nothing was written.

    ``title`` heads the message box in the window; ``exit_status`` is what a headless command
    returns."""

    title: str = "Không thực hiện được"
    exit_status: int = EXIT_PROBLEMS


class FileAccessError(UserError):
    """A file the officer chose cannot be read or written (open in Excel, read-only, disk full,
    no permission): the message names the file and what to do."""

    title = "Không đọc hoặc ghi được tệp"

    @classmethod
    def of(cls, error: OSError, path: object = None) -> FileAccessError:
        """The refusal for ``error`` met while reading or writing ``path`` (or the error's file)."""
        name = str(path) if path is not None else (error.filename or "")
        reason = error.strerror or str(error)
        return cls(
            f"Không đọc hoặc ghi được tệp {name}: {reason}. Tệp có đang mở trong Excel hoặc Word "
            "không? Hãy đóng tệp, kiểm tra quyền ghi và chỗ trống trên đĩa, hoặc chọn nơi khác."
        )


def as_user_error(error: BaseException) -> UserError | None:
    """The refusal ``error`` stands for: itself when it is one; a file that cannot be read or
    written (an ``OSError`` naming its file: open in Excel, read-only, disk full) as a
    ``FileAccessError``; None for anything else — a bug, for the unexpected-error report."""
    if isinstance(error, UserError):
        return error
    if isinstance(error, OSError) and error.filename is not None:
        return FileAccessError.of(error)
    return None


class Cancelled(Exception):
    """Long work stopped at the user's request («Hủy»); what it writes in one transaction was not
    written. Neither a refusal nor a bug."""


def install_excepthook() -> None:
    """Log unexpected exceptions; the window (when there is one) replaces this with a dialog."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        import logging  # noqa: PLC0415 - only when something went wrong (a fast start)
        import traceback  # noqa: PLC0415

        log = logging.getLogger("thidua")
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if logging.getLogger().handlers or log.handlers:
            log.critical("Lỗi không lường trước", exc_info=(kind, error, trace))
        traceback.print_exception(kind, error, trace, file=sys.stderr)
        print(f"Lỗi không lường trước: {error}", file=sys.stderr)

    sys.excepthook = hook
