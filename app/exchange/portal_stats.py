"""The portal's per-unit statistics report ("Tình hình tiếp nhận hồ sơ trực tuyến …"): per unit,
dossiers received online (toàn trình, một phần), directly and by post (BCCI), usually under two
header rows — a group cell over its sub-columns — with title rows above and a total row below.

Per unit it gives ``online`` = both online levels and ``total`` = online + direct (+ postal when
the rule set's ``postal_in_total``; RULES.md section 2). Rows naming no unit of the campaign (the
district's own offices) are listed, not counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.eid import unit_cell
from app.exchange.reader.columns import FieldSpec, header_scorer, map_columns
from app.exchange.reader.layout import Skipped
from app.exchange.tables import Table, read_table
from app.exchange.unit_figures import parse_whole, shown_value
from app.exchange.units import UnitMatcher
from app.scoring.figures import Problem, ProblemList

_RATE = ("ty le", "%")
SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "Mã đơn vị", names=("ma don vi", "ma dvhc"), contains=(("ma don vi",),)),
    FieldSpec("name", "Tên đơn vị", names=("ten don vi", "ten co quan")),
    FieldSpec(
        "unit",
        "Đơn vị",
        names=("don vi", "co quan", "don vi tiep nhan", "co quan tiep nhan", "noi tiep nhan"),
        contains=(("don vi", "co quan"),),
    ),
    FieldSpec(
        "online_full",
        "Trực tuyến toàn trình",
        contains=(("toan trinh",),),
        excludes=_RATE,
    ),
    FieldSpec("online_partial", "Trực tuyến một phần", contains=(("mot phan",),), excludes=_RATE),
    FieldSpec(
        "online",
        "Hồ sơ trực tuyến (khi không tách toàn trình / một phần)",
        contains=(("truc tuyen+tong", "tong+truc tuyen"), ("truc tuyen",)),
        excludes=(*_RATE, "toan trinh", "mot phan"),
    ),
    FieldSpec("direct", "Trực tiếp", contains=(("truc tiep",),), excludes=_RATE),
    FieldSpec(
        "postal",
        "Bưu chính công ích (BCCI)",
        contains=(("buu chinh", "bcci", "buu dien"),),
        excludes=_RATE,
    ),
    FieldSpec(
        "received",
        "Tổng số hồ sơ tiếp nhận",
        contains=(("tong so+tiep nhan", "tong so ho so", "tong so", "tong"),),
        excludes=_RATE,
    ),
)
LABELS = {s.key: s.label for s in SPECS}
COUNTS = ("online_full", "online_partial", "online", "direct", "postal")
MAX_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class UnitStats:
    code: str
    name: str  # the campaign's name of the unit
    online: int  # toàn trình + một phần
    direct: int
    postal: int
    row: int

    def total(self, postal_in_total: bool) -> int:
        return self.online + self.direct + (self.postal if postal_in_total else 0)


@dataclass(slots=True)
class PortalStatsFile:
    units: list[UnitStats]
    unknown: list[tuple[int, str]]  # (row, unit text) of rows naming no unit of the campaign
    mapping: dict[str, str]  # field → header used
    has_postal: bool
    warnings: list[str] = field(default_factory=list)


def _needed(table: Table, columns: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    if not {"unit", "code", "name"} & columns.keys():
        problems.append(Problem("thiếu cột đơn vị («Đơn vị»)", row=table.header_row))
    if "online" not in columns and not {"online_full", "online_partial"} & columns.keys():
        problems.append(
            Problem("thiếu cột hồ sơ trực tuyến (toàn trình, một phần)", row=table.header_row)
        )
    if "direct" not in columns:
        problems.append(Problem("thiếu cột hồ sơ trực tiếp («Trực tiếp»)", row=table.header_row))
    return problems


def parse_portal_stats(
    table: Table, units: Iterable[tuple[str, str]], chosen: Mapping[str, str] | None = None
) -> PortalStatsFile:
    """Dossier counts per unit. Raises MappingError or ProblemList (every problem at once)."""
    matcher = units if isinstance(units, UnitMatcher) else UnitMatcher(units)
    columns, warnings = map_columns(table.header, SPECS, chosen)
    if {"online_full", "online_partial"} & columns.keys():
        columns.pop("online", None)  # the split columns are counted, not a group total
    problems = _needed(table, columns)
    if problems:
        raise ProblemList(problems)
    skipped = list(table.skipped)
    found: list[UnitStats] = []
    unknown: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        text, label = unit_cell(cells, columns)
        counts, row_problems = _counts(number, cells, columns, text)
        if not text:
            skipped.append(Skipped(number, "dòng không ghi đơn vị (dòng tổng)"))
            continue
        match = matcher.match(text)
        if match.code is None:
            if match.candidates and "trùng" in match.message:
                problems.append(Problem(match.message, unit_name=text, field=label, row=number))
            else:
                unknown.append((number, text))
            continue
        name = matcher.name_of(match.code)
        if match.code in seen:
            row_problems.append(
                Problem(
                    f"đơn vị có hai dòng (đã có ở dòng {seen[match.code]})",
                    match.code,
                    name,
                    label,
                    text,
                    number,
                )
            )
        problems.extend(
            Problem(p.message, match.code, name, p.field, p.value, p.row) for p in row_problems
        )
        if row_problems:
            continue
        seen[match.code] = number
        online = counts.get("online_full", 0) + counts.get("online_partial", 0)
        online += counts.get("online", 0)
        found.append(
            UnitStats(
                match.code, name, online, counts.get("direct", 0), counts.get("postal", 0), number
            )
        )
    if not found and not problems:
        problems.append(Problem("tệp không có dòng nào của đơn vị trong đợt thi đua"))
    if problems:
        raise ProblemList(problems)
    used = {key: table.header[index] for key, index in columns.items()}
    notes = [*table.decoded.lines(), *(f"Bỏ qua {s}" for s in skipped)]
    return PortalStatsFile(found, unknown, used, "postal" in columns, [*notes, *warnings])


def _counts(
    number: int, cells: Sequence[Any], columns: dict[str, int], text: str
) -> tuple[dict[str, int], list[Problem]]:
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    for key in COUNTS:
        index = columns.get(key)
        if index is None:
            continue
        raw = cells[index] if index < len(cells) else None
        value, error = parse_whole(raw)
        if error is not None:
            problems.append(Problem(error, "", text, LABELS[key], shown_value(raw), number))
        counts[key] = value or 0
    return counts, problems


def read_portal_stats(
    path: Path, units: Iterable[tuple[str, str]], chosen: Mapping[str, str] | None = None
) -> PortalStatsFile:
    """Read a per-unit statistics report. Raises TableError, MappingError or ProblemList."""
    table = read_table(path, max_rows=MAX_ROWS, scorer=header_scorer(SPECS, chosen))
    return parse_portal_stats(table, units, chosen)
