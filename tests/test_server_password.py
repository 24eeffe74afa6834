"""A password typed in the server's address (Cài đặt → Máy chủ dữ liệu) is not kept in the address
the program remembers: it goes into PostgreSQL's own password file, where libpq finds it at the next
start — checked against a real server that asks this account for its password."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.errors import UserError
from app.services import connection
from tests.test_commands_storage import run

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
PASSWORD = "mk:có\\dấu"  # a colon and a backslash: escaped in the password file
_names = itertools.count()


def _asks_password(cluster: Any, name: str) -> bool:
    try:
        psycopg.connect(cluster.url("postgres", user=name), connect_timeout=2).close()
    except psycopg.OperationalError:
        return True
    return False


@pytest.fixture
def officer(pg_cluster: Any, pg_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    """An officer's account with a password, which the server asks for (scram-sha-256)."""
    name = f"can_bo_mat_khau_{os.getpid()}_{next(_names)}"
    assert run(capsys, "--db", pg_url, "server-setup")[0] == 0
    status, _out, err = run(
        capsys, "--db", pg_url, "server-account", name, "--level", "tinh", "--password", PASSWORD
    )
    assert status == 0, err
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        row = admin.execute("SHOW hba_file").fetchone()
        assert row is not None
        hba = Path(row[0])
        original = hba.read_text()
        hba.write_text(f"local all {name} scram-sha-256\n{original}")
        admin.execute("SELECT pg_reload_conf()")
    try:
        deadline = time.monotonic() + 10
        while not _asks_password(pg_cluster, name) and time.monotonic() < deadline:
            time.sleep(0.1)
        yield name
    finally:
        hba.write_text(original)
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            admin.execute("SELECT pg_reload_conf()")


def test_the_password_goes_to_the_password_file_not_the_address(
    officer: str, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passwords = tmp_path / "pgpass"
    other = "may-khac:5432:*:ai_do:bi-mat\n"  # another server's line: kept
    passwords.write_text(other, encoding="utf-8")
    monkeypatch.setenv("PGPASSFILE", str(passwords))
    bare = pg_url.replace("postgresql://thidua_admin@", f"postgresql://{officer}@", 1)
    typed = bare.replace(f"://{officer}@", f"://{officer}:{quote(PASSWORD, safe='')}@", 1)
    with pytest.raises(UserError, match="Không kết nối được máy chủ"):
        connection.check_server(bare)  # no password anywhere: the server refuses
    assert "Kết nối được" in connection.check_server(typed)

    said = connection.remember_server(typed)
    assert f"tệp mật khẩu của PostgreSQL ({passwords})" in said
    remembered = connection.remembered_server()
    assert remembered is not None and make_url(remembered).password is None
    assert quote(PASSWORD, safe="") not in connection.connection_file().read_text()
    server = make_url(pg_url)
    socket, port = server.query["host"], server.query["port"]  # the socket folder, as libpq matches
    escaped = PASSWORD.replace("\\", "\\\\").replace(":", "\\:")
    assert passwords.read_text(encoding="utf-8") == (
        f"{other}{socket}:{port}:{server.database}:{officer}:{escaped}\n"
    )
    if sys.platform != "win32":
        assert passwords.stat().st_mode & 0o777 == 0o600  # libpq ignores it otherwise
    # the next start: the address without password, libpq reads the password file
    assert "Kết nối được" in connection.check_server(remembered)
    # saved again with another password: its line replaced, not added
    connection.remember_server(typed.replace(quote(PASSWORD, safe=""), "khac", 1))
    assert passwords.read_text(encoding="utf-8").count(f":{officer}:") == 1
    assert connection.remember_server(None).startswith("Lần mở sau chương trình dùng tệp")
