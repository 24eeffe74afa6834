"""Logging to a rotating file in the data folder (``logs/thidua.log``), set up once per process."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE = "thidua.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_MARK = "_thidua_file_handler"


def setup_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log the ``thidua`` loggers to ``folder/thidua.log`` (1 MB × 5 files). Returns the file, or
    None when the folder cannot be written (logging must never stop the program)."""
    logger = logging.getLogger("thidua")
    for handler in logger.handlers:
        if getattr(handler, _MARK, False):
            return Path(getattr(handler, "baseFilename", ""))
    path = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None
    setattr(handler, _MARK, True)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    logger.addHandler(handler)
    logger.setLevel(min(logger.level or level, level))
    return path
