"""Shared test fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN_DIR = SHARED / "spec" / "golden"


# --- storage (app.models / app.services) ----------------------------------------------------


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database created and seeded once per test run; tests get copies."""
    from app.services.setup import open_storage

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_storage(path, daily=False).close()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the campaign and its period but no units."""
    from app.services.setup import open_storage

    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_storage(path, daily=False, with_units=False).close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, seeded_template: Path) -> Path:
    """A fresh copy of the seeded database in the test's own folder."""
    from app.models.files import copy_database

    path = tmp_path / "data" / "thidua.sqlite3"
    copy_database(seeded_template, path)
    return path


@pytest.fixture
def storage(db_path: Path) -> Iterator[object]:
    """The seeded database, open (an app.models.Database)."""
    from app.services.setup import open_storage

    database = open_storage(db_path, daily=False)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def restore_thidua_logging() -> Iterator[None]:
    """Remove the log handlers a command added (they point into the test's temporary folder)."""
    import logging

    logger = logging.getLogger("thidua")
    before = list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()
