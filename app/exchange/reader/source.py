"""The rows of a file as the officer sees them (DATA-FORMAT.md G): a CSV in UTF-8 (BOM or not),
UTF-16 or Windows-1258, or the active visible sheet of a workbook; text NFC, legacy TCVN3 / VNI
text converted. Limits are on what the file holds (bytes once decompressed, non-blank rows, the
size of a cell), not on what it declares.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.exchange.reader import legacy

# A CSV field longer than the csv module's default limit is read, then found too long by the
# reader of its column (a problem in the list); one longer than this is an unreadable file.
MAX_CSV_FIELD = 16 * 1024 * 1024
UTF8 = "UTF-8"
# A formula whose result was never saved (a text result may be empty: t="str" cells are fine).
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c\b(?![^>]*\bt="str")(?=[^>]*\br="([A-Z]+\d+)")[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class TableError(UserError, ValueError):
    """The file cannot be read as a table (message in Vietnamese, naming the file)."""


@dataclass(slots=True)
class Decoded:
    """How the text of a file was read, for the report and the preview."""

    encoding: str = UTF8  # "UTF-8", "UTF-16", "Windows-1258", or "" for a workbook
    legacy: str | None = None  # legacy.TCVN3 / legacy.VNI when text was converted
    sheet: str = ""  # the sheet read (workbooks)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = []
        if self.encoding and self.encoding != UTF8:
            lines.append(f"Tệp văn bản mã {self.encoding}: đã chuyển sang Unicode.")
        if self.legacy:
            lines.append(
                f"Chữ gõ bằng bảng mã cũ {legacy.NAMES[self.legacy]}: đã chuyển sang Unicode — "
                "kiểm tra tên đơn vị trong bản xem trước."
            )
        return [*lines, *self.notes]


# --- CSV -------------------------------------------------------------------------------------


def decode_csv(path: Path, raw: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 (BOM or not), UTF-16 (BOM, or NULs every other byte) or
    Windows-1258, the last one NFC (its tone marks are separate characters)."""
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(path, raw[3:], "utf-8", UTF8), UTF8
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, raw, "utf-16", "UTF-16"), "UTF-16"
    head = raw[:4096]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return _strict(path, raw, "utf-16-le", "UTF-16"), "UTF-16"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return _strict(path, raw, "utf-16-be", "UTF-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    latin = raw.decode("latin-1")
    # Legacy-font text saved as ANSI: its bytes read as Windows-1258 leave foreign letters.
    if legacy.foreign(text) and legacy.detect(latin.splitlines()) is not None:
        return latin, "Windows-1252"
    return text, "Windows-1258"


def csv_codec(path: Path) -> str:
    """The Python codec of a large CSV, from its first bytes (the portal export is read in
    chunks): utf-8-sig, utf-16 (BOM), utf-16-le / -be (NULs every other byte), else cp1258 when
    the start is not UTF-8."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8-sig"


def _strict(path: Path, raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        raise TableError(
            f"Tệp {path.name} không đọc được theo mã {name} (byte thứ {error.start + 1}). "
            "Trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)»."
        ) from error


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first lines (the one most used on the line that uses one most)."""
    best, best_count = ",", 0
    for line in text.splitlines()[:40]:
        for delimiter in (",", ";", "\t"):
            count = line.count(delimiter)
            if count > best_count:
                best, best_count = delimiter, count
    return best


def csv_rows(path: Path, decoded: Decoded) -> Iterator[list[Any]]:
    text, decoded.encoding = decode_csv(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CSV_FIELD)
    try:
        for cells in reader:
            yield list(cells)
    except csv.Error as error:
        raise TableError(
            f"Tệp {path.name}, dòng {reader.line_num}: một ô dài quá "
            f"{MAX_CSV_FIELD // 2**20} MB hoặc sai dạng CSV ({error})"
        ) from error
    finally:
        csv.field_size_limit(old)


# --- workbooks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    part: str  # xl/worksheets/sheetN.xml
    visible: bool


def workbook_sheets(archive: zipfile.ZipFile) -> tuple[list[SheetInfo], int]:
    """The sheets in workbook order and the index of the active one (0 when not said)."""
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return [], 0
    targets = {r.get("Id"): str(r.get("Target", "")) for r in rels.iter(f"{PKG_REL}Relationship")}
    sheets: list[SheetInfo] = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        part = re.sub(r"[^/]+/\.\./", "", part)
        sheets.append(
            SheetInfo(str(sheet.get("name", "")), part, sheet.get("state", "visible") == "visible")
        )
    view = workbook.find(f"{MAIN}bookViews/{MAIN}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    return sheets, active if 0 <= active < len(sheets) else 0


def formulas_without_values(archive: zipfile.ZipFile, part: str, limit: int = 5) -> list[str]:
    """Cells (A1 references) holding a formula whose result was never saved."""
    found: list[str] = []
    try:
        handle = archive.open(part)
    except KeyError:
        return found
    with handle:
        tail = b""
        while len(found) < limit:
            block = handle.read(1 << 20)
            if not block:
                break
            data = tail + block
            if b"<f" in data:
                found.extend(m.group(1).decode() for m in _FORMULA_WITHOUT_VALUE.finditer(data))
            tail = data[-4096:]
    return list(dict.fromkeys(found))[:limit]
