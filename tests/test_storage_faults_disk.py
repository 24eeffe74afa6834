"""Fault injection, part 3: a full disk, a file size limit, read-only files and folders.

Reading and the window go on when a backup cannot be made (a warning); a write the disk refuses
is a Vietnamese message naming the file, exit 2, nothing changed — never «damaged». A small tmpfs
is mounted where the machine allows it (root on Linux); the file size limit (``RLIMIT_FSIZE``) runs
in a subprocess on any POSIX system; read-only folders use a tmpfs mounted read-only (root) or
permissions (another user)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_faults import SAMPLE, dump, execute, run

from app.models.files import copy_database
from app.paths import backups_dir

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.usefixtures("restore_thidua_logging"),
    pytest.mark.skipif(sys.platform == "win32", reason="tmpfs, rlimit and modes are POSIX"),
]
HEADER = (
    "ma_don_vi,ten_don_vi,loai_don_vi,ho_so_truc_tuyen,tong_ho_so,so_tai_khoan_nop,"
    "tai_khoan_dinh_danh,dan_co_cccd"
)


def _big_file(path: Path, units: int) -> Path:
    lines = [HEADER] + [f"G{i},Xã Thử nghiệm số {i},xa,5,10,1,5,10" for i in range(units)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _mount(where: Path, options: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@contextlib.contextmanager
def small_disk(where: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` at ``where`` (skips the test where mounting is not allowed)."""
    if not _mount(where, f"size={size_kb}k"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    try:
        yield where
    finally:
        _unmount(where)


def _fill(folder: Path, leave_kb: int) -> None:
    """Fill the disk of ``folder`` until ``leave_kb`` are free."""
    info = os.statvfs(folder)
    free = info.f_bavail * info.f_frsize
    (folder / "day.bin").write_bytes(b"\0" * max(0, free - leave_kb * 1024))


def _grow(db_path: Path) -> None:
    """Make the database a few hundred KB (long profile texts), so a copy needs real room."""
    execute(db_path, "UPDATE unit SET profile_text = printf('%.20000c', 'x')")


def test_full_disk_reading_works_writing_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _grow(db_path)
    size_kb = db_path.stat().st_size // 1024
    with small_disk(tmp_path / "dia", size_kb + 1200) as disk:
        path = disk / "thidua.sqlite3"
        copy_database(db_path, path)
        _fill(disk, leave_kb=size_kb // 2)
        before = dump(path)
        status, out, err = run(capsys, "--db", str(path), "ranking")
        assert "Kỳ" in out
        assert status == 0 and "Chưa sao lưu được hôm nay" in err, err  # a warning, not death
        assert "bị hỏng" not in err
        status, _, err = run(capsys, "--db", str(path), "import-figures", str(SAMPLE))
        assert status == 2 and "Traceback" not in err
        assert "không tạo được bản sao lưu" in err and str(backups_dir(path)) in err
        assert "đầy" in err and "bị hỏng" not in err
        assert dump(path) == before
        assert not list(backups_dir(path).glob("*.tmp"))


def test_disk_full_during_the_import_itself(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backups on another disk (a link), the database's disk full while the import writes."""
    size_kb = db_path.stat().st_size // 1024
    with small_disk(tmp_path / "dia", size_kb + 400) as disk:
        path = disk / "thidua.sqlite3"
        copy_database(db_path, path)
        elsewhere = tmp_path / "sao-luu-noi-khac"
        elsewhere.mkdir()
        backups_dir(path).symlink_to(elsewhere)
        assert run(capsys, "--db", str(path), "ranking")[0] == 0  # WAL and shm in place
        _fill(disk, leave_kb=40)
        before = dump(path)
        big = _big_file(tmp_path / "lon.csv", 3000)
        status, _, err = run(capsys, "--db", str(path), "import-figures", str(big), "--add-units")
        assert status == 2 and "Traceback" not in err, err
        assert str(path) in err and "đầy" in err and "bị hỏng" not in err
        (disk / "day.bin").unlink()
        assert dump(path) == before


def test_file_size_limit_during_an_import(db_path: Path, tmp_path: Path) -> None:
    """``ulimit -f``: the import's writes fail (EFBIG) in a subprocess; nothing changed."""
    before = dump(db_path)
    big = _big_file(tmp_path / "lon.csv", 5000)
    limit = db_path.stat().st_size + 64 * 1024
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "import main\n"
        f"sys.exit(main.main(['--db', {str(db_path)!r}, 'import-figures', {str(big)!r}, "
        "'--add-units']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert str(db_path) in done.stderr and "Traceback" not in done.stderr
    assert "bị hỏng" not in done.stderr
    assert dump(db_path) == before


@contextlib.contextmanager
def read_only_folder(tmp_path: Path, db_path: Path) -> Iterator[Path]:
    """A folder holding a copy of the database that cannot be written: a tmpfs remounted
    read-only (root), or a folder without write permission (another user)."""
    where = tmp_path / "chi-doc"
    if os.geteuid() == 0:
        if not _mount(where, "size=4m"):
            pytest.skip("root cannot be refused by permissions, and mounting is not allowed")
        try:
            copy_database(db_path, where / db_path.name)
            subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
            yield where / db_path.name
        finally:
            _unmount(where)
        return
    where.mkdir()
    copy_database(db_path, where / db_path.name)
    (where / db_path.name).chmod(0o444)
    where.chmod(0o555)
    try:
        yield where / db_path.name
    finally:
        where.chmod(0o755)


def test_read_only_folder_is_a_message_not_a_traceback(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only_folder(tmp_path, db_path) as path:
        before = path.read_bytes()
        for argv in (["ranking"], ["import-figures", str(SAMPLE)]):
            status, _, err = run(capsys, "--db", str(path), *argv)
            assert status == 2 and "Traceback" not in err, err
            assert str(path) in err and "bị hỏng" not in err
            assert "chỉ cho đọc" in err or "quyền" in err
        assert path.read_bytes() == before
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
