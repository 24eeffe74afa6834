"""Garbage made on a worker thread is collected on the window's thread (a Qt object deleted off its
thread can crash the program: seen while a document was drawn on a worker)."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_cycles_made_on_a_worker_are_collected_on_the_window_thread(qtbot: Any) -> None:
    assert not gc.isenabled()  # the automatic collector is off while the window runs
    collected_on: list[int] = []
    keep: list[weakref.finalize[Any, Any]] = []

    def make_garbage() -> None:
        for _ in range(20_000):  # far beyond the first generation's threshold
            a, b = _Node(), _Node()
            a.other, b.other = b, a
            keep.append(weakref.finalize(a, lambda: collected_on.append(threading.get_ident())))

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert collected_on == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: len(collected_on) > 0, timeout=5_000)
    assert set(collected_on) == {threading.main_thread().ident}
