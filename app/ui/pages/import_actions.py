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
) -> Any:
    from app.services import imports  # noqa: PLC0415

    return imports.import_dossiers(db, period_id, path, mapping, channels, progress, cancel)


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
