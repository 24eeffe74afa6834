"""A database file on a network share (a Windows share or mapped drive, an SMB or NFS mount) is
opened, and the officer is told — in the commands and on the window's status bar — that a local
folder or the PostgreSQL server is the place for it: SQLite's safety relies on the local disk."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.models import network
from app.models.network import network_place, windows_share
from app.services.setup import open_storage

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")
MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//may-chu/chung /mnt/chung cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/chung/usb vfat rw 0 0
may-nfs:/xuat /srv/xa\\040Tan\\040Binh nfs4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "share"),
    [
        ("/home/canbo/thidua.sqlite3", None),
        ("/mnt/chung/thidua.sqlite3", "//may-chu/chung"),
        ("/mnt/chung/usb/thidua.sqlite3", None),  # a local disk mounted inside the share
        ("/mnt/chungcu/thidua.sqlite3", None),  # a folder whose name only begins the same
        ("/srv/xa Tan Binh/du-lieu/thidua.sqlite3", "may-nfs:/xuat"),
    ],
)
@pytest.mark.skipif(sys.platform == "win32", reason="mount tables are a POSIX matter")
def test_mounted_shares(path: str, share: str | None) -> None:
    assert network_place(Path(path), MOUNTS) == share


@pytest.mark.parametrize(
    ("path", "share"),
    [
        ("\\\\may-chu\\chung\\thidua.sqlite3", "\\\\may-chu\\chung"),
        ("\\\\?\\UNC\\may-chu\\chung\\thidua.sqlite3", "\\\\may-chu\\chung"),
        ("Z:\\Phong VHTT\\thidua.sqlite3", "ổ mạng Z:"),  # a drive letter mapped to a share
        ("C:\\Users\\canbo\\thidua.sqlite3", None),
        ("\\\\?\\C:\\Users\\canbo\\thidua.sqlite3", None),
    ],
)
def test_windows_paths(path: str, share: str | None) -> None:
    def drive_type(root: str) -> int:
        return network.DRIVE_REMOTE if root == "Z:\\" else 3  # 3: a fixed disk

    assert windows_share(path, drive_type) == share


def test_a_database_on_a_share_is_opened_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import main

    path = tmp_path / "chung" / "thidua.sqlite3"

    def on_a_share(file: Path, mounts: str | None = None) -> str | None:
        return "//may-chu/chung" if Path(file).parent == path.parent else None

    monkeypatch.setattr(network, "network_place", on_a_share)
    with open_storage(path, daily=False) as db:  # opened all the same
        assert any("nằm trên //may-chu/chung" in w for w in db.warnings)
    capsys.readouterr()
    assert main.main(["--db", str(path), "ranking"]) == 0
    err = capsys.readouterr().err
    assert "Cảnh báo: Tệp dữ liệu thidua.sqlite3 nằm trên //may-chu/chung" in err
    assert "máy chủ PostgreSQL" in err
    with open_storage(tmp_path / "may-nay" / "thidua.sqlite3", daily=False) as db:
        assert not db.warnings  # a local folder: nothing said
