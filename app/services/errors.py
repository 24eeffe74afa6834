"""Why a use case refused to act (messages in Vietnamese, for the user). Nothing was written."""

from __future__ import annotations

from app.errors import UserError


class ServiceError(UserError, ValueError):
    """A user action that cannot be done; ``str(error)`` is the message to show."""


class NotFoundError(ServiceError):
    """The campaign, period, unit or nomination named does not exist."""


class QuotaError(ServiceError):
    """One more nomination would exceed a quota (the reason from ``QuotaReport.room_for``)."""
