"""Fault injection, part 1: a damaged database, odd paths, two names for one file, outputs aimed at
the database, backups worth keeping. Each attack asserts the data is exactly as before and the
message is clear. (Restores: test_storage_faults_restore.py; disks: test_storage_faults_disk.py;
the window: test_storage_faults_window.py.)"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from storage_faults import SAMPLE, dump, execute, overwrite_page, raw_dump, run

from app.models import (
    DamagedDatabaseError,
    Database,
    DatabaseLockedError,
    ProtectedTargetError,
    open_database,
)
from app.models.health import quick_problems
from app.paths import backups_dir
from app.services import backups, campaigns, exports, figures, ranking, units
from app.services.setup import open_storage

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")


def _backup_names(db_path: Path) -> list[str]:
    return [p.name for p in backups.automatic_backups(db_path)]


# --- 1. damage is found, never spread --------------------------------------------------------


def test_overwritten_page_opens_read_only_names_the_good_backup(db_path: Path) -> None:
    good = backups.automatic_backup(db_path, backups.REASON_IMPORT)
    overwrite_page(db_path, "audit_entry")
    before = raw_dump(db_path)
    assert quick_problems(db_path)
    with open_storage(db_path) as db:
        assert db.read_only
        assert "bị hỏng" in db.damage_message and "chỉ mở để xem" in db.damage_message
        assert str(good) in db.damage_message  # the way out: the newest good backup
        period = campaigns.find_period(db)
        assert ranking.rank_period(db, period.id).ordered is not None  # reading works
        with pytest.raises(DamagedDatabaseError, match="bị hỏng"):
            units.add_unit(db, "N1", "Xã Mới", "xa")
        for _ in range(10):  # ten imports tried: no backup of the damage, none pruned
            with pytest.raises(DamagedDatabaseError):
                figures.import_figures(db, period.id, SAMPLE)
    assert raw_dump(db_path) == before
    assert _backup_names(db_path) == [good.name]


def test_damage_is_never_backed_up_and_nothing_pruned(db_path: Path) -> None:
    start = dt.datetime(2023, 12, 1, 8, 0)
    made = []
    for i in range(12):
        execute(db_path, f"UPDATE unit SET phone = '0{i}' WHERE id = 1")
        made.append(backups.automatic_backup(db_path, "thu", now=start + dt.timedelta(hours=i)))
    kept = _backup_names(db_path)
    overwrite_page(db_path, "unit")
    for i in range(3):
        with pytest.raises(DamagedDatabaseError, match="bị hỏng"):
            backups.automatic_backup(db_path, "thu", now=start + dt.timedelta(days=400 + i))
        with pytest.raises(DamagedDatabaseError):
            backups.daily_backup(db_path, now=start + dt.timedelta(days=500 + i))
    assert _backup_names(db_path) == kept
    assert not list(backups_dir(db_path).glob("*.tmp"))


def test_damaged_database_commands_read_but_refuse_writes(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overwrite_page(db_path, "audit_entry")
    before = raw_dump(db_path)
    status, _out, err = run(capsys, "--db", str(db_path), "ranking")
    assert status == 0 and "Cảnh báo" in err and "bị hỏng" in err
    status, _, err = run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE))
    assert status == 2 and "bị hỏng" in err and "Traceback" not in err
    status, _, err = run(capsys, "--db", str(db_path), "backup", str(db_path.parent / "c.sqlite3"))
    assert status == 2 and "bị hỏng" in err
    assert raw_dump(db_path) == before
    assert backups.automatic_backups(db_path) == []


# --- 2. paths are paths -----------------------------------------------------------------------

ODD_NAMES = [
    ("Tài liệu%202023", "thidua.sqlite3"),
    ("có dấu cách", "dữ liệu %20 năm 2023.sqlite3"),
    ("thư#mục", "tệp#1.sqlite3"),
    pytest.param(
        "hỏi?đáp",
        "a?b=c.sqlite3",
        marks=pytest.mark.skipif(sys.platform == "win32", reason="'?' is not allowed on Windows"),
    ),
]


@pytest.mark.parametrize(("folder", "name"), ODD_NAMES)
def test_odd_paths_open_the_named_file(
    tmp_path: Path, folder: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / folder / name
    status, _, err = run(capsys, "--db", str(path), "import-figures", str(SAMPLE))
    assert status == 0, err
    assert sorted(os.listdir(tmp_path)) == [folder]  # nothing created anywhere else
    assert name in os.listdir(path.parent)
    assert any("unit_figures" in line and "31396" not in line for line in dump(path))
    with open_storage(path, daily=False) as db:
        assert len(figures.list_figures(db, campaigns.find_period(db).id)) == 15
        made = backups.automatic_backup(db.path, "thu")  # beside the right file
        assert made.parent == path.parent / "backups" and made.name.startswith(name + "-")
        assert quick_problems(made) == []
        with pytest.raises(DatabaseLockedError):  # the lock works
            open_database(path)
    status, _, err = run(capsys, "--db", str(path), "backup", str(tmp_path / folder / "b.sqlite3"))
    assert status == 0, err


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links")
def test_a_hard_link_to_an_open_database_is_refused(db_path: Path) -> None:
    other = db_path.parent.parent / "khac" / "ten-khac.sqlite3"
    other.parent.mkdir()
    os.link(db_path, other)
    refused = "đang được một chương trình khác mở"
    with open_database(db_path), pytest.raises(DatabaseLockedError, match=refused):
        open_database(other)
    # the other name alone is fine, and then the first is refused
    with open_database(other), pytest.raises(DatabaseLockedError):
        open_database(db_path)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights on Windows")
def test_a_symbolic_link_to_an_open_database_is_refused(db_path: Path) -> None:
    link = db_path.parent / "lien-ket.sqlite3"
    link.symlink_to(db_path)
    with open_database(link), pytest.raises(DatabaseLockedError):
        open_database(db_path)


# --- 5. outputs never hit the database --------------------------------------------------------


def _protected_targets(db_path: Path) -> list[Path]:
    name = db_path.name
    return [
        db_path,
        db_path.with_name(name + "-wal"),
        db_path.with_name(name + "-journal"),
        db_path.with_name(name + ".lock"),
        backups_dir(db_path) / "bang-diem.xlsx",
    ]


def test_export_onto_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "du-lieu.xlsx"  # a database that an .xlsx export could name
    assert run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE))[0] == 0
    backups_dir(db_path).mkdir(exist_ok=True)
    before = dump(db_path)
    for target in [db_path, backups_dir(db_path) / "bang-diem.xlsx"]:
        status, _, err = run(capsys, "--db", str(db_path), "export-xlsx", str(target))
        assert status == 2 and str(target) in err and "Traceback" not in err, err
    status, _, err = run(
        capsys, "--db", str(db_path), "export-template", "unit-figures", str(db_path)
    )
    assert status == 2 and "cơ sở dữ liệu" in err
    status, _, err = run(
        capsys, "--db", str(db_path), "report", "bang-diem", "--out", str(backups_dir(db_path))
    )
    assert status == 2 and "sao lưu" in err
    assert dump(db_path) == before
    assert not list(backups_dir(db_path).glob("*.xlsx"))


def test_every_writer_checks_its_target(storage: Database) -> None:
    from app.services import package_keys
    from app.services.documents import build_documents
    from app.services.settings_support import write_rules_file

    db, path = storage, storage.path
    period = campaigns.find_period(db)
    package_keys.create_key(db, "31396")
    before = dump(path)
    rules = campaigns.campaign_rules(db, campaigns.current_campaign(db).id)
    for target in _protected_targets(path):
        with pytest.raises(ProtectedTargetError):
            backups.backup_to(path, target, overwrite=True)
        with pytest.raises(ProtectedTargetError):
            write_rules_file(rules, target, db_path=path)
        with pytest.raises(ProtectedTargetError):
            exports.export_score_table(db, period.id, target)
        with pytest.raises(ProtectedTargetError):
            package_keys.export_key_file(db, "31396", target)
    with pytest.raises(ProtectedTargetError):
        build_documents(db, period.id, ["bang-diem"], backups_dir(path))
    assert dump(path) == before


# --- 6. backups worth keeping -----------------------------------------------------------------


def test_ten_failed_imports_keep_the_history(db_path: Path, tmp_path: Path) -> None:
    from app.scoring import ProblemList

    start = dt.datetime(2023, 11, 1, 8, 0)
    for i in range(3):
        execute(db_path, f"UPDATE unit SET phone = '0{i}' WHERE id = 1")
        backups.automatic_backup(db_path, "thu", now=start + dt.timedelta(days=i))
    kept = _backup_names(db_path)
    execute(db_path, "UPDATE unit SET phone = 'moi' WHERE id = 1")  # a change not backed up yet
    bad = tmp_path / "sai.csv"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace(",2011,2011,", ",abc,2011,"))
    with open_storage(db_path, daily=False) as db:
        before = dump(db_path)
        period = campaigns.find_period(db)
        for _ in range(10):
            with pytest.raises(ProblemList):
                figures.import_figures(db, period.id, bad)
        assert dump(db_path) == before
        assert _backup_names(db_path) == kept
        first = figures.import_figures(db, period.id, SAMPLE)
        assert first.backup_path is not None
        after_first = _backup_names(db_path)
        assert after_first[:3] == kept and len(after_first) == 4
        for _ in range(10):  # the same file again: changes nothing, no backup
            again = figures.import_figures(db, period.id, SAMPLE)
            assert again.changed == () and again.backup_path is None
    assert _backup_names(db_path) == after_first


def test_no_backup_when_nothing_changed(db_path: Path) -> None:
    first = backups.automatic_backup(db_path, "thu")
    assert backups.automatic_backup(db_path, "thu") == first
    assert _backup_names(db_path) == [first.name]
    execute(db_path, "UPDATE unit SET phone = '1' WHERE id = 1")
    assert backups.automatic_backup(db_path, "thu") != first
    assert len(_backup_names(db_path)) == 2


def test_graded_history() -> None:
    now = dt.datetime(2024, 12, 31, 23, 0)
    times = [(now - dt.timedelta(hours=6 * i), Path(f"b{i}")) for i in range(4 * 800)]
    keep = backups.graded_keep(times, now)
    kept = sorted((t for t, p in times if p in keep), reverse=True)
    assert kept[:10] == [t for t, _ in times[:10]]  # the last 10
    days = {t.date() for t in kept if now - t <= dt.timedelta(days=30)}
    assert len(days) == 31  # one a day for 30 days (today and the 30 before)
    older = [t for t in kept if now - t > dt.timedelta(days=31)]
    assert len({(t.year, t.month) for t in older}) == len(older)  # one a month
    assert max(now - t for t in kept) <= dt.timedelta(days=365)
    assert len(keep) < 10 + 31 + 13


def test_graded_history_prunes_a_long_use(db_path: Path) -> None:
    start = dt.datetime(2023, 1, 1, 8, 0)
    for i in range(60):
        execute(db_path, f"UPDATE unit SET phone = '{i}' WHERE id = 1")
        backups.automatic_backup(db_path, "thu", now=start + dt.timedelta(days=7 * i))
    names = _backup_names(db_path)
    assert 10 <= len(names) < 30
    assert names[-1].startswith(
        f"{db_path.name}-tu-dong-{start + dt.timedelta(days=7 * 59):%Y%m%d}"
    )


def test_two_databases_with_the_same_stem_keep_their_own_backups(db_path: Path) -> None:
    twin = db_path.with_suffix(".db")
    twin.write_bytes(db_path.read_bytes())
    mine = backups.automatic_backup(db_path, "thu")
    start = dt.datetime(2023, 12, 1, 8, 0)
    for i in range(15):
        execute(twin, f"UPDATE unit SET phone = '{i}' WHERE id = 1")
        backups.automatic_backup(twin, "thu", now=start + dt.timedelta(minutes=i))
    assert backups.automatic_backups(db_path) == [mine] and mine.exists()
    assert all(p.name.startswith("thidua.db-") for p in backups.automatic_backups(twin))


def test_leftovers_of_an_interrupted_backup_are_removed_at_start(db_path: Path) -> None:
    folder = backups_dir(db_path)
    folder.mkdir()
    mine = folder / f"{db_path.name}-tu-dong-20231201-080000-000000-hang-ngay.sqlite3.tmp"
    restore_left = db_path.with_name(f".{db_path.name}.khoi-phuc.tmp")
    other = folder / "khac.sqlite3-tu-dong-20231201-080000-000000-hang-ngay.sqlite3.tmp"
    for path in (mine, restore_left, other):
        path.write_bytes(b"x" * 100)
    open_storage(db_path).close()
    assert not mine.exists() and not restore_left.exists()
    assert other.exists()  # another database's file is not ours to remove


def _destroy_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = b"\x5a" * 100  # the header: not even the schema version can be read
    path.write_bytes(bytes(data))


def test_unopenable_database_names_its_good_backup_and_restore_works(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = backups.automatic_backup(db_path, backups.REASON_DAILY)
    _destroy_header(db_path)
    with pytest.raises(DamagedDatabaseError, match="Bản sao lưu tốt mới nhất") as refused:
        open_storage(db_path)
    assert refused.value.good_backup == good
    status, _, err = run(capsys, "--db", str(db_path), "ranking")
    assert status == 2 and str(good) in err and "restore" in err
    assert backups.automatic_backups(db_path) == [good]
    status, _, err = run(capsys, "--db", str(db_path), "restore", str(good))
    assert status == 0, err
    with open_storage(db_path) as db:
        assert not db.read_only and len(units.list_units(db)) == 35


def test_window_start_offers_the_good_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import app as ui_app

    good = backups.automatic_backup(db_path, backups.REASON_DAILY)
    _destroy_header(db_path)
    before = raw_dump(db_path)
    asked: list[str] = []

    def refuse(message: str, backup: Path) -> bool:
        asked.append(message)
        return False

    monkeypatch.setattr(ui_app, "offer_restore", refuse)
    with pytest.raises(DamagedDatabaseError):
        ui_app.open_with_way_out(db_path, ask=True)
    assert asked and good.name in asked[0] and raw_dump(db_path) == before
    monkeypatch.setattr(ui_app, "offer_restore", lambda _m, backup: backup == good)
    with ui_app.open_with_way_out(db_path, ask=True) as db:
        assert not db.read_only and len(units.list_units(db)) == 35
