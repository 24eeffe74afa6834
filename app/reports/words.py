"""Vietnamese words for money and dates, as written in administrative documents.

Conventions (the usual reading of numbers in Vietnamese):
- groups of three digits read as "X trăm Y mươi Z" with the scales nghìn, triệu, tỷ (then nghìn tỷ…);
- a zero tens digit before a non-zero unit is "linh" (105: "một trăm linh năm");
- a group after a larger one keeps its hundreds even when zero ("không trăm"):
  1.000.001 → "một triệu không trăm linh một", 2.005.000 → "hai triệu không trăm linh năm nghìn";
- groups that are all zero are left out (15.000.000 → "mười lăm triệu");
- 10–19 are "mười …" and 5 after "mười"/"mươi" is "lăm" (15: "mười lăm", 25: "hai mươi lăm");
- after "mươi" (20 and up) 1 is "mốt" and 4 is "tư" (21: "hai mươi mốt", 24: "hai mươi tư");
  after "mười" they stay "một", "bốn" (11: "mười một", 14: "mười bốn").

Dates follow Nghị định 30/2020/NĐ-CP: a day below 10 and a month below 3 take a leading zero
("ngày 05 tháng 01 năm 2024", "ngày 21 tháng 8 năm 2023").
"""

from __future__ import annotations

import datetime as dt

from app import dates

parse_date = dates.parse_day  # the one date parser and formatter are app.dates'
short_date = dates.short_date

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")
BILLION = 10**9


def _group_words(value: int, *, full: bool) -> list[str]:
    """Words for 0 < value < 1000. ``full``: a larger group comes before (keep 'không trăm')."""
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones:
            if words:
                words.append("linh")
            words.append(DIGITS[ones])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if ones == 0:
        return words
    if ones == 5:
        words.append("lăm")
    elif ones == 1 and tens > 1:
        words.append("mốt")
    elif ones == 4 and tens > 1:
        words.append("tư")
    else:
        words.append(DIGITS[ones])
    return words


def _below_billion(value: int, *, full: bool) -> list[str]:
    """Words for 0 < value < 10**9; ``full`` when a larger part (tỷ) has been read before."""
    groups = [(value // 10**6) % 1000, (value // 1000) % 1000, value % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if not group:
            continue
        words += _group_words(group, full=full or bool(words))
        scale = SCALES[2 - index]
        if scale:
            words.append(scale)
    return words


def _number_words(value: int, *, full: bool = False) -> list[str]:
    if value < BILLION:
        return _below_billion(value, full=full)
    billions, rest = divmod(value, BILLION)
    words = [*_number_words(billions, full=full), "tỷ"]
    if rest:
        words += _below_billion(rest, full=True)
    return words


def number_in_words(value: int) -> str:
    """A whole number in lower-case Vietnamese words: 21 → 'hai mươi mốt', 0 → 'không'."""
    if value < 0:
        return "âm " + number_in_words(-value)
    if value == 0:
        return DIGITS[0]
    return " ".join(_number_words(value))


def money_in_words(amount_vnd: int, *, even: bool = False) -> str:
    """An amount of đồng in words, capitalised: 15000000 → 'Mười lăm triệu đồng' ('… đồng chẵn'
    with ``even``, as some offices write a round sum)."""
    text = number_in_words(amount_vnd) + " đồng" + (" chẵn" if even else "")
    return text[0].upper() + text[1:]


def date_numbers(day: dt.date) -> tuple[str, str, str]:
    """Day, month and year as written in a document (ND 30: leading zero for day < 10, month < 3)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}", month, str(day.year)  # 02d adds a zero below 10 only


def numeric_date(day: dt.date) -> str:
    """'05/01/2024', '21/8/2023': the same rule as in words."""
    d, m, y = date_numbers(day)
    return f"{d}/{m}/{y}"


def date_in_words(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2024'."""
    d, m, y = date_numbers(day)
    return f"ngày {d} tháng {m} năm {y}"


def place_date_line(place: str, day: dt.date | None, year: int | None = None) -> str:
    """'Phụng Hiệp, ngày 05 tháng 01 năm 2024'; blanks to fill by hand when ``day`` is None."""
    if day is None:
        blank = "\u00a0" * 6
        tail = str(year) if year else blank * 2
        return f"{place}, ngày{blank}tháng{blank}năm {tail}"
    return f"{place}, {date_in_words(day)}"
