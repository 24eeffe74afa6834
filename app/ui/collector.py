"""Python's garbage collector, run on the window's thread only.

A reference cycle that holds a Qt object (a widget of a closed dialog, a page's model) may be
collected by whichever thread happens to allocate when the collector's thresholds are passed. When
that is a worker (a document being drawn by ReportLab, an import being read), the Qt object is
deleted off its own thread and the process can crash. So while the window runs, the automatic
collector is off and a timer on the window's thread does what it would have done: it collects a
generation whenever the allocation counts pass the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects garbage on the thread that created it (the window's), every ``INTERVAL_MS``."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)
        self.destroyed.connect(gc.enable)

    def check(self) -> None:
        """Collect each generation whose count passed its threshold, youngest first."""
        young, middle, old = gc.get_count()
        if young > self.thresholds[0]:
            gc.collect(0)
            if middle > self.thresholds[1]:
                gc.collect(1)
                if old > self.thresholds[2]:
                    gc.collect(2)


def install(parent: QObject) -> MainThreadCollector:
    """Turn the automatic collector off and collect on ``parent``'s thread instead."""
    return MainThreadCollector(parent)
