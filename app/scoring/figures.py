"""The inputs of scoring: units, their figures, and the problems validation finds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from app.errors import UserError


class UnitKind(StrEnum):
    """Kind of a competing unit (RULES.md section 1)."""

    XA = "xa"
    THI_TRAN = "thi_tran"
    CO_QUAN = "co_quan"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS: dict[UnitKind, str] = {
    UnitKind.XA: "Xã",
    UnitKind.THI_TRAN: "Thị trấn",
    UnitKind.CO_QUAN: "Cơ quan",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One of the five figures: its key, its full name (forms, files, messages) and the short
    name of a table column."""

    key: str
    label: str
    short_label: str

    @property
    def in_sentence(self) -> str:
        """The short name inside a sentence: 'dân có CCCD'."""
        return self.short_label[0].lower() + self.short_label[1:]


# The five figures of RULES.md section 2, in the order of the import format.
FIGURES: tuple[Figure, ...] = (
    Figure("online", "Số hồ sơ trực tuyến", "Hồ sơ trực tuyến"),
    Figure("total", "Tổng số hồ sơ phát sinh", "Tổng hồ sơ"),
    Figure("accounts", "Số tài khoản nộp hồ sơ", "Tài khoản nộp"),
    Figure("eid", "Số tài khoản định danh mức 2", "Định danh mức 2"),
    Figure("citizens", "Số người dân có CCCD", "Dân có CCCD"),
)
FIGURE_FIELDS: tuple[str, ...] = tuple(f.key for f in FIGURES)

FIELD_LABELS: dict[str, str] = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "kind": "Loại đơn vị",
    **{f.key: f.label for f in FIGURES},
}


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """One unit with its figures for one period. A figure is ``None`` when it was not given."""

    code: str
    name: str
    kind: UnitKind
    online: int | None = None
    total: int | None = None
    accounts: int | None = None
    eid: int | None = None
    citizens: int | None = None

    def figure(self, key: str) -> int | None:
        value: int | None = getattr(self, key)
        return value

    @property
    def label(self) -> str:
        """'31396 (Thị trấn Cây Dương)' — how messages name the unit."""
        return f"{self.code} ({self.name})" if self.name else self.code


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, naming where it is. ``row`` is the file row, when known."""

    message: str
    unit_code: str = ""
    unit_name: str = ""
    field: str = ""
    value: str = ""
    row: int | None = None

    def __str__(self) -> str:
        where: list[str] = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.unit_code or self.unit_name:
            unit = self.unit_code
            if self.unit_name:
                unit = f"{unit} ({self.unit_name})" if unit else self.unit_name
            where.append(f"đơn vị {unit}")
        if self.field:
            where.append(f"cột «{FIELD_LABELS.get(self.field, self.field)}»")
        if self.value:
            where.append(f"giá trị «{self.value}»")
        prefix = ", ".join(where)
        if prefix:
            prefix = prefix[0].upper() + prefix[1:]
            return f"{prefix}: {self.message}"
        return self.message


@dataclass(slots=True)
class ProblemList(UserError):
    """Raised with every problem found at once (validation never stops at the first)."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ProblemList:
        return cls(list(problems))
