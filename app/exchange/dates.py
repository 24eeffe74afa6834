"""Dates as Vietnamese files write them: day first ("15/10/2023", "15/10/2023 08:30"), ISO, or Excel."""

from __future__ import annotations

import datetime as dt
import re

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SERIAL = re.compile(r"^\d{4,6}(\.\d*)?$")
# Excel serials accepted as dates: 1954 … 2119 (a smaller number is more likely a typo).
SERIAL_RANGE = (20000, 80000)


def excel_serial_to_date(serial: float) -> dt.date | None:
    if not SERIAL_RANGE[0] <= serial < SERIAL_RANGE[1]:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_day(value: object) -> dt.date | None:
    """The calendar day of a cell, or None when it is not a date. Times of day are ignored.

    Accepts date/datetime objects, Excel serial numbers, "dd/mm/yyyy[ hh:mm[:ss]]" (also with "-"
    or "." and two-digit years) and ISO "yyyy-mm-dd[Thh:mm]".
    """
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
    head = re.split(r"[\sT]", text, maxsplit=1)[0] if not _SERIAL.match(text) else text
    try:
        if match := _DAY_FIRST.match(head):
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000
            return dt.date(year, month, day)
        if match := _ISO.match(head):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        return None
    if _SERIAL.match(head):
        return excel_serial_to_date(float(head))
    return None


def format_day(day: dt.date) -> str:
    """15/10/2023."""
    return day.strftime("%d/%m/%Y")
