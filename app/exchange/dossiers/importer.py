"""The entry: read a portal export in chunks and count its dossiers per unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from app.exchange.dossiers.counting import finish
from app.exchange.dossiers.frames import Reader
from app.exchange.dossiers.mapping import (
    DEFAULT_CHANNELS,
    EXTRA_FIELDS,
    guess_mapping,
    resolve_mapping,
)
from app.exchange.dossiers.reading import (
    Cancel,
    Header,
    ImportCancelled,
    Progress,
    csv_chunks,
    csv_dialect,
    xlsx_chunks,
    xlsx_height,
    xlsx_open,
)
from app.exchange.dossiers.result import DossierImport
from app.exchange.tables import check_file

CHUNK_ROWS = 200_000


def import_dossiers(
    path: Path,
    mapping: Mapping[str, str] | None,
    resolve_unit: Callable[[str], str | None],
    *,
    period: tuple[dt.date, dt.date] | None = None,
    channels: Mapping[str, bool] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    chunk_rows: int = CHUNK_ROWS,
    max_listed: int = 200,
    postal_in_total: bool = False,
) -> DossierImport:
    """Read a portal export and count dossiers per unit.

    ``mapping``: field → header text (``None``: guessed from the headers). ``resolve_unit`` turns a
    unit cell (NFC text) into a unit code, or None when unknown (see ``UnitMatcher``).
    ``period``: inclusive first and last day; rows outside it are counted and listed, not used.
    ``channels``: channel value → online (default :data:`DEFAULT_CHANNELS`; others not online).
    ``postal_in_total``: count postal dossiers in ``total`` (else they are left out, listed).
    ``progress(done, total)`` is called after each chunk; ``cancel()`` returning True stops the
    import with :class:`ImportCancelled`. Raises TableError or MappingError for unusable files.
    """
    kind = check_file(path)
    opened: tuple[Header, Iterator[list[Any]], int] | None = None
    if kind == "csv":
        delimiter, header, line = csv_dialect(path, mapping)
    else:
        xlsx_header, rows = xlsx_open(path, mapping)
        header, line, delimiter = xlsx_header.cells, xlsx_header.line, ""
        opened = (xlsx_header, rows, xlsx_height(path))
    if mapping is None:
        mapping = guess_mapping(header)
    mapping = dict(mapping)
    indexes = resolve_mapping(header, mapping, need_date=period is not None)
    reader = Reader(
        resolve_unit,
        channels if channels is not None else DEFAULT_CHANNELS,
        has_account="account" in indexes,
        has_date="date" in indexes,
    )
    reader.extras = tuple(f for f in EXTRA_FIELDS if f in indexes)
    if kind == "csv":
        chunks = csv_chunks(path, header, line, delimiter, indexes, chunk_rows, progress, cancel)
    else:
        assert opened is not None
        chunks = xlsx_chunks(indexes, chunk_rows, progress, cancel, opened)
    for chunk in chunks:
        reader.add(chunk)
        if cancel is not None and cancel():
            raise ImportCancelled
    result = finish(path, mapping, period, reader, max_listed, postal_in_total)
    if "account" not in indexes:
        result.warnings.append(
            "Tệp không có cột tài khoản nộp: đã tính tổng số hồ sơ và số hồ sơ trực tuyến, không "
            "tính được số tài khoản nộp hồ sơ — tiêu chí phân định đồng hạng không dùng được số "
            "tài khoản."
        )
    return result
