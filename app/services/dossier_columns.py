"""Which column of a portal dossier export holds what (DATA-FORMAT.md section B): the fields with
their Vietnamese labels and whether an import needs them, the first rows of a file, the mapping to
start from (remembered for the campaign when every column it names is in the file, else guessed),
and the mapping and channel values remembered per campaign (audited).

The window's column dialog and the ``import-dossiers`` command use these; the file is read by
``app.exchange.dossiers``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.exchange.dossiers import DEFAULT_CHANNELS, FIELD_LABELS, FIELDS, REQUIRED_FIELDS
from app.models import Campaign, Database
from app.services import audit
from app.services.campaigns import get_campaign_row
from app.text import fold, nfc

PREVIEW_ROWS = 20
# An import into a period needs the date too (rows outside the period are not counted).
NEEDED_FOR_A_PERIOD = ("date",)


@dataclass(frozen=True, slots=True)
class PortalField:
    key: str  # "unit" (the key of ``--map``)
    label: str  # "Đơn vị tiếp nhận"
    required: bool  # an import into a period refuses a mapping without it


@dataclass(frozen=True, slots=True)
class DossierPreview:
    """The header of a portal export, its first rows and the mapping to start from."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    mapping: dict[str, str]  # field key → header text (remembered, else guessed)
    channels: dict[str, bool]  # channel value → online (remembered, else the defaults)


def portal_fields() -> tuple[PortalField, ...]:
    """Every field of an export, in the order of the format, with its label and whether an
    import into a period needs it."""
    needed = {*REQUIRED_FIELDS, *NEEDED_FOR_A_PERIOD}
    return tuple(PortalField(key, FIELD_LABELS[key], key in needed) for key in FIELDS)


def field_label(key: str) -> str:
    """The Vietnamese name of a field key ('unit' → 'Đơn vị tiếp nhận')."""
    return FIELD_LABELS.get(key, key)


def mapping_text(mapping: Mapping[str, str]) -> str:
    """The mapping as the officer reads it: 'Đơn vị tiếp nhận ← «Cơ quan tiếp nhận», …'."""
    order = {key: index for index, key in enumerate(FIELDS)}
    keys = sorted(mapping, key=lambda k: order.get(k, len(order)))
    return ", ".join(f"{field_label(k)} ← «{mapping[k]}»" for k in keys)


# --- remembered choices ----------------------------------------------------------------------


def _settings(campaign: Campaign) -> dict[str, Any]:
    try:
        data = json.loads(campaign.import_settings_json or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def choices_of(campaign: Campaign) -> tuple[dict[str, str] | None, dict[str, bool]]:
    saved = _settings(campaign).get("dossiers")
    if not isinstance(saved, dict):
        return None, dict(DEFAULT_CHANNELS)
    raw_mapping = saved.get("mapping")
    mapping = (
        {str(k): str(v) for k, v in raw_mapping.items() if k in FIELDS}
        if isinstance(raw_mapping, dict)
        else None
    )
    raw_channels = saved.get("channels")
    channels = (
        {str(k): bool(v) for k, v in raw_channels.items()}
        if isinstance(raw_channels, dict)
        else dict(DEFAULT_CHANNELS)
    )
    return mapping or None, channels


def dossier_choices(
    db: Database, campaign_id: int
) -> tuple[dict[str, str] | None, dict[str, bool]]:
    """The column mapping (None: never imported) and channel values remembered for the campaign."""
    with db.transaction() as session:
        return choices_of(get_campaign_row(session, campaign_id))


def remember_choices(
    session: Session, campaign: Campaign, mapping: Mapping[str, str], channels: Mapping[str, bool]
) -> None:
    data = _settings(campaign)
    new = {"mapping": dict(mapping), "channels": dict(channels)}
    if data.get("dossiers") == new:
        return
    old = data.get("dossiers")
    data["dossiers"] = new
    campaign.import_settings_json = json.dumps(data, ensure_ascii=False)
    audit.record(
        session,
        audit.Action.DOSSIERS_MAPPING,
        "Ghi nhớ ánh xạ cột và hình thức nộp của tệp hồ sơ",
        subject=campaign.name,
        old=old,
        new=new,
    )


def set_dossier_choices(
    db: Database, campaign_id: int, mapping: Mapping[str, str], channels: Mapping[str, bool]
) -> None:
    """Remember a column mapping and channel values for the campaign (audited)."""
    with db.transaction() as session:
        campaign = get_campaign_row(session, campaign_id)
        remember_choices(
            session,
            campaign,
            {k: nfc(v) for k, v in mapping.items()},
            {nfc(k): bool(v) for k, v in channels.items()},
        )


def fitting_mapping(path: Path, mapping: dict[str, str] | None) -> dict[str, str] | None:
    """The remembered mapping when every column it names is in this file (completed with the
    columns it lacks that this file has, see :func:`_completed`), else None (guess)."""
    if not mapping:
        return None
    from app.exchange.dossiers import MappingError, read_header, resolve_mapping  # noqa: PLC0415

    header = read_header(path, mapping)
    try:
        resolve_mapping(header, mapping, need_date=True)
    except MappingError:
        return None
    return _completed(mapping, header)


def _completed(remembered: Mapping[str, str], header: Sequence[str]) -> dict[str, str]:
    """The remembered mapping plus the fields it has no column for that this file's headers
    answer (guessed, on columns the mapping does not use): an export with the owners' columns,
    after exports without them, gets them used."""
    from app.exchange.dossiers import guess_mapping  # noqa: PLC0415

    used = {fold(column) for column in remembered.values()}
    completed = dict(remembered)
    for field, column in guess_mapping(header).items():
        if field not in completed and fold(column) not in used:
            completed[field] = column
    return completed


# --- a file's first rows ---------------------------------------------------------------------


def _starting_mapping(
    header: Sequence[str], remembered: Mapping[str, str] | None
) -> dict[str, str]:
    """The remembered mapping (completed) when every column it names is in ``header``, else a
    guess."""
    from app.exchange.dossiers import guess_mapping  # noqa: PLC0415

    folded = {fold(h) for h in header}
    if remembered and all(fold(v) in folded for v in remembered.values()):
        return _completed(remembered, header)
    return guess_mapping(header)


def preview_dossiers(
    db: Database, campaign_id: int, path: Path, rows: int = PREVIEW_ROWS
) -> DossierPreview:
    """The header and first ``rows`` rows of a portal export (fast: reads the head only), with
    the mapping and channel values to start from. TableError when the file cannot be read."""
    from app.exchange.dossiers import preview  # noqa: PLC0415

    remembered, channels = dossier_choices(db, campaign_id)
    header, first = preview(Path(path), rows, remembered)
    return DossierPreview(
        header=tuple(str(h) for h in header),
        rows=tuple(tuple(str(c) for c in row) for row in first),
        mapping=_starting_mapping(header, remembered),
        channels=channels,
    )


# --- the other imports: one remembered mapping per kind of file --------------------------------

MAPPING_KINDS = ("figures", "eid", "nominations", "portal_stats")


def mapping_of(campaign: Campaign, kind: str) -> dict[str, str] | None:
    """The column mapping remembered for a kind of import (``MAPPING_KINDS``), or None."""
    saved = _settings(campaign).get("mappings", {})
    mapping = saved.get(kind) if isinstance(saved, dict) else None
    if not isinstance(mapping, dict) or not mapping:
        return None
    return {str(k): str(v) for k, v in mapping.items()}


def remembered_mapping(db: Database, campaign_id: int, kind: str) -> dict[str, str] | None:
    with db.transaction() as session:
        return mapping_of(get_campaign_row(session, campaign_id), kind)


def remember_mapping(
    session: Session, campaign: Campaign, kind: str, mapping: Mapping[str, str]
) -> None:
    """Remember the officer's column mapping of a kind of import for the campaign (audited)."""
    data = _settings(campaign)
    saved = data.get("mappings")
    saved = dict(saved) if isinstance(saved, dict) else {}
    new = {k: nfc(v) for k, v in mapping.items()}
    if saved.get(kind) == new:
        return
    old = saved.get(kind)
    saved[kind] = new
    data["mappings"] = saved
    campaign.import_settings_json = json.dumps(data, ensure_ascii=False)
    audit.record(
        session,
        audit.Action.IMPORT_MAPPING,
        f"Ghi nhớ ánh xạ cột của tệp nhập ({kind})",
        subject=campaign.name,
        old=old,
        new=new,
    )


def set_remembered_mapping(
    db: Database, campaign_id: int, kind: str, mapping: Mapping[str, str]
) -> None:
    with db.transaction() as session:
        remember_mapping(session, get_campaign_row(session, campaign_id), kind, mapping)
