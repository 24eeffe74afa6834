"""The unit-figures format (DATA-FORMAT.md section A): one row per unit, .csv or .xlsx."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.tables import Table, read_table
from app.exchange.text import fold, nfc
from app.scoring.figures import (
    FIELD_LABELS,
    FIGURE_FIELDS,
    Problem,
    ProblemList,
    UnitFigures,
    UnitKind,
)
from app.scoring.validation import validate_units


@dataclass(frozen=True, slots=True)
class Column:
    field: str  # our key (UnitFigures attribute)
    file_key: str  # the key of the format, accepted as a header too
    required: bool


COLUMNS: tuple[Column, ...] = (
    Column("code", "ma_don_vi", True),
    Column("name", "ten_don_vi", True),
    Column("kind", "loai_don_vi", True),
    Column("online", "ho_so_truc_tuyen", True),
    Column("total", "tong_ho_so", True),
    Column("accounts", "so_tai_khoan_nop", False),
    Column("eid", "tai_khoan_dinh_danh", True),
    Column("citizens", "dan_co_cccd", True),
)

KIND_NAMES: dict[str, UnitKind] = {
    "xa": UnitKind.XA,
    "thi tran": UnitKind.THI_TRAN,
    "tt": UnitKind.THI_TRAN,
    "co quan": UnitKind.CO_QUAN,
}

_THOUSANDS = re.compile(r"^\d{1,3}([.\s\u00a0]\d{3})+$")
_BRACKETED = re.compile(r"[\[(]([^\])]*)[\])]")


def header_aliases(labels: dict[str, str], keys: dict[str, str]) -> dict[str, str]:
    """Folded header text -> field, from each field's Vietnamese label and its file key."""
    aliases = {fold(label): name for name, label in labels.items()}
    aliases.update({fold(key): name for name, key in keys.items()})
    return aliases


def match_header(
    header: Sequence[str], aliases: dict[str, str]
) -> tuple[dict[str, int], list[str]]:
    """Map fields to column indexes. Headers match ignoring case, spaces and diacritics; a key in
    brackets («Mã đơn vị (ma_don_vi)») is accepted too. Returns (mapping, unknown headers)."""
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        folded = fold(text)
        if not folded:
            continue
        candidates = [folded, fold(_BRACKETED.sub(" ", text))]
        candidates += [fold(m) for m in _BRACKETED.findall(text)]
        name = next((aliases[c] for c in candidates if c in aliases), None)
        if name is None:
            unknown.append(text.strip())
        elif name not in mapping:
            mapping[name] = index
        else:
            unknown.append(f"{text.strip()} (cột trùng, bỏ qua)")
    return mapping, unknown


def parse_whole(value: Any) -> tuple[int | None, str | None]:
    """A whole number ≥ 0 from a cell: (number, None), (None, None) when blank, or (None, error)."""
    if value is None:
        return None, None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return None, "phải là số nguyên không âm"
    if isinstance(value, int):
        return (value, None) if value >= 0 else (None, "không được âm")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, "phải là số nguyên không âm"
        if not value.is_integer():
            return None, "phải là số nguyên (không có phần thập phân)"
        return (int(value), None) if value >= 0 else (None, "không được âm")
    text = nfc(str(value))
    if not text:
        return None, None
    if text.isdigit() and text.isascii():
        return int(text), None
    if _THOUSANDS.match(text):
        return int(re.sub(r"[.\s\u00a0]", "", text)), None
    if re.fullmatch(r"-\s*[\d.,\s]+", text):
        return None, "không được âm"
    if re.fullmatch(r"[\d.,\s]+", text):
        return None, "phải là số nguyên (dấu chấm chỉ dùng phân cách hàng nghìn, ví dụ 1.234)"
    return None, "phải là số nguyên không âm"


def parse_kind(value: Any) -> UnitKind | None:
    return KIND_NAMES.get(fold(str(value or "")))


@dataclass(slots=True)
class UnitFiguresFile:
    units: list[UnitFigures]
    rows: list[int]  # file row of each unit
    warnings: list[str] = field(default_factory=list)


def parse_unit_figures(
    table: Table, scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN)
) -> UnitFiguresFile:
    """Units from a table; raises ProblemList naming row, unit, column and value of every error."""
    aliases = header_aliases(FIELD_LABELS, {c.field: c.file_key for c in COLUMNS})
    mapping, unknown = match_header(table.header, aliases)
    warnings = [f"Bỏ qua cột không dùng đến: «{h}»" for h in unknown]
    problems: list[Problem] = []
    for column in COLUMNS:
        if column.required and column.field not in mapping:
            problems.append(
                Problem(
                    f"thiếu cột «{FIELD_LABELS[column.field]}» ({column.file_key})",
                    row=table.header_row,
                )
            )
    if problems:
        raise ProblemList(problems)

    units: list[UnitFigures] = []
    rows: list[int] = []
    for number, cells in table.rows:
        unit, row_problems = _parse_row(number, cells, mapping)
        problems.extend(row_problems)
        if unit is not None:
            units.append(unit)
            rows.append(number)

    problems.extend(validate_units(units, scored_kinds, rows=rows))
    if not units and not problems:
        problems.append(Problem("tệp không có dòng số liệu nào", row=table.header_row))
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ProblemList(problems)
    return UnitFiguresFile(units=units, rows=rows, warnings=warnings)


def _parse_row(
    number: int, cells: list[Any], mapping: dict[str, int]
) -> tuple[UnitFigures | None, list[Problem]]:
    def cell(name: str) -> Any:
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    code = nfc(_text(cell("code")))
    name = nfc(_text(cell("name")))
    problems: list[Problem] = []

    def problem(field: str, message: str, value: Any) -> None:
        shown = "" if value is None else str(value)
        problems.append(Problem(message, code, name, field, shown, number))

    if not code:
        problem("code", "thiếu mã đơn vị", None)
    if not name:
        problem("name", "thiếu tên đơn vị", None)
    kind = parse_kind(cell("kind"))
    if kind is None:
        problem("kind", "phải là Xã, Thị trấn hoặc Cơ quan (xa, thi_tran, co_quan)", cell("kind"))
    figures: dict[str, int | None] = {}
    for field_name in FIGURE_FIELDS:
        raw = cell(field_name)
        value, error = parse_whole(raw)
        if error is not None:
            problem(field_name, error, raw)
        figures[field_name] = value
    if problems or kind is None:
        return None, problems
    return UnitFigures(code=code, name=name, kind=kind, **figures), problems


def read_unit_figures(
    path: Path, scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN)
) -> UnitFiguresFile:
    """Read and validate a unit-figures file. Raises TableError or ProblemList."""
    return parse_unit_figures(read_table(path), scored_kinds)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number in Excel: 31396.0 -> '31396'
    return str(value)
