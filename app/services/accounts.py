"""Officers' accounts on a PostgreSQL server (the province, each district, each commune), each
limited to its units by the server itself (``app.models.server_roles``). SQLite has no logins."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.models import Database, Unit
from app.models.server_roles import LEVELS, set_account, setup_roles
from app.services import audit
from app.services.errors import ServiceError
from app.text import nfc

LEVEL_LABELS = {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}
_NAME = re.compile(r"^[a-z_][a-z0-9_]{2,62}$")


@dataclass(frozen=True, slots=True)
class AccountInfo:
    name: str
    level: str
    unit_codes: tuple[str, ...]  # empty for the province: every unit


def _server_only(db: Database) -> None:
    if not db.server:
        raise ServiceError(
            "Tài khoản cán bộ chỉ có trên máy chủ PostgreSQL (--db postgresql://…); cơ sở dữ liệu "
            "trên một máy (tệp SQLite) không cần đăng nhập."
        )


def _refused(error: DBAPIError) -> ServiceError:
    reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
    return ServiceError(
        "Máy chủ từ chối: "
        + reason
        + ". Hãy chạy lệnh này bằng tài khoản chủ cơ sở dữ liệu (tài khoản đã tạo cơ sở dữ liệu)."
    )


def setup_server(db: Database) -> None:
    """Create or bring up to date the roles, privileges and row-level security policies."""
    _server_only(db)
    try:
        with db.transaction() as session:
            setup_roles(session.connection())
            audit.record(
                session,
                audit.Action.SERVER_SETUP,
                "Thiết lập vai trò, quyền và chính sách theo đơn vị trên máy chủ",
            )
    except DBAPIError as error:
        raise _refused(error) from error


def set_server_account(
    db: Database,
    name: str,
    level: str,
    unit_codes: Sequence[str] = (),
    password: str | None = None,
) -> AccountInfo:
    """Create or change an officer's login limited to ``unit_codes`` (a district's communes, one
    commune; none for the province). Run ``setup_server`` first."""
    _server_only(db)
    name = nfc(name).strip()
    if not _NAME.match(name):
        raise ServiceError(
            f"Tên tài khoản «{name}» không hợp lệ: dùng 3–63 chữ thường không dấu, chữ số hoặc "
            "dấu gạch dưới, bắt đầu bằng chữ (ví dụ: xa_tan_binh)."
        )
    if level not in LEVELS:
        raise ServiceError(f"Cấp «{level}» không hợp lệ: chọn một trong {', '.join(LEVELS)}.")
    codes = tuple(dict.fromkeys(nfc(c).strip() for c in unit_codes if c.strip()))
    if level == "tinh" and codes:
        raise ServiceError("Tài khoản cấp tỉnh được dùng mọi đơn vị: không cần --units.")
    if level != "tinh" and not codes:
        raise ServiceError(
            f"Tài khoản {LEVEL_LABELS[level]} «{name}» cần danh sách mã đơn vị (--units)."
        )
    try:
        with db.transaction() as session:
            ids = dict(
                session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(codes))).all()
            )
            unknown = [c for c in codes if c not in ids]
            if unknown:
                raise ServiceError(
                    "Không có đơn vị mã " + ", ".join(unknown) + " trong danh sách đơn vị."
                )
            set_account(session.connection(), name, level, [ids[c] for c in codes], password)
            audit.record(
                session,
                audit.Action.SERVER_ACCOUNT,
                f"Tài khoản {LEVEL_LABELS[level]} «{name}»"
                + (f": đơn vị {', '.join(codes)}" if codes else ": mọi đơn vị"),
                subject=name,
                new={"level": level, "units": list(codes)},
            )
    except DBAPIError as error:
        raise _refused(error) from error
    return AccountInfo(name, level, codes)
