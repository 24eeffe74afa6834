"""The audit log: every change of figures, nominations, settlements and rules, old → new."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Database
from app.services.records import AuditInfo


def now() -> dt.datetime:
    """Local wall-clock time, to the second (what the office reads on its documents)."""
    return dt.datetime.now().replace(microsecond=0)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def entry(
    action: str,
    summary: str,
    *,
    subject: str = "",
    period_name: str = "",
    old: Any = None,
    new: Any = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The column values of one audit entry, for bulk inserts."""
    return {
        "at": at or now(),
        "action": action,
        "subject": subject,
        "period_name": period_name,
        "summary": summary,
        "old_json": _dump(old),
        "new_json": _dump(new),
    }


def record(
    session: Session,
    action: str,
    summary: str,
    *,
    subject: str = "",
    period_name: str = "",
    old: Any = None,
    new: Any = None,
) -> None:
    """Add an audit entry to the transaction of ``session`` (kept only if it commits)."""
    session.add(
        AuditEntry(
            **entry(action, summary, subject=subject, period_name=period_name, old=old, new=new)
        )
    )


def list_audit(
    db: Database, *, limit: int | None = None, action: str | None = None
) -> list[AuditInfo]:
    """Entries, newest first."""
    with db.transaction() as session:
        query = select(AuditEntry).order_by(AuditEntry.id.desc())
        if action is not None:
            query = query.where(AuditEntry.action.startswith(action))
        if limit is not None:
            query = query.limit(limit)
        return [
            AuditInfo(
                id=row.id,
                at=row.at,
                action=row.action,
                subject=row.subject,
                period_name=row.period_name,
                summary=row.summary,
                old=None if row.old_json is None else json.loads(row.old_json),
                new=None if row.new_json is None else json.loads(row.new_json),
            )
            for row in session.scalars(query)
        ]
