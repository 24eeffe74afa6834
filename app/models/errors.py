"""Why a database cannot be opened or used (messages in Vietnamese, for the user)."""

from __future__ import annotations

from pathlib import Path

from app.errors import EXIT_PROBLEMS, UserError

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


class DamagedDatabaseError(DatabaseError):
    """The database file is damaged: it is open read-only, nothing may be written or backed up.
    The message names the file and the way out (restore the newest good backup)."""

    title = "Cơ sở dữ liệu bị hỏng — chỉ đọc"
    exit_status = EXIT_PROBLEMS
    problems: tuple[str, ...] = ()  # what the check found
    good_backup: Path | None = None  # the newest good backup, when the file cannot be opened


class StorageAccessError(DatabaseError):
    """The database or a backup cannot be read or written (disk full, read-only file or folder,
    permission denied): the message names the file; nothing was changed. Not damage."""

    title = "Không ghi được dữ liệu"
    exit_status = EXIT_PROBLEMS


class ProtectedTargetError(UserError):
    """An output (export, report, backup) would land on the database, its journal, its lock or
    its backups folder."""

    title = "Không ghi đè dữ liệu"
