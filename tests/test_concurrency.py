"""Several officers at once: an edit carries the version it was made on and a stale one is refused
with who changed what; on a server, two officers editing the same unit and importing at once lose
nothing (the period's writers are serialised)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.models import Database
from app.scoring import UnitFigures, UnitKind
from app.services import audit, concurrency, dossiers, figures
from app.services.concurrency import StaleEditError
from app.services.setup import open_storage
from tests.test_exchange_helpers import write_csv
from tests.test_imports import CAY_DUONG, HEADER, TAN_BINH, dossier_rows, expected_counts, period_id


def figures_of(db: Database, pid: int, code: str) -> UnitFigures:
    return next(u for u in figures.period_figures(db, pid) if u.code == code)


def test_a_stale_edit_is_refused_with_who_changed_what(storage: Database) -> None:
    pid = period_id(storage)
    seen = concurrency.figure_versions(storage, pid)
    assert CAY_DUONG not in seen  # no figures yet: an edit is made on version 0
    typed = UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, 10, 20, 5, 30, 40)
    changed, _ = figures.set_unit_figures(storage, pid, typed, version=0)
    assert changed
    assert concurrency.figure_versions(storage, pid)[CAY_DUONG] == 1
    # a second officer's edit made on the same (now old) version: refused, nothing written
    other = UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, 11, 20, 5, 30, 40)
    before = audit.list_audit(storage)
    with pytest.raises(StaleEditError) as refused:
        figures.set_unit_figures(storage, pid, other, version=0)
    message = str(refused.value)
    assert "Không lưu số liệu của Thị trấn Cây Dương (31396)" in message
    assert "đã thay đổi số liệu này lúc" in message and "nhập tay" in message
    assert "Hồ sơ trực tuyến 10, Tổng hồ sơ 20" in message  # the fresh figures are shown
    assert refused.value.fresh is not None and refused.value.fresh.online == 10
    if storage.server:
        assert "tài khoản «thidua_admin»" in message
    assert audit.list_audit(storage) == before
    assert figures_of(storage, pid, CAY_DUONG).online == 10
    # made on the fresh version, the edit is stored and the version moves on
    saved = figures.save_figures(storage, pid, [other], versions={CAY_DUONG: 1})
    assert saved.changed == (CAY_DUONG,) and saved.versions[CAY_DUONG] == 2
    # an import raises the version too: an edit made before it is refused
    figures.import_units(
        storage,
        pid,
        [UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, 12, 20, 5, 30, 40)],
        source_kind="file",
        source_name="so-lieu.xlsx",
        backup=False,
    )
    with pytest.raises(StaleEditError, match=r"so-lieu\.xlsx"):
        figures.set_unit_figures(storage, pid, other, version=2)


def _together(*actions: Callable[[], object]) -> list[object]:
    """Run the actions in threads started at the same moment; their results or exceptions."""
    start = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = action()
        except Exception as error:  # handed back to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_two_officers_editing_and_importing_at_once_lose_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    first = open_storage(pg_url, daily=False)  # two programs on two PCs: two engines
    second = open_storage(pg_url, daily=False)
    try:
        pid = period_id(first)
        a = write_csv(tmp_path / "a.csv", [HEADER, *dossier_rows(0, 400)])
        b = write_csv(tmp_path / "b.csv", [HEADER, *dossier_rows(300, 500)])  # 100 overlap
        seen = concurrency.figure_versions(second, pid)
        edit = UnitFigures(TAN_BINH, "", UnitKind.XA, None, None, None, 70, 90)
        for _round in range(3):  # imports and edits interleave differently each time
            results = _together(
                lambda: dossiers.import_dossiers(first, pid, a, backup=False),
                lambda: dossiers.import_dossiers(second, pid, b, backup=False),
                lambda: figures.set_unit_figures(first, pid, edit),
            )
            assert not [r for r in results if isinstance(r, Exception)], results
        expected = expected_counts(range(800))
        for code in (CAY_DUONG, TAN_BINH):
            unit = figures_of(second, pid, code)
            assert (unit.total, unit.online, unit.accounts) == expected[code]
        # the e-ID figures typed meanwhile were kept by every import's recount
        assert (
            figures_of(second, pid, TAN_BINH).eid,
            figures_of(first, pid, TAN_BINH).citizens,
        ) == (
            70,
            90,
        )
        assert sum(s.total for s in dossiers.period_dossier_stats(first, pid).values()) == 800
        # the second officer's edit was made on the figures read before all this: refused
        stale = UnitFigures(TAN_BINH, "", UnitKind.XA, 1, 2, 1, 3, 4)
        with pytest.raises(StaleEditError, match="Xã Tân Bình") as refused:
            figures.set_unit_figures(second, pid, stale, version=seen.get(TAN_BINH, 0))
        assert refused.value.fresh is not None and refused.value.fresh.eid == 70
        assert figures_of(first, pid, TAN_BINH).total == expected[TAN_BINH][0]
    finally:
        first.close()
        second.close()


def test_two_stale_edits_at_once_one_wins_the_other_is_refused(pg_url: str) -> None:
    officers = [open_storage(pg_url, daily=False) for _ in range(2)]
    try:
        pid = period_id(officers[0])
        version = concurrency.figure_versions(officers[0], pid).get(CAY_DUONG, 0)

        def edit(db: Database, online: int) -> Any:
            unit = UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, online, 100, 5, 30, 40)
            return figures.set_unit_figures(db, pid, unit, version=version)

        results = _together(lambda: edit(officers[0], 10), lambda: edit(officers[1], 20))
        refused = [r for r in results if isinstance(r, StaleEditError)]
        assert len(refused) == 1, results
        kept = figures_of(officers[0], pid, CAY_DUONG).online
        assert kept in {10, 20} and refused[0].fresh is not None
        assert refused[0].fresh.online == kept
    finally:
        for db in officers:
            db.close()


@pytest.mark.parametrize("kind", ["eid", "portal_stats"])
def test_an_import_keeping_other_figures_refuses_units_changed_while_it_read(
    storage: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """The e-ID import keeps the dossier figures as read, the portal statistics import the e-ID
    figures: another officer's change made while the file was read is not overwritten."""
    from app.exchange import eid, portal_stats
    from app.services import imports
    from app.services import portal_stats as portal_service
    from tests.test_real_files import EID_ROWS, portal_report

    pid = period_id(storage)
    figures.set_unit_figures(
        storage, pid, UnitFigures(TAN_BINH, "", UnitKind.XA, 10, 20, 5, 30, 40)
    )
    module, name = (eid, "read_eid") if kind == "eid" else (portal_stats, "read_portal_stats")
    read = getattr(module, name)

    def read_while_another_officer_edits(*args: Any, **kwargs: Any) -> Any:
        typed = UnitFigures(TAN_BINH, "", UnitKind.XA, 11, 21, 6, 31, 41)
        figures.set_unit_figures(storage, pid, typed)  # meanwhile, on another PC
        return read(*args, **kwargs)

    monkeypatch.setattr(module, name, read_while_another_officer_edits)
    if kind == "eid":
        path = write_csv(tmp_path / "e.csv", [EID_ROWS[0], ["Xã Tân Bình", "50", "90"]])
        action: Callable[[], object] = lambda: imports.import_eid(storage, pid, path)  # noqa: E731
    else:
        report = portal_report(tmp_path / "tk.xlsx")
        action = lambda: portal_service.import_portal_stats(storage, pid, report)  # noqa: E731
    with pytest.raises(StaleEditError, match="Xã Tân Bình"):
        action()
    kept = figures_of(storage, pid, TAN_BINH)
    assert (kept.online, kept.total, kept.eid, kept.citizens) == (11, 21, 31, 41)
