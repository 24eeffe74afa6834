"""From an edit in the Số liệu table to the updated ranking on screen, 15 and 10,000 units.

.venv/bin/python benchmarks/bench_ui.py  (offscreen; no display needed)

For each size: a database with that many communes, the main window built on it, then repeated
edits of one cell (alternating two values) through the table model, as the cell editor does:
- recalculation: ``ranking.rank_period`` alone (read the figures, score, rank);
- edit → Số liệu view: parse, validate, save (one transaction), re-rank, redraw the figures page
  (rates, points, totals and ranks of every unit);
- edit → Xếp hạng view: the same, with the ranking page redrawn too (table, chart, explanation).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.scoring import UnitFigures, UnitKind

REPEATS = {15: 30, 10_000: 5}


def units_of(count: int) -> list[UnitFigures]:
    if count == 15:
        from app.exchange.unit_figures import read_unit_figures
        from app.resources import resource_path

        return read_unit_figures(
            resource_path("demo", "sample-units-2023.csv"), ["thi_tran", "xa"]
        ).units
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_scoring import synthetic_units

    return [
        UnitFigures(u.code, u.name, UnitKind.XA, u.online, u.total, u.accounts, u.eid, u.citizens)
        for u in synthetic_units(count)
    ]


def build_db(folder: Path, count: int) -> object:
    from app.services import campaigns, figures
    from app.services.setup import open_storage

    db = open_storage(folder / f"bench-{count}.sqlite3", with_units=False, daily=False)
    period = campaigns.find_period(db)
    figures.import_units(
        db,
        period.id,
        units_of(count),
        source_kind="file",
        source_name="bench",
        add_units=True,
        backup=False,
    )
    return db


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, times: list[float]) -> None:
    print(
        f"  {label:<28} median {statistics.median(times):8.1f} ms   "
        f"min {min(times):8.1f} ms   max {max(times):8.1f} ms"
    )


def bench(count: int, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from app.services import ranking
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    db = build_db(folder, count)
    print(f"{count} đơn vị (cơ sở dữ liệu dựng trong {time.perf_counter() - started:.1f} s)")
    context = AppContext(db)  # type: ignore[arg-type]
    window = MainWindow(context)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    figures_page = window.pages["so-lieu"]
    ranking_page = window.pages["xep-hang"]
    model = figures_page.model
    row = 0
    column = model.column_of("online")
    total = model.records[row].unit.total or 0
    values = iter([str(total - 1 - (i % 2)) for i in range(1000)])  # each edit changes
    repeats = REPEATS.get(count, 5)

    period_id = context.period.id
    report("tính lại: rank_period", timed(lambda: ranking.rank_period(db, period_id), repeats))  # type: ignore[arg-type]

    window.show_page("so-lieu")
    app.processEvents()

    def edit() -> None:
        assert model.setData(model.index(row, column), next(values)), figures_page.refusal
        app.processEvents()

    report("sửa ô → trang Số liệu", timed(edit, repeats))

    def edit_and_rank_view() -> None:
        edit()
        ranking_page.refresh()
        ranking_page.stale = False
        app.processEvents()

    report("sửa ô → trang Xếp hạng", timed(edit_and_rank_view, repeats))
    window.close()
    db.close()  # type: ignore[attr-defined]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [15, 10_000]
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            bench(count, Path(folder))


if __name__ == "__main__":
    main()
