"""The storage layer: schema constraints, durable settings, the lock, refusing foreign/newer files."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import paths
from app.models import (
    AuditEntry,
    Campaign,
    Database,
    DatabaseLockedError,
    NewerDatabaseError,
    Nomination,
    NotOurDatabaseError,
    Period,
    TieSettlementRow,
    Unit,
    UnitFiguresRow,
    open_database,
)
from app.models.files import inspect_file, integrity_problems
from app.models.lock import lock_path

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2023, 12, 31, 8, 0)


def test_pragmas_wal_full_sync_foreign_keys(sqlite_storage: Database) -> None:
    with sqlite_storage.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_model_round_trips(storage: Database) -> None:
    with storage.transaction() as session:
        campaign = Campaign(
            name="Thử",
            year=2024,
            plan_number="1/KH",
            plan_date=dt.date(2024, 1, 2),
            issuing_body="UBND",
            rules_json="{}",
            settings_json="{}",
            created_at=NOW,
        )
        period = Period(
            campaign=campaign,
            name="Kỳ 1",
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2024, 6, 30),
            is_final=False,
        )
        unit = Unit(code="X1", name="Xã Một", kind="xa", active=True, sort_order=99)
        session.add_all([campaign, period, unit])
        session.flush()
        session.add_all(
            [
                UnitFiguresRow(
                    period_id=period.id,
                    unit_id=unit.id,
                    online=1,
                    total=2,
                    accounts=None,
                    eid=3,
                    citizens=4,
                    source_kind="package",
                    source_name="goi.xlsx",
                    updated_at=NOW,
                ),
                Nomination(
                    period_id=period.id,
                    unit_id=unit.id,
                    full_name="Nguyễn Văn A",
                    position="Công chức",
                    achievement_summary="Tốt",
                    birth_date=dt.date(1990, 5, 6),
                    gender="Nữ",
                    created_at=NOW,
                ),
                TieSettlementRow(
                    period_id=period.id, order_json='["X1"]', reason="Hội đồng", created_at=NOW
                ),
                AuditEntry(at=NOW, action="test", summary="s", old_json=None, new_json="1"),
            ]
        )
    with storage.transaction() as session:
        unit = session.scalars(select(Unit).where(Unit.code == "X1")).one()
        assert unit.profile_text == "" and unit.active
        figures = session.scalars(
            select(UnitFiguresRow).where(UnitFiguresRow.unit_id == unit.id)
        ).one()
        assert (figures.online, figures.accounts, figures.source_kind) == (1, None, "package")
        nomination = session.scalars(select(Nomination).where(Nomination.unit_id == unit.id)).one()
        assert nomination.birth_date == dt.date(1990, 5, 6) and nomination.gender == "Nữ"
        assert nomination.unit.code == "X1"
        period = session.scalars(select(Period).where(Period.name == "Kỳ 1")).one()
        assert period.campaign.plan_date == dt.date(2024, 1, 2)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO unit (code, name, kind, active, sort_order, address, phone, head_name, "
        "head_title) VALUES ('Z', 'Z', 'huyen', TRUE, 0, '', '', '', '')",
        "UPDATE unit_figures SET online = -1",
        "UPDATE unit_figures SET source_kind = 'email'",
        "UPDATE nomination SET gender = 'Khác'",
        "UPDATE nomination SET unit_id = 99999",
        "UPDATE period SET is_final = TRUE",  # a second final period in the campaign
        "UPDATE period SET end_date = '2000-01-01'",
        "INSERT INTO unit (code, name, kind, active, sort_order, address, phone, head_name, "
        "head_title) VALUES ('31396', 'trùng', 'xa', TRUE, 0, '', '', '', '')",
    ],
)
def test_constraints_refuse_bad_rows(storage: Database, statement: str) -> None:
    from app.scoring import UnitFigures, UnitKind
    from app.services import campaigns, figures, nominations

    period = campaigns.find_period(storage)
    campaigns.add_period(
        storage, period.campaign_id, "Sơ kết", dt.date(2023, 9, 1), dt.date(2023, 10, 31)
    )
    figures.set_unit_figures(
        storage, period.id, UnitFigures("31396", "", UnitKind.THI_TRAN, 1, 2, 1, 3, 4)
    )
    nominations.add_nomination(storage, period.id, "31396", "Lê Thị B", "Công chức")
    with pytest.raises(IntegrityError), storage.transaction() as session:
        session.connection().exec_driver_sql(statement)


def test_second_open_is_refused_and_lock_released_on_close(db_path: Path) -> None:
    first = open_database(db_path)
    with pytest.raises(DatabaseLockedError, match="đang được một chương trình khác mở"):
        open_database(db_path)
    first.close()
    open_database(db_path).close()


def test_lock_held_by_another_live_process(db_path: Path) -> None:
    holder = _hold_lock(db_path)
    try:
        with pytest.raises(DatabaseLockedError) as error:
            open_database(db_path)
        assert f"tiến trình {holder.pid}" in str(error.value)
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_stale_lock_of_a_killed_process_is_taken_over(db_path: Path) -> None:
    holder = _hold_lock(db_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(db_path).read_text().startswith(str(holder.pid))  # left behind
    open_database(db_path).close()


def _hold_lock(db_path: Path) -> subprocess.Popen[str]:
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from app.models.lock import DatabaseLock
        lock = DatabaseLock(Path({str(db_path)!r}))
        lock.acquire()
        print("locked", flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="phiên bản mới hơn"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    # the lock was released:
    from app.models.lock import DatabaseLock

    lock = DatabaseLock(db_path)
    lock.acquire()
    lock.release()


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("không phải cơ sở dữ liệu " * 100)
    with pytest.raises(NotOurDatabaseError):
        open_database(text_file)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotOurDatabaseError, match="không phải cơ sở dữ liệu"):
        open_database(other)


def test_missing_database_not_created_when_asked(tmp_path: Path) -> None:
    from app.models import DatabaseError

    with pytest.raises(DatabaseError, match="init"):
        open_database(tmp_path / "none.sqlite3", create=False)
    assert inspect_file(tmp_path / "none.sqlite3").empty


def test_transaction_rolls_back_everything(storage: Database) -> None:
    with pytest.raises(RuntimeError), storage.transaction() as session:
        session.add(Unit(code="R1", name="R", kind="xa", active=True, sort_order=1))
        session.flush()
        raise RuntimeError
    with storage.transaction() as session:
        assert session.scalar(select(Unit).where(Unit.code == "R1")) is None
    if not storage.server:
        assert integrity_problems(storage.path) == []


def test_paths_default_override_and_portable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert paths.database_path(tmp_path / "x.sqlite3") == (tmp_path / "x.sqlite3").resolve()
    assert paths.database_path().name == paths.DB_FILE_NAME
    assert paths.backups_dir(tmp_path / "x.sqlite3") == tmp_path / "backups"
    exe = tmp_path / "app" / "ThiDua.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.data_dir() != exe.parent / "data"  # no marker: the user's data folder
    (exe.parent / "portable").write_text("")
    assert paths.data_dir() == exe.parent.resolve() / "data"
    assert paths.database_path() == exe.parent.resolve() / "data" / paths.DB_FILE_NAME
