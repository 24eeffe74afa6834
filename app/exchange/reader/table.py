"""Reading a table from .csv or .xlsx the way every import does (DATA-FORMAT.md G): the checks
before parsing (size, zip bombs), the sheet the officer sees, the header below title rows, the
rows of data with the file's row numbers, and what was left out and why."""

from __future__ import annotations

import itertools
import os
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.reader import legacy
from app.exchange.reader.layout import Scorer, Skipped, data_rows, find_header, is_blank
from app.exchange.reader.source import (
    Decoded,
    SheetInfo,
    TableError,
    csv_rows,
    formulas_without_values,
    workbook_sheets,
)

# Refuse absurd files before parsing them (zip bombs, wrong file picked).
MAX_FILE_BYTES = 512 * 1024 * 1024
# An .xlsx is a zip of XML: its parts may not add up to more than this once uncompressed …
MAX_XLSX_UNCOMPRESSED = 1536 * 1024 * 1024
# … nor a large part be compressed more than this (real sheets: 5–30×, zip bombs: 1000×).
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 8 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
# Workbooks read with calamine; an .xls starts with the OLE2 compound-file signature.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# Non-blank rows a table may have: Excel's own limit; readers of small tables pass a smaller one.
EXCEL_MAX_ROWS = 1_048_576
MAX_TABLE_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    header_row: int  # 1-based row number of the header in the file
    rows: list[tuple[int, list[Any]]]  # (1-based file row, cells)
    skipped: list[Skipped] = field(default_factory=list)  # rows left out, with why
    decoded: Decoded = field(default_factory=Decoded)

    def notes(self) -> list[str]:
        """What the import report says about reading: encoding, legacy text, rows left out."""
        lines = self.decoded.lines()
        lines += [f"Bỏ qua {s}" for s in self.skipped]
        return lines


def _too_big(path: Path, what: str) -> TableError:
    return TableError(
        f"Tệp {path.name} {what}: có thể là tệp độc hại (zip bomb) hoặc chọn nhầm tệp. "
        "Chương trình không đọc tệp này."
    )


def check_xlsx(path: Path) -> None:
    """Refuse an .xlsx that is not a zip, or whose uncompressed size or compression ratio is
    absurd, before any XML is parsed. What a sheet declares (its dimension) is not a limit: the
    rows are counted as they are read. Raises TableError (Vietnamese)."""
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
    except zipfile.BadZipFile as error:
        raise TableError(
            f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ (tệp hỏng hoặc sai định dạng): "
            "hãy mở bằng Excel và lưu lại dạng .xlsx"
        ) from error
    except OSError as error:
        raise TableError(f"Không đọc được tệp {path.name}: {error.strerror or error}") from error


def check_file(path: Path, max_rows: int = EXCEL_MAX_ROWS) -> str:
    """Checks every reader makes before parsing; returns the kind: 'csv' or 'xlsx'."""
    del max_rows  # rows are counted while reading
    suffix = path.suffix.lower()
    if not path.exists():
        raise TableError(f"Không tìm thấy tệp {path}")
    if path.is_dir():
        raise TableError(f"{path} là một thư mục, không phải tệp")
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise TableError(f"Tệp {path.name} quá lớn (trên {MAX_FILE_BYTES // 2**20} MB)")
    if os.path.getsize(path) == 0:
        raise TableError(f"Tệp {path.name} trống (0 byte)")
    if suffix in {".csv", ".txt"}:
        return "csv"
    if suffix in WORKBOOK_SUFFIXES:
        with path.open("rb") as handle:
            head = handle.read(len(OLE2_MAGIC))
        if head.startswith(b"PK"):  # a zip: .xlsx, .ods (or an .xlsx named .xls)
            check_xlsx(path)
            return "ods" if suffix == ".ods" else "xlsx"
        if head == OLE2_MAGIC:  # Excel 97–2003 (or an .xlsx protected by a password)
            return "xls"
        raise TableError(
            f"Tệp {path.name} không phải tệp Excel thật (tệp hỏng, hoặc một trang web đặt tên "
            f"{suffix}). Hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx."
        )
    raise TableError(
        f"Tệp {path.name}: chỉ đọc được tệp .csv, Excel (.xlsx, .xls) hoặc LibreOffice (.ods)"
    )


def is_xlsx(path: Path) -> bool:
    """An Office Open XML workbook (what the XML checks and the streamed preview can read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def choose_sheet(
    path: Path,
    names: list[str],
    sheet: int | str | None,
    decoded: Decoded,
    *,
    formulas: bool,
    workbook: Any = None,
) -> int:
    """The index of the sheet to read: the one named, else the active visible sheet. A workbook
    whose visible sheets are empty while a hidden one has data is refused; with ``formulas``, a
    formula without its saved result is refused (the file was made by a program, not saved by
    Excel). Reads the XML parts only as far as needed (no sheet is loaded). An .xls or .ods has
    no such parts: its sheets' visibility comes from calamine (the first visible one is read),
    from the ``workbook`` the caller opened when it gives one."""
    if not is_xlsx(path):
        return _choose_by_metadata(path, names, sheet, decoded, workbook)
    with zipfile.ZipFile(path) as archive:
        infos, active = workbook_sheets(archive)
        chosen = _asked_sheet(path, names, sheet)
        if chosen is None:
            chosen = _visible_choice(path, archive, names, infos, active, decoded)
        part = infos[chosen].part if chosen < len(infos) else ""
        missing = formulas_without_values(archive, part) if part and formulas else []
    if missing:
        raise TableError(
            f"Tệp {path.name}: ô {', '.join(missing)} có công thức nhưng chưa có giá trị đã tính "
            "(tệp chưa được Excel tính và lưu). Hãy mở tệp bằng Excel, lưu lại rồi nhập."
        )
    decoded.sheet = names[chosen] if chosen < len(names) else ""
    return chosen


def _part_has_values(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet's XML holds a value (a formatted but empty sheet holds none)."""
    try:
        handle = archive.open(part)
    except KeyError:
        return False
    with handle:
        tail = b""
        while block := handle.read(1 << 20):
            data = tail + block
            if b"<v>" in data or b"<is>" in data or b"<v " in data:
                return True
            tail = data[-8:]
    return False


def _visible_choice(
    path: Path,
    archive: zipfile.ZipFile,
    names: list[str],
    infos: list[SheetInfo],
    active: int,
    decoded: Decoded,
) -> int:
    if len(infos) != len(names):  # a workbook.xml we could not read: the first sheet
        return 0

    def has_data(index: int) -> bool:
        return _part_has_values(archive, infos[index].part)

    shown = [info.visible for info in infos]
    return _shown_choice(path, names, shown, active, has_data, decoded)


def _asked_sheet(path: Path, names: list[str], sheet: int | str | None) -> int | None:
    """The index of the sheet the caller names (by name or index), or None: choose one."""
    if isinstance(sheet, str):
        if sheet not in names:
            raise TableError(f"Tệp {path.name} không có trang tính «{sheet}»")
        return names.index(sheet)
    return sheet


def _choose_by_metadata(
    path: Path, names: list[str], sheet: int | str | None, decoded: Decoded, workbook: Any
) -> int:
    """:func:`choose_sheet` of an .xls or .ods, from calamine's sheet list."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum  # noqa: PLC0415

    chosen = _asked_sheet(path, names, sheet)
    if chosen is None:
        if workbook is None:
            workbook = CalamineWorkbook.from_path(str(path))

        def has_data(index: int) -> bool:
            rows = workbook.get_sheet_by_index(index).iter_rows()
            return any(not is_blank(cells) for cells in rows)

        shown = [m.visible == SheetVisibleEnum.Visible for m in workbook.sheets_metadata]
        chosen = _shown_choice(path, names, shown, 0, has_data, decoded) if shown else 0
    decoded.sheet = names[chosen] if chosen < len(names) else ""
    return chosen


def _shown_choice(
    path: Path,
    names: list[str],
    shown: list[bool],
    active: int,
    has_data: Callable[[int], bool],
    decoded: Decoded,
) -> int:
    """The active sheet if visible, else the first visible one; another visible one with data
    when it is empty; refused when only hidden sheets have data."""
    visible = [i for i, flag in enumerate(shown) if flag]
    hidden = [i for i, flag in enumerate(shown) if not flag]
    chosen = active if active in visible else (visible[0] if visible else 0)
    hidden_with_data = [i for i in hidden if has_data(i)]
    if not has_data(chosen):
        other = next((i for i in visible if has_data(i)), None)
        if other is None and hidden_with_data:
            listed = ", ".join(f"«{names[i]}»" for i in hidden_with_data)
            raise TableError(
                f"Tệp {path.name}: trang tính đang hiện không có số liệu, số liệu chỉ có ở trang "
                f"ẩn {listed}. Chương trình không đọc trang ẩn: hãy hiện trang đó (chuột phải → "
                "Unhide), để nó là trang đang mở, lưu lại rồi nhập."
            )
        chosen = other if other is not None else chosen
    if hidden_with_data:
        listed = ", ".join(f"«{names[i]}»" for i in hidden_with_data)
        decoded.notes.append(f"Không đọc trang ẩn {listed}.")
    return chosen


def _xlsx_rows(path: Path, sheet: int | str | None, decoded: Decoded) -> Iterator[list[Any]]:
    """The rows of the chosen sheet of a workbook (.xlsx, .xls, .ods)."""
    decoded.encoding = ""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - only workbooks need it

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        index = choose_sheet(path, names, sheet, decoded, formulas=True, workbook=workbook)
        yield from workbook.get_sheet_by_index(index).iter_rows()
    except TableError:
        raise
    except Exception as error:  # calamine raises its own error types for broken files
        raise workbook_error(path, error) from error


def workbook_error(path: Path, error: Exception) -> TableError:
    """What to tell the officer when calamine cannot read a workbook."""
    if type(error).__name__ == "PasswordError":
        return TableError(
            f"Tệp {path.name} có mật khẩu: hãy mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → "
            "Bảo vệ sổ làm việc), lưu lại rồi nhập."
        )
    return TableError(f"Không đọc được tệp Excel {path.name}: {error}")


def sheet_head(path: Path, limit: int) -> list[list[Any]]:
    """The first ``limit`` rows (blank ones kept) of the sheet the officer sees, read whole by
    calamine: for an .xls or .ods (an .xlsx is streamed, ``app.exchange.xlsx_head``)."""
    return list(itertools.islice(_xlsx_rows(path, None, Decoded()), limit))


def raw_rows(
    path: Path, *, max_rows: int = EXCEL_MAX_ROWS, sheet: int | str | None = None
) -> tuple[list[tuple[int, list[Any]]], Decoded]:
    """The non-blank rows of the file (with 1-based file row numbers), text NFC and legacy-font
    text converted. More than ``max_rows`` non-blank rows raises TableError."""
    decoded = Decoded()
    kind = check_file(path)
    source = csv_rows(path, decoded) if kind == "csv" else _xlsx_rows(path, sheet, decoded)
    normalize = unicodedata.normalize
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(source, start=1):
        if is_blank(cells):
            continue
        if len(rows) >= max_rows:
            raise TableError(
                f"Tệp {path.name} có hơn {max_rows} dòng số liệu: quá nhiều với loại tệp này "
                "(chọn nhầm tệp?)"
            )
        rows.append((number, [normalize("NFC", c) if isinstance(c, str) else c for c in cells]))
    texts = (c for _n, cells in rows for c in cells if isinstance(c, str))
    decoded.legacy = legacy.detect(texts)
    if decoded.legacy is not None:
        rows = [(n, [legacy.convert_cell(c, decoded.legacy) for c in cells]) for n, cells in rows]
    return rows, decoded


def iter_raw_rows(
    path: Path, *, max_rows: int = EXCEL_MAX_ROWS, sheet: int | str | None = None
) -> Iterator[list[Any]]:
    """The non-blank rows of the file (see :func:`raw_rows`)."""
    rows, _decoded = raw_rows(path, max_rows=max_rows, sheet=sheet)
    return iter([cells for _n, cells in rows])


def read_table(
    path: Path,
    *,
    max_rows: int = MAX_TABLE_ROWS,
    sheet: int | str | None = None,
    scorer: Scorer | None = None,
) -> Table:
    """The table of a file. Without ``scorer`` the first non-blank row is the header; with one,
    the header is found below title rows (see ``layout.find_header``) and total rows and a
    signature block below the table are left out (listed in :attr:`Table.skipped`)."""
    rows, decoded = raw_rows(path, max_rows=max_rows, sheet=sheet)
    if not rows:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    start, header, header_row = find_header(rows, scorer)
    skipped: list[Skipped] = []
    for number, cells in rows[: start - 1]:
        if number < header_row:
            texts = " ".join(str(c).strip() for c in cells if c not in (None, ""))
            skipped.append(Skipped(number, "dòng tiêu đề phía trên bảng", texts[:60]))
    body = data_rows(rows, start, skipped) if scorer is not None else rows[start:]
    return Table(header=header, header_row=header_row, rows=body, skipped=skipped, decoded=decoded)
