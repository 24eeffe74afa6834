"""Why a database cannot be opened or used (messages in Vietnamese, for the user)."""

from __future__ import annotations


class DatabaseError(Exception):
    """The database cannot be used; ``str(error)`` is the message for the user."""


class DatabaseLockedError(DatabaseError):
    """Another program has the database open."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of the program."""


class NotOurDatabaseError(DatabaseError):
    """The file is not a database of this program (or is damaged)."""
