"""Dates as Vietnamese files write them: ``app.dates`` (one parser for the whole program)."""

from app.dates import SERIAL_RANGE, excel_serial_to_date, parse_day
from app.dates import short_date as format_day

__all__ = ["SERIAL_RANGE", "excel_serial_to_date", "format_day", "parse_day"]
