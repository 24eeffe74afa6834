"""Dossier-level exports of the provincial portal (DATA-FORMAT.md section B): .csv or .xlsx, one row
per dossier, up to about a million rows.

The file is read in chunks (pandas for CSV, python-calamine rows for .xlsx), each chunk reduced to a
compact frame (dossier code, unit index, online flag, account, day, file row); low-cardinality
columns (unit, channel, date) are resolved once per distinct value. After the last chunk, rows are
de-duplicated by dossier code, filtered to the period and aggregated per unit.

No database access: the caller supplies the unit matcher and stores :attr:`DossierImport.records`.

The modules, by concern: :mod:`.mapping` (fields, header spellings, channel classes), :mod:`.reading`
(header detection, CSV dialect, .xlsx sheet, chunks), :mod:`.frames` (a chunk to a compact frame),
:mod:`.counting` (rows not counted, counts per unit), :mod:`.result` (the records returned) and
:mod:`.importer` (:func:`import_dossiers`). This package's names below are its interface.
"""

from __future__ import annotations

from app.exchange.dossiers.counting import TOP_ACCOUNTS, summarise
from app.exchange.dossiers.importer import CHUNK_ROWS, import_dossiers
from app.exchange.dossiers.mapping import (
    CLASS_LABELS,
    DEFAULT_CHANNELS,
    DIRECT,
    EXTRA_FIELDS,
    FIELD_LABELS,
    FIELDS,
    ONLINE,
    POSTAL,
    REQUIRED_FIELDS,
    MappingError,
    channel_class,
    channel_is_online,
    format_mapping,
    guess_mapping,
    parse_mapping,
    resolve_mapping,
)
from app.exchange.dossiers.reading import (
    HEADER_SEARCH_ROWS,
    Cancel,
    ImportCancelled,
    Progress,
    preview,
    read_header,
)
from app.exchange.dossiers.result import (
    BAD_DATE,
    DUPLICATE,
    MISSING_ID,
    OUTSIDE_PERIOD,
    POSTAL_LEFT_OUT,
    REASONS,
    UNKNOWN_UNIT,
    DossierImport,
    DossierRecord,
    DossierRecords,
    RowIssue,
    UnitDossierStats,
)

__all__ = [
    "BAD_DATE",
    "CHUNK_ROWS",
    "CLASS_LABELS",
    "DEFAULT_CHANNELS",
    "DIRECT",
    "DUPLICATE",
    "EXTRA_FIELDS",
    "FIELDS",
    "FIELD_LABELS",
    "HEADER_SEARCH_ROWS",
    "MISSING_ID",
    "ONLINE",
    "OUTSIDE_PERIOD",
    "POSTAL",
    "POSTAL_LEFT_OUT",
    "REASONS",
    "REQUIRED_FIELDS",
    "TOP_ACCOUNTS",
    "UNKNOWN_UNIT",
    "Cancel",
    "DossierImport",
    "DossierRecord",
    "DossierRecords",
    "ImportCancelled",
    "MappingError",
    "Progress",
    "RowIssue",
    "UnitDossierStats",
    "channel_class",
    "channel_is_online",
    "format_mapping",
    "guess_mapping",
    "import_dossiers",
    "parse_mapping",
    "preview",
    "read_header",
    "resolve_mapping",
    "summarise",
]
