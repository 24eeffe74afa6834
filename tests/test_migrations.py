"""Migrations: they build exactly the models' schema, upgrade an old database (backed up first),
and alembic is not even imported when the schema is current."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.models import HEAD_REVISION, SCHEMA_REVISIONS, Base, Unit, make_engine, upgrade_schema
from app.models.database import MIGRATIONS_DIR
from app.models.files import inspect_file, integrity_problems
from app.paths import backups_dir

ROOT = Path(__file__).resolve().parent.parent


def test_revision_list_matches_the_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD_REVISION]
    chain = [r.revision for r in script.walk_revisions()][::-1]
    assert tuple(chain) == SCHEMA_REVISIONS


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(tmp_path / "m.sqlite3")
    upgrade_schema(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def _make_first_revision_db(path: Path) -> None:
    engine = make_engine(path)
    upgrade_schema(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO campaign (name, year, plan_number, issuing_body, rules_json, "
            "settings_json, created_at) VALUES ('Cũ', 2023, '', '', '{}', '{}', '2023-09-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO unit (code, name, kind, active, sort_order, address, phone, head_name, "
            "head_title) VALUES ('31396', 'Thị trấn Cây Dương', 'thi_tran', 1, 1, 'Ấp 1', '', '', '')"
        )
    conn.close()


def test_upgrade_from_the_first_revision_keeps_data_and_backs_up(tmp_path: Path) -> None:
    from app.models import open_database

    path = tmp_path / "old.sqlite3"
    _make_first_revision_db(path)
    assert inspect_file(path).revision == "0001"
    with open_database(path) as db:
        assert inspect_file(path).revision == HEAD_REVISION
        with db.transaction() as session:
            unit = session.scalars(select(Unit)).one()
            assert (unit.code, unit.address, unit.profile_text) == ("31396", "Ấp 1", "")
            unit.profile_text = "Diện tích tự nhiên …"
    assert integrity_problems(path) == []
    saved = list(backups_dir(path).glob("old.sqlite3-truoc-nang-cap-0001-*.sqlite3"))
    assert len(saved) == 1
    assert inspect_file(saved[0]).revision == "0001"
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("SELECT code FROM unit").fetchall() == [("31396",)]
    conn.close()


def test_open_services_on_an_upgraded_database(tmp_path: Path) -> None:
    from app.services import units
    from app.services.setup import open_storage

    path = tmp_path / "old.sqlite3"
    _make_first_revision_db(path)
    with open_storage(path, daily=False) as db:  # has a campaign: not seeded again
        assert [u.code for u in units.list_units(db)] == ["31396"]
        units.update_unit(db, "31396", achievement_text="Hoàn thành xuất sắc", head_name="Ông A")
        assert units.get_unit(db, "31396").achievement_text == "Hoàn thành xuất sắc"


def test_alembic_not_imported_when_schema_is_current(db_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from app.models import open_database; "
        f"open_database(Path({str(db_path)!r})).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
