"""The columns of every import (figures, e-ID, nominations, the portal's statistics report): the
officer's choice (``--map`` or the window's preview) over the remembered mapping of the campaign
over the guess, remembered once an import with it succeeds; and the preview the window shows
before anything is stored — the header found, the mapping guessed, the first rows, the rows left
out, the encoding and any legacy-font text converted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

__all__ = ["specs_of"]
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.exchange.import_kinds import specs_of
from app.models import Database
from app.services.campaigns import get_period_row
from app.services.dossier_columns import remembered_mapping, set_remembered_mapping

T = TypeVar("T")
KIND_LABELS = {
    "figures": "Số liệu đơn vị",
    "eid": "Số liệu định danh điện tử (Công an)",
    "nominations": "Danh sách đề nghị khen thưởng cá nhân",
    "portal_stats": "Báo cáo thống kê hồ sơ theo đơn vị (Cổng DVC)",
}
PREVIEW_ROWS = 20


def parse_map_text(kind: str, text: str | Sequence[str] | None) -> dict[str, str]:
    """``--map "eid=Số TK đã kích hoạt,unit=Đơn vị"`` → {field: header} (MappingError)."""
    from app.exchange.reader.columns import parse_map  # noqa: PLC0415

    return parse_map(text, specs_of(kind))


def read_with_mapping(
    db: Database,
    period_id: int,
    kind: str,
    chosen: Mapping[str, str] | None,
    read: Callable[[Mapping[str, str] | None], T],
) -> T:
    """``read(mapping)`` with the officer's mapping; without one, with the mapping remembered for
    the campaign when the file has its columns, else with the guess."""
    from app.exchange.reader.columns import MappingError  # noqa: PLC0415

    if chosen:
        return read(chosen)
    with db.transaction() as session:
        campaign_id = get_period_row(session, period_id).campaign_id
    remembered = remembered_mapping(db, campaign_id, kind)
    if remembered:
        try:
            return read(remembered)
        except MappingError:
            pass  # another layout than last time: guess
    return read(None)


def keep_mapping(db: Database, period_id: int, kind: str, chosen: Mapping[str, str] | None) -> None:
    """Remember the officer's mapping for the campaign (after an import that used it)."""
    if not chosen:
        return
    with db.transaction() as session:
        campaign_id = get_period_row(session, period_id).campaign_id
    set_remembered_mapping(db, campaign_id, kind, chosen)


# --- the preview -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreviewField:
    key: str
    label: str
    required: bool


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What the window shows before an import: the table found and how its columns are read."""

    kind: str
    source_name: str
    fields: tuple[PreviewField, ...]
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[str, ...], ...]  # the first data rows, as text
    mapping: dict[str, str]  # field key → header (chosen, remembered, else guessed)
    candidates: dict[str, tuple[str, ...]]  # field key → headers it may be (ambiguous guess)
    skipped: tuple[str, ...]  # rows left out, with why
    encoding: str  # "UTF-8", "UTF-16", "Windows-1258", "" for a workbook
    legacy: str  # "" or the legacy font converted ("TCVN3 (ABC, phông .VnTime)")
    sheet: str
    notes: tuple[str, ...]

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)


def preview_import(
    db: Database,
    period_id: int,
    kind: str,
    path: Path,
    chosen: Mapping[str, str] | None = None,
    rows: int = PREVIEW_ROWS,
) -> ImportPreview:
    """Read a file of ``kind`` as an import would and say how its columns are mapped, storing
    nothing. Raises TableError when the file cannot be read, MappingError for a chosen header
    the file does not have."""
    from app.exchange.reader.columns import (  # noqa: PLC0415
        MappingError,
        apply_map,
        guess_columns,
        header_scorer,
    )
    from app.exchange.reader.layout import cell_text  # noqa: PLC0415
    from app.exchange.reader.legacy import NAMES  # noqa: PLC0415
    from app.exchange.tables import read_table  # noqa: PLC0415

    specs = specs_of(kind)
    path = Path(path)
    with db.transaction() as session:
        campaign_id = get_period_row(session, period_id).campaign_id
    start = dict(chosen) if chosen else remembered_mapping(db, campaign_id, kind)
    table = read_table(path, scorer=header_scorer(specs, start))
    guess = guess_columns(table.header, specs)
    try:
        guess = apply_map(table.header, guess, start or {}, specs)
    except MappingError:
        if chosen:
            raise
    mapping = {key: table.header[index] for key, index in guess.mapping.items()}
    candidates = {
        key: tuple(table.header[i] for i in columns) for key, columns in guess.ambiguous.items()
    }
    first = tuple(tuple(cell_text(c) for c in cells) for _n, cells in table.rows[:rows])
    decoded = table.decoded
    return ImportPreview(
        kind=kind,
        source_name=path.name,
        fields=tuple(PreviewField(s.key, s.label, s.required) for s in specs),
        header=tuple(table.header),
        header_row=table.header_row,
        rows=first,
        mapping=mapping,
        candidates=candidates,
        skipped=tuple(str(s) for s in table.skipped),
        encoding=decoded.encoding,
        legacy=NAMES.get(decoded.legacy, "") if decoded.legacy else "",
        sheet=decoded.sheet,
        notes=tuple(decoded.lines()),
    )
