"""Files into (and, re-exported from ``exports``, out of) the database: portal dossier exports (B), police e-ID figures (C), commune data
packages (D) and nominations (F). Each import is all-or-nothing, made after an automatic backup,
audited, and returns a plain result with a short Vietnamese report.

Errors: TableError (unreadable file), MappingError (dossier columns), PackageError (a package that
does not belong here), ProblemList (every problem with row, unit and column), ServiceError.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.models import SOURCE_FILE, Database
from app.services import figures
from app.services.campaigns import get_period_row, rules_of
from app.services.dossiers import (
    PROGRESS_TOTAL,
    DossierImportResult,
    ImportCancelled,
    dossier_choices,
    import_dossiers,
    period_dossier_stats,
    set_dossier_choices,
)
from app.services.exports import export_package, export_score_table, export_template
from app.services.import_columns import keep_mapping, read_with_mapping
from app.services.nomination_import import (
    NominationsImportResult,
    NominationsPreview,
    apply_nominations,
    import_nominations,
    preview_nominations,
)
from app.services.packages import (
    PackageImportResult,
    PackagePreview,
    UnsignedPackageError,
    import_package,
    preview_package,
    read_package_preview,
)
from app.services.ranking import period_units
from app.services.records import ImportResult

__all__ = [  # re-exported for callers (the UI's Nhập/Xuất page, the commands)
    "PROGRESS_TOTAL",
    "DossierImportResult",
    "EidImportResult",
    "ImportCancelled",
    "NominationsImportResult",
    "NominationsPreview",
    "PackageImportResult",
    "PackagePreview",
    "UnsignedPackageError",
    "apply_nominations",
    "dossier_choices",
    "export_package",
    "export_score_table",
    "export_template",
    "import_dossiers",
    "import_eid",
    "import_nominations",
    "import_package",
    "period_dossier_stats",
    "preview_nominations",
    "preview_package",
    "read_package_preview",
    "set_dossier_choices",
]


# --- police e-ID figures ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EidImportResult:
    """What an e-ID figures file changed (``result``: the figures import)."""

    rows_read: int
    result: ImportResult


def import_eid(
    db: Database,
    period_id: int,
    path: Path,
    *,
    backup: bool = True,
    mapping: Mapping[str, str] | None = None,
) -> EidImportResult:
    """Police e-ID figures (section C) into the period: only eid and citizens of the communes and
    towns named change; names are matched against the scored units only. All or nothing.
    ``mapping``: the officer's choice of columns (field → header), remembered once it worked."""
    from app.exchange.eid import read_eid  # noqa: PLC0415

    path = Path(path)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        scored = rules_of(period.campaign).scored_kinds
        current = {u.code: u for u in period_units(session, period_id) if u.kind in scored}
    known = [(u.code, u.name) for u in current.values()]
    eid_file = read_with_mapping(
        db, period_id, "eid", mapping, lambda chosen: read_eid(path, known, chosen)
    )
    updated = [record.apply_to(current[record.code]) for record in eid_file.records]
    result = figures.import_units(
        db,
        period_id,
        updated,
        source_kind=SOURCE_FILE,
        source_name=path.name,
        rows=[r.row for r in eid_file.records],
        warnings=eid_file.warnings,
        backup=backup,
        require_all=False,
    )
    keep_mapping(db, period_id, "eid", mapping)
    return EidImportResult(rows_read=len(eid_file.records), result=result)
