"""Every refusal is a ``UserError``: each command fed the bad inputs of the other tests exits 2 with
a Vietnamese message on stderr — never a traceback — and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import FileAccessError, UserError, as_user_error
from tests.test_exchange_helpers import write_csv, write_zip_bomb
from tests.test_imports import dump

pytestmark = pytest.mark.usefixtures("restore_thidua_logging")

FILE_COMMANDS = (
    "score",
    "import-figures",
    "import-dossiers",
    "import-eid",
    "import-nominations",
    "import-package",
)


def bad_files(folder: Path) -> dict[str, Path]:
    """Files as they arrive wrong: empty, not a workbook, a zip bomb, missing, a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "trong.csv"
    empty.write_bytes(b"")
    broken = folder / "hong.xlsx"
    broken.write_bytes(b"not a zip file")
    headers_only = write_csv(folder / "chi-tieu-de.csv", [["Cột lạ", "Cột khác"], ["1", "2"]])
    a_folder = folder / "thu-muc.xlsx"
    a_folder.mkdir()
    return {
        "empty": empty,
        "broken": broken,
        "bomb": write_zip_bomb(folder / "bom.xlsx"),
        "unknown columns": headers_only,
        "missing": folder / "khong-co.xlsx",
        "a folder": a_folder,
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    import main

    capsys.readouterr()
    status = main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_every_file_command_refuses_bad_files_with_status_2(
    command: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "init")
    before = dump(db_path)
    for name, path in bad_files(tmp_path / "tep").items():
        status, _out, err = run(capsys, "--db", str(db_path), command, str(path))
        assert status == 2, (command, name, err)
        assert err.strip() and "Traceback" not in err, (command, name, err)
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("ranking", "--period", "Sơ kết"), "Không có kỳ số liệu «Sơ kết»"),
        (("settle-tie", "--order", "31396,31423", "--reason", "r"), "Thứ tự phân định"),
        (("export-package", "--unit", "NOPE", "{tmp}/goi.xlsx"), "NOPE"),
        (("report", "to-trinh", "--out", "{tmp}/van-ban"), "chưa có số liệu"),
        (("report", "all", "--out", "{tmp}/van-ban", "--period", "X"), "Không có kỳ số liệu «X»"),
        (("export-xlsx", "{tmp}/bang-diem.csv"), ".xlsx"),
        (("import-dossiers", "{dossiers}", "--map", "nope=X"), "không có khóa «nope»"),
    ],
)
def test_other_refusals_exit_2(
    argv: tuple[str, ...],
    said: str,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.test_imports import HEADER, dossier_rows

    dossiers = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 3)])
    args = [a.format(dossiers=dossiers, tmp=tmp_path) for a in argv]
    run(capsys, "--db", str(db_path), "init")
    before = dump(db_path)
    status, _out, err = run(capsys, "--db", str(db_path), *args)
    assert status == 2, err
    assert said in err and "Traceback" not in err
    assert dump(db_path) == before


def test_what_is_a_refusal() -> None:
    refused = UserError("không được")
    assert as_user_error(refused) is refused
    missing = FileNotFoundError(2, "No such file or directory", "D:\\so-lieu.xlsx")
    converted = as_user_error(missing)
    assert isinstance(converted, FileAccessError) and converted.exit_status == 2
    assert "D:\\so-lieu.xlsx" in str(converted) and "Excel" in str(converted)
    assert as_user_error(OSError("no file named")) is None  # not about a file: a bug
    assert as_user_error(KeyError("x")) is None
