"""Whether the database file lies on a network drive (a Windows share, a mapped drive, an SMB or NFS
mount). SQLite's locking and its crash safety rely on the local disk: a share that drops its
connection mid-write, or a second computer opening the file, can damage it (sqlite.org,
"SQLite Over a Network"). The program still opens such a file; the officer is told why a local
folder or the PostgreSQL server is the place for shared data."""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Callable
from pathlib import Path

# File-system types of network mounts (Linux /proc/self/mounts, macOS mount types).
NETWORK_FILESYSTEMS = frozenset(
    {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "ncpfs", "9p", "davfs", "fuse.sshfs",
     "fuse.rclone", "fuse.davfs2", "webdav"}
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW


def network_place(path: Path, mounts: str | None = None) -> str | None:
    """The network share the file ``path`` lies on (as the officer would name it), or None when it
    is on this computer's own disk. ``mounts``: the text of /proc/self/mounts (for tests)."""
    if sys.platform == "win32":
        return windows_share(os.path.abspath(path), _drive_type)
    return _mounted_share(path, mounts)


def _drive_type(root: str) -> int:
    import ctypes  # noqa: PLC0415 - Windows only

    kernel = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
    return int(kernel.GetDriveTypeW(root))


def windows_share(full: str, drive_type: Callable[[str], int]) -> str | None:
    """The share of a Windows path: \\\\server\\share (also written \\\\?\\UNC\\…), or a drive letter
    mapped to one (``drive_type`` of its root is DRIVE_REMOTE)."""
    drive, _rest = ntpath.splitdrive(full)
    if drive.upper().startswith("\\\\?\\UNC\\"):
        return "\\\\" + drive[len("\\\\?\\UNC\\") :]
    if drive.startswith("\\\\") and not drive.startswith(("\\\\?\\", "\\\\.\\")):
        return drive
    letter = drive[-2:] if drive.endswith(":") else ""
    if letter and drive_type(f"{letter}\\") == DRIVE_REMOTE:
        return f"ổ mạng {letter}"
    return None


def _mounted_share(path: Path, mounts: str | None) -> str | None:
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # no mount table to read (macOS): nothing said
    full = os.path.realpath(path)
    best: tuple[int, str, str] | None = None  # (length of the mount point, source, type)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        source, point, kind = fields[0], _unescape(fields[1]), fields[2]
        inside = full == point or full.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > best[0]):
            best = (len(point), source, kind)
    if best is not None and best[2] in NETWORK_FILESYSTEMS:
        return best[1]
    return None


def _unescape(field: str) -> str:
    """A mount point as /proc writes it (space, tab, newline and backslash as octal escapes)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def network_warning(path: Path) -> str | None:
    """What to tell the officer when the database file is on a network share, else None."""
    place = network_place(path)
    if place is None:
        return None
    return (
        f"Tệp dữ liệu {path.name} nằm trên {place} (thư mục dùng chung qua mạng). Nếu mạng chập "
        "chờn lúc đang ghi, hoặc máy khác cùng mở tệp, tệp có thể hỏng. Hãy để tệp dữ liệu trên ổ "
        "đĩa của máy này (chép bản sao lưu ra thư mục mạng thì được); nhiều cán bộ cùng làm thì "
        "dùng máy chủ PostgreSQL (Cài đặt → Máy chủ dữ liệu)."
    )


__all__ = ["NETWORK_FILESYSTEMS", "network_place", "network_warning", "windows_share"]
