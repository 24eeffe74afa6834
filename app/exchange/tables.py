"""Reading a table from .csv or .xlsx (one reader for every import: ``app.exchange.reader``)."""

from app.exchange.reader.layout import Skipped
from app.exchange.reader.source import Decoded, TableError
from app.exchange.reader.table import (
    EXCEL_MAX_ROWS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_TABLE_ROWS,
    MAX_XLSX_UNCOMPRESSED,
    MAX_ZIP_ENTRIES,
    RATIO_CHECKED_ABOVE,
    Table,
    check_file,
    check_xlsx,
    iter_raw_rows,
    raw_rows,
    read_table,
)

__all__ = [
    "EXCEL_MAX_ROWS",
    "MAX_COMPRESSION_RATIO",
    "MAX_FILE_BYTES",
    "MAX_TABLE_ROWS",
    "MAX_XLSX_UNCOMPRESSED",
    "MAX_ZIP_ENTRIES",
    "RATIO_CHECKED_ABOVE",
    "Decoded",
    "Skipped",
    "Table",
    "TableError",
    "check_file",
    "check_xlsx",
    "iter_raw_rows",
    "raw_rows",
    "read_table",
]
