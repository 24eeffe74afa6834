"""Unit figures of a period: typed in, or imported from a file (all-or-nothing, backed up first)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import select

from app.models import (
    FIGURE_SOURCES,
    SOURCE_FILE,
    SOURCE_TYPED,
    Database,
    Unit,
    UnitFiguresRow,
)
from app.models.backend import lock_period
from app.scoring import Problem, ProblemList, UnitFigures, UnitKind, quota_report, validate_units
from app.services import audit, backups
from app.services.campaigns import get_period_row, rules_of
from app.services.concurrency import check_versions, versions_in_session
from app.services.errors import ServiceError
from app.services.figure_store import (
    Progress,
    store_many,
    stored_values,
    wanted,
    would_change,
)
from app.services.nominations import count_in_session, quota_problems
from app.services.ranking import figures_of, period_units, rank_in_session
from app.services.records import FiguresInfo, ImportResult, SavedFigures
from app.services.units import get_unit_row
from app.text import nfc


def figures_info(unit: Unit, row: UnitFiguresRow) -> FiguresInfo:
    return FiguresInfo(
        figures=figures_of(unit, row),
        source_kind=row.source_kind,
        source_name=row.source_name,
        updated_at=row.updated_at,
    )


def list_figures(db: Database, period_id: int) -> list[FiguresInfo]:
    """The stored figures of a period, in register order (units without figures left out)."""
    with db.transaction() as session:
        get_period_row(session, period_id)
        query = (
            select(Unit, UnitFiguresRow)
            .join(UnitFiguresRow, UnitFiguresRow.unit_id == Unit.id)
            .where(UnitFiguresRow.period_id == period_id)
            .order_by(Unit.sort_order, Unit.id)
        )
        return [figures_info(unit, row) for unit, row in session.execute(query)]


def period_figures(db: Database, period_id: int) -> list[UnitFigures]:
    """Active units with their figures (all None for a unit not given any)."""
    with db.transaction() as session:
        get_period_row(session, period_id)
        return period_units(session, period_id)


def save_figures(
    db: Database,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_kind: str = SOURCE_TYPED,
    source_name: str = "",
    versions: Mapping[str, int] | None = None,
) -> SavedFigures:
    """Store the figures of ``units`` (known codes) for the period in one transaction, audited
    old → new, and rank the period in that same transaction (one edit costs one ranking).

    Every unit is validated first (figures may be partly missing, as when typed); any problem →
    ProblemList and nothing written. A code not in the register → NotFoundError. ``versions``:
    code → the version the edit was made on (``figure_versions``; 0 for a unit without figures);
    changed since → StaleEditError (who changed what, the fresh figures) and nothing written.
    """
    if source_kind not in FIGURE_SOURCES:
        raise ServiceError(f"Nguồn số liệu «{source_kind}» không hợp lệ.")
    with db.transaction() as session:
        lock_period(session, period_id)  # one writer of the period at a time, until the commit
        period = get_period_row(session, period_id)
        if versions:
            current = {u.code: u for u in period_units(session, period_id)}
            check_versions(session, period, units, versions, current)
        rows = [get_unit_row(session, u.code) for u in units]
        stored = [
            UnitFigures(code=row.code, name=row.name, kind=UnitKind(row.kind), **wanted(u))
            for row, u in zip(rows, units, strict=True)
        ]
        problems = validate_units(stored, rules_of(period.campaign).scored_kinds, require_all=False)
        if problems:
            raise ProblemList(problems)
        changed, _added = store_many(session, period_id, stored, source_kind, source_name, None)
        ranking = rank_in_session(session, period_id)
        counts = count_in_session(session, period_id) if changed else {}
        after = versions_in_session(session, period_id)
    problems_after = quota_report(ranking, counts).problems() if changed else []
    return SavedFigures(tuple(changed), ranking, tuple(problems_after), after)


def set_unit_figures(
    db: Database,
    period_id: int,
    unit: UnitFigures,
    *,
    source_kind: str = SOURCE_TYPED,
    source_name: str = "",
    version: int | None = None,
) -> tuple[bool, list[str]]:
    """Store the figures of ``unit.code`` for the period (validated; audited old → new), refused
    when ``version`` (the version the edit was made on) is not the stored one any more.

    Returns (changed, quota problems after the change).
    """
    saved = save_figures(
        db,
        period_id,
        [unit],
        source_kind=source_kind,
        source_name=source_name,
        versions=None if version is None else {unit.code: version},
    )
    return bool(saved.changed), list(saved.quota_problems)


def parse_typed_figure(text: object) -> tuple[int | None, str | None]:
    """A figure as typed or pasted ("1.234" is 1234): (number, None), (None, None) when blank,
    or (None, why it is refused)."""
    from app.exchange.unit_figures import parse_whole  # noqa: PLC0415

    return parse_whole(text)


def import_figures(
    db: Database,
    period_id: int,
    path: Path,
    *,
    add_units: bool = False,
    backup: bool = True,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import a unit-figures file (DATA-FORMAT.md A) into the period: everything or nothing.
    ``mapping``: the officer's choice of columns (field → header), remembered once it worked.

    Raises TableError (unreadable file) or ProblemList (every problem, with row, unit and column).
    """
    from app.exchange.unit_figures import read_unit_figures  # noqa: PLC0415 - pandas-free reader

    with db.transaction() as session:
        scored = sorted(rules_of(get_period_row(session, period_id).campaign).scored_kinds)
        codes = None if add_units else dict(session.execute(select(Unit.code, Unit.kind)).all())
    from app.services.import_columns import keep_mapping, read_with_mapping  # noqa: PLC0415

    figures_file = read_with_mapping(
        db,
        period_id,
        "figures",
        mapping,
        lambda chosen: read_unit_figures(Path(path), scored, chosen, codes),
    )
    result = import_units(
        db,
        period_id,
        figures_file.units,
        source_kind=SOURCE_FILE,
        source_name=Path(path).name,
        rows=figures_file.rows,
        add_units=add_units,
        warnings=figures_file.warnings,
        backup=backup,
        progress=progress,
    )
    keep_mapping(db, period_id, "figures", mapping)
    return result


def import_units(
    db: Database,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_kind: str,
    source_name: str,
    rows: Sequence[int] | None = None,
    add_units: bool = False,
    warnings: Sequence[str] = (),
    backup: bool = True,
    progress: Progress | None = None,
    require_all: bool = True,
    versions: Mapping[str, int] | None = None,
) -> ImportResult:
    """Store the figures of many units in one transaction, after checking all of them.

    Unknown unit codes are errors unless ``add_units``; a unit whose kind differs from the register
    is an error. Any problem → ProblemList and nothing written. A backup is made before writing.
    ``require_all=False`` accepts units whose figures are still partly unknown (e-ID figures
    imported before the dossier figures). ``versions``: code → the version ``units`` were built
    on (figures read before, changed in part): changed since → StaleEditError, nothing written.
    """
    if source_kind not in FIGURE_SOURCES:
        raise ServiceError(f"Nguồn số liệu «{source_kind}» không hợp lệ.")
    notes = list(warnings)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        scored = rules_of(period.campaign).scored_kinds
        register = {u.code: u for u in session.scalars(select(Unit))}
        problems = validate_units(units, scored, rows=rows, require_all=require_all)
        for index, unit in enumerate(units):
            row_number = rows[index] if rows is not None else None
            known = register.get(unit.code)
            if known is None:
                if not add_units:
                    problems.append(
                        Problem(
                            "mã đơn vị không có trong danh sách đơn vị (thêm đơn vị trước, hoặc "
                            "dùng --add-units để thêm đơn vị mới)",
                            unit.code,
                            unit.name,
                            "code",
                            unit.code,
                            row_number,
                        )
                    )
                continue
            if known.kind != unit.kind.value:
                problems.append(
                    Problem(
                        f"loại đơn vị khác với danh sách đơn vị ({known.kind})",
                        unit.code,
                        unit.name,
                        "kind",
                        unit.kind.value,
                        row_number,
                    )
                )
            if nfc(known.name).casefold() != nfc(unit.name).casefold():
                notes.append(
                    f"Đơn vị {unit.code}: tên trong tệp «{unit.name}» khác tên trong danh sách "
                    f"«{known.name}»; giữ tên trong danh sách."
                )
            if not known.active:
                notes.append(
                    f"Đơn vị {unit.code} ({known.name}) đang ngừng hoạt động: số liệu được lưu "
                    "nhưng không xếp hạng."
                )
        if problems:
            problems.sort(key=lambda p: p.row or 0)
            raise ProblemList(problems)

        writes = would_change(session, period_id, units, register)
    # No backup for an import that changes no figure (it is only audited): ten tries of the same
    # file keep the history of backups as it was.
    backup_path = backups.backup_database(db, backups.REASON_IMPORT) if backup and writes else None
    with db.transaction() as session:
        lock_period(session, period_id)
        if versions is not None:
            current = {u.code: u for u in period_units(session, period_id)}
            check_versions(session, get_period_row(session, period_id), units, versions, current)
        changed, added = store_many(session, period_id, units, source_kind, source_name, progress)
    return ImportResult(
        period_id=period_id,
        source_name=source_name,
        units_in_file=len(units),
        changed=tuple(changed),
        added_units=tuple(added),
        unchanged=len(units) - len(changed),
        warnings=tuple(notes),
        backup_path=None if backup_path is None else str(backup_path),
        quota_problems=tuple(quota_problems(db, period_id)) if changed else (),
    )


def clear_unit_figures(db: Database, period_id: int, code: str) -> bool:
    """Forget the figures of one unit for the period (audited); False when it had none."""
    with db.transaction() as session:
        lock_period(session, period_id)
        period = get_period_row(session, period_id)
        unit_row = get_unit_row(session, code)
        row = session.scalar(
            select(UnitFiguresRow).where(
                UnitFiguresRow.period_id == period_id, UnitFiguresRow.unit_id == unit_row.id
            )
        )
        if row is None:
            return False
        audit.record(
            session,
            audit.Action.FIGURES_CLEAR,
            f"Xóa số liệu {unit_row.code} ({unit_row.name})",
            subject=unit_row.code,
            period_name=period.name,
            old=stored_values(row),
        )
        session.delete(row)
        return True
