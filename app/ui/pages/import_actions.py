"""The service calls behind the Nhập / Xuất page, one function per action (each one call).

They run on a worker thread (``progress``/``cancel`` from :mod:`app.ui.workers`) and return the
service's plain result. Heavy modules (pandas, openpyxl) are imported here, when an action runs,
never at window start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from app.models import Database
from app.scoring import UnitFigures

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def commune_units(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the active communes and towns, in register order (whose packages)."""
    from app.scoring import UnitKind  # noqa: PLC0415
    from app.services import units  # noqa: PLC0415

    scored = (UnitKind.XA, UnitKind.THI_TRAN)
    return [(u.code, u.name) for u in units.list_units(db, active_only=True) if u.kind in scored]


def import_figures(db: Database, period_id: int, path: Path, progress: Progress) -> Any:
    """Unit figures, format A (all-or-nothing; ``progress`` raising cancels the transaction)."""
    from app.services import figures  # noqa: PLC0415

    return figures.import_figures(db, period_id, path, progress=progress)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number in Excel
    return str(value).strip()


def import_own_figures(
    db: Database, period_id: int, path: Path, code: str, progress: Progress
) -> Any:
    """Commune mode: the unit's own row of a unit-figures file (the template lists every unit;
    the other rows must be left blank). Refused when another unit's row holds figures."""
    from app.exchange.tables import Table, read_table  # noqa: PLC0415
    from app.exchange.unit_figures import (  # noqa: PLC0415
        COLUMNS,
        header_aliases,
        match_header,
        parse_unit_figures,
    )
    from app.models import SOURCE_FILE  # noqa: PLC0415
    from app.scoring import FIELD_LABELS  # noqa: PLC0415
    from app.scoring.figures import FIGURE_FIELDS  # noqa: PLC0415
    from app.services import figures  # noqa: PLC0415
    from app.services.errors import ServiceError  # noqa: PLC0415

    table = read_table(path)
    aliases = header_aliases(FIELD_LABELS, {c.field: c.file_key for c in COLUMNS})
    mapping, _unknown = match_header(table.header, aliases)
    if "code" not in mapping:
        parse_unit_figures(table)  # raises the missing-column problem
    at = mapping["code"]

    def cell(cells: list[Any], index: int | None) -> str:
        return _cell_text(cells[index]) if index is not None and index < len(cells) else ""

    own = [(n, cells) for n, cells in table.rows if cell(cells, at) == code]
    others = [
        f"dòng {n} ({cell(cells, at)})"
        for n, cells in table.rows
        if cell(cells, at) != code and any(cell(cells, mapping.get(f)) for f in FIGURE_FIELDS)
    ]
    if others:
        raise ServiceError(
            f"Tệp {path.name} có số liệu của đơn vị khác ({', '.join(others[:5])}"
            f"{'…' if len(others) > 5 else ''}): ở chế độ đơn vị chỉ nhập số liệu của đơn vị "
            f"{code}. Hãy để trống các dòng khác."
        )
    if not own:
        raise ServiceError(f"Tệp {path.name} không có dòng nào của đơn vị {code}.")
    parsed = parse_unit_figures(Table(table.header, table.header_row, own))
    return figures.import_units(
        db,
        period_id,
        parsed.units,
        source_kind=SOURCE_FILE,
        source_name=path.name,
        rows=parsed.rows,
        warnings=parsed.warnings,
        progress=progress,
    )


def dossier_choices(
    db: Database, campaign_id: int
) -> tuple[dict[str, str] | None, dict[str, bool]]:
    """The column mapping (None: never imported) and channel values remembered for the campaign."""
    from app.services import imports  # noqa: PLC0415

    return imports.dossier_choices(db, campaign_id)


def dossier_preview(
    path: Path, mapping: Mapping[str, str] | None
) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows of a portal export (fast: reads the head only)."""
    from app.exchange.dossiers import preview  # noqa: PLC0415

    return preview(path, 20, mapping)


def guess_mapping(header: list[str]) -> dict[str, str]:
    from app.exchange.dossiers import guess_mapping as guess  # noqa: PLC0415

    return guess(header)


def import_dossiers(
    db: Database,
    period_id: int,
    path: Path,
    mapping: Mapping[str, str] | None,
    channels: Mapping[str, bool] | None,
    progress: Progress,
    cancel: Cancel,
    replace: bool = False,
) -> Any:
    from app.services import imports  # noqa: PLC0415

    return imports.import_dossiers(
        db, period_id, path, mapping, channels, progress, cancel, replace=replace
    )


def import_eid(db: Database, period_id: int, path: Path) -> Any:
    from app.services import imports  # noqa: PLC0415

    return imports.import_eid(db, period_id, path)


def import_nominations(db: Database, period_id: int, path: Path) -> Any:
    from app.services import imports  # noqa: PLC0415

    return imports.import_nominations(db, period_id, path)


def preview_package(db: Database, path: Path, own_unit: str | None) -> Any:
    """The package checked against this database (``PackagePreview``), writing nothing."""
    from app.services import imports  # noqa: PLC0415

    return imports.preview_package(db, path, own_unit=own_unit)


def stored_figures(db: Database, period_id: int, code: str) -> UnitFigures | None:
    """The figures stored for ``code`` in the period (None when it has none)."""
    from app.services import figures  # noqa: PLC0415

    for info in figures.list_figures(db, period_id):
        if info.figures.code == code:
            return info.figures
    return None


def import_package(db: Database, path: Path, own_unit: str | None, period_id: int) -> Any:
    from app.services import imports  # noqa: PLC0415

    return imports.import_package(db, path, own_unit=own_unit, period_id=period_id)


def export_template(db: Database, kind: str, out: Path) -> Any:
    from app.services import exports  # noqa: PLC0415

    return exports.export_template(db, kind, out)


def export_package(db: Database, period_id: int, unit_code: str, out: Path) -> Any:
    from app.services import exports  # noqa: PLC0415

    return exports.export_package(db, period_id, unit_code, out)


def export_score_table(db: Database, period_id: int, out: Path) -> Any:
    from app.services import exports  # noqa: PLC0415

    return exports.export_score_table(db, period_id, out)
