"""One program per database: an OS lock on a file beside it.

The lock is held by the operating system, so a process that dies (power cut, killed) releases it
and the next start takes the file over. The file holds the owner's process id and host name only
so that the refusal message can say who has the database open.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from pathlib import Path
from typing import IO

from app.models.errors import DatabaseLockedError

_LOCK_OFFSET = 4096  # lock a byte past the text so that others can still read who holds it


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl  # noqa: PLC0415

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class DatabaseLock:
    """Exclusive use of one database file by this process."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.db_path = db_path
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        if self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        if not _try_lock(handle):
            handle.seek(0)
            owner = handle.read(200).strip()
            handle.close()
            raise DatabaseLockedError(
                f"Cơ sở dữ liệu {self.db_path} đang được một chương trình khác mở"
                + (f" ({_describe(owner)})" if owner else "")
                + ". Hãy đóng chương trình đó rồi thử lại; mỗi lần chỉ một chương trình được "
                "dùng cơ sở dữ liệu này."
            )
        handle.seek(0)
        handle.truncate()
        stamp = dt.datetime.now().isoformat(timespec="seconds")
        handle.write(f"{os.getpid()} {socket.gethostname()} {stamp}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        handle = self._handle
        if handle is None:
            return
        self._handle = None
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
        except OSError:
            pass  # closing the handle releases the lock anyway
        finally:
            handle.close()


def _describe(owner: str) -> str:
    parts = owner.split()
    if len(parts) >= 3:
        return f"tiến trình {parts[0]} trên máy {parts[1]}, mở lúc {parts[2]}"
    return owner
