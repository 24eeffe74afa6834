"""The awards register (sổ vàng): each award of a period — an awarded collective or a nominated
person — gets a number, in the order of the documents, from the campaign's starting number
(Cài đặt → Thông tin văn bản → «Số sổ vàng bắt đầu từ»). A number once given is kept (it is
printed on the Giấy khen); an award added later takes the next free number; an award no longer
made loses its number. Renumbering everything from the start is explicit (``reassign=True``).
Both are audited; nothing is written when the numbers are already complete.

- ``register_numbers(db, period_id)``: award key → number, as stored.
- ``assign_register(db, dossier, period_id, reassign=False)``: the numbers of every award of the
  dossier (given now where missing), stored and audited in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from app.models import Database, RegisterEntry
from app.reports.dossier import AwardDossier
from app.services import audit
from app.services.campaigns import get_period_row

__all__ = ["RegisterLine", "assign_register", "register_lines", "register_numbers"]


@dataclass(frozen=True, slots=True)
class RegisterLine:
    key: str  # "unit:31396", "person:12"
    recipient: str
    number: int


def register_numbers(db: Database, period_id: int) -> dict[str, int]:
    """Award key → số sổ vàng stored for the period."""
    with db.transaction() as session:
        rows = session.execute(
            select(RegisterEntry.award_key, RegisterEntry.number).where(
                RegisterEntry.period_id == period_id
            )
        )
        return {str(key): int(number) for key, number in rows}


def register_lines(dossier: AwardDossier) -> list[RegisterLine]:
    """The dossier's awards with their numbers (those without one are left out)."""
    return [
        RegisterLine(key, recipient, dossier.register[key])
        for key, recipient in dossier.award_keys()
        if key in dossier.register
    ]


def assign_register(
    db: Database, dossier: AwardDossier, period_id: int, *, reassign: bool = False
) -> dict[str, int]:
    """The numbers of every award of ``dossier`` (made from period ``period_id``): those stored,
    and the next free ones for awards without a number; ``reassign``: every award numbered again
    from the starting number, in the order of the documents."""
    awards = dossier.award_keys()
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
        wanted = {key for key, _ in awards}
        if reassign:
            numbers = {key: start + index for index, (key, _) in enumerate(awards)}
        else:
            numbers = {key: old[key] for key in wanted if key in old}
            following = max([start - 1, *numbers.values()]) + 1
            for key, _ in awards:
                if key not in numbers:
                    numbers[key] = following
                    following += 1
        if numbers == old and not reassign:  # asked to renumber: audited even when nothing moved
            return numbers
        session.execute(delete(RegisterEntry).where(RegisterEntry.period_id == period_id))
        session.flush()
        stamp = audit.now()
        recipients = dict(awards)
        for key, number in numbers.items():
            session.add(
                RegisterEntry(
                    period_id=period_id,
                    award_key=key,
                    number=number,
                    recipient=recipients[key][:300],
                    assigned_at=stamp,
                )
            )
        given = {recipients[k]: n for k, n in numbers.items() if old.get(k) != n}
        dropped = sorted(set(old) - wanted)
        if reassign:
            action = audit.Action.REGISTER_REASSIGN
            summary = f"Cấp lại số sổ vàng cho {len(numbers)} khen thưởng, từ số {start}"
            if numbers == old:
                summary += " (không số nào thay đổi)"
        else:
            action = audit.Action.REGISTER_ASSIGN
            summary = f"Cấp số sổ vàng cho {len(given)} khen thưởng: " + ", ".join(
                f"{name} ({number})" for name, number in given.items()
            )
        if dropped:
            summary += f"; bỏ số của {len(dropped)} khen thưởng không còn trong danh sách"
        audit.record(
            session,
            action,
            summary,
            subject=dossier.campaign_name,
            period_name=period.name,
            old={k: v for k, v in old.items() if numbers.get(k) != v} or None,
            new={k: v for k, v in numbers.items() if old.get(k) != v},
        )
    return numbers
