"""What a wizard needs from the page that runs it (the Nhập / Xuất page)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.services.import_reports import ImportReport
from app.ui.context import AppContext
from app.ui.workers import Job, Work

OnResult = Callable[[object], None]


class Host(Protocol):
    """The page: its context, its task panel, its pickers, where results and refusals go."""

    context: AppContext

    def as_widget(self) -> QWidget:
        """The parent of the wizard's dialogs."""
        ...

    def run(self, title: str, work: Work, on_result: OnResult) -> Job | None:
        """Run ``work`` on the task panel; ``on_result`` gets what it returned."""
        ...

    def fail(self, error: BaseException, title: str = ...) -> None:
        """A refusal: every problem listed, or the message; anything else is a bug."""
        ...

    def refuse(self, error: BaseException, title: str = ...) -> None:
        """A file refused before any job started: as :meth:`fail`, and the import has ended."""
        ...

    def imported(self, report: ImportReport) -> None:
        """An import ended: every page redraws, then the report."""
        ...

    def exported(self, out: Path, summary: str) -> None: ...

    def open_path(self, path: Path | None, title: str) -> Path | None:
        """``path``, or the file the officer picks (None: cancelled)."""
        ...

    def save_path(self, path: Path | None, title: str, name: str) -> Path | None: ...


class Wizard:
    """One import or export of the page."""

    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def context(self) -> AppContext:
        return self.host.context
