"""Where the program's data is: the SQLite file on this PC (the default), or a PostgreSQL server
chosen with ``--db postgresql://…`` or remembered from Cài đặt → Máy chủ dữ liệu (used from the
next start). A password typed in the address is kept out of it: it goes into libpq's password file
(``app.services.password_file``; see the guide in docs/may-chu-postgresql.md)."""

from __future__ import annotations

from pathlib import Path

from app import paths
from app.models.backend import is_server_url, open_target
from app.models.postgres import display_url, local_path
from app.services.errors import ServiceError
from app.services.password_file import keep_password_apart, password_file

CONNECTION_FILE = "may-chu-du-lieu.txt"

__all__ = [
    "check_server",
    "display_url",
    "remember_server",
    "remembered_server",
    "storage_target",
]


def connection_file() -> Path:
    return paths.data_dir() / CONNECTION_FILE


def remembered_server() -> str | None:
    """The server address remembered in Cài đặt, or None (the file on this PC)."""
    try:
        text = connection_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text if is_server_url(text) else None


def _checked(url: str) -> str:
    url = url.strip()
    if not is_server_url(url):
        raise ServiceError(
            f"«{url}» không phải địa chỉ máy chủ PostgreSQL: địa chỉ có dạng "
            "postgresql://tài_khoản@máy_chủ/tên_cơ_sở_dữ_liệu (có thể thêm ?host=…&port=…)."
        )
    return url


def remember_server(url: str | None) -> str:
    """Use the server ``url`` from the next start (None: the file on this PC again); says what was
    saved. A password in the address goes into PostgreSQL's password file, never into ours."""
    path = connection_file()
    if url is None or not url.strip():
        path.unlink(missing_ok=True)
        return "Lần mở sau chương trình dùng tệp dữ liệu trên máy này."
    url = _checked(url)
    kept = keep_password_apart(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(kept + "\n", encoding="utf-8")
    said = f"Đã lưu. Lần mở sau chương trình dùng máy chủ {display_url(kept)}."
    if kept != url:
        said += (
            f" Mật khẩu được ghi vào tệp mật khẩu của PostgreSQL ({password_file()}), không ghi "
            "trong địa chỉ."
        )
    return said


def check_server(url: str) -> str:
    """Connect to the server database and say what is there; raises a UserError otherwise
    (unreachable, login refused, not ours, newer)."""
    url = _checked(url)
    with open_target(url, create=False) as db:
        from app.services.campaigns import current_campaign  # noqa: PLC0415

        campaign = current_campaign(db)
    return f"Kết nối được {display_url(url)}: phong trào «{campaign.name}» ({campaign.year})."


def storage_target(db_option: str | None) -> tuple[str | Path, Path]:
    """(what to open, the local file whose folder keeps preferences and logs) for ``--db``: a
    server URL, a file path, else the server remembered in Cài đặt, else the default file."""
    if db_option and is_server_url(db_option):
        return db_option, local_path(db_option)
    if db_option:
        path = paths.database_path(db_option)
        return path, path
    remembered = remembered_server()
    if remembered is not None:
        return remembered, local_path(remembered)
    path = paths.database_path(None)
    return path, path
