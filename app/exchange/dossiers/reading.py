"""Reading a portal export: header detection (title rows skipped), the CSV dialect and encoding, the
.xlsx sheet, the preview for the mapping dialog, and the file read in chunks of columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.exchange.dates import format_day
from app.exchange.dossiers.mapping import guess_mapping
from app.exchange.reader.source import csv_codec
from app.exchange.tables import TableError, check_file
from app.exchange.text import fold, nfc


class ImportCancelled(Exception):
    """The caller's cancel flag was raised; nothing was returned."""


Progress = Callable[[int, int], None]  # (done, total) in rows or bytes; total may be 0 (unknown)
Cancel = Callable[[], bool]  # e.g. threading.Event().is_set


@dataclass(frozen=True, slots=True)
class Header:
    cells: list[str]
    line: int  # 0-based index of the header row in the file


HEADER_SEARCH_ROWS = 30  # title rows a portal export may have above its header


def _is_header(cells: Sequence[str], mapping: Mapping[str, str] | None) -> bool:
    """Whether a row looks like the header: it holds every mapped header, or (no mapping yet)
    headers for at least two of dossier code, unit and channel."""
    if mapping:
        folded = {fold(c) for c in cells}
        return all(fold(h) in folded for h in mapping.values())
    return len(guess_mapping(cells).keys() & {"id", "unit", "channel"}) >= 2


def csv_dialect(path: Path, mapping: Mapping[str, str] | None = None) -> tuple[str, list[str], int]:
    """(delimiter, header cells, 0-based header line) from the start of a CSV file. The header is
    the first row that looks like one (title rows above it are skipped), else the first row."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if handle.read(1) and b"\n" in head:  # the sample ends mid-file: keep whole lines
            head = head[: head.rfind(b"\n") + 1]
    try:
        text = head.decode(csv_codec(path), errors="replace")
    except UnicodeDecodeError as error:
        raise TableError(
            f"Tệp {path.name} không phải văn bản UTF-8 (byte thứ {error.start + 1}). "
            "Trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)»."
        ) from error
    candidates: list[tuple[str, list[str], int]] = []
    for number, line in enumerate(text.splitlines()):
        if not line.strip(" ,;\t"):
            continue
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
        cells = [nfc(c) for c in next(csv.reader(io.StringIO(line), delimiter=delimiter))]
        if _is_header(cells, mapping):
            return delimiter, cells, number
        candidates.append((delimiter, cells, number))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if not candidates:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    return candidates[0]


def read_header(path: Path, mapping: Mapping[str, str] | None = None) -> list[str]:
    """The header of an export (for the mapping dialog); title rows above it are skipped."""
    return preview(path, 0, mapping)[0]


def preview(
    path: Path, limit: int = 20, mapping: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The header and the first ``limit`` rows after it as text (for the mapping dialog)."""
    kind = check_file(path)
    if kind == "csv":
        delimiter, header, line = csv_dialect(path, mapping)
        rows: list[list[str]] = []
        with path.open(encoding=csv_codec(path), errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for number, cells in enumerate(reader):
                if number <= line:
                    continue
                rows.append([nfc(c) for c in cells])
                if len(rows) >= limit:
                    break
        return header, rows
    from app.exchange.reader.table import sheet_head  # noqa: PLC0415
    from app.exchange.xlsx_head import head_rows  # noqa: PLC0415

    wanted = limit + HEADER_SEARCH_ROWS + 20
    try:
        found = head_rows(path, wanted) if kind == "xlsx" else sheet_head(path, wanted)
    except TableError:
        raise
    except Exception as error:  # broken XML or zip inside an .xlsx that passed check_file
        raise TableError(f"Không đọc được tệp Excel {path.name}: {error}") from error
    texts = [[nfc(cell_text(c)) for c in cells] for cells in found]
    filled = [i for i, cells in enumerate(texts) if any(c.strip() for c in cells)]
    if not filled:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    start = next(
        (i for i in filled[:HEADER_SEARCH_ROWS] if _is_header(texts[i], mapping)), filled[0]
    )
    return texts[start], texts[start + 1 : start + 1 + limit]


def xlsx_open(
    path: Path, mapping: Mapping[str, str] | None = None
) -> tuple[Header, Iterator[list[Any]]]:
    """The header of the sheet the officer sees (with its 0-based row) and an iterator over the
    rows after it. The header is the first row that looks like one within the first rows, else the first."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - heavy, only for .xlsx

    try:
        from app.exchange.reader.source import Decoded  # noqa: PLC0415
        from app.exchange.reader.table import choose_sheet  # noqa: PLC0415

        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        sheet = workbook.get_sheet_by_index(
            choose_sheet(path, names, None, Decoded(), formulas=False, workbook=workbook)
        )
        rows = iter(sheet.iter_rows())
        seen: list[tuple[int, list[Any]]] = []  # rows from the first non-blank one on
        searched = 0
        for number, cells in enumerate(rows):
            if not any(c is not None and str(c).strip() for c in cells):
                if seen:
                    seen.append((number, cells))
                continue
            texts = [nfc(cell_text(c)) for c in cells]
            if _is_header(texts, mapping):
                return Header(texts, number), rows
            seen.append((number, cells))
            searched += 1
            if searched >= HEADER_SEARCH_ROWS:
                break
        if seen:  # no row looks like a header: the first non-blank row is it
            first, cells = seen[0]
            rest = [c for _n, c in seen[1:]]
            header = Header([nfc(cell_text(c)) for c in cells], first)
            return header, itertools.chain(rest, rows)
    except TableError:
        raise
    except Exception as error:  # calamine's own error types
        from app.exchange.reader.table import workbook_error  # noqa: PLC0415

        raise workbook_error(path, error) from error
    raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # NaN: a cell pandas found missing
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() else format_day(value.date())
    if isinstance(value, dt.date):
        return format_day(value)
    return str(value)


@dataclass(slots=True)
class Chunk:
    """Columns of one chunk, as they came out of the file (text for CSV, cell values for xlsx)."""

    first_row: int  # file row number (1-based) of the chunk's first row
    columns: dict[str, list[Any]]
    text: bool  # True for CSV: every value is a str


def csv_chunks(
    path: Path,
    header: list[str],
    line: int,
    delimiter: str,
    indexes: dict[str, int],
    chunk_rows: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> Iterator[Chunk]:
    import pandas as pd  # noqa: PLC0415

    size = os.path.getsize(path)
    used = sorted(set(indexes.values()))
    with path.open("rb") as handle:
        try:
            reader = pd.read_csv(
                handle,
                sep=delimiter,
                header=None,
                skiprows=line + 1,
                usecols=used,
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                encoding=_parser_codec(csv_codec(path)),
                chunksize=chunk_rows,
                engine="c",
            )
            first_row = line + 2
            for frame in reader:
                if cancel is not None and cancel():
                    raise ImportCancelled
                columns = {
                    name: frame[index].tolist() if index in frame else [""] * len(frame)
                    for name, index in indexes.items()
                }
                yield Chunk(first_row, columns, text=True)
                first_row += len(frame)
                if progress is not None:
                    progress(min(handle.tell(), size), size)
        except pd.errors.EmptyDataError:
            return  # a header and nothing else
        except UnicodeDecodeError as error:
            raise TableError(
                f"Tệp {path.name} không phải văn bản UTF-8. Trong Excel hãy lưu bằng "
                "«CSV UTF-8 (Comma delimited)»."
            ) from error
        except (pd.errors.ParserError, ValueError) as error:
            raise TableError(f"Tệp {path.name} không đúng dạng CSV: {error}") from error


XLSX_BATCH_ROWS = 2_000


def _parser_codec(codec: str) -> str:
    """pandas' C parser reads UTF-8 bytes itself (and skips a byte-order mark); any other name,
    even "utf-8-sig", puts Python's text decoder in front of it (1,000,000 rows: 1.2 s → 0.9 s).
    The BOM is on the header line, skipped anyway."""
    return "utf-8" if codec == "utf-8-sig" else codec


def xlsx_chunks(
    indexes: dict[str, int],
    chunk_rows: int,
    progress: Progress | None,
    cancel: Cancel | None,
    opened: tuple[Header, Iterator[list[Any]], int],
) -> Iterator[Chunk]:
    header, rows, height = opened
    width = max(indexes.values()) + 1
    if len(header.cells) < width:  # never with calamine: every row is as wide as the sheet
        raise TableError("Dòng tiêu đề ngắn hơn các cột đã chọn")
    done = header.line + 1  # rows consumed so far (0-based index of the next row)
    while True:
        columns: dict[str, list[Any]] = {name: [] for name in indexes}
        taken = 0
        while taken < chunk_rows:
            # a few rows at a time, each column taken in one pass: the row lists die young, so
            # the garbage collector never walks a chunk's worth of them (200,000 rows: 0.39 s →
            # 0.2 s), and no tuple is made per row
            batch = list(itertools.islice(rows, min(XLSX_BATCH_ROWS, chunk_rows - taken)))
            if not batch:
                break
            for name, index in indexes.items():
                columns[name] += map(operator.itemgetter(index), batch)
            taken += len(batch)
        if not taken:
            break
        yield Chunk(done + 1, columns, text=False)
        done += taken
        if cancel is not None and cancel():
            raise ImportCancelled
        if progress is not None:
            progress(min(done, height), height)
    if progress is not None:
        progress(height, height)


def xlsx_height(path: Path) -> int:
    # The header read has loaded the sheet once already; calamine caches nothing, so estimate
    # the height from the sheet's declared dimension instead of loading it again.
    import zipfile  # noqa: PLC0415

    if not zipfile.is_zipfile(path):
        return 0  # an .xls: no declared dimension to read without loading it (unknown height)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as part:
                    head = part.read(4096)
                match = re.search(rb"dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"", head)
                if match and match.group(1):
                    return int(match.group(1))
                return 0
    return 0
