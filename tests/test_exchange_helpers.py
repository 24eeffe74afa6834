"""Small files for the exchange tests, written into tmp_path (no big files in the repository)."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

UNITS = [
    ("31396", "Thị trấn Cây Dương"),
    ("31393", "Thị trấn Kinh Cùng"),
    ("31399", "Xã Tân Bình"),
    ("31402", "Xã Bình Thành"),
    ("31423", "Xã Hòa An"),
    ("31420", "Xã Hòa Mỹ"),
    ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("NV", "Phòng Nội vụ"),
]


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], delimiter: str = ",", bom: bool = False
) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as a user may type it
    workbook.save(path)
    return path


def write_zip_bomb(path: Path, megabytes: int = 40) -> Path:
    """An .xlsx-shaped zip whose sheet is megabytes of zeros (compressed ~1000×)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            block = b"0" * (1 << 20)
            for _ in range(megabytes):
                part.write(block)
    return path


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """``text`` as an older Excel saves it in Windows-1258: tone marks apart from their letter."""
    import unicodedata

    out = []
    for char in text:
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def legacy_text(text: str, kind: str) -> str:
    """``text`` as typed in the legacy font ``kind`` ("tcvn3" or "vni"): what the cells show."""
    import json
    import unicodedata

    table = json.loads(
        (
            Path(__file__).resolve().parents[1] / "resources" / "encodings" / f"{kind}.json"
        ).read_text(encoding="utf-8")
    )["table"]
    back: dict[str, str] = {}
    for typed, letter in table.items():
        if letter not in back or len(typed) > len(back[letter]):
            back[letter] = typed
    return "".join(back.get(c, c) for c in unicodedata.normalize("NFC", text))
