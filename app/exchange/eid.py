"""Police e-ID figures (DATA-FORMAT.md section C): one row per unit, .xlsx or .csv, as the police
send it — title rows above the header, their own wording of the columns, a "Tổng cộng" row and a
signature block below (skipped and named in the report).

The unit is named by code or by name ("Đơn vị", "Mã đơn vị" or "Tên đơn vị"); names are matched
ignoring diacritics, case and the prefixes "Xã", "Thị trấn", "TT". Where a sheet has accounts
collected or issued and activated, ``eid`` is the activated one. Nothing is returned when
anything is wrong: every problem is raised at once in a ProblemList.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.exchange.eid_columns import SPECS
from app.exchange.reader.columns import header_scorer, map_columns
from app.exchange.reader.layout import Skipped
from app.exchange.tables import Table, read_table
from app.exchange.text import nfc
from app.exchange.unit_figures import parse_whole, shown_value
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
FIGURES = ("eid", "citizens")
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
    mapping: dict[str, str] = field(default_factory=dict)  # field → header used

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


def _header_problems(table: Table, mapping: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    if not {"unit", "code", "name"} & mapping.keys():
        problems.append(
            Problem(
                "thiếu cột đơn vị («Đơn vị», «Mã đơn vị» hoặc «Tên đơn vị»)", row=table.header_row
            )
        )
    for key in FIGURES:
        if key not in mapping:
            problems.append(
                Problem(f"thiếu cột «{LABELS[key]}» ({KEYS[key]})", row=table.header_row)
            )
    return problems


def parse_eid(
    table: Table, units: Iterable[tuple[str, str]], mapping: Mapping[str, str] | None = None
) -> EidFile:
    """E-ID figures of known units (``units``: (code, name) of the campaign's units).
    ``mapping``: the officer's choice of columns (field → header), over the guess."""
    matcher = units if isinstance(units, UnitMatcher) else UnitMatcher(units)
    columns, warnings = map_columns(table.header, SPECS, mapping)
    problems = _header_problems(table, columns)
    if problems:
        raise ProblemList(problems)
    skipped = list(table.skipped)
    records: list[EidFigures] = []
    seen: dict[str, int] = {}
    since_total = dict.fromkeys(FIGURES, 0)  # sums since the last subtotal row
    overall = dict.fromkeys(FIGURES, 0)
    totals = sorted(s.row for s in table.skipped if "tổng" in s.why)
    previous = table.header_row
    for number, cells in table.rows:
        if any(previous < row < number for row in totals):
            since_total = dict.fromkeys(FIGURES, 0)  # a subtotal row was left out just above
        previous = number
        text, label = unit_cell(cells, columns)
        raws = {key: _cell(cells, columns[key]) for key in FIGURES}
        values = {key: parse_whole(raw) for key, raw in raws.items()}
        numbers = {key: value for key, (value, error) in values.items() if error is None}
        sums = (since_total, overall)
        if not text and records and any(all(numbers.get(k) == s[k] for k in FIGURES) for s in sums):
            skipped.append(Skipped(number, "dòng tổng (ô đơn vị trống, số là tổng các dòng trên)"))
            since_total = dict.fromkeys(FIGURES, 0)
            continue
        match = matcher.match(text)
        if match.code is None and text and all(v == (None, None) for v in values.values()):
            skipped.append(Skipped(number, "dòng tiêu đề nhóm (không có số liệu)", text[:60]))
            since_total = dict.fromkeys(FIGURES, 0)
            continue
        row_problems: list[Problem] = []
        if match.code is None:
            row_problems.append(Problem(match.message, unit_name=text, field=label, row=number))
        code = match.code or ""
        name = matcher.name_of(code) if code else text
        for key in FIGURES:
            value, error = values[key]
            if error is None and value is None:
                error = "thiếu số liệu"
            if error is not None:
                row_problems.append(Problem(error, code, name, key, shown_value(raws[key]), number))
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
        eid, citizens = values["eid"][0], values["citizens"][0]
        assert eid is not None and citizens is not None
        for key, value in (("eid", eid), ("citizens", citizens)):
            since_total[key] += value
            overall[key] += value
        figures = UnitFigures(code, name, UnitKind.XA, eid=eid, citizens=citizens)
        problems.extend(validate_figures(figures, require_all=False, row=number))
        records.append(EidFigures(code, name, eid, citizens, number))
    if not records and not problems:
        problems.append(Problem("tệp không có dòng số liệu nào", row=table.header_row))
    if problems:
        raise ProblemList(problems)
    used = {key: table.header[index] for key, index in columns.items()}
    notes = [*table.decoded.lines(), *(f"Bỏ qua {s}" for s in skipped)]
    return EidFile(records, [*notes, *warnings], used)


def _cell(cells: Sequence[Any], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def read_eid(
    path: Path, units: Iterable[tuple[str, str]], mapping: Mapping[str, str] | None = None
) -> EidFile:
    """Read and validate an e-ID figures file. Raises TableError, MappingError or ProblemList."""
    table = read_table(path, max_rows=MAX_ROWS, scorer=header_scorer(SPECS, mapping))
    return parse_eid(table, units, mapping)
