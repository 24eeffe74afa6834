"""The design card, checked: what each layer may import, how long a module may grow, no cycles.

Imports are read from the source (every ``import`` and ``from … import``, also those inside
functions and under ``TYPE_CHECKING``), so a lazy import cannot hide a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"

# The window talks to services only (docs/CONTRIBUTING.md).
UI_FORBIDDEN = ("app.models", "app.exchange", "app.reports")
MAX_LINES = 500  # hard limit; aim at 400


@cache
def modules() -> dict[str, Path]:
    """Dotted name → file, for every module and package of ``app``."""
    found: dict[str, Path] = {}
    for path in sorted(APP.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _owner(name: str) -> str | None:
    """The module of ``app`` that ``name`` (a module or an attribute of one) lives in."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of everything ``path`` imports: ``from a.b import c`` gives ``a.b.c``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def imported_modules(path: Path) -> set[str]:
    return {
        owner
        for _line, name in imported_names(path)
        if name.startswith("app.") and (owner := _owner(name)) is not None
    }


def test_the_scanner_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from app.models import Database\n"
        "def f():\n    import app.reports.build\n    from app.exchange.dossiers import preview\n",
        encoding="utf-8",
    )
    assert imported_modules(sample) == {"app.models", "app.reports.build", "app.exchange.dossiers"}


def test_the_window_imports_no_storage_file_format_or_document_module() -> None:
    breaches = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for module, path in modules().items()
        if module == "app.ui" or module.startswith("app.ui.")
        for line, name in imported_names(path)
        if any(name == f or name.startswith(f + ".") for f in UI_FORBIDDEN)
    ]
    assert breaches == [], "app/ui goes through the services:\n" + "\n".join(breaches)


def test_the_scoring_core_imports_nothing_of_ours_but_the_error_type() -> None:
    breaches = [
        f"{path.relative_to(ROOT)}: {name}"
        for module, path in modules().items()
        if module.startswith("app.scoring")
        for name in imported_modules(path)
        if not name.startswith("app.scoring") and name != "app.errors"
    ]
    assert breaches == []


def test_no_module_is_over_the_limit() -> None:
    too_long = {
        str(path.relative_to(ROOT).as_posix()): lines
        for path in modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, too_long


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    graph = {name: imported_modules(path) - {name} for name, path in modules().items()}
    assert cycles(graph) == []


@pytest.mark.parametrize("module", ["app.ui.pages.documents", "app.ui.app"])
def test_a_breach_would_be_seen(module: str) -> None:
    """The check above reads real modules (not an empty list)."""
    assert module in modules()
    assert any(name.startswith("app.") for _line, name in imported_names(modules()[module]))
