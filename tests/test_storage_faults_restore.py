"""Fault injection, part 2: malicious and broken backups offered to ``restore``. Each is refused
with a message saying why, and the live database is exactly as before; a good one replaces it (an
older one upgraded on a copy, another page size accepted) and the restore is audited."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from storage_faults import SAMPLE, dump, execute, overwrite_page, run

from app.models import HEAD_REVISION, DatabaseError, make_engine, open_database, upgrade_schema
from app.models.files import inspect_file, integrity_problems
from app.paths import backups_dir
from app.services import audit, backups, campaigns, figures, restore
from app.services.setup import open_storage

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")


@pytest.fixture
def live(db_path: Path) -> Path:
    """The live database with the sample figures imported."""
    with open_storage(db_path, daily=False) as db:
        figures.import_figures(db, campaigns.find_period(db).id, SAMPLE, backup=False)
    return db_path


@pytest.fixture
def candidate(live: Path, tmp_path: Path) -> Path:
    """A good backup of the live database, for the attacker to edit."""
    return backups.backup_to(live, tmp_path / "sao-luu.sqlite3")


MALICIOUS = {
    "trigger silencing the audit log": (
        "CREATE TRIGGER im_lang AFTER INSERT ON audit_entry BEGIN DELETE FROM audit_entry; END",
        "trigger «im_lang»",
    ),
    "trigger rewriting figures after every import": (
        "CREATE TRIGGER sua_so AFTER UPDATE ON unit_figures BEGIN "
        "UPDATE unit_figures SET online = total WHERE id = NEW.id; END",
        "trigger «sua_so»",
    ),
    "view": ("CREATE VIEW xem AS SELECT * FROM unit", "view «xem»"),
    "extra table": ("CREATE TABLE la (x)", "bảng «la»"),
    "extra index": ("CREATE INDEX ix_la ON unit (phone)", "chỉ mục «ix_la»"),
}


@pytest.mark.parametrize("attack", list(MALICIOUS))
def test_planted_objects_are_refused(live: Path, candidate: Path, attack: str) -> None:
    statement, named = MALICIOUS[attack]
    execute(candidate, statement)
    before = dump(live)
    with pytest.raises(DatabaseError, match="cấu trúc dữ liệu khác") as refused:
        restore.restore_database(live, candidate)
    assert named in str(refused.value) and "không bị thay đổi" in str(refused.value)
    assert dump(live) == before


def test_changed_constraint_is_refused(live: Path, candidate: Path) -> None:
    """The CHECK on figures dropped by rewriting the table's SQL (what a crafted file can hold)."""
    with contextlib.closing(sqlite3.connect(candidate)) as conn:
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, '(online IS NULL OR online >= 0) AND ', '') "
            "WHERE name = 'unit_figures'"
        )
        conn.commit()
    before = dump(live)
    with pytest.raises(DatabaseError, match="bảng «unit_figures» bị sửa"):
        restore.restore_database(live, candidate)
    assert dump(live) == before


BAD_VALUES = {
    "negative figure (breaks the CHECK)": (
        "UPDATE unit_figures SET online = -5 WHERE id = 1",
        "không được âm",
    ),
    "online above total": ("UPDATE unit_figures SET online = total + 100 WHERE id = 1", "lớn hơn"),
    "accounts above online": (
        "UPDATE unit_figures SET accounts = online + 1 WHERE id = 2",
        "số tài khoản nộp",
    ),
    "unknown unit kind (breaks the CHECK)": (
        "UPDATE unit SET kind = 'tinh' WHERE id = 1",
        "bảng unit: có dòng vi phạm ràng buộc",
    ),
    "period ending before it starts (breaks the CHECK)": (
        "UPDATE period SET end_date = '2000-01-01'",
        "bảng period: có dòng vi phạm ràng buộc",
    ),
    "unknown source of figures (breaks the CHECK)": (
        "UPDATE unit_figures SET source_kind = 'gia'",
        "bảng unit_figures",
    ),
}


@pytest.mark.parametrize("attack", list(BAD_VALUES))
def test_values_breaking_the_rules_are_refused(live: Path, candidate: Path, attack: str) -> None:
    statement, named = BAD_VALUES[attack]
    with contextlib.closing(sqlite3.connect(candidate)) as conn:
        conn.execute("PRAGMA ignore_check_constraints=ON")
        conn.execute(statement)
        conn.commit()
    before = dump(live)
    with pytest.raises(DatabaseError, match="Không khôi phục") as refused:
        restore.restore_database(live, candidate)
    assert named in str(refused.value)
    assert dump(live) == before


@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("rules_json", "{không phải JSON", "quy tắc"),
        ("rules_json", '{"format": 1, "name": "x"}', "quy tắc"),
        ("rules_json", "[]", "quy tắc"),
        ("settings_json", "[1, 2]", "thiết lập"),
    ],
)
def test_invalid_rules_json_is_refused(
    live: Path, candidate: Path, column: str, value: str, named: str
) -> None:
    with contextlib.closing(sqlite3.connect(candidate)) as conn:
        conn.execute(f"UPDATE campaign SET {column} = ?", (value,))
        conn.commit()
    before = dump(live)
    with pytest.raises(DatabaseError, match="dữ liệu không hợp lệ") as refused:
        restore.restore_database(live, candidate)
    assert named in str(refused.value)
    assert dump(live) == before


def test_damaged_backup_is_refused(live: Path, candidate: Path) -> None:
    overwrite_page(candidate, "unit_figures")
    before = dump(live)
    with pytest.raises(DatabaseError, match="bị hỏng"):
        restore.restore_database(live, candidate)
    assert dump(live) == before


def test_failed_upgrade_leaves_the_live_database(live: Path, tmp_path: Path) -> None:
    """An older backup whose upgrade fails (a table of the next revision planted in it) is refused;
    the live database opens as before (it was never replaced by a half-upgraded copy)."""
    old = tmp_path / "cu.sqlite3"
    engine = make_engine(old)
    upgrade_schema(engine, "0002")
    engine.dispose()
    execute(old, "PRAGMA journal_mode=DELETE", "CREATE TABLE dossier (x)")
    before = dump(live)
    with pytest.raises(DatabaseError, match="không nâng cấp được") as refused:
        restore.restore_database(live, old)
    assert "«0002»" in str(refused.value)
    assert dump(live) == before
    assert inspect_file(old).revision == "0002"  # the candidate itself untouched
    open_database(live).close()
    assert not list(live.parent.glob("*.tmp"))


def test_restore_command_refuses_with_exit_2(
    live: Path, candidate: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    execute(candidate, MALICIOUS["trigger silencing the audit log"][0])
    before = dump(live)
    status, _, err = run(capsys, "--db", str(live), "restore", str(candidate))
    assert status == 1 and "trigger «im_lang»" in err and "Traceback" not in err
    assert dump(live) == before


def test_good_restore_is_audited_and_upgrades_an_old_backup(live: Path, tmp_path: Path) -> None:
    old = tmp_path / "cu.sqlite3"
    engine = make_engine(old)
    upgrade_schema(engine, "0001")
    engine.dispose()
    result = restore.restore_database(live, old)
    assert result.revision == "0001" and inspect_file(live).revision == HEAD_REVISION
    assert result.previous_backup is not None
    with open_database(live) as db:
        entries = audit.list_audit(db, action=audit.Action.RESTORE.value)
    assert len(entries) == 1 and "cu.sqlite3" in entries[0].summary
    assert audit.Action.RESTORE.label == "Khôi phục dữ liệu từ bản sao lưu"


def test_restore_of_another_page_size(live: Path, candidate: Path) -> None:
    execute(candidate, "PRAGMA page_size=8192", "VACUUM")
    with contextlib.closing(sqlite3.connect(candidate)) as conn:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    expected = [line for line in dump(candidate) if "audit_entry" not in line]
    restore.restore_database(live, candidate)
    assert [line for line in dump(live) if "audit_entry" not in line] == expected
    open_database(live).close()


def test_restore_of_a_damaged_live_database(live: Path, candidate: Path) -> None:
    """The way out of damage: the good backup replaces the damaged database; the damage itself
    is not backed up."""
    overwrite_page(live, "audit_entry")
    count = len(backups.automatic_backups(live))
    restore.restore_database(live, candidate)
    with open_storage(live, daily=False) as db:
        assert not db.read_only
    assert len(backups.automatic_backups(live)) == count


def test_broken_foreign_keys_are_refused(live: Path, candidate: Path) -> None:
    with contextlib.closing(sqlite3.connect(candidate)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE nomination SET unit_id = 9999")
        conn.execute("UPDATE unit_figures SET period_id = 77 WHERE id = 1")
        conn.commit()
    before = dump(live)
    with pytest.raises(DatabaseError, match="khóa ngoại hỏng ở bảng unit_figures"):
        restore.restore_database(live, candidate)
    assert dump(live) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize(
    ("stage", "after"),
    [("checking", 0.0), ("checking", 0.2), ("replacing", 0.0), ("replacing", 0.01)],
)
def test_restore_killed_at_any_moment_leaves_old_or_new(
    live: Path, tmp_path: Path, stage: str, after: float
) -> None:
    """kill -9 during a restore of a big backup — while its copy is checked, or once the current
    data was backed up and the copy replaces it: the database is the old one or the new one,
    sound; the next start removes the restore's temporary copy."""
    big = backups.backup_to(live, tmp_path / "lon.sqlite3")
    rows = ", ".join(f"(1, 'HS{i:07d}', 1, 1, 'tk{i}', NULL)" for i in range(2000))
    execute(
        big,
        *[
            f"INSERT INTO dossier (period_id, code, unit_id, online, account, received_on) VALUES {rows}".replace(
                "HS", f"HS{j}-"
            )
            for j in range(60)
        ],
    )
    old, new = dump(live), dump(big)
    process = subprocess.Popen(
        [sys.executable, "main.py", "--db", str(live), "restore", str(big)],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def reached() -> bool:
        if stage == "checking":
            return live.with_name(f".{live.name}.khoi-phuc.tmp").exists()
        return any(backups_dir(live).glob("*-truoc-khoi-phuc.sqlite3"))

    deadline = time.monotonic() + 60
    while not reached() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    assert reached(), "the restore did not reach the stage"
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert integrity_problems(live) == []
    without_audit = [line for line in dump(live) if "audit_entry" not in line]
    assert without_audit in (
        [line for line in old if "audit_entry" not in line],
        [line for line in new if "audit_entry" not in line],
    )
    open_storage(live, daily=False).close()
    assert not list(live.parent.glob(".*.tmp"))
