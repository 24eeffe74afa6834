"""Portal dossier exports (DATA-FORMAT.md B): mapping, channels, dates, duplicates, period, units."""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from test_exchange_helpers import UNITS, write_csv, write_xlsx, write_zip_bomb

from app.exchange.dossiers import (
    BAD_DATE,
    DIRECT,
    DUPLICATE,
    MISSING_ID,
    ONLINE,
    OUTSIDE_PERIOD,
    POSTAL,
    POSTAL_LEFT_OUT,
    UNKNOWN_UNIT,
    DossierRecord,
    ImportCancelled,
    MappingError,
    channel_class,
    channel_is_online,
    format_mapping,
    guess_mapping,
    import_dossiers,
    parse_mapping,
    preview,
    read_header,
    summarise,
)
from app.exchange.tables import TableError
from app.exchange.units import UnitMatcher
from app.scoring import UnitFigures, UnitKind

HEADER = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Cơ quan tiếp nhận",
    "Hình thức nộp",
    "Tài khoản nộp",
    "Ngày tiếp nhận",
]
PERIOD = (dt.date(2023, 9, 1), dt.date(2023, 12, 31))
MATCHER = UnitMatcher(UNITS)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


ROWS = [
    HEADER,
    [
        1,
        "000123",
        "Khai sinh",
        "UBND xã Tân Bình",
        "Trực tuyến toàn trình",
        "0901",
        "15/10/2023 08:30",
    ],
    [
        2,
        "000124",
        "Khai sinh",
        nfd("Xã Tân Bình"),
        nfd("Trực tuyến một phần"),
        "0901",
        "16/10/2023",
    ],
    [3, "000125", "Khai sinh", "xa tan binh", "Trực tiếp", "", "5/9/2023"],
    [
        4,
        "000126",
        "Khai sinh",
        "Tân Bình",
        "Trực tuyến",
        "0902",
        "45214",
    ],  # Excel serial: 15/10/2023
    [5, "000123", "Khai sinh", "UBND xã Tân Bình", "Trực tuyến", "0999", "20/10/2023"],  # duplicate
    [
        6,
        "000127",
        "Khai sinh",
        "UBND xã Không Có",
        "Trực tuyến",
        "0903",
        "20/10/2023",
    ],  # unknown unit
    [7, "000128", "Khai sinh", "Thị trấn Cây Dương", "Bưu chính", "", "31/08/2023 23:59"],  # before
    [
        8,
        "000129",
        "Khai sinh",
        "Thị trấn Cây Dương",
        "Trực tuyến",
        "0904",
        "32/10/2023",
    ],  # bad date
    [9, "", "Khai sinh", "Thị trấn Cây Dương", "Trực tuyến", "0904", "20/10/2023"],  # no id
    [],  # blank line
    [
        10,
        "000130",
        "Khai sinh",
        "TT Cây Dương",
        "Trực tuyến toàn trình",
        "0904",
        "31/12/2023 17:00",
    ],
    [11, "000131", "Khai sinh", "31396", "Nộp qua Zalo", "0905", "01/09/2023"],  # unknown channel
]


def test_guess_mapping_from_common_headers() -> None:
    assert guess_mapping(HEADER) == {
        "id": "Mã hồ sơ",
        "unit": "Cơ quan tiếp nhận",
        "channel": "Hình thức nộp",
        "account": "Tài khoản nộp",
        "date": "Ngày tiếp nhận",
        "procedure": "Tên thủ tục",
    }
    other = ["Số hồ sơ", "Đơn vị", "Kênh nộp", "Người nộp", "Ngày nộp hồ sơ", "Ngày hẹn trả"]
    mapping = guess_mapping([nfd(h) for h in other])
    assert mapping["id"] == nfd("Số hồ sơ")
    assert mapping["unit"] == nfd("Đơn vị")
    assert mapping["channel"] == nfd("Kênh nộp")
    assert mapping["account"] == nfd("Người nộp")
    assert mapping["date"] == nfd("Ngày nộp hồ sơ")


def test_parse_mapping_headless_form() -> None:
    text = "unit=Cơ quan tiếp nhận,channel=Hình thức nộp,account=Tài khoản nộp,id=Mã hồ sơ,date=Ngày tiếp nhận"
    mapping = parse_mapping(text)
    assert mapping == {
        "unit": "Cơ quan tiếp nhận",
        "channel": "Hình thức nộp",
        "account": "Tài khoản nộp",
        "id": "Mã hồ sơ",
        "date": "Ngày tiếp nhận",
    }
    assert parse_mapping(format_mapping(mapping)) == mapping
    with pytest.raises(MappingError, match="không có khóa «donvi»"):
        parse_mapping("donvi=Đơn vị")
    with pytest.raises(MappingError, match="khóa=Tên cột"):
        parse_mapping("unit")


def test_channel_defaults_and_edits() -> None:
    assert channel_is_online("trực tuyến TOÀN TRÌNH")
    assert channel_is_online(nfd("Trực tuyến một phần"))
    assert not channel_is_online("Trực tiếp")
    assert not channel_is_online("Bưu chính")
    assert not channel_is_online("Nộp qua Zalo")
    assert channel_is_online("Nộp qua Zalo", {"Nộp qua Zalo": True})


@pytest.mark.parametrize("chunk_rows", [3, 200_000])
def test_csv_import_counts_lists_and_dedups(tmp_path: Path, chunk_rows: int) -> None:
    path = write_csv(tmp_path / "export.csv", ROWS, bom=True)
    seen: list[tuple[int, int]] = []
    result = import_dossiers(
        path,
        None,
        MATCHER,
        period=PERIOD,
        progress=lambda d, t: seen.append((d, t)),
        chunk_rows=chunk_rows,
    )
    assert result.rows_read == 11
    assert result.blank_rows == 1
    tan_binh = result.units["31399"]
    assert (tan_binh.total, tan_binh.online, tan_binh.accounts) == (4, 3, 2)
    assert tan_binh.top_accounts == (("0901", 2), ("0902", 1))
    assert tan_binh.dossiers_per_account == Fraction(3, 2)
    assert tan_binh.top_share == 1
    cay_duong = result.units["31396"]
    assert (cay_duong.total, cay_duong.online, cay_duong.accounts) == (2, 1, 1)
    assert result.issue_counts == {
        MISSING_ID: 1,
        DUPLICATE: 1,
        BAD_DATE: 1,
        OUTSIDE_PERIOD: 1,
        UNKNOWN_UNIT: 1,
        POSTAL_LEFT_OUT: 0,
    }
    assert [i.row for i in result.issues[DUPLICATE]] == [6]
    assert result.issues[DUPLICATE][0].dossier_id == "000123"  # leading zeros kept
    assert result.issues[UNKNOWN_UNIT][0].value == "UBND xã Không Có"
    assert result.unknown_units == {"UBND xã Không Có": 1}
    assert result.issues[BAD_DATE][0].value == "32/10/2023"
    assert result.issues[OUTSIDE_PERIOD][0].value == "31/08/2023"
    assert str(result.issues[UNKNOWN_UNIT][0]) == (
        "Dòng 7, hồ sơ 000127: đơn vị không có trong đợt thi đua («UBND xã Không Có»)"
    )
    assert result.channels["Trực tuyến một phần"] == (1, True)  # NFD folded to NFC
    assert result.channels["Nộp qua Zalo"] == (1, False)
    assert sorted(r.id for r in result.records) == [
        "000123",
        "000124",
        "000125",
        "000126",
        "000130",
        "000131",
    ]
    record = next(r for r in result.records if r.id == "000126")
    assert record == DossierRecord("000126", "31399", True, "0902", dt.date(2023, 10, 15))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    report = "\n".join(result.summary_lines())
    assert "Đã đọc 11 dòng" in report and "tính 6 hồ sơ" in report
    assert "Bỏ qua 1 dòng: ngoài thời gian thi đua." in report
    assert "«UBND xã Không Có» (1 dòng)" in report


def test_edited_channel_mapping_and_no_period(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ROWS, delimiter=";")
    result = import_dossiers(
        path, None, MATCHER, channels={"Nộp qua Zalo": True, "Trực tuyến": True}
    )
    # without a period only the bad date is refused; unknown channels follow the edited mapping
    assert result.issue_counts[OUTSIDE_PERIOD] == 0
    # 000128 Bưu chính (left out of the total), 000129 bad date, 000130 toàn trình (no longer
    # online), 000131 Zalo
    assert (result.units["31396"].total, result.units["31396"].online) == (2, 1)
    assert result.issue_counts[POSTAL_LEFT_OUT] == 1
    assert [i.dossier_id for i in result.issues[POSTAL_LEFT_OUT]] == ["000128"]
    assert result.channels["Trực tuyến toàn trình"] == (2, False)  # no longer listed as online
    counted = import_dossiers(
        path,
        None,
        MATCHER,
        channels={"Nộp qua Zalo": True, "Trực tuyến": True},
        postal_in_total=True,
    )
    assert (counted.units["31396"].total, counted.issue_counts[POSTAL_LEFT_OUT]) == (3, 0)


def test_channel_classes() -> None:
    assert channel_class("Trực tuyến một phần", True) == ONLINE
    assert channel_class("Bưu chính công ích", False) == POSTAL
    assert channel_class("BCCI", False) == POSTAL
    assert channel_class("Trực tiếp", False) == DIRECT
    assert channel_class("Nộp tại quầy", False) == DIRECT


def test_xlsx_import_with_excel_dates_and_numbers(tmp_path: Path) -> None:
    rows = [
        HEADER,
        [1, 123, "Khai sinh", "Xã Hòa An", "Trực tuyến", 901.0, dt.datetime(2023, 10, 15, 8, 30)],
        [2, "00124", "Khai sinh", "Xã Hòa An", "Trực tuyến", "0901", dt.date(2023, 10, 16)],
        [3, "00125", "Khai sinh", "Hòa Mỹ", "Trực tiếp", None, "15/11/2023"],
        [4, "00126", "Khai sinh", "Hòa Mỹ", "Trực tiếp", None, dt.datetime(2024, 1, 1)],
    ]
    path = write_xlsx(tmp_path / "export.xlsx", rows)
    assert read_header(path) == HEADER
    header, first = preview(path, 2)
    assert header == HEADER and first[0][1] == "123" and first[0][6] == "15/10/2023 08:30"
    result = import_dossiers(path, None, MATCHER, period=PERIOD, chunk_rows=2)
    hoa_an = result.units["31423"]
    assert (hoa_an.total, hoa_an.online, hoa_an.accounts) == (2, 2, 2)
    assert {r.id for r in result.records} == {"123", "00124", "00125"}
    assert result.issues[OUTSIDE_PERIOD][0].row == 5
    assert result.units["31420"].online == 0 and result.units["31420"].dossiers_per_account is None


def test_explicit_mapping_and_missing_columns(tmp_path: Path) -> None:
    rows = [
        ["Số HS", "Nơi nhận", "Cách nộp", "Ngày"],
        ["A1", "Xã Tân Bình", "Trực tuyến", "01/10/2023"],
    ]
    path = write_csv(tmp_path / "odd.csv", rows)
    mapping = parse_mapping("id=Số HS,unit=nơi nhận,channel=CÁCH NỘP,date=Ngày")
    result = import_dossiers(path, mapping, MATCHER, period=PERIOD)
    assert result.units["31399"].online == 1
    assert any("tài khoản nộp" in w for w in result.warnings)
    with pytest.raises(MappingError) as error:
        import_dossiers(path, {"id": "Mã hồ sơ", "unit": "Nơi nhận"}, MATCHER, period=PERIOD)
    message = str(error.value)
    assert "không có cột «Mã hồ sơ»" in message
    assert "chưa chọn cột cho: Hình thức nộp, Ngày tiếp nhận" in message
    assert "«Cách nộp»" in message  # the file's columns are listed
    with pytest.raises(MappingError, match="chưa chọn cột"):
        import_dossiers(path, None, MATCHER, period=PERIOD)  # nothing guessable


def test_cancel_stops_the_import(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", ROWS)
    with pytest.raises(ImportCancelled):
        import_dossiers(path, None, MATCHER, cancel=lambda: True, chunk_rows=2)


def test_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(TableError, match="trống"):
        import_dossiers(empty, None, MATCHER)
    blank = write_csv(tmp_path / "blank.csv", [[], []])
    with pytest.raises(TableError, match="trống"):
        import_dossiers(blank, None, MATCHER)
    header_only = write_csv(tmp_path / "header.csv", [HEADER])
    result = import_dossiers(header_only, None, MATCHER, period=PERIOD)
    assert result.rows_read == 0 and result.units == {} and len(result.records) == 0
    unicode_text = tmp_path / "utf16.csv"  # Excel's «Unicode Text»: read, not refused
    unicode_text.write_bytes(",".join(HEADER).encode("utf-16"))
    assert import_dossiers(unicode_text, None, MATCHER, period=PERIOD).rows_read == 0
    with pytest.raises(TableError, match="zip bomb"):
        import_dossiers(write_zip_bomb(tmp_path / "bomb.xlsx"), None, MATCHER)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip")
    with pytest.raises(TableError, match="không phải tệp Excel"):
        import_dossiers(fake, None, MATCHER)


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    rows = [HEADER, [1, "=1+2", "x", "Xã Tân Bình", "Trực tuyến", "@acc", "01/10/2023"]]
    result = import_dossiers(write_csv(tmp_path / "f.csv", rows), None, MATCHER, period=PERIOD)
    assert [r.id for r in result.records] == ["=1+2"]
    assert result.units["31399"].top_accounts == (("@acc", 1),)


def test_overlapping_imports_never_count_twice(tmp_path: Path) -> None:
    first = import_dossiers(write_csv(tmp_path / "a.csv", ROWS[:5]), None, MATCHER, period=PERIOD)
    second_rows = [
        HEADER,
        ROWS[2],
        ROWS[3],
        [12, "000200", "x", "Xã Tân Bình", "Trực tuyến", "0907", "02/10/2023"],
    ]
    second = import_dossiers(
        write_csv(tmp_path / "b.csv", second_rows), None, MATCHER, period=PERIOD
    )
    new = second.records.without(first.records.ids())
    assert new.ids() == ["000200"]
    union = summarise([*first.records, *second.records])
    assert (union["31399"].total, union["31399"].online, union["31399"].accounts) == (5, 4, 3)
    figures = UnitFigures("31399", "Xã Tân Bình", UnitKind.XA, eid=5, citizens=9)
    updated = union["31399"].apply_to(figures)
    assert (updated.total, updated.online, updated.accounts, updated.eid) == (5, 4, 3, 5)


def _hand_made_xlsx(path: Path) -> Path:
    """An .xlsx as Excel writes it: shared strings, a custom date format, a blank first row."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    strings = ["Mã hồ sơ", "Đơn vị", "Kênh nộp", "Ngày nộp", "Xã Tân Bình", "Trực tuyến", "0012"]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings[:-1])
    shared += '<si><r><t>00</t></r><r><t xml:space="preserve">12</t></r></si>'  # rich text
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} {rel_ns}><sheets><sheet name="Hồ sơ" sheetId="1" r:id="rId7"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>'
            '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/sharedStrings.xml", f"<sst {ns}>{shared}</sst>")
        archive.writestr(
            "xl/styles.xml",
            f'<styleSheet {ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
        )
        archive.writestr(
            "xl/worksheets/data.xml",
            f'<worksheet {ns}><dimension ref="A2:D3"/><sheetData>'
            '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'
            '<c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>4</v></c>'
            '<c r="C3" t="s"><v>5</v></c><c r="D3" s="1"><v>45214.5</v></c></row>'
            "</sheetData></worksheet>",
        )
    return path


def test_preview_streams_the_first_rows_of_an_excel_file(tmp_path: Path) -> None:
    path = _hand_made_xlsx(tmp_path / "excel.xlsx")
    header, rows = preview(path, 5)
    assert header == ["Mã hồ sơ", "Đơn vị", "Kênh nộp", "Ngày nộp"]
    assert rows == [["0012", "Xã Tân Bình", "Trực tuyến", "15/10/2023 12:00"]]
    assert read_header(path) == header
    result = import_dossiers(path, guess_mapping(header), MATCHER, period=PERIOD)
    assert [r.id for r in result.records] == ["0012"]
    assert result.records.rows() == [3]
    assert next(iter(result.records)).day == dt.date(2023, 10, 15)


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    rows = [
        ["CỔNG DỊCH VỤ CÔNG TỈNH HẬU GIANG"],
        ["Danh sách hồ sơ từ 01/09/2023 đến 31/12/2023"],
        [],
        HEADER,
        [1, "X1", "Khai sinh", "Xã Tân Bình", "Trực tuyến", "0901", "15/10/2023"],
        [],
        [2, "X2", "Khai sinh", "Xã Tân Bình", "Trực tiếp", "", "16/10/2023"],
    ]
    for path in (write_csv(tmp_path / "t.csv", rows), write_xlsx(tmp_path / "t.xlsx", rows)):
        assert read_header(path) == HEADER
        header, first = preview(path, 1)
        assert header == HEADER and first[0][1] == "X1"
        result = import_dossiers(path, None, MATCHER, period=PERIOD)
        assert result.records.rows() == [5, 7]
        assert (result.rows_read, result.blank_rows) == (2, 1)
        assert result.units["31399"].total == 2
    # with no header-like row the first row is the header, and the mapping error lists it
    odd = write_xlsx(tmp_path / "odd.xlsx", [["a", "b"], [], ["1", "2"]])
    assert read_header(odd) == ["a", "b"]
    with pytest.raises(MappingError, match="«a», «b»"):
        import_dossiers(odd, None, MATCHER)
    result = import_dossiers(odd, {"id": "a", "unit": "b", "channel": "b"}, MATCHER)
    assert result.issues[UNKNOWN_UNIT][0].row == 3
