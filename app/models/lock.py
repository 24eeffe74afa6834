"""One program per database: an OS lock on a file beside it, keyed on the file's identity.

The lock is held by the operating system, so a process that dies (power cut, killed) releases it
and the next start takes the file over. The file holds the owner's process id and host name only
so that the refusal message can say who has the database open.

Two names for one file must not both get in: the lock file sits beside the *real* path (symbolic
links resolved), and where the system gives files a device and inode number a second lock, named
by them, is taken in a per-user folder of the temporary directory — so a hard link to an open
database is refused as already open. This is about database *files*; a server backend skips it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import IO

from app.models.errors import DatabaseLockedError

_LOCK_OFFSET = 4096  # lock a byte past the text so that others can still read who holds it
log = logging.getLogger("thidua.db")


def real_path(path: Path) -> Path:
    """``path`` with symbolic links and ``..`` resolved (the file it names, however named)."""
    return Path(os.path.realpath(path))


def lock_path(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + ".lock")


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock named by the file's device and inode, or None (no file yet, no inode numbers)."""
    try:
        info = os.stat(db_path)
    except OSError:
        return None
    if not info.st_ino:
        return None
    owner = os.getuid() if hasattr(os, "getuid") else ""
    folder = Path(tempfile.gettempdir()) / f"ThiDuaDVCTT-khoa{owner}"
    return folder / f"{info.st_dev:x}-{info.st_ino:x}.lock"


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
        self._identity: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock beside the file, then (the file existing) the one of its identity."""
        if self._handle is not None:
            return
        self._handle = self._take(self.path, create_folder=True)
        try:
            self.acquire_identity()
        except BaseException:
            self.release()
            raise

    def acquire_identity(self) -> None:
        """The lock named by device and inode (call again once a new file has been created)."""
        if self._identity is not None:
            return
        path = identity_lock_path(self.db_path)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # no temporary folder: the lock beside the file still holds
            log.warning("Không tạo được thư mục khóa %s: %s", path.parent, error)
            return
        self._identity = self._take(path, create_folder=False)

    def _take(self, path: Path, *, create_folder: bool) -> IO[str]:
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        if not _try_lock(handle):
            handle.seek(0)
            owner = handle.read(400).strip()
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
        handle.write(f"{os.getpid()} {socket.gethostname()} {stamp} {self.db_path}\n")
        handle.flush()
        return handle

    def release(self) -> None:
        identity, self._identity = self._identity, None
        if identity is not None:
            _close(identity)
        handle = self._handle
        if handle is None:
            return
        self._handle = None
        _close(handle)


def _close(handle: IO[str]) -> None:
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
    parts = owner.split(maxsplit=3)
    if len(parts) >= 3:
        text = f"tiến trình {parts[0]} trên máy {parts[1]}, mở lúc {parts[2]}"
        return text + (f", với tên {parts[3]}" if len(parts) == 4 else "")
    return owner
