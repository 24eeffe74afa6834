"""Safety of the table reader: zip bombs, absurd row counts, defusedxml, NFC text."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_exchange_helpers import write_csv, write_xlsx, write_zip_bomb

from app.exchange.reader import table as tables
from app.exchange.tables import TableError, check_xlsx, read_table


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_zip_bomb_refused_before_parsing(tmp_path: Path) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    with pytest.raises(TableError) as error:
        read_table(bomb)
    message = str(error.value)
    assert "bomb.xlsx" in message and "zip bomb" in message and "nén" in message


def test_uncompressed_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", [["a"], [1]])
    check_xlsx(path)
    monkeypatch.setattr(tables, "MAX_XLSX_UNCOMPRESSED", 100)
    with pytest.raises(TableError, match=r"khi giải nén chiếm .* vượt giới hạn"):
        read_table(path)


def test_declared_row_count_is_not_a_limit(tmp_path: Path) -> None:
    """A sheet declaring 5.000.000 rows but holding two is read (limits are on what it holds)."""
    path = write_xlsx(tmp_path / "huge.xlsx", [["a"], [1]])
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'ref="A1:A2"', b'ref="A1:C5000000"')
    assert b"C5000000" in parts["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_table(path).rows == [(2, [1])]


def test_row_limit_while_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "many.csv", [["a"], *[[i] for i in range(20)]])
    assert len(read_table(path).rows) == 20
    with pytest.raises(TableError, match="hơn 10 dòng số liệu"):
        read_table(path, max_rows=10)


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(TableError, match=r"không phải tệp Excel \.xlsx hợp lệ"):
        read_table(path)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(TableError, match="trống"):
        read_table(empty)


def test_text_is_nfc_on_the_way_in(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Hòa An")
    for path in (
        write_csv(tmp_path / "t.csv", [["Tên đơn vị"], [decomposed]]),
        write_xlsx(tmp_path / "t.xlsx", [["Tên đơn vị"], [decomposed]]),
    ):
        table = read_table(path)
        assert table.rows[0][1][0] == "Xã Hòa An"


def test_named_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", [["a"], [1]], title="Dữ liệu")
    assert read_table(path, sheet="Dữ liệu").rows[0][1] == [1]
    with pytest.raises(TableError, match="không có trang tính «Khác»"):
        read_table(path, sheet="Khác")
