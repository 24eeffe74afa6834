"""Unit figures of a period: typed in, or imported from a file (all-or-nothing, backed up first)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models import (
    FIGURE_SOURCES,
    SOURCE_FILE,
    SOURCE_TYPED,
    AuditEntry,
    Database,
    Unit,
    UnitFiguresRow,
)
from app.scoring import Problem, ProblemList, UnitFigures, UnitKind, quota_report, validate_units
from app.scoring.figures import FIGURE_FIELDS
from app.services import audit, backups
from app.services.campaigns import get_period_row, rules_of
from app.services.errors import ServiceError
from app.services.nominations import count_in_session, quota_problems
from app.services.ranking import figures_of, period_units, rank_in_session
from app.services.records import FiguresInfo, ImportResult, SavedFigures
from app.services.units import get_unit_row, next_sort_order
from app.text import nfc

Progress = Callable[[int, int], None]  # (units written, units in all)
PROGRESS_EVERY = 1000


def _values(row: UnitFiguresRow | None) -> dict[str, int | None] | None:
    if row is None:
        return None
    return {key: getattr(row, key) for key in FIGURE_FIELDS}


def _wanted(unit: UnitFigures) -> dict[str, int | None]:
    return {key: unit.figure(key) for key in FIGURE_FIELDS}


def _would_change(
    session: Session, period_id: int, units: Sequence[UnitFigures], register: dict[str, Unit]
) -> bool:
    """Whether storing ``units`` changes any figure or adds a unit."""
    stored = {
        row.unit_id: {key: getattr(row, key) for key in FIGURE_FIELDS}
        for row in session.scalars(
            select(UnitFiguresRow).where(UnitFiguresRow.period_id == period_id)
        )
    }
    for unit in units:
        known = register.get(unit.code)
        if known is None:
            return True
        new, old = _wanted(unit), stored.get(known.id)
        if old != new and not (old is None and all(v is None for v in new.values())):
            return True
    return False


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
) -> SavedFigures:
    """Store the figures of ``units`` (known codes) for the period in one transaction, audited
    old → new, and rank the period in that same transaction (one edit costs one ranking).

    Every unit is validated first (figures may be partly missing, as when typed); any problem →
    ProblemList and nothing written. A code not in the register → NotFoundError.
    """
    if source_kind not in FIGURE_SOURCES:
        raise ServiceError(f"Nguồn số liệu «{source_kind}» không hợp lệ.")
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        rows = [get_unit_row(session, u.code) for u in units]
        stored = [
            UnitFigures(code=row.code, name=row.name, kind=UnitKind(row.kind), **_wanted(u))
            for row, u in zip(rows, units, strict=True)
        ]
        problems = validate_units(stored, rules_of(period.campaign).scored_kinds, require_all=False)
        if problems:
            raise ProblemList(problems)
        changed, _added = _store_many(session, period_id, stored, source_kind, source_name, None)
        ranking = rank_in_session(session, period_id)
        counts = count_in_session(session, period_id) if changed else {}
    problems_after = quota_report(ranking, counts).problems() if changed else []
    return SavedFigures(tuple(changed), ranking, tuple(problems_after))


def set_unit_figures(
    db: Database,
    period_id: int,
    unit: UnitFigures,
    *,
    source_kind: str = SOURCE_TYPED,
    source_name: str = "",
) -> tuple[bool, list[str]]:
    """Store the figures of ``unit.code`` for the period (validated; audited old → new).

    Returns (changed, quota problems after the change).
    """
    saved = save_figures(db, period_id, [unit], source_kind=source_kind, source_name=source_name)
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
) -> ImportResult:
    """Store the figures of many units in one transaction, after checking all of them.

    Unknown unit codes are errors unless ``add_units``; a unit whose kind differs from the register
    is an error. Any problem → ProblemList and nothing written. A backup is made before writing.
    ``require_all=False`` accepts units whose figures are still partly unknown (e-ID figures
    imported before the dossier figures).
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

        writes = _would_change(session, period_id, units, register)
    # No backup for an import that changes no figure (it is only audited): ten tries of the same
    # file keep the history of backups as it was.
    backup_path = backups.backup_database(db, backups.REASON_IMPORT) if backup and writes else None
    with db.transaction() as session:
        changed, added = _store_many(session, period_id, units, source_kind, source_name, progress)
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


def store_units(
    session: Session,
    period_id: int,
    units: Sequence[UnitFigures],
    *,
    source_kind: str,
    source_name: str,
    progress: Progress | None = None,
) -> list[str]:
    """Write figures of known units, already checked by the caller, inside the caller's
    transaction (audited old → new); returns the codes whose figures changed."""
    if source_kind not in FIGURE_SOURCES:
        raise ServiceError(f"Nguồn số liệu «{source_kind}» không hợp lệ.")
    changed, _added = _store_many(session, period_id, units, source_kind, source_name, progress)
    return changed


def _store_many(
    session: Session,
    period_id: int,
    units: Sequence[UnitFigures],
    source_kind: str,
    source_name: str,
    progress: Progress | None,
) -> tuple[list[str], list[str]]:
    """Write checked figures in batches of bulk statements, all inside the caller's transaction.

    Returns (codes whose figures changed, codes of units created).
    """
    period = get_period_row(session, period_id)
    ids: dict[str, int] = dict(session.execute(select(Unit.code, Unit.id)).all())
    columns = [getattr(UnitFiguresRow, key) for key in FIGURE_FIELDS]
    existing = {
        row.unit_id: row
        for row in session.execute(
            select(UnitFiguresRow.id, UnitFiguresRow.unit_id, *columns).where(
                UnitFiguresRow.period_id == period_id
            )
        )
    }
    order = next_sort_order(session)
    stamp = audit.now()
    where = "nhập tay" if source_kind == SOURCE_TYPED else f"từ {source_name}"
    action = (
        audit.Action.FIGURES_EDIT if source_kind == SOURCE_TYPED else audit.Action.FIGURES_IMPORT
    )
    changed: list[str] = []
    added: list[str] = []
    for start in range(0, len(units), PROGRESS_EVERY):
        batch = units[start : start + PROGRESS_EVERY]
        entries: list[dict[str, Any]] = []
        fresh = [u for u in batch if u.code not in ids]
        if fresh:
            session.execute(
                insert(Unit),
                [
                    {
                        "code": u.code,
                        "name": u.name,
                        "kind": u.kind.value,
                        "active": True,
                        "sort_order": order + i,
                    }
                    for i, u in enumerate(fresh)
                ],
            )
            order += len(fresh)
            codes = [u.code for u in fresh]
            ids.update(
                dict(session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(codes))).all())
            )
            added += codes
            entries += [
                audit.entry(
                    audit.Action.UNIT_ADD,
                    f"Thêm đơn vị {u.code} ({u.name}) khi nhập {source_name}",
                    subject=u.code,
                    new={"name": u.name, "kind": u.kind.value},
                    at=stamp,
                )
                for u in fresh
            ]
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for unit in batch:
            unit_id = ids[unit.code]
            row = existing.get(unit_id)
            old = None if row is None else {key: getattr(row, key) for key in FIGURE_FIELDS}
            new = _wanted(unit)
            if old == new or (old is None and all(v is None for v in new.values())):
                continue
            values: dict[str, Any] = {**new, "source_kind": source_kind, "source_name": source_name}
            values["updated_at"] = stamp
            if row is None:
                inserts.append({"period_id": period_id, "unit_id": unit_id, **values})
            else:
                updates.append({"id": row.id, **values})
            changed.append(unit.code)
            entries.append(
                audit.entry(
                    action,
                    f"Số liệu {unit.code} ({unit.name}) {where}",
                    subject=unit.code,
                    period_name=period.name,
                    old=old,
                    new=new,
                    at=stamp,
                )
            )
        if inserts:
            session.execute(insert(UnitFiguresRow), inserts)
        if updates:
            session.execute(update(UnitFiguresRow), updates)
        if entries:
            session.execute(insert(AuditEntry), entries)
        if progress is not None and start + len(batch) < len(units):
            progress(start + len(batch), len(units))
    if source_kind == SOURCE_TYPED:
        session.flush()
        return changed, added
    audit.record(
        session,
        audit.Action.FIGURES_IMPORT_FILE,
        f"Nhập số liệu từ {source_name}: {len(units)} đơn vị, {len(changed)} thay đổi, "
        f"{len(added)} đơn vị mới",
        subject=source_name,
        period_name=period.name,
    )
    session.flush()
    if progress is not None:
        progress(len(units), len(units))
    return changed, added


def clear_unit_figures(db: Database, period_id: int, code: str) -> bool:
    """Forget the figures of one unit for the period (audited); False when it had none."""
    with db.transaction() as session:
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
            old=_values(row),
        )
        session.delete(row)
        return True
