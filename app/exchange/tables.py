"""Reading a table (one header row, then data rows) from .csv or .xlsx, keeping file row numbers."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Refuse absurd files before parsing them (zip bombs, wrong file picked).
MAX_FILE_BYTES = 512 * 1024 * 1024


class TableError(ValueError):
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


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - only .xlsx files need it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        yield from sheet.iter_rows()
    except Exception as error:  # calamine raises its own error types for broken files
        raise TableError(f"Không đọc được tệp Excel {path.name}: {error}") from error


def iter_raw_rows(path: Path) -> Iterator[list[Any]]:
    """Every row of the file (first sheet of a workbook), blank ones included."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise TableError(f"Không tìm thấy tệp {path}")
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise TableError(f"Tệp {path.name} quá lớn (trên {MAX_FILE_BYTES // 2**20} MB)")
    if suffix in {".csv", ".txt"}:
        return _csv_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    raise TableError(f"Tệp {path.name}: chỉ đọc được tệp .csv hoặc .xlsx")


def read_table(path: Path) -> Table:
    """The first non-blank row is the header; blank rows after it are skipped."""
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(iter_raw_rows(path), start=1):
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
