"""Money and dates in Vietnamese words, against hand-written cases."""

from __future__ import annotations

import datetime as dt

import pytest

from app.reports.words import (
    date_in_words,
    money_in_words,
    number_in_words,
    parse_date,
    place_date_line,
)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (15_000_000, "Mười lăm triệu đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (2_005_000, "Hai triệu không trăm linh năm nghìn đồng"),
        (1_000_001, "Một triệu không trăm linh một đồng"),
        (6_000_000, "Sáu triệu đồng"),
        (4_000_000, "Bốn triệu đồng"),
        (3_000_000, "Ba triệu đồng"),
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (115, "Một trăm mười lăm đồng"),
        (1_000, "Một nghìn đồng"),
        (1_050, "Một nghìn không trăm năm mươi đồng"),
        (10_500, "Mười nghìn năm trăm đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (1_010_000, "Một triệu không trăm mười nghìn đồng"),
        (7_500_000, "Bảy triệu năm trăm nghìn đồng"),
        (35_500_000, "Ba mươi lăm triệu năm trăm nghìn đồng"),
        (101_000_000, "Một trăm linh một triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
        (
            12_345_678_901,
            "Mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm linh một đồng",
        ),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (1_000_054_000, "Một tỷ không trăm năm mươi tư nghìn đồng"),
    ],
)
def test_money_in_words(amount: int, words: str) -> None:
    assert money_in_words(amount) == words


def test_number_in_words_lower_case() -> None:
    assert number_in_words(31) == "ba mươi mốt"
    assert number_in_words(94) == "chín mươi tư"
    assert number_in_words(-5) == "âm năm"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
        (dt.date(2023, 8, 21), "ngày 21 tháng 8 năm 2023"),
        (dt.date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
        (dt.date(2023, 9, 1), "ngày 01 tháng 9 năm 2023"),
    ],
)
def test_date_in_words(day: dt.date, words: str) -> None:
    assert date_in_words(day) == words


def test_place_date_line() -> None:
    assert place_date_line("Phụng Hiệp", dt.date(2024, 1, 5)) == (
        "Phụng Hiệp, ngày 05 tháng 01 năm 2024"
    )
    blank = place_date_line("Phụng Hiệp", None, 2024)
    assert blank.startswith("Phụng Hiệp, ngày") and blank.endswith("năm 2024")


def test_parse_date() -> None:
    assert parse_date("05/01/2024") == dt.date(2024, 1, 5)
    assert parse_date("5-1-2024") == dt.date(2024, 1, 5)
    assert parse_date("2024-01-05") == dt.date(2024, 1, 5)
    assert parse_date("") is None
    assert parse_date("31/02/2024") is None
    assert parse_date("abc") is None
