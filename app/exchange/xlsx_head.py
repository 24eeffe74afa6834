"""The first rows of a large .xlsx without loading the sheet: the sheet XML is parsed as a stream
(defusedxml) and stops after ``limit`` rows, so the column-mapping dialog opens at once even for a
million-row portal export (calamine would read the whole sheet first: ~10 s)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DATE_FORMAT_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_EPOCH = dt.datetime(1899, 12, 30)


def _column(ref: str) -> int:
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + (ord(char.upper()) - 64)
    return number - 1


def _first_sheet(archive: zipfile.ZipFile) -> str:
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        if sheet is not None:
            wanted = sheet.get(f"{REL}id")
            for rel in rels.iter(f"{PKG_REL}Relationship"):
                if rel.get("Id") == wanted:
                    target = str(rel.get("Target", ""))
                    if target.startswith("/"):
                        return target.lstrip("/")
                    return posixpath.normpath(posixpath.join("xl", target))
    except KeyError:
        pass
    return "xl/worksheets/sheet1.xml"


def _visible_sheet(path: Path, archive: zipfile.ZipFile) -> str:
    """The part of the sheet the officer sees (the active visible one), else the first."""
    from app.exchange.reader.source import Decoded, workbook_sheets  # noqa: PLC0415
    from app.exchange.reader.table import choose_sheet  # noqa: PLC0415

    infos, _active = workbook_sheets(archive)
    if not infos:
        return _first_sheet(archive)
    index = choose_sheet(path, [i.name for i in infos], None, Decoded(), formulas=False)
    return infos[index].part


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell formats (``s`` attribute) that show a date."""
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        styles = fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {}
    for fmt in styles.iter(f"{MAIN}numFmt"):
        code = _QUOTED.sub("", fmt.get("formatCode", ""))
        custom[int(fmt.get("numFmtId", "0"))] = bool(_DATE_CODE.search(code))
    dates: set[int] = set()
    xfs = styles.find(f"{MAIN}cellXfs")
    if xfs is not None:
        for index, xf in enumerate(xfs.findall(f"{MAIN}xf")):
            fmt_id = int(xf.get("numFmtId", "0"))
            if fmt_id in _DATE_FORMAT_IDS or custom.get(fmt_id, False):
                dates.add(index)
    return dates


class _SharedStrings:
    """Shared strings read lazily, only as far as the rows asked for need."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._values: list[str] = []
        self._handle: IO[bytes] | None = None
        self._events: Iterator[tuple[str, Any]] | None = None
        if "xl/sharedStrings.xml" in archive.namelist():
            from defusedxml.ElementTree import iterparse  # noqa: PLC0415

            self._handle = archive.open("xl/sharedStrings.xml")
            self._events = iterparse(self._handle, events=("end",))

    def get(self, index: int) -> str:
        while index >= len(self._values) and self._events is not None:
            try:
                _event, element = next(self._events)
            except StopIteration:
                self._events = None
                break
            if element.tag == f"{MAIN}si":
                self._values.append("".join(t.text or "" for t in element.iter(f"{MAIN}t")))
                element.clear()
        return self._values[index] if index < len(self._values) else ""

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _value(cell: Any, strings: _SharedStrings, dates: set[int]) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    raw = cell.findtext(f"{MAIN}v")
    if raw is None:
        return None
    if kind == "s":
        return strings.get(int(raw))
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    try:
        number = float(raw)
    except ValueError:
        return raw
    if int(cell.get("s", "0")) in dates:
        return _EPOCH + dt.timedelta(seconds=round(number * 86400))
    return int(number) if number.is_integer() else number


def head_rows(path: Path, limit: int) -> list[list[Any]]:
    """The first ``limit`` rows of the sheet the officer sees (blank rows kept, as lists of cell
    values)."""
    from defusedxml.ElementTree import iterparse  # noqa: PLC0415

    rows: list[list[Any]] = []
    with zipfile.ZipFile(path) as archive:
        strings = _SharedStrings(archive)
        dates = _date_styles(archive)
        try:
            with archive.open(_visible_sheet(path, archive)) as sheet:
                expected = 1
                for _event, element in iterparse(sheet, events=("end",)):
                    if element.tag != f"{MAIN}row":
                        continue
                    number = int(element.get("r", expected))
                    while expected < number and len(rows) < limit:
                        rows.append([])
                        expected += 1
                    cells: list[Any] = []
                    for position, cell in enumerate(element.iter(f"{MAIN}c")):
                        column = _column(cell.get("r", "")) if cell.get("r") else position
                        cells.extend([None] * (column - len(cells)))
                        cells.append(_value(cell, strings, dates))
                    element.clear()
                    if len(rows) >= limit:
                        break
                    rows.append(cells)
                    expected = number + 1
        finally:
            strings.close()
    return rows[:limit]
