"""PostgreSQL as the second backend: its migrations, its refusals, and the portable backup and
restore (a server database to an SQLite file and back)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.models import HEAD_REVISION, SCHEMA_REVISIONS, Base, DatabaseError, NotOurDatabaseError
from app.models.backend import open_target
from app.models.files import inspect_file, integrity_problems
from app.models.migrations.versions.rev_0007_versions_accounts import DOSSIER_FOREIGN_KEYS
from app.models.postgres import (
    display_url,
    is_server_url,
    make_server_engine,
    open_server_database,
    upgrade_connection,
)
from tests.conftest import GOLDEN_DIR, pg_admin
from tests.test_commands_storage import run

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")


def test_server_urls_are_told_from_files() -> None:
    assert is_server_url("postgresql://an@/thidua?host=/run/postgresql&port=5433")
    assert is_server_url("postgres://an:mk@may-chu/thidua")
    assert not is_server_url("C:/Dữ liệu/thidua.sqlite3")
    assert not is_server_url("postgresql.sqlite3")
    assert display_url("postgresql://an:bi-mat@may-chu:5432/thidua") == (
        "postgresql://an:***@may-chu:5432/thidua"
    )


def test_migrations_step_by_step_build_exactly_the_models(pg_blank_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_server_engine(pg_blank_url)
    try:
        for revision in SCHEMA_REVISIONS:
            with engine.begin() as connection:
                upgrade_connection(connection, revision)
                assert (
                    connection.scalar(text("SELECT version_num FROM alembic_version")) == revision
                )
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    # the dossier's references are statement triggers on PostgreSQL (revision 0007)
    assert sorted(d[1].name for d in diff) == sorted(DOSSIER_FOREIGN_KEYS)
    assert {d[0] for d in diff} == {"add_fk"}


def test_an_older_server_schema_is_upgraded_on_open(pg_blank_url: str) -> None:
    engine = make_server_engine(pg_blank_url)
    with engine.begin() as connection:
        upgrade_connection(connection, "0003")
        connection.execute(
            text(
                "INSERT INTO unit (code, name, kind, active, sort_order, address, phone, "
                "head_name, head_title) VALUES ('31396', 'Thị trấn Cây Dương', 'thi_tran', TRUE, "
                "1, '', '', '', '')"
            )
        )
    engine.dispose()
    with open_server_database(pg_blank_url) as db, db.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION
        assert connection.scalar(text("SELECT code FROM unit")) == "31396"


def test_foreign_newer_and_unreachable_servers_are_refused(
    pg_cluster: Any, pg_blank_url: str
) -> None:
    engine = make_server_engine(pg_blank_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE khach_hang (id integer)"))
    with pytest.raises(NotOurDatabaseError, match="không phải của chương trình"):
        open_server_database(pg_blank_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE khach_hang"))
        upgrade_connection(connection)
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="phiên bản mới hơn"):
        open_server_database(pg_blank_url)
    with pytest.raises(DatabaseError, match="Không kết nối được máy chủ"):
        open_target(pg_cluster.url("khong_co_csdl_nay"))
    with pytest.raises(DatabaseError, match="chưa có dữ liệu"):
        pg_admin(pg_cluster, "CREATE DATABASE thidua_chua_co")
        open_target(pg_cluster.url("thidua_chua_co"), create=False)


def test_portable_backup_and_restore_into_an_empty_server(
    pg_url: str, pg_blank_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = GOLDEN_DIR / "sample-units-2023.csv"
    assert run(capsys, "--db", pg_url, "import-figures", str(sample))[0] == 0
    status, ranking, _ = run(capsys, "--db", pg_url, "ranking", "--json")
    assert status == 0 and json.loads(ranking)[0]["total"] == "100.00"
    saved = tmp_path / "mang-ve.sqlite3"
    status, out, _ = run(capsys, "--db", pg_url, "backup", str(saved))
    assert status == 0 and "Đã sao lưu" in out
    # an ordinary database file of the program: it opens on one PC and ranks the same
    assert inspect_file(saved).revision == HEAD_REVISION and integrity_problems(saved) == []
    assert run(capsys, "--db", str(saved), "ranking", "--json")[1] == ranking
    status, _, err = run(capsys, "--db", pg_url, "restore", str(saved))
    assert status == 1 and "chỉ khôi phục vào một cơ sở dữ liệu trống" in err
    status, out, _ = run(capsys, "--db", pg_blank_url, "restore", str(saved))
    assert status == 0 and "Đã khôi phục" in out
    assert run(capsys, "--db", pg_blank_url, "ranking", "--json")[1] == ranking
    audit = json.loads(run(capsys, "--db", pg_blank_url, "audit", "--json", "--limit", "0")[1])
    assert audit[0]["summary"] == "Khôi phục dữ liệu từ tệp mang-ve.sqlite3 vào máy chủ"
    assert [e["summary"] for e in audit[1:]] == [
        e["summary"]
        for e in json.loads(run(capsys, "--db", pg_url, "audit", "--json", "--limit", "0")[1])
    ]
    # the sequences moved past the restored rows: new rows can be added
    status, _, _ = run(
        capsys, "--db", pg_blank_url, "settle-tie", "--order", "31396", "--reason", "x"
    )
    assert status == 2  # refused by the rules, not by a duplicate id
    from app.services import units
    from app.services.setup import open_storage

    with open_storage(pg_blank_url, daily=False) as db:
        assert units.add_unit(db, "N1", "Xã Mới", "xa").code == "N1"


def test_dossier_references_hold_on_the_server(pg_url: str, tmp_path: Path) -> None:
    """Without per-row foreign keys the server still refuses a dossier of a missing unit or
    period, and deleting a unit or a period deletes its dossiers."""
    import psycopg

    from app.services import campaigns, dossiers
    from app.services.setup import open_storage
    from tests.test_exchange_helpers import write_csv
    from tests.test_imports import HEADER, dossier_rows

    with open_storage(pg_url, daily=False) as db:
        period = campaigns.find_period(db)
        path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 40)])
        dossiers.import_dossiers(db, period.id, path, backup=False)
        extra = campaigns.add_period(
            db, period.campaign_id, "Sơ kết", period.start_date, period.end_date
        )
        dossiers.import_dossiers(db, extra.id, path, backup=False)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        count = "SELECT count(*) FROM dossier"
        assert conn.execute(count).fetchone() == (80,)
        for values in ("(1, 'X1', 99999, TRUE, NULL, NULL)", "(99999, 'X2', 1, TRUE, NULL, NULL)"):
            with pytest.raises(psycopg.errors.ForeignKeyViolation, match="missing"):
                conn.execute(f"INSERT INTO dossier VALUES {values}")
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute("UPDATE dossier SET unit_id = 99999 WHERE code = 'H000001'")
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute(  # a whole set at once, one of them wrong
                "INSERT INTO dossier SELECT period_id, code || 'b', "
                "CASE WHEN code = 'H000003' THEN 99999 ELSE unit_id END, online, account, "
                "received_on FROM dossier"
            )
        conn.execute("DELETE FROM unit_figures; DELETE FROM nomination")
        unit = conn.execute("SELECT unit_id FROM dossier LIMIT 1").fetchone()
        assert unit is not None
        conn.execute("DELETE FROM unit WHERE id = %s", unit)
        assert conn.execute(count).fetchone() == (40,)
        conn.execute("DELETE FROM period WHERE id = %s", [extra.id])
        assert conn.execute(count).fetchone() == (20,)
