"""The unit-figures format (DATA-FORMAT.md section A): one row per unit, .csv or .xlsx."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.exchange.reader.columns import FieldSpec
from app.exchange.reader.layout import Skipped
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

MAX_CODE = 32
MAX_NAME = 200


def _specs() -> tuple[FieldSpec, ...]:
    from app.exchange.eid_columns import SPECS as EID_SPECS  # noqa: PLC0415

    police = {s.key: s for s in EID_SPECS}
    specs = []
    for column in COLUMNS:
        extra = police.get(column.field)
        specs.append(
            FieldSpec(
                column.field,
                FIELD_LABELS[column.field],
                names=(fold(column.file_key), *(extra.names if extra else ())),
                contains=extra.contains if extra and column.field in ("eid", "citizens") else (),
            )
        )
    return tuple(specs)


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


MAX_FIGURE = 10**12  # figures are whole numbers below this (RULES.md section 2)
_TOO_LARGE = "số quá lớn: số liệu phải là số nguyên nhỏ hơn 1.000.000.000.000 (10¹²)"


def shown_value(value: Any, limit: int = 40) -> str:
    """A cell as a problem shows it: a long text cut, with its length."""
    text = "" if value is None else str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} ký tự)".replace(",", ".")


def parse_whole(value: Any) -> tuple[int | None, str | None]:
    """A whole number ≥ 0 and below 10¹² from a cell: (number, None), (None, None) when blank,
    or (None, error)."""
    if type(value) is str and len(value) <= 24 and value.isdigit() and value.isascii():
        number = int(value)  # the usual cell of a CSV file, answered at once
        return (number, None) if number < MAX_FIGURE else (None, _TOO_LARGE)
    if value is None:
        return None, None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return None, "phải là số nguyên không âm"
    if isinstance(value, int):
        if value >= MAX_FIGURE:
            return None, _TOO_LARGE
        return (value, None) if value >= 0 else (None, "không được âm")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, "phải là số nguyên không âm"
        if value >= MAX_FIGURE:
            return None, _TOO_LARGE
        if not value.is_integer():
            return None, "phải là số nguyên (không có phần thập phân)"
        return (int(value), None) if value >= 0 else (None, "không được âm")
    return _parse_text_whole(nfc(str(value)))


def _parse_text_whole(text: str) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    if len(text) > 24:  # longer than any figure, even with thousands dots: never parsed
        digits = re.fullmatch(r"[\d.,\s\u00a0]+", text) is not None
        return None, _TOO_LARGE if digits else "phải là số nguyên không âm"
    if text.isdigit() and text.isascii():
        number = int(text)
        return (number, None) if number < MAX_FIGURE else (None, _TOO_LARGE)
    if _THOUSANDS.match(text):
        number = int(re.sub(r"[.\s\u00a0]", "", text))
        return (number, None) if number < MAX_FIGURE else (None, _TOO_LARGE)
    if re.fullmatch(r"-\s*[\d.,\s]+", text):
        return None, "không được âm"
    if re.fullmatch(r"\d+[eE][+]?\d+", text):
        return None, _TOO_LARGE if float(text) >= MAX_FIGURE else "phải là số nguyên không âm"
    if re.fullmatch(r"[\d.,\s]+", text):
        return None, "phải là số nguyên (dấu chấm chỉ dùng phân cách hàng nghìn, ví dụ 1.234)"
    return None, "phải là số nguyên không âm"


SPECS: tuple[FieldSpec, ...] = ()  # filled below (needs the police spellings of app.exchange.eid)


def parse_kind(value: Any) -> UnitKind | None:
    return _kind_of(str(value or ""))


@lru_cache(maxsize=256)
def _kind_of(text: str) -> UnitKind | None:
    return KIND_NAMES.get(fold(text))  # a file repeats a few spellings: each folded once


@dataclass(slots=True)
class UnitFiguresFile:
    units: list[UnitFigures]
    rows: list[int]  # file row of each unit
    warnings: list[str] = field(default_factory=list)


def parse_unit_figures(
    table: Table,
    scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN),
    chosen: Mapping[str, str] | None = None,
    register: Mapping[str, str] | None = None,
) -> UnitFiguresFile:
    """Units from a table; raises ProblemList naming row, unit, column and value of every error.
    ``register``: code → kind of the units known, when a code not in it or another kind is a
    problem (found with the others, not after they are mended).
    ``chosen``: the officer's choice of columns (field → header), over the guess."""
    from app.exchange.reader.columns import map_columns  # noqa: PLC0415

    mapping, warnings = map_columns(table.header, SPECS, chosen)
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
    skipped = list(table.skipped)
    for number, cells in table.rows:
        if _is_total_row(cells, mapping, units):
            skipped.append(Skipped(number, "dòng tổng (ô đơn vị trống, số là tổng các dòng trên)"))
            continue
        unit, row_problems = _parse_row(number, cells, mapping)
        problems.extend(row_problems)
        if register is not None:
            problems.extend(_register_problems(number, cells, mapping, register))
        if unit is not None:
            units.append(unit)
            rows.append(number)

    problems.extend(validate_units(units, scored_kinds, rows=rows))
    if not units and not problems:
        problems.append(Problem("tệp không có dòng số liệu nào", row=table.header_row))
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ProblemList(problems)
    notes = [*table.decoded.lines(), *(f"Bỏ qua {s}" for s in skipped)]
    return UnitFiguresFile(units=units, rows=rows, warnings=[*notes, *warnings])


UNKNOWN_CODE = (
    "mã đơn vị không có trong danh sách đơn vị (thêm đơn vị trước, hoặc dùng --add-units để "
    "thêm đơn vị mới)"
)


def _register_problems(
    number: int, cells: list[Any], mapping: dict[str, int], register: Mapping[str, str]
) -> list[Problem]:
    code = nfc(_text(_cell(cells, mapping, "code")))
    name = nfc(_text(_cell(cells, mapping, "name")))
    if not code:
        return []
    if code not in register:
        return [Problem(UNKNOWN_CODE, code, name, "code", code, number)]
    kind = parse_kind(_cell(cells, mapping, "kind"))
    if kind is not None and kind.value != register[code]:
        message = f"loại đơn vị khác với danh sách đơn vị ({register[code]})"
        return [Problem(message, code, name, "kind", kind.value, number)]
    return []


def _cell(cells: list[Any], mapping: dict[str, int], name: str) -> Any:
    index = mapping.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _is_total_row(cells: list[Any], mapping: dict[str, int], units: list[UnitFigures]) -> bool:
    """A row without code or name whose figures are the sums of the units above it."""

    def cell(name: str) -> Any:
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    if not units or _text(cell("code")).strip() or _text(cell("name")).strip():
        return False
    values = {f: parse_whole(cell(f))[0] for f in FIGURE_FIELDS}
    if all(v is None for v in values.values()):
        return False
    sums = {f: sum(getattr(u, f) or 0 for u in units) for f in FIGURE_FIELDS}
    return all(values[f] in (None, sums[f]) for f in FIGURE_FIELDS)


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
        problems.append(Problem(message, code, name, field, shown_value(value), number))

    if not code:
        problem("code", "thiếu mã đơn vị", None)
    elif len(code) > MAX_CODE:
        problem("code", f"mã đơn vị dài quá {MAX_CODE} ký tự", code)
    if not name:
        problem("name", "thiếu tên đơn vị", None)
    elif len(name) > MAX_NAME:
        problem("name", f"tên đơn vị dài quá {MAX_NAME} ký tự", name)
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
    path: Path,
    scored_kinds: Sequence[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN),
    chosen: Mapping[str, str] | None = None,
    register: Mapping[str, str] | None = None,
) -> UnitFiguresFile:
    """Read and validate a unit-figures file. Raises TableError, MappingError or ProblemList."""
    from app.exchange.reader.columns import header_scorer  # noqa: PLC0415

    table = read_table(path, scorer=header_scorer(SPECS, chosen))
    return parse_unit_figures(table, scored_kinds, chosen, register)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number in Excel: 31396.0 -> '31396'
    return str(value)


SPECS = _specs()
