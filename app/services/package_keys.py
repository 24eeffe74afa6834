"""The keys that sign commune packages (DATA-FORMAT.md section D).

The district makes one key per commune or town (``create_key``) and hands it over once, as a small
key file (``export_key_file``) or a code to type (``key_code``); the commune's program stores it
(``enter_key``). Both programs keep it in the database (table ``package_key``), and every package
either exports for the unit is signed with it (``next_signer``). Creating, replacing and entering a
key are audited (by the key's fingerprint, never the key itself).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FileAccessError
from app.exchange.package import Signer
from app.exchange.signature import (
    KeyCodeError,
    fingerprint,
    key_code,
    key_file_text,
    new_secret,
    parse_key_code,
    read_key_file,
)
from app.models import Database, PackageKey, Unit
from app.services import audit
from app.services.errors import ServiceError
from app.services.outputs import check_output
from app.services.units import get_unit_row

__all__ = [
    "KeyCodeError",
    "KeyInfo",
    "create_key",
    "enter_key",
    "export_key_file",
    "key_info",
    "list_keys",
    "show_key_code",
]


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """A unit and its package key (``has_key`` False: none yet)."""

    unit_code: str
    unit_name: str
    has_key: bool
    fingerprint: str = ""
    created_at: dt.datetime | None = None
    last_sequence: int = 0

    @property
    def status(self) -> str:
        if not self.has_key:
            return "Chưa có khóa"
        return f"Có khóa {self.fingerprint[:8]} (tạo {self.created_at:%d/%m/%Y %H:%M})"


def _row(session: Session, unit: Unit) -> PackageKey | None:
    return session.scalar(select(PackageKey).where(PackageKey.unit_id == unit.id))


def _info(unit: Unit, row: PackageKey | None) -> KeyInfo:
    if row is None:
        return KeyInfo(unit.code, unit.name, False)
    return KeyInfo(
        unit.code,
        unit.name,
        True,
        fingerprint(bytes.fromhex(row.secret)),
        row.created_at,
        row.last_sequence,
    )


def list_keys(db: Database) -> list[KeyInfo]:
    """Every active commune and town with its key, in register order."""
    with db.transaction() as session:
        units = session.scalars(
            select(Unit)
            .where(Unit.active.is_(True), Unit.kind.in_(("xa", "thi_tran")))
            .order_by(Unit.sort_order, Unit.code)
        ).all()
        keys = {k.unit_id: k for k in session.scalars(select(PackageKey))}
        return [_info(u, keys.get(u.id)) for u in units]


def key_info(db: Database, unit_code: str) -> KeyInfo:
    with db.transaction() as session:
        unit = get_unit_row(session, unit_code)
        return _info(unit, _row(session, unit))


def _store(session: Session, unit: Unit, secret: bytes) -> tuple[PackageKey, str | None]:
    """Store ``secret`` as the unit's key; returns the row and the fingerprint it replaced."""
    row = _row(session, unit)
    old = None if row is None else fingerprint(bytes.fromhex(row.secret))
    if row is None:
        row = PackageKey(unit_id=unit.id, last_sequence=0)
        session.add(row)
    row.secret = secret.hex()
    row.created_at = audit.now()
    session.flush()
    return row, old


def create_key(db: Database, unit_code: str, *, replace: bool = False) -> KeyInfo:
    """Make a new key for the unit (district). A unit that has one keeps it unless ``replace``
    (then the commune's old key no longer signs packages the district accepts)."""
    with db.transaction() as session:
        unit = get_unit_row(session, unit_code)
        if _row(session, unit) is not None and not replace:
            raise ServiceError(
                f"{unit.name} ({unit.code}) đã có khóa ký gói. Cấp lại khóa mới thì khóa cũ của "
                "đơn vị không dùng được nữa: hãy chọn «Cấp lại khóa» (lệnh: --replace)."
            )
        row, old = _store(session, unit, new_secret())
        new = fingerprint(bytes.fromhex(row.secret))
        action = (
            audit.Action.PACKAGE_KEY_CREATE if old is None else audit.Action.PACKAGE_KEY_REPLACE
        )
        audit.record(
            session,
            action,
            f"{action.label} của {unit.name} ({unit.code}): mã khóa {new[:8]}",
            subject=unit.code,
            old=None if old is None else {"key_id": old},
            new={"key_id": new},
        )
        return _info(unit, row)


def show_key_code(db: Database, unit_code: str) -> str:
    """The code of the unit's key, to read to the commune or print."""
    with db.transaction() as session:
        unit = get_unit_row(session, unit_code)
        row = _row(session, unit)
        if row is None:
            raise ServiceError(f"{unit.name} ({unit.code}) chưa có khóa ký gói: hãy tạo khóa.")
        return key_code(unit.code, bytes.fromhex(row.secret))


def export_key_file(db: Database, unit_code: str, out: Path) -> Path:
    """Write the unit's key file (a few lines of text) to ``out``, atomically."""
    out = Path(out)
    with db.transaction() as session:
        unit = get_unit_row(session, unit_code)
        row = _row(session, unit)
        if row is None:
            raise ServiceError(f"{unit.name} ({unit.code}) chưa có khóa ký gói: hãy tạo khóa.")
        text = key_file_text(unit.code, unit.name, bytes.fromhex(row.secret))
    partial = out.with_name(f".{out.name}.dang-ghi")
    check_output(db, out)
    check_output(db, partial)
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, out)
    except OSError as error:
        raise FileAccessError.of(error, out) from error
    finally:
        partial.unlink(missing_ok=True)
    return out


def enter_key(
    db: Database, unit_code: str, *, code: str | None = None, file: Path | None = None
) -> KeyInfo:
    """Store the key the district gave the unit (commune mode): typed ``code`` or a key ``file``.
    Refused (KeyCodeError) for a mistyped code, or a file or code of another unit."""
    if file is not None:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise FileAccessError.of(error, path) from error
        file_unit, file_name, code = read_key_file(data, path.name)
        if file_unit != unit_code:
            raise KeyCodeError(
                f"Tệp {path.name} là khóa của đơn vị {file_unit} ({file_name}), không phải của "
                f"đơn vị {unit_code}: không nạp."
            )
    if code is None:
        raise KeyCodeError(f"Chưa có mã khóa của đơn vị {unit_code}.")
    secret = parse_key_code(code, unit_code)
    with db.transaction() as session:
        unit = get_unit_row(session, unit_code)
        row, old = _store(session, unit, secret)
        new = fingerprint(secret)
        audit.record(
            session,
            audit.Action.PACKAGE_KEY_ENTER,
            f"Nhập khóa ký gói của {unit.name} ({unit.code}): mã khóa {new[:8]}",
            subject=unit.code,
            old=None if old is None else {"key_id": old},
            new={"key_id": new},
        )
        return _info(unit, row)


def next_signer(session: Session, unit: Unit) -> Signer | None:
    """The unit's key and the next package number (stored at once), or None without a key."""
    row = _row(session, unit)
    if row is None:
        return None
    row.last_sequence += 1
    session.flush()
    return Signer(bytes.fromhex(row.secret), row.last_sequence)


def unit_secret(session: Session, unit: Unit) -> bytes | None:
    row = _row(session, unit)
    return None if row is None else bytes.fromhex(row.secret)


def signed_by(session: Session, key_id: str) -> tuple[Unit, bytes] | None:
    """The unit whose key has fingerprint ``key_id``, with the key (None: no such key here)."""
    for row in session.scalars(select(PackageKey)):
        secret = bytes.fromhex(row.secret)
        if key_id and fingerprint(secret) == key_id:
            return row.unit, secret
    return None


def note_sequence(session: Session, unit: Unit, sequence: int | None) -> None:
    """Remember that a package numbered ``sequence`` was imported for the unit: packages this
    program exports for it continue after it."""
    row = _row(session, unit)
    if row is not None and sequence is not None and sequence > row.last_sequence:
        row.last_sequence = sequence
