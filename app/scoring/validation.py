"""Validation of unit figures (RULES.md section 2): every problem at once, naming unit and field."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.scoring.figures import FIGURE_FIELDS, Problem, UnitFigures, UnitKind

# Figures a scored unit must have; `accounts` is optional (only the tie-break uses it).
REQUIRED_FIGURES = ("online", "total", "eid", "citizens")


def validate_figures(
    unit: UnitFigures, *, require_all: bool, row: int | None = None
) -> list[Problem]:
    """Problems with one unit's figures.

    ``require_all``: the unit competes on the figures, so the four required figures must be given
    (an import file); a database may hold a unit whose figures are still partly unknown.
    """
    if _plainly_valid(unit):  # the usual case, checked without building anything
        return []
    problems: list[Problem] = []

    def problem(field: str, message: str, value: object = "") -> None:
        problems.append(
            Problem(
                message=message,
                unit_code=unit.code,
                unit_name=unit.name,
                field=field,
                value="" if value is None else str(value),
                row=row,
            )
        )

    for field in FIGURE_FIELDS:
        value = unit.figure(field)
        if value is None:
            if require_all and field in REQUIRED_FIGURES:
                problem(field, "thiếu số liệu (bắt buộc với xã, thị trấn)")
        elif isinstance(value, bool) or not isinstance(value, int):
            problem(field, "phải là số nguyên không âm", value)
        elif value < 0:
            problem(field, "phải là số nguyên không âm (không được âm)", value)

    def whole(field: str) -> int | None:
        value = unit.figure(field)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return None

    online, total, accounts = whole("online"), whole("total"), whole("accounts")
    eid, citizens = whole("eid"), whole("citizens")
    if online is not None and total is not None and online > total:
        problem(
            "online",
            f"số hồ sơ trực tuyến ({online}) lớn hơn tổng số hồ sơ phát sinh ({total})",
            online,
        )
    if eid is not None and citizens is not None and eid > citizens:
        problem(
            "eid",
            f"số tài khoản định danh mức 2 ({eid}) lớn hơn số người dân có CCCD ({citizens})",
            eid,
        )
    if accounts is not None and online is not None:
        if accounts > online:
            problem(
                "accounts",
                f"số tài khoản nộp ({accounts}) lớn hơn số hồ sơ trực tuyến ({online})",
                accounts,
            )
        elif accounts == 0 and online >= 1:
            problem(
                "accounts",
                "có hồ sơ trực tuyến thì phải có ít nhất 1 tài khoản nộp (hoặc để trống)",
                accounts,
            )
    return problems


def _plainly_valid(unit: UnitFigures) -> bool:
    """Whether the four required figures are whole numbers ≥ 0 that fit together, and accounts is
    absent or fits too — then ``validate_figures`` finds nothing, whatever ``require_all``."""
    online, total, eid, citizens = unit.online, unit.total, unit.eid, unit.citizens
    if not (
        type(online) is int
        and type(total) is int
        and type(eid) is int
        and type(citizens) is int
        and 0 <= online <= total
        and 0 <= eid <= citizens
    ):
        return False
    accounts = unit.accounts
    return accounts is None or (
        type(accounts) is int and 0 <= accounts <= online and (accounts > 0 or online == 0)
    )


def validate_units(
    units: Sequence[UnitFigures],
    scored_kinds: Iterable[UnitKind] = (UnitKind.XA, UnitKind.THI_TRAN),
    *,
    rows: Sequence[int] | None = None,
    require_all: bool = True,
) -> list[Problem]:
    """Every problem in a list of units: duplicate or empty codes, and each unit's figures.

    ``rows`` gives each unit's row in the source file (same order), so messages can name the row.
    """
    scored = set(scored_kinds)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, unit in enumerate(units):
        row = rows[index] if rows is not None else None
        if not unit.code.strip():
            problems.append(
                Problem("mã đơn vị bị trống", unit_name=unit.name, field="code", row=row)
            )
        elif unit.code in seen:
            problems.append(
                Problem(
                    f"mã đơn vị bị trùng (đã có ở đơn vị thứ {seen[unit.code] + 1})",
                    unit_code=unit.code,
                    unit_name=unit.name,
                    field="code",
                    row=row,
                )
            )
        else:
            seen[unit.code] = index
        problems.extend(
            validate_figures(unit, require_all=require_all and unit.kind in scored, row=row)
        )
    return problems
