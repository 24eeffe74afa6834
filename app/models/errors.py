"""Why a database cannot be opened or used (messages in Vietnamese, for the user)."""

from __future__ import annotations

from app.errors import UserError

EXIT_DATABASE = 1  # a database that cannot be used: not the input's fault


class DatabaseError(UserError):
    """The database cannot be used; ``str(error)`` is the message for the user."""

    title = "Không mở được cơ sở dữ liệu"
    exit_status = EXIT_DATABASE


class DatabaseLockedError(DatabaseError):
    """Another program has the database open."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of the program."""


class NotOurDatabaseError(DatabaseError):
    """The file is not a database of this program (or is damaged)."""
