"""The awards register (sổ vàng): each award of a period — an awarded collective or a nominated
person — gets a number, in the order of the documents, from the campaign's starting number
(Cài đặt → Thông tin văn bản → «Số sổ vàng bắt đầu từ»). A number once given is kept (it is
printed on the Giấy khen); an award added later takes a number above every one given so far (a
number is never given twice: an award withdrawn keeps its number on record, and an award whose
recipient changed counts as a new one). Renumbering everything from the start is explicit
(``reassign=True``). Both are audited; nothing is written when the numbers are already complete.

- ``register_numbers(db, period_id)``: award key → number, as stored.
- ``assign_register(db, dossier, period_id, reassign=False)``: the numbers of every award of the
  dossier (given now where missing), stored and audited in one transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from app.models import Database, RegisterEntry
from app.reports.dossier import AwardDossier
from app.services import audit
from app.services.campaigns import get_period_row

__all__ = ["assign_register", "register_numbers"]


def register_numbers(db: Database, period_id: int) -> dict[str, int]:
    """Award key → số sổ vàng stored for the period."""
    with db.transaction() as session:
        rows = session.execute(
            select(RegisterEntry.award_key, RegisterEntry.number).where(
                RegisterEntry.period_id == period_id
            )
        )
        return {str(key): int(number) for key, number in rows}


def assign_register(
    db: Database, dossier: AwardDossier, period_id: int, *, reassign: bool = False
) -> dict[str, int]:
    """The numbers of every award of ``dossier`` (made from period ``period_id``): those stored,
    and numbers above every number given so far for awards without one; ``reassign``: every
    award numbered again from the starting number, in the order of the documents."""
    awards = dossier.award_keys()
    recipients = {key: name[:300] for key, name in awards}
    start = dossier.settings.register_start
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        rows = {
            row.award_key: row
            for row in session.scalars(
                select(RegisterEntry).where(RegisterEntry.period_id == period_id)
            )
        }
        old = {key: row.number for key, row in rows.items()}
        stamp = audit.now()
        if reassign:
            numbers = {key: start + index for index, (key, _) in enumerate(awards)}
            session.execute(delete(RegisterEntry).where(RegisterEntry.period_id == period_id))
            session.flush()
            for key, number in numbers.items():
                session.add(_entry(period_id, key, number, recipients[key], stamp))
            moved = {k: v for k, v in numbers.items() if old.get(k) != v}
            summary = f"Cấp lại số sổ vàng cho {len(numbers)} khen thưởng, từ số {start}"
            if not moved:
                summary += " (không số nào thay đổi)"
            audit.record(
                session,
                audit.Action.REGISTER_REASSIGN,
                summary,
                subject=dossier.campaign_name,
                period_name=period.name,
                old=_named({k: v for k, v in old.items() if numbers.get(k) != v}, rows, recipients),
                new=_named(moved, rows, recipients),
            )
            return numbers
        # A number stays with its award; a stored person's id may be given again by the database
        # after a deletion, so the recipient must match too. A number is never given twice: new
        # awards take numbers above every one given (withdrawn awards keep theirs on record).
        numbers = {
            key: old[key]
            for key in recipients
            if key in old and rows[key].recipient == recipients[key]
        }
        following = max([start - 1, *old.values()]) + 1
        given: dict[str, int] = {}
        for key, _ in awards:
            if key not in numbers:
                numbers[key] = given[key] = following
                following += 1
        if not given:
            return numbers
        for key, number in given.items():
            row = rows.get(key)
            if row is None:
                session.add(_entry(period_id, key, number, recipients[key], stamp))
            else:
                row.number, row.recipient, row.assigned_at = number, recipients[key], stamp
        audit.record(
            session,
            audit.Action.REGISTER_ASSIGN,
            f"Cấp số sổ vàng cho {len(given)} khen thưởng: "
            + ", ".join(f"{recipients[k]} ({n})" for k, n in given.items()),
            subject=dossier.campaign_name,
            period_name=period.name,
            old=_named({k: old[k] for k in given if k in old}, rows, recipients),
            new=_named(given, rows, recipients),
        )
    return numbers


def _named(
    numbers: dict[str, int], rows: dict[str, RegisterEntry], recipients: dict[str, str]
) -> dict[str, int] | None:
    """The numbers by recipient, as the audit log shows them ('Nguyễn Văn A': 45); a name met
    twice keeps its award key beside it."""
    if not numbers:
        return None
    names = {k: recipients.get(k) or (rows[k].recipient if k in rows else k) for k in numbers}
    seen = list(names.values())
    return {
        (name if seen.count(name) == 1 else f"{name} ({key})"): numbers[key]
        for key, name in names.items()
    }


def _entry(period_id: int, key: str, number: int, recipient: str, at: dt.datetime) -> RegisterEntry:
    return RegisterEntry(
        period_id=period_id, award_key=key, number=number, recipient=recipient, assigned_at=at
    )
