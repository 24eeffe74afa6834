"""Fixtures for the window's tests: databases with the sample or edge-case figures, the window."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EDGE_CASES = SHARED / "spec" / "golden" / "edge-cases.csv"


@pytest.fixture(scope="session", autouse=True)
def collector_on_window_thread(qapp: Any) -> Iterator[None]:
    """As in the program: garbage is collected on the window's thread, never on a worker's."""
    import gc

    from app.ui.collector import install

    collector = install(qapp)
    yield
    collector.timer.stop()
    gc.enable()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory, seeded_template: Path) -> Path:
    """The seeded database with the demo figures and nominations (built once)."""
    from app.models.files import copy_database
    from app.services.setup import open_storage
    from app.ui.app import load_demo

    path = tmp_path_factory.mktemp("ui") / "sample.sqlite3"
    copy_database(seeded_template, path)
    db = open_storage(path, daily=False)
    try:
        load_demo(db)
    finally:
        db.close()
    return path


@pytest.fixture(scope="session")
def edge_template(tmp_path_factory: pytest.TempPathFactory, empty_template: Path) -> Path:
    """Units A–H of the golden edge cases (F and G tied at first place, unresolved)."""
    from app.models.files import copy_database
    from app.services import campaigns, figures
    from app.services.setup import open_storage

    path = tmp_path_factory.mktemp("ui") / "edge.sqlite3"
    copy_database(empty_template, path)
    db = open_storage(path, daily=False)
    try:
        period = campaigns.find_period(db)
        figures.import_figures(db, period.id, EDGE_CASES, add_units=True, backup=False)
    finally:
        db.close()
    return path


def _open(template: Path, tmp_path: Path) -> Any:
    from app.models.files import copy_database
    from app.services.setup import open_storage

    path = tmp_path / template.stem / "thidua.sqlite3"
    copy_database(template, path)
    return open_storage(path, daily=False)


@pytest.fixture
def sample_db(sample_template: Path, tmp_path: Path) -> Iterator[Any]:
    db = _open(sample_template, tmp_path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def edge_db(edge_template: Path, tmp_path: Path) -> Iterator[Any]:
    db = _open(edge_template, tmp_path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def sample_window(qtbot: Any, sample_db: Any) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(sample_db))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def edge_window(qtbot: Any, edge_db: Any) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(edge_db))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Questions (ask) answer Yes without a blocking box."""
    from app.ui import errors
    from app.ui.pages import awards, units

    for module in (errors, awards, units):
        monkeypatch.setattr(module, "ask", lambda *_a, **_k: True, raising=False)


# The offscreen platform (no window system) says what it cannot do (propagateSizeHints when a main
# window is shown, raise() for a tooltip); harmless.
OFFSCREEN_NOTE = "This plugin does not support"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOTE))
