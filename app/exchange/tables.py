"""Reading a table (one header row, then data rows) from .csv or .xlsx, keeping file row numbers."""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError

# Refuse absurd files before parsing them (zip bombs, wrong file picked).
MAX_FILE_BYTES = 512 * 1024 * 1024
# An .xlsx is a zip of XML: its parts may not add up to more than this once uncompressed …
MAX_XLSX_UNCOMPRESSED = 1536 * 1024 * 1024
# … nor a large part be compressed more than this (real sheets: 5–30×, zip bombs: 1000×).
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 8 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
# Rows a sheet may have: Excel's own limit; readers of small tables pass a smaller one.
EXCEL_MAX_ROWS = 1_048_576
MAX_TABLE_ROWS = 100_000
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


class TableError(UserError, ValueError):
    """The file cannot be read as a table (message in Vietnamese, naming the file)."""


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    header_row: int  # 1-based row number of the header in the file
    rows: list[tuple[int, list[Any]]]  # (1-based file row, cells)


def _is_blank(cells: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            f"Tệp {path.name} không phải văn bản UTF-8 (byte thứ {error.start + 1}). "
            "Trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)»."
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _too_big(path: Path, what: str) -> TableError:
    return TableError(
        f"Tệp {path.name} {what}: có thể là tệp độc hại (zip bomb) hoặc chọn nhầm tệp. "
        "Chương trình không đọc tệp này."
    )


def check_xlsx(path: Path, max_rows: int = EXCEL_MAX_ROWS) -> None:
    """Refuse an .xlsx that is not a zip, or whose uncompressed size, compression ratio or declared
    row count is absurd, before any XML is parsed. Raises TableError (Vietnamese)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _too_big(path, f"chứa {len(infos)} phần, quá nhiều với một tệp Excel")
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_XLSX_UNCOMPRESSED:
                raise _too_big(
                    path,
                    f"khi giải nén chiếm {unpacked // 2**20} MB, vượt giới hạn "
                    f"{MAX_XLSX_UNCOMPRESSED // 2**20} MB",
                )
            for info in infos:
                if info.file_size > RATIO_CHECKED_ABOVE and (
                    info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
                ):
                    raise _too_big(
                        path,
                        f"có phần «{info.filename}» nén {info.file_size // max(info.compress_size, 1)}"
                        f" lần (giải nén {info.file_size // 2**20} MB), bất thường",
                    )
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with archive.open(info) as part:
                        head = part.read(4096)
                    match = _DIMENSION.search(head)
                    if match and match.group(1) and int(match.group(1)) > max_rows:
                        raise _too_big(
                            path,
                            f"khai báo {int(match.group(1)):,} dòng, vượt giới hạn "
                            f"{max_rows:,} dòng".replace(",", "."),
                        )
    except zipfile.BadZipFile as error:
        raise TableError(
            f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai định dạng; "
            "tệp .xls cũ hãy mở bằng Excel và lưu lại dạng .xlsx)"
        ) from error
    except OSError as error:
        raise TableError(f"Không đọc được tệp {path.name}: {error.strerror or error}") from error


def _xlsx_rows(path: Path, sheet: int | str = 0) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - only .xlsx files need it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if isinstance(sheet, str):
            if sheet not in workbook.sheet_names:
                raise TableError(f"Tệp {path.name} không có trang tính «{sheet}»")
            data = workbook.get_sheet_by_name(sheet)
        else:
            data = workbook.get_sheet_by_index(sheet)
        yield from data.iter_rows()
    except TableError:
        raise
    except Exception as error:  # calamine raises its own error types for broken files
        raise TableError(f"Không đọc được tệp Excel {path.name}: {error}") from error


def check_file(path: Path, max_rows: int = EXCEL_MAX_ROWS) -> str:
    """Checks every reader makes before parsing; returns the kind: 'csv' or 'xlsx'."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise TableError(f"Không tìm thấy tệp {path}")
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise TableError(f"Tệp {path.name} quá lớn (trên {MAX_FILE_BYTES // 2**20} MB)")
    if os.path.getsize(path) == 0:
        raise TableError(f"Tệp {path.name} trống (0 byte)")
    if suffix in {".csv", ".txt"}:
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path, max_rows)
        return "xlsx"
    raise TableError(f"Tệp {path.name}: chỉ đọc được tệp .csv hoặc .xlsx")


def iter_raw_rows(
    path: Path, *, max_rows: int = EXCEL_MAX_ROWS, sheet: int | str = 0
) -> Iterator[list[Any]]:
    """Every row of the file (first sheet of a workbook unless ``sheet``), blank ones included.

    Text is NFC-normalised. More than ``max_rows`` rows raises TableError.
    """
    kind = check_file(path, max_rows)
    rows = _csv_rows(path) if kind == "csv" else _xlsx_rows(path, sheet)
    return _limited(path, _nfc_rows(rows), max_rows)


def _nfc_rows(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    normalize = unicodedata.normalize
    for cells in rows:
        yield [normalize("NFC", c) if isinstance(c, str) else c for c in cells]


def _limited(path: Path, rows: Iterator[list[Any]], max_rows: int) -> Iterator[list[Any]]:
    for number, cells in enumerate(rows, start=1):
        if number > max_rows:
            raise TableError(
                f"Tệp {path.name} có hơn {max_rows} dòng: quá nhiều với loại tệp này "
                "(chọn nhầm tệp?)"
            )
        yield cells


def read_table(path: Path, *, max_rows: int = MAX_TABLE_ROWS, sheet: int | str = 0) -> Table:
    """The first non-blank row is the header; blank rows after it are skipped."""
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(iter_raw_rows(path, max_rows=max_rows, sheet=sheet), start=1):
        if _is_blank(cells):
            continue
        if header is None:
            header = ["" if c is None else str(c) for c in cells]
            header_row = number
        else:
            rows.append((number, list(cells)))
    if header is None:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    return Table(header=header, header_row=header_row, rows=rows)
