"""Last-resort error handling: no traceback reaches the user unexplained."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

log = logging.getLogger("thidua")


def install_excepthook() -> None:
    """Log unexpected exceptions; the window (when there is one) replaces this with a dialog."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if logging.getLogger().handlers or log.handlers:
            log.critical("Lỗi không lường trước", exc_info=(kind, error, trace))
        traceback.print_exception(kind, error, trace, file=sys.stderr)
        print(f"Lỗi không lường trước: {error}", file=sys.stderr)

    sys.excepthook = hook
