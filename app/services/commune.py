"""What a commune's clerk does with the program (commune mode): the communes and towns to choose
from, and the import of the unit's own row of a unit-figures file (the template lists every unit;
the other rows must be left blank)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.models import SOURCE_FILE, Database
from app.scoring import FIELD_LABELS, FIGURE_FIELDS, UnitKind
from app.services import figures, units
from app.services.errors import ServiceError
from app.services.records import ImportResult

Progress = Callable[[int, int], None]
COMMUNE_KINDS = (UnitKind.XA, UnitKind.THI_TRAN)
OTHERS_SHOWN = 5


def communes(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the active communes and towns, in register order."""
    return [
        (u.code, u.name) for u in units.list_units(db, active_only=True) if u.kind in COMMUNE_KINDS
    ]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number in Excel
    return str(value).strip()


def import_own_figures(
    db: Database, period_id: int, path: Path, code: str, progress: Progress | None = None
) -> ImportResult:
    """The row of unit ``code`` in a unit-figures file (format A) into the period, all or nothing.
    Refused (ServiceError) when another unit's row holds figures or the unit has no row; the
    file's problems as for any figures import (TableError, ProblemList)."""
    from app.exchange.tables import Table, read_table  # noqa: PLC0415
    from app.exchange.unit_figures import (  # noqa: PLC0415
        COLUMNS,
        header_aliases,
        match_header,
        parse_unit_figures,
    )

    path = Path(path)
    table = read_table(path)
    aliases = header_aliases(FIELD_LABELS, {c.field: c.file_key for c in COLUMNS})
    mapping, _unknown = match_header(table.header, aliases)
    if "code" not in mapping:
        parse_unit_figures(table)  # raises the missing-column problem
    at = mapping["code"]

    def cell(cells: list[object], index: int | None) -> str:
        return _cell_text(cells[index]) if index is not None and index < len(cells) else ""

    own = [(n, cells) for n, cells in table.rows if cell(cells, at) == code]
    others = [
        f"dòng {n} ({cell(cells, at)})"
        for n, cells in table.rows
        if cell(cells, at) != code and any(cell(cells, mapping.get(f)) for f in FIGURE_FIELDS)
    ]
    if others:
        more = "…" if len(others) > OTHERS_SHOWN else ""
        raise ServiceError(
            f"Tệp {path.name} có số liệu của đơn vị khác ({', '.join(others[:OTHERS_SHOWN])}"
            f"{more}): ở chế độ đơn vị chỉ nhập số liệu của đơn vị {code}. Hãy để trống các "
            "dòng khác."
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
