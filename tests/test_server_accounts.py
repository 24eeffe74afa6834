"""Officers' accounts on the server, each limited to its units by PostgreSQL itself: what an
account cannot read or change through the program it cannot through raw SQL either; the audit log
names the account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.scoring import UnitFigures, UnitKind
from app.services import audit, campaigns, dossiers, figures, units
from app.services.errors import NotFoundError
from app.services.setup import open_storage
from tests.conftest import GOLDEN_DIR
from tests.test_commands_storage import run
from tests.test_exchange_helpers import write_csv
from tests.test_imports import CAY_DUONG, HEADER, TAN_BINH, dossier_rows, period_id

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
HOA_AN = "31423"


def as_account(url: str, name: str) -> str:
    """The same server database, logged in as ``name``."""
    return url.replace("postgresql://thidua_admin@", f"postgresql://{name}:mat-khau@", 1)


@pytest.fixture
def sample_server(pg_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    """A server database with figures of 15 units and three officers' accounts."""
    assert (
        run(capsys, "--db", pg_url, "import-figures", str(GOLDEN_DIR / "sample-units-2023.csv"))[0]
        == 0
    )
    status, out, err = run(capsys, "--db", pg_url, "server-setup")
    assert status == 0 and "Đã thiết lập" in out, err
    for argv in (
        ("xa_cay_duong", "--level", "xa", "--units", CAY_DUONG),
        ("huyen_phung_hiep", "--level", "huyen", "--units", f"{CAY_DUONG},{TAN_BINH}"),
        ("tinh_hau_giang", "--level", "tinh"),
    ):
        status, out, err = run(capsys, "--db", pg_url, "server-account", *argv, "--password", "mk")
        assert status == 0, err
    yield pg_url


def raw(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(url.replace("postgresql://", "postgresql://", 1), autocommit=True)


def test_a_commune_account_cannot_read_or_change_another_units_rows_even_with_raw_sql(
    sample_server: str,
) -> None:
    with raw(sample_server) as admin:
        ids = dict(admin.execute("SELECT code, id FROM unit").fetchall())
        before = admin.execute("SELECT * FROM unit_figures ORDER BY id").fetchall()
    other = ids[TAN_BINH]
    with raw(as_account(sample_server, "xa_cay_duong")) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("xa_cay_duong",)
        assert conn.execute("SELECT code FROM unit").fetchall() == [(CAY_DUONG,)]
        assert conn.execute("SELECT count(*) FROM unit_figures").fetchone() == (1,)
        assert (
            conn.execute("SELECT * FROM unit_figures WHERE unit_id = %s", [other]).fetchall() == []
        )
        assert (
            conn.execute("UPDATE unit_figures SET online = 0 WHERE unit_id = %s", [other]).rowcount
            == 0
        )
        assert (
            conn.execute("DELETE FROM unit_figures WHERE unit_id <> %s", [ids[CAY_DUONG]]).rowcount
            == 0
        )
        assert conn.execute("UPDATE unit SET name = 'X' WHERE code = %s", [TAN_BINH]).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO nomination (period_id, unit_id, full_name, position, "
                "achievement_summary, created_at, achievement_text, past_awards_text) "
                "VALUES (1, %s, 'A', 'B', '', now(), '', '')",
                [other],
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(  # moving its own row to another unit
                "UPDATE unit_figures SET unit_id = %s WHERE unit_id = %s", [other, ids[CAY_DUONG]]
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE campaign SET name = 'X'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE unit_figures DISABLE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO thidua_access VALUES ('xa_cay_duong', %s)", [other])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET ROLE thidua_admin")
        subjects = {row[0] for row in conn.execute("SELECT subject FROM audit_entry")}
        assert CAY_DUONG in subjects and TAN_BINH not in subjects and HOA_AN not in subjects
    with raw(sample_server) as admin:
        assert admin.execute("SELECT * FROM unit_figures ORDER BY id").fetchall() == before


def test_through_the_program_each_account_sees_and_changes_its_units(
    sample_server: str, tmp_path: Path
) -> None:
    with open_storage(as_account(sample_server, "xa_cay_duong"), daily=False) as db:
        pid = period_id(db)
        assert [u.code for u in figures.period_figures(db, pid)] == [CAY_DUONG]
        mine = UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, 100, 200, 50, 300, 400)
        assert figures.set_unit_figures(db, pid, mine)[0]
        with pytest.raises(NotFoundError):
            figures.set_unit_figures(db, pid, UnitFigures(TAN_BINH, "", UnitKind.XA, 1, 2, 1, 3, 4))
        # a portal export of the whole district: only its own dossiers are stored and counted
        path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 40)])
        result = dossiers.import_dossiers(db, pid, path, replace=True)
        assert set(result.units) == {CAY_DUONG} and result.stored_dossiers == 20
        entries = audit.list_audit(db, limit=3)
        assert {e.account for e in entries} == {"xa_cay_duong"}
        with pytest.raises(Exception, match="permission denied"):
            campaigns.add_period(
                db, campaigns.current_campaign(db).id, "Sơ kết", pid_date(1), pid_date(2)
            )
    with open_storage(as_account(sample_server, "huyen_phung_hiep"), daily=False) as db:
        pid = period_id(db)
        assert {u.code for u in units.list_units(db)} == {CAY_DUONG, TAN_BINH}
        seen = {e.subject for e in audit.list_audit(db)}
        assert CAY_DUONG in seen and HOA_AN not in seen
    with open_storage(as_account(sample_server, "tinh_hau_giang"), daily=False) as db:
        assert len(units.list_units(db)) == 35
        edited = [e for e in audit.list_audit(db) if e.subject == CAY_DUONG and e.account]
        assert edited[0].account == "xa_cay_duong"  # the audit log names who did it
        campaign = campaigns.current_campaign(db)
        campaigns.add_period(db, campaign.id, "Sơ kết", pid_date(1), pid_date(2))


def pid_date(month: int) -> Any:
    import datetime as dt

    return dt.date(2023, 9 + month, 1)


def test_accounts_refused_without_a_server_or_with_bad_input(
    sample_server: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "server-setup")
    assert status == 2 and "chỉ có trên máy chủ PostgreSQL" in err
    status, _, err = run(capsys, "--db", sample_server, "server-account", "Xã A", "--level", "xa")
    assert status == 2 and "không hợp lệ" in err
    status, _, err = run(capsys, "--db", sample_server, "server-account", "xa_a", "--level", "xa")
    assert status == 2 and "cần danh sách mã đơn vị" in err
    status, _, err = run(
        capsys, "--db", sample_server, "server-account", "xa_a", "--level", "xa", "--units", "99999"
    )
    assert status == 2 and "Không có đơn vị mã 99999" in err
    # an officer cannot hand itself more units
    status, _, err = run(
        capsys,
        "--db",
        as_account(sample_server, "xa_cay_duong"),
        "server-account",
        "xa_cay_duong",
        "--level",
        "tinh",
    )
    assert status == 2 and "Máy chủ từ chối" in err
    # an officer's program meeting an older schema cannot upgrade it: told whom to ask
    with raw(sample_server) as admin:
        admin.execute("UPDATE alembic_version SET version_num = '0003'")
    status, _, err = run(capsys, "--db", as_account(sample_server, "xa_cay_duong"), "ranking")
    assert status == 1 and "tài khoản này không có quyền" in err and "tài khoản chủ" in err
    with raw(sample_server) as admin:
        assert admin.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)


def test_a_commune_account_completes_its_dossiers_with_a_later_export(
    sample_server: str, tmp_path: Path
) -> None:
    """Under row-level security, the later export with the owners' columns fills the commune's own
    dossiers (an UPDATE on conflict, allowed on its rows) and still stores nobody else's."""
    from app.services.proxy import period_evidence
    from tests.test_proxy_evidence import tied_export

    export = tied_export()  # Thị trấn Cây Dương and Xã Tân Bình
    with open_storage(as_account(sample_server, "xa_cay_duong"), daily=False) as db:
        pid = period_id(db)
        first = dossiers.import_dossiers(db, pid, export.write(tmp_path / "a.csv", owners=False))
        assert set(first.units) == {CAY_DUONG} and first.stored_dossiers == 40
        again = dossiers.import_dossiers(db, pid, export.write(tmp_path / "b.csv"), backup=False)
        assert (again.new_dossiers, again.completed_dossiers) == (0, 40)
        marked = period_evidence(db, pid).unit(CAY_DUONG).evidence.flagged
        assert [a.account for a in marked] == ["motcua.cd"]
    with raw(sample_server) as admin:  # nobody else's dossiers were stored
        units_stored = admin.execute("SELECT DISTINCT unit_id FROM dossier").fetchall()
        assert len(units_stored) == 1
