"""Shared test fixtures."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# --- the PostgreSQL backend: one throwaway cluster per test session ---------------------------

BACKENDS = ("sqlite", "postgresql")
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A PostgreSQL cluster started once (initdb + pg_ctl on a temporary socket folder)."""
    from tests import pgcluster

    reason = pgcluster.missing_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = pgcluster.start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


def pg_admin(cluster: Any, sql: str) -> None:
    """Run one statement as the cluster's superuser, outside a transaction."""
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A server database created and seeded once; tests get copies (CREATE DATABASE … TEMPLATE)."""
    from app.services.setup import open_storage

    pg_admin(pg_cluster, "CREATE DATABASE thidua_seeded")
    open_storage(pg_cluster.url("thidua_seeded"), daily=False).close()
    return "thidua_seeded"


@pytest.fixture
def pg_url(
    pg_cluster: Any, pg_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh copy of the seeded server database; its local folder (logs) in the test's folder."""
    monkeypatch.setattr("app.paths.data_dir", lambda: tmp_path / "data")
    name = f"thidua_test_{next(_databases)}"
    pg_admin(pg_cluster, f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    try:
        yield pg_cluster.url(name)
    finally:
        pg_admin(pg_cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """The seeded database on each backend: an SQLite file path, or a PostgreSQL URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(request.getfixturevalue("db_path"))


@pytest.fixture
def pg_blank_url(pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty server database (no tables yet)."""
    monkeypatch.setattr("app.paths.data_dir", lambda: tmp_path / "data")
    name = f"thidua_blank_{next(_databases)}"
    pg_admin(pg_cluster, f"CREATE DATABASE {name}")
    try:
        yield pg_cluster.url(name)
    finally:
        pg_admin(pg_cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def blank_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where no database is yet, on each backend: a new file path, or an empty server database."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_blank_url"))
    return str(tmp_path / "blank" / "thidua.sqlite3")


@pytest.fixture
def storage(db_url: str) -> Iterator[object]:
    """The seeded database, open (an app.models.Database), on each backend."""
    from app.services.setup import open_storage

    database = open_storage(db_url, daily=False)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def sqlite_storage(db_path: Path) -> Iterator[object]:
    """The seeded database file, open: for what only a file has (lock, pragmas, file backups)."""
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


# --- tests that read the shared specification ------------------------------------------------

# Fixtures built from ../shared (tests/ui/conftest.py: the golden edge cases).
SHARED_FIXTURES = frozenset(
    {"edge_template", "edge_db", "edge_window", "sample_server"}  # sample_server: server tests
)


def _shared_names(module: object) -> set[str]:
    """Names of ``module`` that stand for ../shared: its paths under it, then (to a fixed point)
    its top-level constants and functions whose source uses such a name."""
    import ast

    names = {
        name
        for name, value in vars(module).items()
        if isinstance(value, Path) and value.resolve().is_relative_to(SHARED.resolve())
    }
    path = getattr(module, "__file__", None)
    if path is None:
        return names
    text = Path(path).read_text(encoding="utf-8")
    sources: dict[str, str] = {}
    for node in ast.parse(text).body:
        segment = ast.get_source_segment(text, node) or ""
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            sources[node.name] = segment
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    sources[target.id] = segment
    while True:
        more = {
            name
            for name, source in sources.items()
            if name not in names and any(n in source for n in names)
        }
        if not more:
            return names
        names |= more


def _source(function: object) -> str:
    import inspect

    try:
        return inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without ../shared (a CI runner has only the repository: the Windows workflow), the tests
    that read the specification's golden files or sample data are skipped, the others run."""
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason="needs ../shared (specification and sample data)")
    cache: dict[object, set[str]] = {}
    for item in items:
        function = getattr(item, "function", None)
        module = getattr(item, "module", None)
        if module is not None and module not in cache:
            cache[module] = _shared_names(module)
        names = cache.get(module, set())
        uses_fixture = SHARED_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if uses_fixture or any(n in _source(function) for n in names):
            item.add_marker(skip)
