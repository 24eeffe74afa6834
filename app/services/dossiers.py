"""Portal dossier exports into the database (DATA-FORMAT.md section B).

The file is read by ``app.exchange.dossiers`` (rows of the period, units resolved, duplicates of the
file dropped); the counted dossiers are stored by code in the ``dossier`` table (each backend's
insert-or-ignore, or ``COPY`` on PostgreSQL: ``app.services.dossier_store``), all inside one
transaction holding the period's lock, so importing the same or an overlapping export again never
counts a dossier twice and two imports never interleave their recounts. Then every stored dossier of the period is counted again per unit
(SQL ``GROUP BY``) and the units' total, online and accounts figures are replaced (e-ID figures are
untouched), checked and saved in that same transaction, audited, after an automatic backup.
Cancelling (``cancel()`` returning True) at any point before the commit leaves the database as it
was. The column mapping and channel values used are remembered per campaign.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Date, TextClause, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from app.exchange.dossiers import TOP_ACCOUNTS, ImportCancelled, UnitDossierStats
from app.models import SOURCE_FILE, Database, Dossier, Period, Unit
from app.models.backend import dialect_of, lock_period
from app.scoring import ProblemList, UnitFigures, UnitKind, validate_units
from app.scoring.numbers import format_decimal, format_int, format_percent
from app.services import audit, backups, figure_store
from app.services.campaigns import get_period_row, rules_of
from app.services.dossier_columns import (
    choices_of,
    dossier_choices,
    fitting_mapping,
    remember_choices,
    set_dossier_choices,
)
from app.services.dossier_store import insert_dossiers
from app.services.errors import ServiceError
from app.services.nominations import quota_problems
from app.services.ranking import period_units
from app.services.units import units_query
from app.text import nfc

if TYPE_CHECKING:
    from app.exchange.dossiers import DossierImport

Progress = Callable[[int, int], None]  # (done, PROGRESS_TOTAL): reading, then storing
Cancel = Callable[[], bool]
PROGRESS_TOTAL = 1000
READ_SHARE = 800  # reading the file is most of the work; storing the rest
EXAMPLES = 5  # rows listed per reason in the report

__all__ = [
    "PROGRESS_TOTAL",
    "DossierImportResult",
    "ImportCancelled",
    "dossier_choices",
    "import_dossiers",
    "period_dossier_stats",
    "set_dossier_choices",
]


@dataclass(frozen=True, slots=True)
class DossierImportResult:
    """What an import of a portal dossier export read, skipped, stored and changed."""

    period_id: int
    period_name: str
    source_name: str
    mapping: dict[str, str]  # field → header used
    channels: dict[str, bool]  # channel value → online, as used (and remembered)
    rows_read: int  # non-blank data rows of the file
    counted: int  # rows counted: distinct dossier codes of known units within the period
    new_dossiers: int  # of those, not stored before
    known_dossiers: int  # of those, already stored by an earlier import (not counted again)
    completed_dossiers: int  # of those, optional columns (owner …) filled that were blank
    stored_dossiers: int  # dossiers of the period stored after the import
    units: dict[str, UnitDossierStats]  # unit code → counts over all stored dossiers of the period
    unit_names: dict[str, str]
    changed: tuple[str, ...]  # codes whose figures changed
    skipped: dict[str, int]  # reason key (app.exchange.dossiers.REASONS) → rows
    skipped_examples: dict[str, tuple[str, ...]]  # reason key → the first rows, as text
    unknown_units: dict[str, int]  # unit text of the file that matched no unit → rows
    channel_counts: dict[str, tuple[int, bool]]  # channel value of the file → (rows, online)
    warnings: tuple[str, ...] = ()
    backup_path: str | None = None
    quota_problems: tuple[str, ...] = ()

    @property
    def skipped_rows(self) -> int:
        return sum(self.skipped.values())

    def unit_lines(self) -> list[str]:
        lines = []
        for code, stats in self.units.items():
            name = self.unit_names.get(code, "")
            line = (
                f"  {code} {name}: tổng {format_int(stats.total)} hồ sơ, trực tuyến "
                f"{format_int(stats.online)}, {format_int(stats.accounts)} tài khoản nộp"
            )
            ratio = stats.dossiers_per_account
            if ratio is not None:
                line += f", {format_decimal(ratio)} hồ sơ/tài khoản"
            share = stats.top_share
            if share is not None and stats.top_accounts:
                busiest = ", ".join(f"{a} ({format_int(n)})" for a, n in stats.top_accounts)
                line += f"; 5 tài khoản nộp nhiều nhất: {format_percent(share)} ({busiest})"
            lines.append(line)
        return lines


# --- counting the stored dossiers ------------------------------------------------------------

# Dossiers of the period within its dates (they may have been changed since the import).
_IN_PERIOD = "period_id = :period AND (received_on IS NULL OR received_on BETWEEN :start AND :end)"
_COUNTS = text(
    "SELECT unit_id, COUNT(*), COALESCE(SUM(CASE WHEN online THEN 1 ELSE 0 END), 0), "
    "COUNT(DISTINCT CASE WHEN online THEN account END), "
    "COALESCE(SUM(CASE WHEN online AND account IS NULL THEN 1 ELSE 0 END), 0) "
    f"FROM dossier WHERE {_IN_PERIOD} GROUP BY unit_id"
).bindparams(bindparam("start", type_=Date), bindparam("end", type_=Date))
# Accounts with equal counts in code-point order on both backends, as the reader orders them.
_BINARY = {"sqlite": "BINARY", "postgresql": '"C"'}


def _top_query(dialect: str) -> TextClause:
    return text(
        "SELECT unit_id, account, n FROM ("
        " SELECT unit_id, account, n, ROW_NUMBER() OVER ("
        f"  PARTITION BY unit_id ORDER BY n DESC, account COLLATE {_BINARY[dialect]}) AS position"
        "  FROM (SELECT unit_id, account, COUNT(*) AS n FROM dossier"
        f"  WHERE {_IN_PERIOD} AND online AND account IS NOT NULL"
        "  GROUP BY unit_id, account) AS counted) AS ranked"
        f" WHERE position <= {TOP_ACCOUNTS} ORDER BY unit_id, position"
    ).bindparams(bindparam("start", type_=Date), bindparam("end", type_=Date))


def _recount(session: Session, period_id: int) -> dict[int, UnitDossierStats]:
    """Unit id → counts over every stored dossier of the period (within its dates)."""
    period = get_period_row(session, period_id)
    bounds = {"period": period_id, "start": period.start_date, "end": period.end_date}
    codes: dict[int, str] = dict(session.execute(select(Unit.id, Unit.code)).all())
    top: dict[int, list[tuple[str, int]]] = {}
    for unit_id, account, count in session.execute(_top_query(dialect_of(session)), bounds):
        top.setdefault(unit_id, []).append((str(account), int(count)))
    result: dict[int, UnitDossierStats] = {}
    for unit_id, total, online, accounts, without in session.execute(_COUNTS, bounds):
        result[unit_id] = UnitDossierStats(
            code=codes[unit_id],
            total=int(total),
            online=int(online),
            accounts=int(accounts),
            online_without_account=int(without),
            top_accounts=tuple(top.get(unit_id, ())),
        )
    return result


def period_dossier_stats(db: Database, period_id: int) -> dict[str, UnitDossierStats]:
    """Unit code → counts over the stored dossiers of the period (register order)."""
    with db.transaction() as session:
        get_period_row(session, period_id)
        stats = {s.code: s for s in _recount(session, period_id).values()}
        order = [u.code for u in session.scalars(units_query())]
    return {code: stats[code] for code in order if code in stats}


def _bounds(period: Period) -> tuple[dt.date, dt.date]:
    return period.start_date, period.end_date


def _stored_count(session: Session, period_id: int) -> int:
    query = select(func.count()).select_from(Dossier).where(Dossier.period_id == period_id)
    return int(session.scalar(query) or 0)


def _figures(stats: UnitDossierStats, current: UnitFigures) -> UnitFigures:
    """The unit's figures with total, online and accounts from the stored dossiers."""
    accounts: int | None = stats.accounts
    if stats.online and not stats.accounts:
        accounts = None  # the exports had no account for its online dossiers: unknown
    return replace(current, total=stats.total, online=stats.online, accounts=accounts)


def _examples(read: DossierImport) -> dict[str, tuple[str, ...]]:
    return {
        reason: tuple(str(issue) for issue in issues[:EXAMPLES])
        for reason, issues in read.issues.items()
    }


def import_dossiers(
    db: Database,
    period_id: int,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    channels: Mapping[str, bool] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    backup: bool = True,
    replace: bool = False,
) -> DossierImportResult:
    """Import a portal dossier export into the period: everything or nothing.

    ``mapping``: field → header (``None``: the mapping remembered for the campaign when it fits the
    file, else guessed from the headers). ``channels``: channel value → online (``None``: the values
    remembered, else the defaults). Only the campaign's scored units (communes, towns) are matched.
    ``progress(done, PROGRESS_TOTAL)`` is called while reading and storing; ``cancel()`` returning
    True raises ImportCancelled and nothing is written. ``replace``: forget the dossiers stored
    for the period before (in the same transaction), e.g. to import again with corrected channel
    values — a dossier already stored is otherwise kept as first imported. Raises TableError or MappingError for an
    unusable file, ServiceError when nothing could be counted, ProblemList for invalid figures.
    """
    from app.exchange.dossiers import import_dossiers as read_dossiers  # noqa: PLC0415
    from app.exchange.units import UnitMatcher  # noqa: PLC0415

    path = Path(path)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        campaign = period.campaign
        scored = rules_of(campaign).scored_kinds
        postal_in_total = rules_of(campaign).postal_in_total
        known = [
            (u.code, u.name)
            for u in session.scalars(units_query(active_only=True))
            if UnitKind(u.kind) in scored
        ]
        remembered_mapping, remembered_channels = choices_of(campaign)
        bounds = _bounds(period)
        period_name = period.name
    names = dict(known)
    used_channels = (
        {nfc(k): bool(v) for k, v in channels.items()}
        if channels is not None
        else remembered_channels
    )
    if mapping is None:
        mapping = fitting_mapping(path, remembered_mapping)
    else:
        mapping = {k: nfc(v) for k, v in mapping.items()}

    def reading(done: int, total: int) -> None:
        if progress is not None and total:
            progress(READ_SHARE * min(done, total) // total, PROGRESS_TOTAL)

    read = read_dossiers(
        path,
        mapping,
        UnitMatcher(known),
        period=bounds,
        channels=used_channels,
        progress=reading,
        cancel=cancel,
        postal_in_total=postal_in_total,
    )
    if read.rows_read == 0:
        raise ServiceError(f"Tệp {path.name} không có dòng hồ sơ nào: không nhập gì.")
    if read.counted == 0:
        reasons = "; ".join(line for line in read.summary_lines()[1:])
        raise ServiceError(
            f"Tệp {path.name}: không có hồ sơ nào được tính ({read.rows_read} dòng đều bị bỏ qua). "
            f"{reasons}"
        )
    if cancel is not None and cancel():
        raise ImportCancelled
    backup_path = backups.backup_database(db, backups.REASON_IMPORT) if backup else None

    def storing(done: int, total: int) -> None:
        if progress is not None and total:
            share = (PROGRESS_TOTAL - READ_SHARE) * done // total
            progress(min(READ_SHARE + share, PROGRESS_TOTAL - 1), PROGRESS_TOTAL)

    with db.transaction() as session:
        lock_period(session, period_id)  # one writer of the period at a time, until the commit
        period = get_period_row(session, period_id)
        unit_ids: dict[str, int] = dict(session.execute(select(Unit.code, Unit.id)).all())
        forgotten = 0
        if replace:
            forgotten = _stored_count(session, period_id)
            session.execute(delete(Dossier).where(Dossier.period_id == period_id))
        before = _stored_count(session, period_id)
        touched = insert_dossiers(
            session, period_id, read.records, unit_ids, storing, cancel, period_empty=not before
        )
        stored = _stored_count(session, period_id)
        completed = max(0, touched - (stored - before))  # stored before, optional columns filled
        if before == 0 and stored == read.counted and bounds == _bounds(period):
            # the period held nothing else: what is stored is exactly what the file counted
            counts = dict(sorted((unit_ids[code], s) for code, s in read.units.items()))
        else:
            counts = _recount(session, period_id)
        current = {u.code: u for u in period_units(session, period_id)}
        updated = [
            _figures(stats, current[stats.code])
            for stats in counts.values()
            if stats.code in current and current[stats.code].kind in scored
        ]
        problems = validate_units(updated, scored, require_all=False)
        if problems:
            raise ProblemList(problems)
        if cancel is not None and cancel():
            raise ImportCancelled
        changed = figure_store.store_units(
            session, period_id, updated, source_kind=SOURCE_FILE, source_name=path.name
        )
        new = stored - before
        audit.record(
            session,
            audit.Action.DOSSIERS_IMPORT,
            f"Nhập hồ sơ từ {path.name}: đọc {read.rows_read} dòng, tính {read.counted} hồ sơ "
            f"({new} mới), bỏ qua {read.skipped} dòng, {len(changed)} đơn vị thay đổi",
            subject=path.name,
            period_name=period.name,
            new={
                "rows_read": read.rows_read,
                "counted": read.counted,
                "new": new,
                "skipped": {k: v for k, v in read.issue_counts.items() if v},
                "unknown_units": read.unknown_units,
                "stored": stored,
                "replaced": forgotten,
                "completed": completed,
            },
        )
        remember_choices(session, period.campaign, read.mapping, used_channels)
        order = {u.code: i for i, u in enumerate(current.values())}
        stats_by_code = {
            s.code: s for s in sorted(counts.values(), key=lambda s: order.get(s.code, len(order)))
        }
    if progress is not None:
        progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
    warnings = list(read.warnings)
    if replace:
        warnings.append(f"Đã bỏ {format_int(forgotten)} hồ sơ lưu từ các lần nhập trước của kỳ.")
    without = [s for s in stats_by_code.values() if s.online and not s.accounts]
    if without:
        warnings.append(
            "Không có tài khoản nộp cho hồ sơ trực tuyến của: "
            + ", ".join(s.code for s in without)
            + " — số tài khoản nộp để trống."
        )
    missing = [code for code in names if code not in stats_by_code]
    if missing:
        warnings.append(
            f"Chưa có hồ sơ nào của {len(missing)} đơn vị (số liệu giữ nguyên): "
            + ", ".join(f"{names[c]} ({c})" for c in missing)
        )
    return DossierImportResult(
        period_id=period_id,
        period_name=period_name,
        source_name=path.name,
        mapping=dict(read.mapping),
        channels=dict(used_channels),
        rows_read=read.rows_read,
        counted=read.counted,
        new_dossiers=stored - before,
        known_dossiers=read.counted - (stored - before),
        completed_dossiers=completed,
        stored_dossiers=stored,
        units=stats_by_code,
        unit_names={code: names.get(code, "") for code in stats_by_code},
        changed=tuple(changed),
        skipped={k: v for k, v in read.issue_counts.items() if v},
        skipped_examples=_examples(read),
        unknown_units=dict(read.unknown_units),
        channel_counts=dict(read.channels),
        warnings=tuple(warnings),
        backup_path=None if backup_path is None else str(backup_path),
        quota_problems=tuple(quota_problems(db, period_id)) if changed else (),
    )


def share_text(stats: UnitDossierStats) -> str:
    """'62,50%' — the share of online dossiers filed by the busiest accounts, or ''."""
    share = stats.top_share
    return "" if share is None else format_percent(Fraction(share))
