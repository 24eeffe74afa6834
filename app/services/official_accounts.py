"""Portal accounts the district registered as officials' (one-stop-shop staff) per unit, by hand or
from a file (all-or-nothing, audited). Their dossiers are counted separately, as filed on others'
behalf (app.services.proxy)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.models import Database, OfficialAccount, Unit
from app.services import audit
from app.services.errors import NotFoundError, ServiceError
from app.text import nfc


@dataclass(frozen=True, slots=True)
class OfficialAccountInfo:
    id: int
    unit_code: str
    unit_name: str
    account: str
    note: str = ""


def list_official_accounts(db: Database) -> list[OfficialAccountInfo]:
    """Every registered account, by unit (register order), then account."""
    with db.transaction() as session:
        rows = session.execute(
            select(OfficialAccount, Unit.code, Unit.name)
            .join(Unit, Unit.id == OfficialAccount.unit_id)
            .order_by(Unit.sort_order, Unit.id, OfficialAccount.account)
        ).all()
        return [OfficialAccountInfo(r.id, code, name, r.account, r.note) for r, code, name in rows]


def _unit_ids(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        return dict(session.execute(select(Unit.code, Unit.id)).all())


def add_official_account(
    db: Database, unit_code: str, account: str, note: str = ""
) -> OfficialAccountInfo:
    """Register one account of a unit (audited); refused when blank or already registered."""
    code, account, note = nfc(unit_code).strip(), nfc(account).strip(), nfc(note).strip()
    if not account:
        raise ServiceError("Tài khoản cán bộ: phải ghi tên tài khoản nộp hồ sơ.")
    with db.transaction() as session:
        unit = session.scalar(select(Unit).where(Unit.code == code))
        if unit is None:
            raise NotFoundError(f"Không có đơn vị mã {code}.")
        exists = session.scalar(
            select(OfficialAccount.id).where(
                OfficialAccount.unit_id == unit.id, OfficialAccount.account == account
            )
        )
        if exists is not None:
            raise ServiceError(f"Tài khoản «{account}» của {unit.name} ({code}) đã đăng ký.")
        row = OfficialAccount(unit_id=unit.id, account=account, note=note, created_at=audit.now())
        session.add(row)
        session.flush()
        audit.record(
            session,
            audit.Action.OFFICIAL_ACCOUNT_ADD,
            f"Đăng ký tài khoản cán bộ «{account}» của {unit.name}",
            subject=code,
            new={"account": account, "note": note},
        )
        return OfficialAccountInfo(row.id, code, unit.name, account, note)


def remove_official_account(db: Database, account_id: int) -> None:
    with db.transaction() as session:
        row = session.get(OfficialAccount, account_id)
        if row is None:
            raise NotFoundError(f"Không có tài khoản cán bộ số {account_id}.")
        unit = session.get(Unit, row.unit_id)
        code = unit.code if unit is not None else ""
        audit.record(
            session,
            audit.Action.OFFICIAL_ACCOUNT_REMOVE,
            f"Bỏ đăng ký tài khoản cán bộ «{row.account}»",
            subject=code,
            old={"account": row.account, "note": row.note},
        )
        session.delete(row)


def import_official_accounts(db: Database, path: Path) -> int:
    """Register the accounts of a .csv/.xlsx file (unit code or name, account, optional note):
    everything or nothing; accounts already registered are kept. Returns how many were added."""
    from app.exchange.proxy_columns import read_official_accounts  # noqa: PLC0415
    from app.exchange.units import UnitMatcher  # noqa: PLC0415

    with db.transaction() as session:
        known = list(session.execute(select(Unit.code, Unit.name).where(Unit.active.is_(True))))
    rows = read_official_accounts(Path(path), UnitMatcher([(c, n) for c, n in known]))
    ids = _unit_ids(db)
    with db.transaction() as session:
        present: set[tuple[int, str]] = {
            (unit_id, account)
            for unit_id, account in session.execute(
                select(OfficialAccount.unit_id, OfficialAccount.account)
            )
        }
        added = []
        for row in rows:
            key = (ids[row.unit_code], row.account)
            if key in present:
                continue
            present.add(key)
            session.add(
                OfficialAccount(
                    unit_id=key[0], account=row.account, note=row.note, created_at=audit.now()
                )
            )
            added.append({"unit": row.unit_code, "account": row.account})
        audit.record(
            session,
            audit.Action.OFFICIAL_ACCOUNTS_IMPORT,
            f"Nhập {len(added)} tài khoản cán bộ từ {Path(path).name}",
            subject=Path(path).name,
            new=added,
        )
        return len(added)
