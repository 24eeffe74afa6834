"""The portal's per-unit statistics report into the database: ``online`` and ``total`` of the
communes and towns it names (``total`` = online + direct, + postal when the rule set's
``postal_in_total``); accounts, e-ID and citizens stay as stored — as read before the file: a unit
changed meanwhile by another officer refuses the import (StaleEditError), as the e-ID import does.
All or nothing, audited, after an automatic backup; the column mapping is the officer's,
remembered, or guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from app.models import SOURCE_FILE, Database
from app.scoring.numbers import format_int
from app.services import figures
from app.services.campaigns import get_period_row, rules_of
from app.services.concurrency import versions_in_session
from app.services.import_columns import keep_mapping, read_with_mapping
from app.services.ranking import period_units
from app.services.records import ImportResult


@dataclass(frozen=True, slots=True)
class PortalStatsImportResult:
    rows_read: int  # units of the campaign found in the report
    postal_in_total: bool
    postal: int  # postal dossiers of those units
    postal_left_out: int  # of them, left out of ``total``
    unknown: tuple[str, ...]  # "dòng 9: Phòng Tư pháp huyện" — rows naming no unit
    mapping: dict[str, str]
    result: ImportResult

    def summary(self) -> list[str]:
        lines = [f"Đã đọc số hồ sơ của {self.rows_read} đơn vị."]
        if self.postal_left_out:
            lines.append(
                f"Không tính {format_int(self.postal_left_out)} hồ sơ gửi qua bưu chính công ích "
                "vào tổng số hồ sơ (quy tắc: tổng số = trực tuyến + trực tiếp)."
            )
        elif self.postal and self.postal_in_total:
            lines.append(
                f"Tính cả {format_int(self.postal)} hồ sơ bưu chính vào tổng số (theo bộ quy tắc)."
            )
        return lines


def import_portal_stats(
    db: Database,
    period_id: int,
    path: Path,
    *,
    backup: bool = True,
    mapping: Mapping[str, str] | None = None,
) -> PortalStatsImportResult:
    """Read the report and store online and total of the units it names (see the module)."""
    from app.exchange.portal_stats import read_portal_stats  # noqa: PLC0415

    path = Path(path)
    with db.transaction() as session:
        period = get_period_row(session, period_id)
        rules = rules_of(period.campaign)
        current = {
            u.code: u for u in period_units(session, period_id) if u.kind in rules.scored_kinds
        }
        seen = versions_in_session(session, period_id)  # the other figures are kept as read
    known = [(u.code, u.name) for u in current.values()]
    stats = read_with_mapping(
        db,
        period_id,
        "portal_stats",
        mapping,
        lambda chosen: read_portal_stats(path, known, chosen),
    )
    postal_in = rules.postal_in_total
    updated = [
        replace(current[s.code], online=s.online, total=s.total(postal_in)) for s in stats.units
    ]
    unknown = tuple(f"dòng {row}: {text}" for row, text in stats.unknown)
    notes = list(stats.warnings)
    if unknown:
        notes.append(
            "Các dòng không phải xã, thị trấn của đợt thi đua, không nhập: " + "; ".join(unknown)
        )
    result = figures.import_units(
        db,
        period_id,
        updated,
        source_kind=SOURCE_FILE,
        source_name=path.name,
        rows=[s.row for s in stats.units],
        warnings=notes,
        backup=backup,
        require_all=False,
        versions={s.code: seen.get(s.code, 0) for s in stats.units},
    )
    keep_mapping(db, period_id, "portal_stats", mapping)
    postal = sum(s.postal for s in stats.units)
    return PortalStatsImportResult(
        rows_read=len(stats.units),
        postal_in_total=postal_in,
        postal=postal,
        postal_left_out=0 if postal_in else postal,
        unknown=unknown,
        mapping=stats.mapping,
        result=result,
    )
