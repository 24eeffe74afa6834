"""A data server's password kept where libpq (psycopg) looks for it — PostgreSQL's password file —
instead of in the address the program remembers (Cài đặt → Máy chủ dữ liệu), as the server guide
(docs/may-chu-postgresql.md) asks of the IT officer.

The file is the one libpq reads: ``PGPASSFILE`` when set, else ``%APPDATA%\\postgresql\\pgpass.conf``
on Windows and ``~/.pgpass`` elsewhere (readable by its owner only: libpq ignores it otherwise).
One line per server, port, database and account (``host:port:database:user:password``, ``:`` and
``\\`` escaped); saving a password replaces that line and keeps every other.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app.services.errors import ServiceError

DEFAULT_PORT = "5432"
LOCAL_HOST = "localhost"  # what libpq matches when the address names no host


def password_file() -> Path:
    """Where libpq looks for passwords on this computer."""
    chosen = os.environ.get("PGPASSFILE")
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        roaming = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(roaming) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _fields(line: str) -> list[str]:
    """The fields of a password-file line (escapes kept, as written)."""
    return re.split(r"(?<!\\):", line.rstrip("\n"), maxsplit=4)


def _query_value(value: str | tuple[str, ...] | None) -> str | None:
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def keep_password_apart(url: str) -> str:
    """Write the password of ``url`` (if any) into the password file and return the address
    without it. Raises ServiceError (Vietnamese) when the file cannot be written."""
    parsed = make_url(url)
    if not parsed.password:
        return url
    # as libpq matches it: the host (or socket folder) given, else "localhost"
    host = parsed.host or _query_value(parsed.query.get("host")) or LOCAL_HOST
    port = str(parsed.port or _query_value(parsed.query.get("port")) or DEFAULT_PORT)
    user = parsed.username or ""
    key = [_escape(host), _escape(port), _escape(parsed.database or user), _escape(user)]
    line = ":".join([*key, _escape(str(parsed.password))]) + "\n"
    path = password_file()
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        lines = []
    except OSError as error:
        raise ServiceError(f"Không đọc được tệp mật khẩu {path}: {error.strerror}") from error
    kept = [old for old in lines if _fields(old)[:4] != key]
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.dang-ghi")
        partial.write_text("".join([*kept, line]), encoding="utf-8")
        if os.name != "nt":
            partial.chmod(0o600)  # libpq ignores a password file others can read
        os.replace(partial, path)
    except OSError as error:
        raise ServiceError(
            f"Không ghi được mật khẩu vào tệp mật khẩu của PostgreSQL {path}: {error.strerror}. "
            "Địa chỉ chưa được lưu."
        ) from error
    without = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )  # (URL.set cannot take a value away)
    return without.render_as_string(hide_password=False)


__all__ = ["keep_password_apart", "password_file"]
