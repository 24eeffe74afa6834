"""Long work off the UI thread: a job (any function given ``progress`` and ``cancelled``) run on a
thread pool, and a panel with a progress bar and a «Hủy» button that runs one job at a time.

The job's function runs on a worker thread; its results and errors come back through queued
signals, so the widgets are touched on the UI thread only. Cancelling sets a flag the function
checks (``cancelled()``) or that ``progress()`` turns into :class:`JobCancelled`; services that
write the database do it in one transaction, so a cancelled job leaves nothing behind.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.errors import Cancelled
from app.services.imports import ImportCancelled

log = logging.getLogger("thidua.ui")

Progress = Callable[[int, int], None]  # (done, total); total 0 = unknown
CancelCheck = Callable[[], bool]
Work = Callable[[Progress, CancelCheck], Any]
Describe = Callable[[int, int], str]  # (done, total) → the progress bar's text


class JobCancelled(Cancelled):
    """Raised inside a job when the user pressed «Hủy»."""


def cancel_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "stopped on request" (ours, the services' and the portal reader's)."""
    return (Cancelled, ImportCancelled)


class _JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object, float)  # result, seconds
    failed = Signal(object)  # the exception
    cancelled = Signal()


class Job(QRunnable):
    """One piece of work: ``work(progress, cancelled)`` on a worker thread."""

    def __init__(self, work: Work, title: str = "", describe: Describe | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.title = title
        self.describe = describe
        self.signals = _JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise JobCancelled
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        started = time.perf_counter()
        try:
            if self._cancel.is_set():
                raise JobCancelled
            result = self.work(self._progress, self._cancel.is_set)
            if self._cancel.is_set():
                # The work may have finished just as «Hủy» was pressed: its changes are kept
                # (the service committed), so report it as done rather than pretend otherwise.
                log.info("Công việc «%s» xong trước khi kịp hủy", self.title)
        except cancel_errors():
            log.info("Đã hủy «%s»", self.title)
            self.signals.cancelled.emit()
            return
        except Exception as error:
            self.signals.failed.emit(error)
            return
        self.signals.finished.emit(result, time.perf_counter() - started)


class TaskPanel(QWidget):
    """A progress bar, a «Hủy» button and a status line; runs one :class:`Job` at a time.

    ``finished(result)`` / ``failed(error)`` / ``cancelled()`` are re-emitted for the page, then
    ``done(outcome)`` with outcome "finished", "failed" or "cancelled".
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: Job | None = None
        self.seconds = 0.0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Tiến độ")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("&Hủy")
        self.cancel_button.setToolTip("Dừng lại; dữ liệu giữ nguyên như trước khi bắt đầu.")
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.hide()
        app = QCoreApplication.instance()
        if app is not None:  # the program closes: stop the job (all or nothing) before the
            app.aboutToQuit.connect(self._quitting)  # database is closed

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, job: Job) -> Job:
        if self.job is not None:
            raise RuntimeError("Đang có một việc chưa xong")
        self.job = job
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self.label.setText(job.title + "…" if job.title else "Đang xử lý…")
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("&Hủy")
        self.show()
        self.setCursor(Qt.CursorShape.BusyCursor)
        log.info("Bắt đầu «%s»", job.title)
        self.pool.start(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Đang hủy…")

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            describe = self.job.describe if self.job is not None else None
            self.progress.setFormat(
                describe(done, total) if describe is not None else f"{done * 100 // total}%"
            )
        else:
            self.progress.setRange(0, 0)

    def _end(self) -> None:
        self.job = None
        self.hide()
        self.unsetCursor()

    def _finished(self, result: object, seconds: float) -> None:
        self.seconds = seconds
        self._end()
        self.finished.emit(result)
        self.done.emit("finished")

    def _failed(self, error: object) -> None:
        self._end()
        self.failed.emit(error)
        self.done.emit("failed")

    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()
        self.done.emit("cancelled")

    def _quitting(self) -> None:
        if self.job is not None:
            log.info("Chương trình đóng: hủy «%s»", self.job.title)
            self.job.cancel()
            self.pool.waitForDone(120_000)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Wait for the worker thread (closing the window, tests)."""
        return self.pool.waitForDone(timeout_ms)
