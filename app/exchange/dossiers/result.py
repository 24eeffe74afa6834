"""What an import of a portal export gives back: counts per unit, the rows not counted and why, and
the counted dossiers (compact columns, for storing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from app.exchange.dates import format_day
from app.scoring.figures import UnitFigures

if TYPE_CHECKING:
    import pandas as pd


# Why a row is not counted, in the order rows are checked.
MISSING_ID = "missing_id"
DUPLICATE = "duplicate"
BAD_DATE = "bad_date"
OUTSIDE_PERIOD = "outside_period"
UNKNOWN_UNIT = "unknown_unit"
POSTAL_LEFT_OUT = "postal"
REASONS: dict[str, str] = {
    MISSING_ID: "thiếu mã hồ sơ",
    DUPLICATE: "mã hồ sơ trùng (đã tính ở dòng trước)",
    BAD_DATE: "ngày tiếp nhận trống hoặc không đúng dạng ngày/tháng/năm",
    OUTSIDE_PERIOD: "ngoài thời gian thi đua",
    UNKNOWN_UNIT: "đơn vị không có trong đợt thi đua",
    POSTAL_LEFT_OUT: "hồ sơ gửi qua bưu chính công ích, không tính vào tổng số hồ sơ",
}


@dataclass(frozen=True, slots=True)
class UnitDossierStats:
    """One unit's dossiers within the period (distinct dossier codes)."""

    code: str
    total: int
    online: int
    accounts: int  # distinct accounts among online dossiers (blank accounts not counted)
    online_without_account: int = 0
    top_accounts: tuple[tuple[str, int], ...] = ()  # the busiest accounts, most dossiers first

    @property
    def dossiers_per_account(self) -> Fraction | None:
        return Fraction(self.online, self.accounts) if self.accounts else None

    @property
    def top_share(self) -> Fraction | None:
        """Share of online dossiers filed by the busiest accounts (None without online dossiers)."""
        if not self.online:
            return None
        return Fraction(sum(n for _, n in self.top_accounts), self.online)

    def apply_to(self, figures: UnitFigures, *, with_accounts: bool = True) -> UnitFigures:
        """``figures`` with total, online (and accounts) replaced by these counts."""
        accounts = self.accounts if with_accounts else figures.accounts
        return replace(figures, total=self.total, online=self.online, accounts=accounts)


@dataclass(frozen=True, slots=True)
class RowIssue:
    row: int  # file row (the header is row 1 when it is the first line)
    reason: str  # one of REASONS
    dossier_id: str = ""
    value: str = ""  # the offending cell (unit name, date text)

    def __str__(self) -> str:
        text = f"Dòng {self.row}"
        if self.dossier_id:
            text += f", hồ sơ {self.dossier_id}"
        text += f": {REASONS.get(self.reason, self.reason)}"
        if self.value:
            text += f" («{self.value}»)"
        return text


class DossierRecord(NamedTuple):
    id: str
    unit: str  # unit code
    online: bool
    account: str  # "" when blank
    day: dt.date | None


class DossierRecords:
    """The counted dossiers, compactly (columns), for storing and de-duplicating by code."""

    def __init__(self, frame: pd.DataFrame, unit_codes: Sequence[str]) -> None:
        self._frame = frame  # columns: id, unit (index into unit_codes), online, account, day
        self._codes = list(unit_codes)

    def __len__(self) -> int:
        return len(self._frame)

    def __iter__(self) -> Iterator[DossierRecord]:
        codes = self._codes
        ordinal = dt.date.fromordinal
        frame = self._frame
        for ident, unit, online, account, day in zip(
            frame["id"].tolist(),
            frame["unit"].tolist(),
            frame["online"].tolist(),
            frame["account"].tolist(),
            frame["day"].tolist(),
            strict=True,
        ):
            yield DossierRecord(ident, codes[unit], online, account, ordinal(day) if day else None)

    @property
    def frame(self) -> pd.DataFrame:
        """The columns, for bulk storing: id, unit (index into :attr:`unit_codes`), online,
        account ("" when blank), day (date ordinal, 0 when none), row (file row), and the
        :data:`EXTRA_FIELDS` that were mapped, as text."""
        return self._frame

    @property
    def unit_codes(self) -> list[str]:
        return list(self._codes)

    def ids(self) -> list[str]:
        return list(self._frame["id"].tolist())

    def rows(self) -> list[int]:
        return list(self._frame["row"].tolist())

    def without(self, known_ids: Iterable[str]) -> DossierRecords:
        """These records minus dossiers whose code is in ``known_ids`` (already stored)."""
        known = set(known_ids)
        keep = ~self._frame["id"].isin(known)
        return DossierRecords(self._frame[keep].reset_index(drop=True), self._codes)


@dataclass(slots=True)
class DossierImport:
    source: str
    mapping: dict[str, str]
    period: tuple[dt.date, dt.date] | None
    rows_read: int  # non-blank data rows
    blank_rows: int
    units: dict[str, UnitDossierStats]  # unit code → counts (units with dossiers only)
    records: DossierRecords
    issue_counts: dict[str, int]  # reason → rows
    issues: dict[str, list[RowIssue]]  # reason → the first ``max_listed`` rows
    unknown_units: dict[str, int]  # unit text that matched no unit → rows
    channels: dict[str, tuple[int, bool]]  # channel value → (rows, counted as online)
    warnings: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return len(self.records)

    @property
    def skipped(self) -> int:
        return sum(self.issue_counts.values())

    def summary_lines(self) -> list[str]:
        """A short Vietnamese report: rows read, counted, skipped and why."""
        lines = [
            f"Đã đọc {self.rows_read} dòng hồ sơ từ {self.source}; tính {self.counted} hồ sơ "
            f"cho {len(self.units)} đơn vị."
        ]
        if self.period is not None:
            lines.append(
                f"Thời gian thi đua: {format_day(self.period[0])} – {format_day(self.period[1])}."
            )
        for reason, count in self.issue_counts.items():
            if count:
                lines.append(f"Bỏ qua {count} dòng: {REASONS[reason]}.")
        for text, count in sorted(self.unknown_units.items(), key=lambda kv: -kv[1]):
            lines.append(f"  Đơn vị không nhận ra: «{text}» ({count} dòng)")
        not_online = [c for c, (_, online) in self.channels.items() if not online]
        if not_online:
            lines.append("Hình thức nộp tính là không trực tuyến: " + ", ".join(not_online) + ".")
        lines.extend(self.warnings)
        return lines
