"""A nominations file (DATA-FORMAT F) replaces the lists of the units it names — the first file
and a corrected one alike. ``preview_nominations`` shows, per unit, who is added, removed, kept
or has their name corrected (``app.services.nomination_diff``) and the quota after the change,
writing nothing; ``apply_nominations`` stores it in one transaction, audited per unit.

Units the file does not name keep their lists. The whole file is refused (ProblemList) when any
row is wrong or any unit it names would go over its quota (the message names the unit and the
quota), or changes the list of a unit whose tier is pending a tie settlement (its quota unknown).
Kept people keep their nomination (id, order, and the free texts of the achievement report when
the file leaves them empty); the added are stored after them in file order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Database, Nomination, Unit
from app.scoring import Problem, ProblemList, QuotaReport, quota_report
from app.services import audit, backups
from app.services.campaigns import get_period_row
from app.services.import_columns import keep_mapping, read_with_mapping
from app.services.nomination_diff import (
    Change,
    Person,
    PersonChange,
    UnitNominationsDiff,
    match_people,
    new_values,
)
from app.services.nomination_rows import audit_data, check_entry, new_row, unit_counts
from app.services.ranking import rank_in_session
from app.services.records import NominationInput
from app.services.units import units_query

if TYPE_CHECKING:
    from app.exchange.nominations import Nomination as NominationRecord


@dataclass(frozen=True, slots=True)
class NominationsPreview:
    """What importing a nominations file would do, unit by unit (nothing written yet)."""

    period_id: int
    period_name: str
    source_name: str
    rows_read: int
    units: tuple[UnitNominationsDiff, ...]  # the units the file names, in file order
    untouched: tuple[str, ...]  # names of units with nominations the file does not name (kept)
    entries: tuple[NominationInput, ...]  # the file's rows, to apply
    warnings: tuple[str, ...] = ()
    only_unit: str | None = None  # commune mode: the one unit the file may name
    mapping: Mapping[str, str] | None = None  # the officer's columns (field → header), if chosen

    @property
    def has_changes(self) -> bool:
        return any(u.changed for u in self.units)

    def lines(self) -> list[str]:
        lines = [
            f"Kỳ «{self.period_name}», tệp {self.source_name}: {self.rows_read} người của "
            f"{len(self.units)} đơn vị; danh sách đề nghị của các đơn vị này được thay bằng "
            "danh sách trong tệp."
        ]
        for unit in self.units:
            lines += unit.lines()
        if self.untouched:
            lines.append(
                f"Giữ nguyên danh sách của {len(self.untouched)} đơn vị không có trong tệp: "
                + ", ".join(self.untouched)
            )
        lines += [f"Lưu ý: {w}" for w in self.warnings]
        return lines


@dataclass(frozen=True, slots=True)
class NominationsImportResult:
    source_name: str
    rows_read: int
    added: int
    by_unit: dict[str, int]  # unit code → its nominations after the import (units named)
    unit_names: dict[str, str]
    warnings: tuple[str, ...] = ()
    backup_path: str | None = None
    removed: int = 0
    renamed: int = 0
    kept: int = 0
    units: tuple[UnitNominationsDiff, ...] = ()


def _input(record: NominationRecord) -> NominationInput:
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


def _person(row: Nomination) -> Person:
    return Person(
        id=row.id,
        full_name=row.full_name,
        position=row.position,
        birth_date=row.birth_date,
        fields={
            "full_name": row.full_name,
            "position": row.position,
            "achievement_summary": row.achievement_summary,
            "birth_date": row.birth_date,
            "gender": row.gender,
            "achievement_text": row.achievement_text,
            "past_awards_text": row.past_awards_text,
        },
    )


Match = list[tuple[PersonChange, Person | None, tuple[NominationInput, str | None] | None]]


@dataclass(slots=True)
class _UnitPlan:
    unit: Unit
    matches: Match
    diff: UnitNominationsDiff


def _quota_text(report: QuotaReport, code: str) -> str:
    if code in report.agency_codes:
        return (
            f"chỉ tiêu chung của các cơ quan cấp huyện {report.agency_quota} cá nhân "
            f"(cả các cơ quan sau khi nhập: {report.agency_nominated})"
        )
    quota = next((u for u in report.units if u.code == code), None)
    if quota is None:
        return "không có chỉ tiêu (không hoạt động hoặc không thuộc diện thi đua)"
    if quota.quota is None:
        return "chưa biết chỉ tiêu (đồng hạng chờ phân định)"
    return f"chỉ tiêu {quota.quota} cá nhân"


def _quota_problems(report: QuotaReport, plans: list[_UnitPlan]) -> list[Problem]:
    problems: list[Problem] = []
    agencies = [p for p in plans if p.unit.code in report.agency_codes]
    for plan in plans:
        unit, diff = plan.unit, plan.diff
        if unit.code in report.agency_codes:
            continue
        quota = next((u for u in report.units if u.code == unit.code), None)
        if quota is None:
            message = (
                "đơn vị không có chỉ tiêu đề nghị khen thưởng cá nhân trong kỳ này (không hoạt "
                f"động hoặc không thuộc diện thi đua), danh sách mới có {diff.after}"
            )
        elif quota.quota is None and diff.changed:
            message = (
                "đang đồng hạng chờ phân định nên chưa có chỉ tiêu cá nhân; hãy giải quyết "
                "đồng hạng trước khi thay danh sách đề nghị"
            )
        elif quota.over_by:
            message = (
                f"vượt chỉ tiêu {quota.over_by}: được {quota.quota} cá nhân khen thưởng, "
                f"danh sách mới có {diff.after} (đang có {diff.before})"
            )
        else:
            continue
        problems.append(Problem(message, unit_code=unit.code, unit_name=unit.name))
    if agencies and report.agency_over_by:
        names = ", ".join(p.unit.name for p in agencies)
        problems.append(
            Problem(
                f"các cơ quan cấp huyện chỉ được đề nghị tổng cộng {report.agency_quota} cá "
                f"nhân, sau khi nhập danh sách của {names} sẽ là {report.agency_nominated}"
            )
        )
    return problems


def _plan(
    session: Session,
    period_id: int,
    entries: tuple[NominationInput, ...],
    only_unit: str | None = None,
) -> list[_UnitPlan]:
    """Match the file's lists with the stored ones, unit by unit. Raises ProblemList (rows,
    quotas, a row of another unit than ``only_unit``), writing nothing."""
    register = {u.code: u for u in session.scalars(select(Unit))}
    problems: list[Problem] = []
    by_unit: dict[str, list[tuple[NominationInput, str | None]]] = {}
    for entry in entries:
        entry_problems, unit, gender = check_entry(entry, register)
        problems += entry_problems
        if unit is not None and only_unit is not None and unit.code != only_unit:
            own = register.get(only_unit)
            problems.append(
                Problem(
                    f"là đề nghị của đơn vị {unit.code} ({unit.name}): ở chế độ đơn vị chỉ nhập "
                    f"đề nghị của {own.name if own is not None else only_unit}",
                    unit_code=unit.code,
                    unit_name=unit.name,
                    row=entry.row,
                )
            )
        elif unit is not None:
            by_unit.setdefault(unit.code, []).append((entry, gender))
    counts: Counter[str] = unit_counts(session, period_id)
    for code, listed in by_unit.items():
        counts[code] = len(listed)
    report = quota_report(rank_in_session(session, period_id), counts)
    plans: list[_UnitPlan] = []
    for code, listed in by_unit.items():
        unit = register[code]
        stored = session.scalars(
            select(Nomination)
            .where(Nomination.period_id == period_id, Nomination.unit_id == unit.id)
            .order_by(Nomination.id)
        ).all()
        matches = match_people([_person(r) for r in stored], listed)
        diff = UnitNominationsDiff(
            unit_code=code,
            unit_name=unit.name,
            people=tuple(change for change, _, _ in matches),
            before=len(stored),
            after=len(listed),
            quota_text=_quota_text(report, code),
        )
        plans.append(_UnitPlan(unit, matches, diff))
    if not problems:
        problems += _quota_problems(report, plans)
    if problems:
        raise ProblemList(problems)
    return plans


def _untouched(session: Session, period_id: int, named: set[str]) -> tuple[str, ...]:
    counts = unit_counts(session, period_id)
    return tuple(
        u.name
        for u in session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id))
        if u.code not in named and counts.get(u.code)
    )


def preview_nominations(
    db: Database,
    period_id: int,
    path: Path,
    *,
    only_unit: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> NominationsPreview:
    """Read a nominations file and compare it, unit by unit, with the stored lists; nothing is
    written. Raises TableError (unreadable) or ProblemList (rows, quotas). ``only_unit`` (commune
    mode): every row must be of that unit. ``mapping``: the officer's columns (else the mapping
    remembered for the campaign, else the guess); remembered when the import is applied."""
    from app.exchange.nominations import read_nominations  # noqa: PLC0415

    path = Path(path)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        period_name = period.name
        known = [(u.code, u.name) for u in session.scalars(units_query(active_only=True))]
    parsed = read_with_mapping(
        db, period_id, "nominations", mapping, lambda chosen: read_nominations(path, known, chosen)
    )
    entries = tuple(_input(n) for n in parsed.nominations)
    with db.transaction() as session:
        plans = _plan(session, period_id, entries, only_unit)
        untouched = _untouched(session, period_id, {p.unit.code for p in plans})
    return NominationsPreview(
        period_id=period_id,
        period_name=period_name,
        source_name=path.name,
        rows_read=len(entries),
        units=tuple(p.diff for p in plans),
        untouched=untouched,
        entries=entries,
        warnings=tuple(parsed.warnings),
        only_unit=only_unit,
        mapping=mapping,
    )


def _apply_unit(session: Session, period_id: int, plan: _UnitPlan) -> list[Nomination]:
    """Delete the removed, update the kept and renamed in place, add the new; the unit's rows."""
    rows = {
        r.id: r
        for r in session.scalars(
            select(Nomination).where(
                Nomination.period_id == period_id, Nomination.unit_id == plan.unit.id
            )
        )
    }
    now = audit.now()
    added: list[Nomination] = []
    for change, person, pair in plan.matches:
        if change.change is Change.REMOVED:
            assert person is not None
            session.delete(rows.pop(person.id))
        elif pair is not None and person is not None:
            for key, value in new_values(person, *pair).items():
                setattr(rows[person.id], key, value)
        elif pair is not None:
            added.append(new_row(period_id, plan.unit, pair[0], pair[1], now))
    session.add_all(added)
    session.flush()
    return sorted([*rows.values(), *added], key=lambda r: r.id)


def apply_nominations(
    db: Database, preview: NominationsPreview, *, backup: bool = True
) -> NominationsImportResult:
    """Store a previewed file in one transaction (matched again against what is stored now, all
    or nothing, refused as in the preview), after an automatic backup when anything changes;
    one audit entry per unit whose list changes, with its old and new list."""
    with db.transaction() as session:  # check first: back up only for an import that is written
        _plan(session, preview.period_id, preview.entries, preview.only_unit)
    backup_path = (
        backups.backup_database(db, backups.REASON_IMPORT)
        if backup and preview.has_changes
        else None
    )
    with db.transaction() as session:
        period = get_period_row(session, preview.period_id)
        plans = _plan(session, preview.period_id, preview.entries, preview.only_unit)
        for plan in plans:
            if not plan.diff.changed:
                continue
            old = [
                audit_data(r)
                for r in session.scalars(
                    select(Nomination)
                    .where(
                        Nomination.period_id == preview.period_id,
                        Nomination.unit_id == plan.unit.id,
                    )
                    .order_by(Nomination.id)
                )
            ]
            rows = _apply_unit(session, preview.period_id, plan)
            audit.record(
                session,
                audit.Action.NOMINATIONS_IMPORT,
                f"Nhập danh sách đề nghị khen thưởng {plan.unit.name} từ {preview.source_name}: "
                + plan.diff.summary().split(": ", 1)[1],
                subject=plan.unit.code,
                period_name=period.name,
                old=old,
                new=[audit_data(r) for r in rows],
            )
    keep_mapping(db, preview.period_id, "nominations", preview.mapping)
    diffs = tuple(p.diff for p in plans)
    return NominationsImportResult(
        source_name=preview.source_name,
        rows_read=preview.rows_read,
        added=sum(len(d.of(Change.ADDED)) for d in diffs),
        by_unit={d.unit_code: d.after for d in diffs},
        unit_names={d.unit_code: d.unit_name for d in diffs},
        warnings=preview.warnings,
        backup_path=None if backup_path is None else str(backup_path),
        removed=sum(len(d.of(Change.REMOVED)) for d in diffs),
        renamed=sum(len(d.of(Change.RENAMED)) for d in diffs),
        kept=sum(len(d.of(Change.KEPT)) for d in diffs),
        units=diffs,
    )


def import_nominations(
    db: Database,
    period_id: int,
    path: Path,
    *,
    backup: bool = True,
    mapping: Mapping[str, str] | None = None,
) -> NominationsImportResult:
    """Preview and apply a nominations file at once (the officer has confirmed)."""
    preview = preview_nominations(db, period_id, path, mapping=mapping)
    return apply_nominations(db, preview, backup=backup)
