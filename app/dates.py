"""Dates as Vietnamese offices write them — one parser for the whole program.

Day first: "05/01/2024", "5/1/2024", "5-1-2024", "5.1.2024", optionally followed by a time
("15/10/2023 08:30"); ISO "2024-01-05" (also with "/" or "."); in a spreadsheet cell also a date
value or an Excel serial number.

Two-digit years are read as Excel reads them (its default cutoff, 2029): 00–29 are 2000–2029 and
30–99 are 1930–1999, so "5/1/90" is 05/01/1990 and "15/10/23" is 15/10/2023 — never year 0090. A
year written with four digits must be 1000 or later.

``read_date`` is for text a person typed (a blank is None; anything else that is not a date is a
:class:`DateError` saying why: "31/02/1990" is told it is not a real date). ``parse_day`` is for
cells read from files (None when the cell is not a date). Whether a date is plausible for what it
is (a birth date in the future…) is the service's check, not the parser's. ``short_date`` writes
the dd/mm/yyyy form back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from app.errors import UserError

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_SERIAL = re.compile(r"^\d{4,6}(\.\d*)?$")
# Excel serials accepted as dates: 1954 … 2119 (a smaller number is more likely a typo).
SERIAL_RANGE = (20000, 80000)
# Two-digit years up to this one are 20xx, the others 19xx (Excel's and Windows' default).
TWO_DIGIT_CUTOFF = 29
EARLIEST_YEAR = 1000
EXAMPLE = "ngày/tháng/năm, ví dụ 05/01/1990"


class DateError(UserError, ValueError):
    """Text that is not a date; the message quotes it and says why."""

    title = "Ngày không hợp lệ"


def full_year(year: int, digits: int) -> int:
    """The year meant by ``year`` written with ``digits`` digits (two-digit years: the cutoff)."""
    if digits > 2:
        return year
    return 2000 + year if year <= TWO_DIGIT_CUTOFF else 1900 + year


def _checked(text: str, year: int, month: int, day: int) -> dt.date:
    if year < EARLIEST_YEAR:
        raise DateError(f"«{text}» không phải là ngày: năm phải ghi đủ bốn chữ số, ví dụ 1990.")
    if not 1 <= month <= 12:
        raise DateError(f"«{text}» không phải là ngày có thật: không có tháng {month}.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(
            f"«{text}» không phải là ngày có thật: tháng {month} năm {year} chỉ có {days} ngày."
        )
    return dt.date(year, month, day)


def _head(text: str) -> str:
    """The date part of a text that may carry a time ("15/10/2023 08:30", "2023-10-15T08:30")."""
    return re.split(r"[\sT]", text, maxsplit=1)[0]


def parse_date_text(text: str) -> dt.date:
    """The date written in ``text`` (day first or ISO, a time after it ignored); DateError why not."""
    cleaned = text.strip()
    head = _head(cleaned)
    if match := _DAY_FIRST.match(head):
        day, month, year = match.groups()
        return _checked(cleaned, full_year(int(year), len(year)), int(month), int(day))
    if match := _YEAR_FIRST.match(head):
        year, month, day = match.groups()
        return _checked(cleaned, int(year), int(month), int(day))
    raise DateError(f"«{cleaned}» không phải là ngày: ghi {EXAMPLE}.")


def read_date(text: str | None, what: str = "") -> dt.date | None:
    """A date typed by the officer: None when blank; DateError (starting with ``what``, e.g.
    "Ngày sinh") when it is not a date."""
    if text is None or not text.strip():
        return None
    try:
        return parse_date_text(text)
    except DateError as error:
        if not what:
            raise
        raise DateError(f"{what}: {error}") from error


def excel_serial_to_date(serial: float) -> dt.date | None:
    if not SERIAL_RANGE[0] <= serial < SERIAL_RANGE[1]:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_day(value: object) -> dt.date | None:
    """The calendar day of a cell (or a text), or None when it is not a date. Times of day are
    ignored. Accepts date/datetime objects, Excel serial numbers and the texts above."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return excel_serial_to_date(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _SERIAL.match(text):
        return excel_serial_to_date(float(text))
    try:
        return parse_date_text(text)
    except DateError:
        return None


def short_date(day: dt.date | None) -> str:
    """'05/01/2024', or '' for None."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
