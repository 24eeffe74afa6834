"""Restoring the open database from a backup: close it, restore, open it again, tell every page.

The window's ``AppContext`` holds the open ``Database`` (and its lock); ``restore_database`` refuses
while the lock is held, so the handle is closed first and a new one put in its place. When the
restore is refused (damaged file, newer version) the database is opened again unchanged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.services import campaigns
from app.services.errors import ServiceError
from app.services.restore import RestoreResult, restore_database
from app.services.setup import open_storage
from app.ui.context import AppContext

log = logging.getLogger("thidua.ui")


def reload_context(context: AppContext) -> None:
    """Campaign, periods and the chosen period read again (after the database was replaced)."""
    context.campaign = campaigns.current_campaign(context.db)
    context.reload_periods()
    same = [p for p in context.periods if p.id == context.period.id]
    if same:
        context.period = same[0]
    else:
        try:
            context.period = campaigns.find_period(context.db, campaign_id=context.campaign.id)
        except ServiceError:
            if not context.periods:
                raise
            context.period = context.periods[-1]
    context.period_changed.emit()
    context.refresh()


def restore_into(context: AppContext, source: Path) -> RestoreResult:
    """Replace the database of ``context`` by the backup ``source`` and redraw everything.

    Raises DatabaseError (with the message to show) when the file cannot be restored; the
    database is then opened again as it was.
    """
    path = context.db.path
    log.info("Khôi phục %s từ %s", path, source)
    context.db.close()
    try:
        result = restore_database(path, Path(source))
    finally:
        context.db = open_storage(path, daily=False, create=False)
    reload_context(context)
    return result
