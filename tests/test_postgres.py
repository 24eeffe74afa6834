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
    assert diff == []


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
    assert [e["summary"] for e in audit] == [
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
