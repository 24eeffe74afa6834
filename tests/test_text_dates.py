"""The one text helper (app.text) and the one date parser (app.dates) every layer uses."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from app.dates import DateError, parse_day, read_date, short_date
from app.errors import UserError
from app.text import composed, fold, nfc, slug

DECOMPOSED = unicodedata.normalize("NFD", "Xã Hòa An")


def test_nfc_composes_and_strips_composed_keeps_spaces() -> None:
    assert DECOMPOSED != "Xã Hòa An"
    assert nfc(f"  {DECOMPOSED}\n") == "Xã Hòa An"
    assert composed(f"  {DECOMPOSED}\u00a0") == "  Xã Hòa An\u00a0"


def test_fold_and_slug() -> None:
    assert fold("Số hồ sơ  Trực_tuyến") == "so ho so truc tuyen"
    assert fold("ĐỊNH DANH") == "dinh danh"
    assert slug("Thị trấn Cây Dương") == "thi-tran-cay-duong"
    assert slug("…") == "x"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/01/2024", dt.date(2024, 1, 5)),
        ("5/1/2024", dt.date(2024, 1, 5)),
        ("5-1-2024", dt.date(2024, 1, 5)),
        ("5.1.2024", dt.date(2024, 1, 5)),
        ("2024-01-05", dt.date(2024, 1, 5)),
        ("2024/1/5", dt.date(2024, 1, 5)),
        ("15/10/2023 08:30", dt.date(2023, 10, 15)),
        ("2023-10-15T08:30:00", dt.date(2023, 10, 15)),
        # two-digit years as Excel reads them: 00–29 → 20xx, 30–99 → 19xx
        ("5/1/90", dt.date(1990, 1, 5)),
        ("5/1/30", dt.date(1930, 1, 5)),
        ("15/10/23", dt.date(2023, 10, 15)),
        ("1/1/29", dt.date(2029, 1, 1)),
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_day_first_dates(text: str, day: dt.date) -> None:
    assert read_date(text) == day
    assert parse_day(text) == day


def test_a_date_that_does_not_exist_is_told_so() -> None:
    with pytest.raises(DateError) as caught:
        read_date("31/02/1990", "Ngày sinh")
    message = str(caught.value)
    assert message.startswith("Ngày sinh: «31/02/1990» không phải là ngày có thật")
    assert "tháng 2 năm 1990 chỉ có 28 ngày" in message
    assert "dd/mm/yyyy" not in message
    assert isinstance(caught.value, UserError)
    with pytest.raises(DateError, match="không có tháng 13"):
        read_date("01/13/1990")
    with pytest.raises(DateError, match="chỉ có 28 ngày"):
        read_date("29/02/2023")


def test_never_year_0090() -> None:
    assert read_date("5/1/90") == dt.date(1990, 1, 5)
    with pytest.raises(DateError, match="bốn chữ số"):
        read_date("05/01/0090")
    assert parse_day("05/01/0090") is None
    assert parse_day("5/1/090") is None  # three digits: not a year


def test_not_a_date() -> None:
    with pytest.raises(DateError, match="ngày/tháng/năm"):
        read_date("ngày 5 tháng 1")
    assert read_date("") is None
    assert read_date("   ") is None
    assert read_date(None) is None
    assert parse_day("abc") is None
    assert parse_day("") is None
    assert parse_day(None) is None
    assert parse_day(True) is None


def test_cells_from_files() -> None:
    assert parse_day(dt.datetime(2023, 10, 15, 8, 30)) == dt.date(2023, 10, 15)
    assert parse_day(dt.date(2023, 10, 15)) == dt.date(2023, 10, 15)
    assert parse_day(45214) == dt.date(2023, 10, 15)  # an Excel serial
    assert parse_day("45214") == dt.date(2023, 10, 15)
    assert parse_day(12) is None  # more likely a typo than 1900
    with pytest.raises(DateError):
        read_date("45214")  # a person does not type serial numbers


def test_short_date() -> None:
    assert short_date(dt.date(2024, 1, 5)) == "05/01/2024"
    assert short_date(dt.date(987, 1, 5)) == "05/01/0987"
    assert short_date(None) == ""
