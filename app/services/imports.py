"""Files into (and, re-exported from ``exports``, out of) the database: portal dossier exports (B), police e-ID figures (C), commune data
packages (D) and nominations (F). Each import is all-or-nothing, made after an automatic backup,
audited, and returns a plain result with a short Vietnamese report.

Errors: TableError (unreadable file), MappingError (dossier columns), PackageError (a package that
does not belong here), ProblemList (every problem with row, unit and column), ServiceError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SOURCE_FILE, SOURCE_PACKAGE, Database, Unit, UnitFiguresRow
from app.scoring import Problem, ProblemList, UnitFigures, UnitKind, quota_report
from app.services import backups, figures
from app.services.campaigns import current_campaign, get_campaign_row, get_period_row, rules_of
from app.services.dossiers import (
    PROGRESS_TOTAL,
    DossierImportResult,
    ImportCancelled,
    dossier_choices,
    import_dossiers,
    period_dossier_stats,
    set_dossier_choices,
)
from app.services.errors import NotFoundError, ServiceError
from app.services.exports import export_package, export_score_table, export_template
from app.services.nomination_import import (
    NominationsImportResult,
    NominationsPreview,
    apply_nominations,
    import_nominations,
    preview_nominations,
)
from app.services.nomination_replace import NominationsReplaced, replace_unit_nominations
from app.services.nominations import count_in_session, unit_records
from app.services.ranking import figures_of, period_units, rank_in_session
from app.services.records import ImportResult, NominationInput

if TYPE_CHECKING:
    from app.exchange.nominations import Nomination
    from app.exchange.package import NominationsDiff, PackageMeta

__all__ = [  # re-exported for callers (the UI's Nhập/Xuất page, the commands)
    "PROGRESS_TOTAL",
    "DossierImportResult",
    "EidImportResult",
    "ImportCancelled",
    "NominationsImportResult",
    "NominationsPreview",
    "PackageImportResult",
    "PackagePreview",
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


def import_eid(db: Database, period_id: int, path: Path, *, backup: bool = True) -> EidImportResult:
    """Police e-ID figures (section C) into the period: only eid and citizens of the communes and
    towns named change; names are matched against the scored units only. All or nothing."""
    from app.exchange.eid import read_eid  # noqa: PLC0415

    path = Path(path)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        scored = rules_of(period.campaign).scored_kinds
        current = {u.code: u for u in period_units(session, period_id) if u.kind in scored}
    eid_file = read_eid(path, [(u.code, u.name) for u in current.values()])
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
    return EidImportResult(rows_read=len(eid_file.records), result=result)


# --- nominations -----------------------------------------------------------------------------


def _nomination_input(record: Nomination) -> NominationInput:
    """A nomination read from a file (format F, or a package's sheet), as the service takes it."""
    return NominationInput(
        unit_code=record.unit_code,
        full_name=record.full_name,
        position=record.position,
        achievement_summary=record.achievement,
        birth_date=record.birth_date,
        gender=record.gender,
        achievement_text=record.achievement_text,
        past_awards_text=record.past_awards_text,
        row=record.row,
    )


# --- commune data packages -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackagePreview:
    """A package checked against this database: where it goes, the old → new figures and the
    unit's nominations in the package against those stored."""

    source_name: str
    meta: PackageMeta
    unit_code: str
    unit_name: str
    campaign: str
    package_period: str  # the period the commune exported
    period_id: int  # the period it goes into here
    period_name: str
    exported_at: dt.datetime | None
    figures: UnitFigures  # in the package
    stored: UnitFigures | None  # the unit's figures stored for the period (None: none yet)
    changes: tuple[str, ...]  # "Số hồ sơ trực tuyến: 10 → 12"
    file_warnings: tuple[str, ...] = ()  # from reading the package
    # The package's nominations (None: a version 1 package, without them) and how they differ,
    # by full name, from the unit's stored nominations of the period.
    nominations: tuple[Nomination, ...] | None = None
    nominations_diff: NominationsDiff | None = None
    stored_nominations: int = 0

    @property
    def has_changes(self) -> bool:
        """Whether importing changes anything (figures or the list of nominations)."""
        return bool(self.changes) or (
            self.nominations_diff is not None and self.nominations_diff.changed
        )

    def nomination_summary(self) -> str:
        """One sentence: what importing does to the unit's nominations (Vietnamese)."""
        if self.nominations is None or self.nominations_diff is None:
            return (
                "Gói không có danh sách đề nghị khen thưởng cá nhân (gói của phiên bản cũ): chỉ "
                f"nhập số liệu, giữ nguyên {self.stored_nominations} đề nghị đang có của "
                f"{self.unit_name}."
            )
        head = (
            f"Đề nghị khen thưởng cá nhân: gói có {len(self.nominations)} người, đang có "
            f"{self.stored_nominations}"
        )
        if not self.nominations_diff.changed:
            return head + " — không thay đổi."
        return (
            head + f"; khi nhập, danh sách đề nghị của {self.unit_name} được thay bằng danh "
            "sách trong gói."
        )

    def nomination_lines(self) -> list[str]:
        """The summary, then the people added, removed, kept (for the terminal and reports)."""
        diff = self.nominations_diff
        lines = [] if self.nominations is None or diff is None else diff.lines()
        return [self.nomination_summary(), *[f"  {line}" for line in lines]]

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes shown with the preview: the nominations part, then reading warnings."""
        return (*self.nomination_lines(), *self.file_warnings)

    def lines(self) -> list[str]:
        when = f", xuất lúc {self.exported_at:%d/%m/%Y %H:%M}" if self.exported_at else ""
        head = (
            f"Gói số liệu {self.source_name}: {self.unit_name} ({self.unit_code}), "
            f"kỳ «{self.package_period}»{when} → kỳ «{self.period_name}»."
        )
        body = [f"  {c}" for c in self.changes] or ["  Không có số liệu nào thay đổi."]
        return [head, *body, *self.warnings]


def _package_period(db: Database, campaign_id: int, name: str, period_id: int | None) -> int:
    from app.services.campaigns import find_period  # noqa: PLC0415

    if period_id is not None:
        return period_id
    try:
        return find_period(db, name or None, campaign_id).id
    except NotFoundError as error:
        raise ServiceError(
            f"Gói số liệu thuộc kỳ «{name}», chương trình không có kỳ này: {error} "
            "Hãy chọn kỳ (--period)."
        ) from error


def preview_package(
    db: Database, path: Path, *, own_unit: str | None = None, period_id: int | None = None
) -> PackagePreview:
    """Read a commune package and compare it with the stored figures and nominations, writing
    nothing.

    Refused (PackageError) when the package is of another campaign, of another unit than
    ``own_unit`` when given, or has nominations of another unit; the unit must be in the
    register. Refused (ProblemList) when its nominations exceed the unit's quota computed with the
    package's figures. The period is ``period_id``, else the period named in the package, else
    the final period.
    """
    from app.exchange.package import (  # noqa: PLC0415
        PackageError,
        figures_diff,
        nominations_diff,
        read_package,
    )

    path = Path(path)
    campaign = current_campaign(db)
    with db.transaction() as session:
        scored = rules_of(get_campaign_row(session, campaign.id)).scored_kinds
        register = [(u.code, u.name) for u in session.scalars(select(Unit))]
    package = read_package(
        path,
        expected_unit=own_unit,
        expected_campaign=campaign.name,
        scored_kinds=sorted(scored),
        units=register,
    )
    meta = package.meta
    target = _package_period(db, campaign.id, meta.period_name, period_id)
    with db.transaction() as session:
        period = get_period_row(session, target)
        if period.campaign_id != campaign.id:
            raise PackageError(f"Kỳ «{period.name}» không thuộc đợt thi đua «{campaign.name}».")
        unit = session.scalar(select(Unit).where(Unit.code == meta.unit_code))
        if unit is None:
            raise PackageError(
                f"Gói {path.name} là số liệu của đơn vị {meta.unit_code} ({meta.unit_name}), "
                "đơn vị này không có trong danh sách đơn vị: không nhập."
            )
        row = session.scalar(
            select(UnitFiguresRow).where(
                UnitFiguresRow.period_id == target, UnitFiguresRow.unit_id == unit.id
            )
        )
        old = figures_of(unit, row) if row is not None else None
        unit_name, period_name = unit.name, period.name
        kind = UnitKind(unit.kind)
        stored_nominations = unit_records(session, target, unit)
    if package.figures.kind != kind:
        raise PackageError(
            f"Gói {path.name}: đơn vị {meta.unit_code} ghi loại «{package.figures.kind.label}», "
            f"danh sách đơn vị ghi «{kind.label}»: không nhập."
        )
    listed = package.nominations
    preview = PackagePreview(
        source_name=path.name,
        meta=meta,
        unit_code=meta.unit_code,
        unit_name=unit_name,
        campaign=meta.campaign,
        package_period=meta.period_name,
        period_id=target,
        period_name=period_name,
        exported_at=meta.exported_at,
        figures=package.figures,
        stored=old,
        changes=tuple(str(c) for c in figures_diff(old, package.figures)),
        file_warnings=tuple(package.warnings),
        nominations=None if listed is None else tuple(listed),
        nominations_diff=(None if listed is None else nominations_diff(stored_nominations, listed)),
        stored_nominations=len(stored_nominations),
    )
    _check_package(db, preview)
    return preview


def read_package_preview(
    db: Database, path: Path, *, own_unit: str | None = None, period_id: int | None = None
) -> tuple[PackageMeta, list[str]]:
    """(the package's metadata, the lines to show: where it goes and old → new per figure)."""
    preview = preview_package(db, path, own_unit=own_unit, period_id=period_id)
    return preview.meta, preview.lines()


@dataclass(frozen=True, slots=True)
class PackageImportResult:
    preview: PackagePreview
    result: ImportResult  # the figures
    nominations: NominationsReplaced | None = None  # None: the package had no nominations


def _nomination_inputs(preview: PackagePreview) -> list[NominationInput]:
    return [_nomination_input(n) for n in preview.nominations or ()]


def _apply_package(
    session: Session, preview: PackagePreview
) -> tuple[list[str], NominationsReplaced | None]:
    """Store the package's figures, then (with the quota of the new figures) replace the unit's
    nominations, in the caller's transaction. Raises ProblemList when the nominations do not fit."""
    changed = figures.store_units(
        session,
        preview.period_id,
        [preview.figures],
        source_kind=SOURCE_PACKAGE,
        source_name=preview.source_name,
    )
    replaced = None
    if preview.nominations is not None:
        replaced = replace_unit_nominations(
            session,
            preview.period_id,
            preview.unit_code,
            _nomination_inputs(preview),
            source_name=preview.source_name,
        )
    return changed, replaced


def _check_package(db: Database, preview: PackagePreview) -> None:
    """Raise what applying the package would raise (its nominations over the quota computed with
    its figures), writing nothing: the package is applied inside a nested transaction (a
    savepoint) that is always rolled back."""
    if preview.nominations is None:
        return
    try:
        with db.transaction() as session:
            trial = session.begin_nested()
            try:
                _apply_package(session, preview)
            finally:
                trial.rollback()
    except ProblemList as error:
        raise ProblemList(
            [
                Problem(
                    f"gói {preview.source_name} bị từ chối, không nhập gì (cả số liệu): "
                    f"{len(error.problems)} lỗi ở danh sách đề nghị khen thưởng cá nhân",
                    unit_code=preview.unit_code,
                    unit_name=preview.unit_name,
                ),
                *error.problems,
            ]
        ) from error


def import_package(
    db: Database,
    path: Path,
    *,
    own_unit: str | None = None,
    period_id: int | None = None,
    backup: bool = True,
) -> PackageImportResult:
    """Store a commune package (checked as in :func:`preview_package`) for the one unit it
    names: its figures and, when the package has them, its nominations replacing the unit's
    nominations of the period — in one transaction, all or nothing, audited, backed up first.
    Every other unit is left as it was."""
    preview = preview_package(db, path, own_unit=own_unit, period_id=period_id)
    notes = list(preview.file_warnings)
    with db.transaction() as session:
        unit = session.scalar(select(Unit).where(Unit.code == preview.unit_code))
        if unit is not None and not unit.active:
            notes.append(
                f"Đơn vị {unit.code} ({unit.name}) đang ngừng hoạt động: số liệu được lưu "
                "nhưng không xếp hạng."
            )
    backup_path = backups.backup_database(db, backups.REASON_IMPORT) if backup else None
    with db.transaction() as session:
        changed, replaced = _apply_package(session, preview)
        quota_after: list[str] = []
        if changed or replaced is not None:
            report = quota_report(
                rank_in_session(session, preview.period_id),
                count_in_session(session, preview.period_id),
            )
            quota_after = report.problems()
    if replaced is not None:
        notes += replaced.notes
    result = ImportResult(
        period_id=preview.period_id,
        source_name=preview.source_name,
        units_in_file=1,
        changed=tuple(changed),
        added_units=(),
        unchanged=1 - len(changed),
        warnings=tuple(notes),
        backup_path=None if backup_path is None else str(backup_path),
        quota_problems=tuple(quota_after),
    )
    return PackageImportResult(preview=preview, result=result, nominations=replaced)
