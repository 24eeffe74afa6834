"""Individual nominations (DATA-FORMAT.md section F): .xlsx or .csv, one row per person.

The parser checks every cell and resolves each unit (code or name) against the campaign's units;
quotas are checked by the caller with ``app.scoring.quota_report`` (``quota_problems`` turns the
report into problems), because they depend on nominations already stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.exchange.dates import format_day, parse_day
from app.exchange.eid import unit_cell
from app.exchange.reader.columns import FieldSpec, header_scorer, map_columns
from app.exchange.tables import Table, read_table
from app.exchange.text import fold, nfc
from app.exchange.unit_figures import shown_value
from app.exchange.units import UnitMatcher
from app.scoring.figures import Problem, ProblemList
from app.scoring.quotas import QuotaReport

LABELS = {
    "full_name": "Họ và tên",
    "position": "Chức vụ",
    "unit": "Đơn vị",
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "achievement": "Tóm tắt thành tích",
    "birth_date": "Ngày sinh",
    "gender": "Giới tính",
    # Optional free text, stored with the nomination for the achievement report (Báo cáo thành
    # tích); not part of the format F template, written in commune data packages.
    "achievement_text": "Thành tích đạt được",
    "past_awards_text": "Khen thưởng đã nhận",
}
KEYS = {
    "full_name": "ho_ten",
    "position": "chuc_vu",
    "unit": "don_vi",
    "code": "ma_don_vi",
    "name": "ten_don_vi",
    "achievement": "thanh_tich",
    "birth_date": "ngay_sinh",
    "gender": "gioi_tinh",
    "achievement_text": "thanh_tich_dat_duoc",
    "past_awards_text": "khen_thuong_da_nhan",
}
EXTRA_ALIASES = {"ho ten": "full_name", "ho va ten": "full_name", "thanh tich": "achievement"}
GENDERS = {"nam": "Nam", "nu": "Nữ"}
MAX_ROWS = 10_000
MAX_TEXT = {"full_name": 100, "position": 200, "achievement": 4000}


@dataclass(frozen=True, slots=True)
class Nomination:
    full_name: str
    position: str
    unit_code: str
    unit_name: str  # the campaign's name of the unit
    achievement: str = ""
    birth_date: dt.date | None = None
    gender: str | None = None  # "Nam" / "Nữ"
    row: int | None = None
    achievement_text: str = ""  # the person's own account of their achievements (optional)
    past_awards_text: str = ""  # awards received before (optional)


@dataclass(slots=True)
class NominationsFile:
    nominations: list[Nomination]
    warnings: list[str] = field(default_factory=list)

    def count_by_unit(self) -> dict[str, int]:
        return count_by_unit(self.nominations)


def count_by_unit(nominations: Iterable[Nomination]) -> dict[str, int]:
    return dict(Counter(n.unit_code for n in nominations))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return format_day(value if isinstance(value, dt.date) else value.date())
    return nfc(str(value))


def _specs() -> tuple[FieldSpec, ...]:
    names: dict[str, list[str]] = {key: [fold(KEYS[key])] for key in LABELS}
    for alias, key in EXTRA_ALIASES.items():
        names[key].append(alias)
    return tuple(FieldSpec(key, LABELS[key], names=tuple(names[key])) for key in LABELS)


SPECS = _specs()


def parse_nominations(
    table: Table, units: Iterable[tuple[str, str]], chosen: Mapping[str, str] | None = None
) -> NominationsFile:
    """Nominations with their unit resolved. Raises ProblemList naming row, column and value.
    ``chosen``: the officer's choice of columns (field → header), over the guess."""
    matcher = units if isinstance(units, UnitMatcher) else UnitMatcher(units)
    mapping, warnings = map_columns(table.header, SPECS, chosen)
    warnings = [*table.notes(), *warnings]
    problems: list[Problem] = []
    for key in ("full_name", "position"):
        if key not in mapping:
            problems.append(
                Problem(f"thiếu cột «{LABELS[key]}» ({KEYS[key]})", row=table.header_row)
            )
    if not {"unit", "code", "name"} & mapping.keys():
        problems.append(Problem("thiếu cột «Đơn vị» (don_vi)", row=table.header_row))
    if problems:
        raise ProblemList(problems)

    nominations: list[Nomination] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        nomination, row_problems = _parse_row(number, cells, mapping, matcher)
        problems.extend(row_problems)
        if nomination is None:
            continue
        person = (fold(nomination.full_name), nomination.unit_code)
        if person in seen:
            warnings.append(
                f"Dòng {number}: {nomination.full_name} ({nomination.unit_name}) đã có ở "
                f"dòng {seen[person]} — kiểm tra có phải đề nghị trùng không."
            )
        seen.setdefault(person, number)
        nominations.append(nomination)
    if not nominations and not problems:
        problems.append(Problem("tệp không có dòng đề nghị nào", row=table.header_row))
    if problems:
        raise ProblemList(problems)
    return NominationsFile(nominations, warnings)


def _parse_row(
    number: int, cells: list[Any], mapping: dict[str, int], matcher: UnitMatcher
) -> tuple[Nomination | None, list[Problem]]:
    problems: list[Problem] = []

    def cell(key: str) -> Any:
        index = mapping.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(key: str, message: str, value: Any) -> None:
        shown = "" if value is None else shown_value(_text(value))
        problems.append(Problem(message, field=LABELS[key], value=shown, row=number))

    texts = {
        key: _text(cell(key))
        for key in ("full_name", "position", "achievement", "achievement_text", "past_awards_text")
    }
    for key in ("full_name", "position"):
        if not texts[key]:
            problem(key, "bắt buộc, không được để trống", None)
    for key, limit in MAX_TEXT.items():
        if len(texts[key]) > limit:
            problem(key, f"dài quá {limit} ký tự", texts[key])
    unit_text, unit_label = unit_cell(cells, mapping)
    match = matcher.match(unit_text)
    if match.code is None:
        problems.append(Problem(match.message, field=unit_label, value=unit_text, row=number))
    birth_raw = cell("birth_date")
    birth: dt.date | None = None
    if _text(birth_raw):
        birth = parse_day(birth_raw)
        if birth is None:
            problem("birth_date", "phải là ngày dạng ngày/tháng/năm (ví dụ 15/10/1980)", birth_raw)
        elif not dt.date(1900, 1, 1) <= birth <= dt.date.today():
            problem("birth_date", "ngày sinh không hợp lý", birth_raw)
    gender_raw = _text(cell("gender"))
    gender = GENDERS.get(fold(gender_raw)) if gender_raw else None
    if gender_raw and gender is None:
        problem("gender", "phải là Nam hoặc Nữ", gender_raw)
    if problems or match.code is None:
        return None, problems
    return (
        Nomination(
            full_name=texts["full_name"],
            position=texts["position"],
            unit_code=match.code,
            unit_name=matcher.name_of(match.code),
            achievement=texts["achievement"],
            birth_date=birth,
            gender=gender,
            row=number,
            achievement_text=texts["achievement_text"],
            past_awards_text=texts["past_awards_text"],
        ),
        problems,
    )


def read_nominations(
    path: Path, units: Iterable[tuple[str, str]], chosen: Mapping[str, str] | None = None
) -> NominationsFile:
    """Read and check a nominations file. Raises TableError, MappingError or ProblemList."""
    table = read_table(path, max_rows=MAX_ROWS, scorer=header_scorer(SPECS, chosen))
    return parse_nominations(table, units, chosen)


def quota_problems(report: QuotaReport) -> list[Problem]:
    """Problems for every quota a set of nominations exceeds (empty when all fit).

    Build ``report`` with ``quota_report(ranking, counts)`` where counts include the nominations
    already stored plus the new ones.
    """
    problems = [
        Problem(
            f"vượt chỉ tiêu khen thưởng cá nhân: được {u.quota}, đề nghị {u.nominated}",
            unit_code=u.code,
            unit_name=u.name,
        )
        for u in report.over_quota
    ]
    problems.extend(
        Problem(
            f"đang đồng hạng chờ phân định nên chưa có chỉ tiêu cá nhân (đề nghị {u.nominated})",
            unit_code=u.code,
            unit_name=u.name,
        )
        for u in report.pending
    )
    if report.agency_over_by:
        problems.append(
            Problem(
                f"các cơ quan cấp huyện chỉ được đề nghị tổng cộng {report.agency_quota} cá nhân, "
                f"đã đề nghị {report.agency_nominated}"
            )
        )
    return problems
