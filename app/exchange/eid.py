"""Police e-ID figures (DATA-FORMAT.md section C): one row per unit, .xlsx or .csv.

The unit is named by code or by name ("Đơn vị", "Mã đơn vị" or "Tên đơn vị"); names are matched
ignoring diacritics, case and the prefixes "Xã", "Thị trấn", "TT". Nothing is returned when anything
is wrong: every problem is raised at once in a ProblemList.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.exchange.tables import Table, read_table
from app.exchange.text import nfc
from app.exchange.unit_figures import header_aliases, match_header, parse_whole
from app.exchange.units import UnitMatcher
from app.scoring.figures import FIELD_LABELS, Problem, ProblemList, UnitFigures, UnitKind
from app.scoring.validation import validate_figures

UNIT_LABELS = {"unit": "Đơn vị", "code": FIELD_LABELS["code"], "name": FIELD_LABELS["name"]}
LABELS = {**UNIT_LABELS, "eid": FIELD_LABELS["eid"], "citizens": FIELD_LABELS["citizens"]}
KEYS = {
    "unit": "don_vi",
    "code": "ma_don_vi",
    "name": "ten_don_vi",
    "eid": "tai_khoan_dinh_danh",
    "citizens": "dan_co_cccd",
}
MAX_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class EidFigures:
    code: str  # the unit's code in the campaign
    name: str  # the unit's name in the campaign (not as the file wrote it)
    eid: int
    citizens: int
    row: int

    def apply_to(self, figures: UnitFigures) -> UnitFigures:
        return replace(figures, eid=self.eid, citizens=self.citizens)


@dataclass(slots=True)
class EidFile:
    records: list[EidFigures]
    warnings: list[str] = field(default_factory=list)

    def by_code(self) -> dict[str, EidFigures]:
        return {r.code: r for r in self.records}


def unit_cell(cells: Sequence[Any], mapping: dict[str, int]) -> tuple[str, str]:
    """(the text naming the unit, the header it came from): code first, then unit, then name."""
    for key in ("code", "unit", "name"):
        index = mapping.get(key)
        if index is not None and index < len(cells) and cells[index] is not None:
            value = cells[index]
            text = str(int(value)) if isinstance(value, float) and value.is_integer() else value
            text = nfc(str(text))
            if text:
                return text, UNIT_LABELS[key]
    return "", UNIT_LABELS["unit"]


def parse_eid(table: Table, units: Iterable[tuple[str, str]]) -> EidFile:
    """E-ID figures of known units (``units``: (code, name) of the campaign's units)."""
    matcher = units if isinstance(units, UnitMatcher) else UnitMatcher(units)
    mapping, unknown = match_header(table.header, header_aliases(LABELS, KEYS))
    warnings = [f"Bỏ qua cột không dùng đến: «{h}»" for h in unknown]
    problems: list[Problem] = []
    if not {"unit", "code", "name"} & mapping.keys():
        problems.append(
            Problem(
                "thiếu cột đơn vị («Đơn vị», «Mã đơn vị» hoặc «Tên đơn vị»)", row=table.header_row
            )
        )
    for key in ("eid", "citizens"):
        if key not in mapping:
            problems.append(
                Problem(f"thiếu cột «{LABELS[key]}» ({KEYS[key]})", row=table.header_row)
            )
    if problems:
        raise ProblemList(problems)

    records: list[EidFigures] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        text, label = unit_cell(cells, mapping)
        match = matcher.match(text)
        row_problems: list[Problem] = []
        if match.code is None:
            row_problems.append(Problem(match.message, unit_name=text, field=label, row=number))
        code = match.code or ""
        name = matcher.name_of(code) if code else text
        values: dict[str, int | None] = {}
        for key in ("eid", "citizens"):
            index = mapping[key]
            raw = cells[index] if index < len(cells) else None
            value, error = parse_whole(raw)
            if error is None and value is None:
                error = "thiếu số liệu"
            if error is not None:
                row_problems.append(
                    Problem(error, code, name, key, "" if raw is None else str(raw), number)
                )
            values[key] = value
        if code and code in seen:
            row_problems.append(
                Problem(
                    f"đơn vị có hai dòng số liệu (đã có ở dòng {seen[code]})",
                    code,
                    name,
                    label,
                    text,
                    number,
                )
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        seen[code] = number
        figures = UnitFigures(
            code, name, UnitKind.XA, eid=values["eid"], citizens=values["citizens"]
        )
        problems.extend(validate_figures(figures, require_all=False, row=number))
        assert values["eid"] is not None and values["citizens"] is not None
        records.append(EidFigures(code, name, values["eid"], values["citizens"], number))
    if not records and not problems:
        problems.append(Problem("tệp không có dòng số liệu nào", row=table.header_row))
    if problems:
        raise ProblemList(problems)
    return EidFile(records, warnings)


def read_eid(path: Path, units: Iterable[tuple[str, str]]) -> EidFile:
    """Read and validate an e-ID figures file. Raises TableError or ProblemList."""
    return parse_eid(read_table(path, max_rows=MAX_ROWS), units)
