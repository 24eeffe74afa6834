"""Commune data packages into the database (DATA-FORMAT.md section D).

``preview_package`` reads the file once and checks it against this database, writing nothing: the
campaign and period it names (by stable id and dates; packages of older versions by name), the
unit (in the register, of the kind it says), the signature (with the key of the unit the package
names: an edit, or another unit's key, is refused), replays (a package older than the last one
imported for the unit and period) and the quota of its nominations. ``import_package`` stores
exactly what the preview holds — the file is not opened again — after re-checking the replay in the
writing transaction; an unsigned package only with ``accept_unsigned`` (the officer confirmed the
warning). Refusals are ``PackageError`` (a ``UserError``) naming the unit; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.nominations import Nomination
from app.exchange.package import (
    PackageError,
    PackageMeta,
    UnitPackage,
    figures_diff,
    nominations_diff,
    read_package,
)
from app.models import SOURCE_PACKAGE, Database, Unit, UnitFiguresRow
from app.models.backend import lock_period
from app.scoring import Problem, ProblemList, UnitFigures, UnitKind, quota_report
from app.services import audit, backups, figure_store, package_keys
from app.services.campaigns import current_campaign, get_campaign_row, get_period_row, rules_of
from app.services.nomination_replace import NominationsReplaced, replace_unit_nominations
from app.services.nominations import count_in_session, unit_records
from app.services.package_checks import (
    UnsignedPackageError,
    check_replay,
    check_signature,
    package_period,
    store_receipt,
)
from app.services.package_preview import PackagePreview
from app.services.ranking import figures_of, rank_in_session
from app.services.records import ImportResult, NominationInput

__all__ = [
    "PackageImportResult",
    "PackagePreview",
    "UnsignedPackageError",
    "import_package",
    "preview_package",
    "read_package_preview",
]


def preview_package(
    db: Database, path: Path, *, own_unit: str | None = None, period_id: int | None = None
) -> PackagePreview:
    """Read a commune package once and check it against this database, writing nothing.

    Refused (PackageError) when it is of another campaign or period (stable id, year, dates), of
    another unit than ``own_unit`` when given, of a unit not in the register, signed with a key
    that is not the named unit's or edited since it was signed, older than the last package
    imported for the unit and period, or has nominations of another unit. Refused (ProblemList)
    when its nominations exceed the unit's quota computed with the package's figures. The period
    is the one the package names (``period_id``, when given, must be it; a package of an older
    version without ids goes into ``period_id``, else the period of its name, else the final
    period).
    """
    path = Path(path)
    campaign = current_campaign(db)
    with db.transaction() as session:
        scored = rules_of(get_campaign_row(session, campaign.id)).scored_kinds
        register = [(u.code, u.name) for u in session.scalars(select(Unit))]
    package = read_package(
        path, expected_unit=own_unit, scored_kinds=sorted(scored), units=register
    )
    meta = package.meta
    with db.transaction() as session:
        target = package_period(db, session, path.name, meta, campaign.id, period_id)
        period = get_period_row(session, target)
        unit = session.scalar(select(Unit).where(Unit.code == meta.unit_code))
        if unit is None:
            raise PackageError(
                f"Gói {path.name} là số liệu của đơn vị {meta.unit_code} ({meta.unit_name}), "
                "đơn vị này không có trong danh sách đơn vị: không nhập."
            )
        check_signature(session, path.name, unit, package)
        check_replay(session, path.name, unit, period, meta)
        key_known = package_keys.unit_secret(session, unit) is not None
        row = session.scalar(
            select(UnitFiguresRow).where(
                UnitFiguresRow.period_id == target, UnitFiguresRow.unit_id == unit.id
            )
        )
        old = figures_of(unit, row) if row is not None else None
        unit_name, period_name = unit.name, period.name
        kind = UnitKind(unit.kind)
        stored_nominations = unit_records(session, target, unit)
    preview = _preview(path.name, package, target, period_name, unit_name, kind, old)
    preview = _with_nominations(preview, package, stored_nominations, key_known)
    _check_package(db, preview)
    return preview


def _preview(
    name: str,
    package: UnitPackage,
    target: int,
    period_name: str,
    unit_name: str,
    kind: UnitKind,
    old: UnitFigures | None,
) -> PackagePreview:
    meta = package.meta
    if package.figures.kind != kind:
        raise PackageError(
            f"Gói {name}: đơn vị {meta.unit_code} ghi loại «{package.figures.kind.label}», "
            f"danh sách đơn vị ghi «{kind.label}»: không nhập."
        )
    return PackagePreview(
        source_name=name,
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
        signed=meta.signed,
    )


def _with_nominations(
    preview: PackagePreview, package: UnitPackage, stored: list[Nomination], key_known: bool
) -> PackagePreview:
    listed = package.nominations
    return replace(
        preview,
        nominations=None if listed is None else tuple(listed),
        nominations_diff=None if listed is None else nominations_diff(stored, listed),
        stored_nominations=len(stored),
        key_known=key_known,
    )


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
    return [
        NominationInput(
            unit_code=n.unit_code,
            full_name=n.full_name,
            position=n.position,
            achievement_summary=n.achievement,
            birth_date=n.birth_date,
            gender=n.gender,
            achievement_text=n.achievement_text,
            past_awards_text=n.past_awards_text,
            row=n.row,
        )
        for n in preview.nominations or ()
    ]


def _apply_package(
    session: Session, preview: PackagePreview
) -> tuple[list[str], NominationsReplaced | None]:
    """Store the package's figures, then (with the quota of the new figures) replace the unit's
    nominations, in the caller's transaction. Raises ProblemList when the nominations do not fit."""
    changed = figure_store.store_units(
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


def _record(session: Session, preview: PackagePreview) -> None:
    meta = preview.meta
    action = (
        audit.Action.PACKAGE_IMPORT_SIGNED
        if preview.signed
        else audit.Action.PACKAGE_IMPORT_UNSIGNED
    )
    audit.record(
        session,
        action,
        f"{action.label}: {preview.source_name} của {preview.unit_name} ({preview.unit_code})",
        subject=preview.unit_code,
        period_name=preview.period_name,
        new={
            "signed": preview.signed,
            "sequence": meta.sequence,
            "key_id": meta.key_id,
            "exported_at": meta.exported_at,
        },
    )


def import_package(
    db: Database,
    source: Path | PackagePreview,
    *,
    own_unit: str | None = None,
    period_id: int | None = None,
    backup: bool = True,
    accept_unsigned: bool = False,
) -> PackageImportResult:
    """Store a commune package for the one unit it names: its figures and, when the package has
    them, its nominations replacing the unit's nominations of the period — in one transaction,
    all or nothing, audited, backed up first. Every other unit is left as it was.

    ``source``: the preview the officer saw (stored as it is: the file is not read again), or a
    path (read and checked as by :func:`preview_package`). An unsigned package is refused
    (UnsignedPackageError) unless ``accept_unsigned``."""
    if isinstance(source, PackagePreview):
        preview = source
    else:
        preview = preview_package(db, source, own_unit=own_unit, period_id=period_id)
    if not preview.signed and not accept_unsigned:
        raise UnsignedPackageError(
            f"Gói {preview.source_name} của {preview.unit_name} ({preview.unit_code}) không có "
            "chữ ký: không kiểm tra được ai làm gói và gói có bị sửa không. Chưa nhập gì. Chỉ "
            "nhập khi đã hỏi lại đơn vị: trong cửa sổ bấm «Vẫn nhập» ở cảnh báo, với lệnh "
            "import-package thêm --accept-unsigned."
        )
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
        lock_period(session, preview.period_id)  # one writer of the period at a time
        unit = session.scalars(select(Unit).where(Unit.code == preview.unit_code)).one()
        period = get_period_row(session, preview.period_id)
        check_replay(session, preview.source_name, unit, period, preview.meta)
        changed, replaced = _apply_package(session, preview)
        store_receipt(session, unit, period, preview.meta)
        package_keys.note_sequence(session, unit, preview.meta.sequence)
        _record(session, preview)
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
