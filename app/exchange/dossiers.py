"""Dossier-level exports of the provincial portal (DATA-FORMAT.md section B): .csv or .xlsx, one row
per dossier, up to about a million rows.

The file is read in chunks (pandas for CSV, python-calamine rows for .xlsx), each chunk reduced to a
compact frame (dossier code, unit index, online flag, account, day, file row); low-cardinality
columns (unit, channel, date) are resolved once per distinct value. After the last chunk, rows are
de-duplicated by dossier code, filtered to the period and aggregated per unit.

No database access: the caller supplies the unit matcher and stores :attr:`DossierImport.records`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import operator
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from app.errors import UserError
from app.exchange.dates import format_day, parse_day
from app.exchange.reader.source import csv_codec
from app.exchange.tables import TableError, check_file
from app.exchange.text import fold, nfc
from app.scoring.figures import UnitFigures

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Our keys for the columns of an export, with the label shown to the officer.
FIELD_LABELS: dict[str, str] = {
    "id": "Mã hồ sơ",
    "unit": "Đơn vị tiếp nhận",
    "channel": "Hình thức nộp",
    "account": "Tài khoản nộp",
    "date": "Ngày tiếp nhận",
    "procedure": "Tên thủ tục",
    # Optional, for the evidence of filing on citizens' behalf (app.exchange.proxy_columns).
    "owner_id": "Số giấy tờ của chủ hồ sơ",
    "owner": "Chủ hồ sơ (người đứng tên)",
    "authorised": "Ủy quyền",
    "officer": "Cán bộ tiếp nhận",
}
FIELDS = tuple(FIELD_LABELS)
REQUIRED_FIELDS = ("id", "unit", "channel")
# Fields kept on each record as text when mapped (not needed for the counts per unit).
EXTRA_FIELDS = ("procedure", "owner_id", "owner", "authorised", "officer")

# Header texts (folded) recognised for each field: exact matches first, then "contains".
_EXACT: dict[str, tuple[str, ...]] = {
    "id": ("ma ho so", "so ho so", "ma hs", "so hs", "ma bien nhan", "so bien nhan", "id"),
    "unit": (
        "co quan tiep nhan",
        "don vi tiep nhan",
        "don vi",
        "co quan",
        "noi tiep nhan",
        "don vi xu ly",
        "co quan xu ly",
    ),
    "channel": ("hinh thuc nop", "kenh nop", "hinh thuc", "kenh", "hinh thuc tiep nhan"),
    "account": ("tai khoan nop", "nguoi nop", "tai khoan", "tai khoan nguoi nop", "ten dang nhap"),
    "date": ("ngay tiep nhan", "ngay nop", "thoi gian tiep nhan", "thoi gian nop", "ngay"),
    "procedure": ("ten thu tuc", "thu tuc", "ten thu tuc hanh chinh", "ten tthc"),
    "owner_id": (
        "so giay to",
        "so cccd",
        "so cmnd",
        "so cmnd/cccd",
        "so cccd/cmnd",
        "so dinh danh",
        "so giay to tuy than",
        "so giay to chu ho so",
        "so cccd chu ho so",
        "cccd",
        "cmnd",
    ),
    "owner": (
        "chu ho so",
        "nguoi dung ten",
        "ten chu ho so",
        "ho ten chu ho so",
        "ho va ten chu ho so",
        "nguoi dung ten ho so",
        "ho ten nguoi dung ten",
    ),
    "authorised": ("uy quyen", "co uy quyen", "ho so uy quyen", "nop theo uy quyen"),
    "officer": ("can bo tiep nhan", "nguoi tiep nhan", "can bo mot cua", "can bo 1 cua"),
}
_CONTAINS: dict[str, tuple[str, ...]] = {
    "id": ("ma ho so", "so ho so", "ma bien nhan"),
    "unit": ("co quan tiep nhan", "don vi tiep nhan", "noi tiep nhan", "don vi", "co quan"),
    "channel": ("hinh thuc nop", "kenh nop", "hinh thuc", "kenh"),
    "account": ("tai khoan", "nguoi nop"),
    "date": ("ngay tiep nhan", "ngay nop", "thoi gian tiep nhan", "thoi gian nop"),
    "procedure": ("thu tuc",),
    "owner_id": ("cccd", "cmnd", "so dinh danh", "so giay to"),
    "owner": ("chu ho so", "nguoi dung ten"),
    "authorised": ("uy quyen",),
    "officer": ("can bo tiep nhan", "nguoi tiep nhan"),
}

# Channel values (DATA-FORMAT.md B). Anything not listed counts as not online.
DEFAULT_CHANNELS: dict[str, bool] = {
    "Trực tuyến": True,
    "Trực tuyến toàn trình": True,
    "Trực tuyến một phần": True,
    "Trực tiếp": False,
    "Bưu chính": False,
    "Bưu chính công ích": False,
    "BCCI": False,
}
# Channel classes: online, direct (anything else not online), postal — left out of ``total``
# unless the rule set's ``postal_in_total`` (RULES.md section 2).
ONLINE, DIRECT, POSTAL = "online", "direct", "postal"
CLASS_LABELS = {ONLINE: "trực tuyến", DIRECT: "trực tiếp", POSTAL: "bưu chính công ích"}
_POSTAL_WORDS = ("buu chinh", "bcci", "buu dien", "qua buu")


def channel_class(value: str, online: bool) -> str:
    """The class of a channel value, given whether it counts as online."""
    if online:
        return ONLINE
    folded = fold(value)
    return POSTAL if any(word in folded for word in _POSTAL_WORDS) else DIRECT


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
TOP_ACCOUNTS = 5
CHUNK_ROWS = 200_000


class MappingError(UserError, ValueError):
    """A column mapping that cannot be used (message in Vietnamese)."""


class ImportCancelled(Exception):
    """The caller's cancel flag was raised; nothing was returned."""


Progress = Callable[[int, int], None]  # (done, total) in rows or bytes; total may be 0 (unknown)
Cancel = Callable[[], bool]  # e.g. threading.Event().is_set


# --- column mapping --------------------------------------------------------------------------


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """Field → header text guessed from the headers of an export (fields not found are absent)."""
    folded = [fold(h) for h in header]
    taken: set[int] = set()
    mapping: dict[str, str] = {}
    for patterns, exact in ((_EXACT, True), (_CONTAINS, False)):
        for name in FIELDS:
            if name in mapping:
                continue
            for pattern in patterns[name]:
                index = next(
                    (
                        i
                        for i, text in enumerate(folded)
                        if i not in taken
                        and text
                        and (text == pattern if exact else f" {pattern} " in f" {text} ")
                    ),
                    None,
                )
                if index is not None:
                    mapping[name] = header[index]
                    taken.add(index)
                    break
    return mapping


def parse_mapping(text: str) -> dict[str, str]:
    """``"unit=Cơ quan tiếp nhận,channel=Hình thức nộp,id=Mã hồ sơ"`` → {field: header}."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        key = key.strip().lower()
        if not sep or not header.strip():
            raise MappingError(f"Ánh xạ cột «{part.strip()}» phải có dạng khóa=Tên cột")
        if key not in FIELD_LABELS:
            raise MappingError(f"Ánh xạ cột: không có khóa «{key}»; các khóa: {', '.join(FIELDS)}")
        if key in mapping:
            raise MappingError(f"Ánh xạ cột: khóa «{key}» nêu hai lần")
        mapping[key] = nfc(header)
    return mapping


def format_mapping(mapping: Mapping[str, str]) -> str:
    """The inverse of :func:`parse_mapping` (to remember a mapping per campaign)."""
    return ",".join(f"{k}={mapping[k]}" for k in FIELDS if k in mapping)


def resolve_mapping(
    header: Sequence[str], mapping: Mapping[str, str], *, need_date: bool
) -> dict[str, int]:
    """Field → column index. Headers compare ignoring case, spaces and diacritics."""
    folded: dict[str, int] = {}
    for position, heading in enumerate(header):
        folded.setdefault(fold(heading), position)
    indexes: dict[str, int] = {}
    problems: list[str] = []
    for name, text in mapping.items():
        if name not in FIELD_LABELS:
            problems.append(f"không có khóa «{name}»")
            continue
        found = folded.get(fold(text))
        if found is None:
            problems.append(f"không có cột «{text}» ({FIELD_LABELS[name]})")
        else:
            indexes[name] = found
    required = list(REQUIRED_FIELDS) + (["date"] if need_date else [])
    missing = [FIELD_LABELS[n] for n in required if n not in mapping]
    if missing:
        problems.append("chưa chọn cột cho: " + ", ".join(missing))
    if problems:
        shown = ", ".join(f"«{h}»" for h in header if str(h).strip())
        raise MappingError(
            "Ánh xạ cột không dùng được: " + "; ".join(problems) + f". Các cột của tệp: {shown}"
        )
    return indexes


def channel_is_online(value: str, channels: Mapping[str, bool] | None = None) -> bool:
    folded = {fold(k): v for k, v in (channels or DEFAULT_CHANNELS).items()}
    return folded.get(fold(value), False)


# --- results ---------------------------------------------------------------------------------


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


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    cells: list[str]
    line: int  # 0-based index of the header row in the file


HEADER_SEARCH_ROWS = 30  # title rows a portal export may have above its header


def _is_header(cells: Sequence[str], mapping: Mapping[str, str] | None) -> bool:
    """Whether a row looks like the header: it holds every mapped header, or (no mapping yet)
    headers for at least two of dossier code, unit and channel."""
    if mapping:
        folded = {fold(c) for c in cells}
        return all(fold(h) in folded for h in mapping.values())
    return len(guess_mapping(cells).keys() & {"id", "unit", "channel"}) >= 2


def _csv_dialect(
    path: Path, mapping: Mapping[str, str] | None = None
) -> tuple[str, list[str], int]:
    """(delimiter, header cells, 0-based header line) from the start of a CSV file. The header is
    the first row that looks like one (title rows above it are skipped), else the first row."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if handle.read(1) and b"\n" in head:  # the sample ends mid-file: keep whole lines
            head = head[: head.rfind(b"\n") + 1]
    try:
        text = head.decode(csv_codec(path), errors="replace")
    except UnicodeDecodeError as error:
        raise TableError(
            f"Tệp {path.name} không phải văn bản UTF-8 (byte thứ {error.start + 1}). "
            "Trong Excel hãy lưu bằng «CSV UTF-8 (Comma delimited)»."
        ) from error
    candidates: list[tuple[str, list[str], int]] = []
    for number, line in enumerate(text.splitlines()):
        if not line.strip(" ,;\t"):
            continue
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
        cells = [nfc(c) for c in next(csv.reader(io.StringIO(line), delimiter=delimiter))]
        if _is_header(cells, mapping):
            return delimiter, cells, number
        candidates.append((delimiter, cells, number))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if not candidates:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    return candidates[0]


def read_header(path: Path, mapping: Mapping[str, str] | None = None) -> list[str]:
    """The header of an export (for the mapping dialog); title rows above it are skipped."""
    return preview(path, 0, mapping)[0]


def preview(
    path: Path, limit: int = 20, mapping: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """The header and the first ``limit`` rows after it as text (for the mapping dialog)."""
    kind = check_file(path)
    if kind == "csv":
        delimiter, header, line = _csv_dialect(path, mapping)
        rows: list[list[str]] = []
        with path.open(encoding=csv_codec(path), errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for number, cells in enumerate(reader):
                if number <= line:
                    continue
                rows.append([nfc(c) for c in cells])
                if len(rows) >= limit:
                    break
        return header, rows
    from app.exchange.xlsx_head import head_rows  # noqa: PLC0415

    try:
        found = head_rows(path, limit + HEADER_SEARCH_ROWS + 20)
    except Exception as error:  # broken XML or zip inside an .xlsx that passed check_file
        raise TableError(f"Không đọc được tệp Excel {path.name}: {error}") from error
    texts = [[nfc(_cell_text(c)) for c in cells] for cells in found]
    filled = [i for i, cells in enumerate(texts) if any(c.strip() for c in cells)]
    if not filled:
        raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")
    start = next(
        (i for i in filled[:HEADER_SEARCH_ROWS] if _is_header(texts[i], mapping)), filled[0]
    )
    return texts[start], texts[start + 1 : start + 1 + limit]


def _xlsx_open(
    path: Path, mapping: Mapping[str, str] | None = None
) -> tuple[_Header, Iterator[list[Any]]]:
    """The header of the sheet the officer sees (with its 0-based row) and an iterator over the
    rows after it. The header is the first row that looks like one within the first rows, else the first."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - heavy, only for .xlsx

    try:
        from app.exchange.reader.source import Decoded  # noqa: PLC0415
        from app.exchange.reader.table import choose_sheet  # noqa: PLC0415

        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        sheet = workbook.get_sheet_by_index(
            choose_sheet(path, names, None, Decoded(), formulas=False)
        )
        rows = iter(sheet.iter_rows())
        seen: list[tuple[int, list[Any]]] = []  # rows from the first non-blank one on
        searched = 0
        for number, cells in enumerate(rows):
            if not any(c is not None and str(c).strip() for c in cells):
                if seen:
                    seen.append((number, cells))
                continue
            texts = [nfc(_cell_text(c)) for c in cells]
            if _is_header(texts, mapping):
                return _Header(texts, number), rows
            seen.append((number, cells))
            searched += 1
            if searched >= HEADER_SEARCH_ROWS:
                break
        if seen:  # no row looks like a header: the first non-blank row is it
            first, cells = seen[0]
            rest = [c for _n, c in seen[1:]]
            header = _Header([nfc(_cell_text(c)) for c in cells], first)
            return header, itertools.chain(rest, rows)
    except TableError:
        raise
    except Exception as error:  # calamine's own error types
        raise TableError(f"Không đọc được tệp Excel {path.name}: {error}") from error
    raise TableError(f"Tệp {path.name} trống: không có dòng tiêu đề")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # NaN: a cell pandas found missing
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() else format_day(value.date())
    if isinstance(value, dt.date):
        return format_day(value)
    return str(value)


@dataclass(slots=True)
class _Chunk:
    """Columns of one chunk, as they came out of the file (text for CSV, cell values for xlsx)."""

    first_row: int  # file row number (1-based) of the chunk's first row
    columns: dict[str, list[Any]]
    text: bool  # True for CSV: every value is a str


class _Reader:
    """Per-distinct-value lookups shared by all chunks, and the chunk frames collected."""

    def __init__(
        self,
        resolve_unit: Callable[[str], str | None],
        channels: Mapping[str, bool],
        has_account: bool,
        has_date: bool,
    ) -> None:
        import numpy as np  # noqa: PLC0415

        self.resolve_unit = resolve_unit
        self.channels = {fold(k): v for k, v in channels.items()}
        self.has_account = has_account
        self.has_date = has_date
        self.unit_codes: list[str] = []
        self._unit_index: dict[str, int] = {}
        self.unit_texts: list[str] = []  # raw unit texts (for unknown units)
        self._unit_text_index: dict[Any, int] = {}
        self._unit_of_text: list[int] = []  # text index → unit index or -1
        self._channel_index: dict[Any, int] = {}  # cell value → channel text id
        self._channel_texts: dict[str, int] = {}  # NFC text → id
        self._channel_online: list[bool] = []  # id → online
        self._channel_postal: list[bool] = []  # id → postal
        self.last_postal: np.ndarray = np.zeros(0, dtype=bool)  # the last chunk's postal rows
        self._channel_rows: np.ndarray = np.zeros(0, dtype=np.int64)  # id → rows
        self._days: dict[Any, int] = {}  # date key → ordinal, 0 blank, -1 bad
        self.frames: list[pd.DataFrame] = []
        self.blank_rows = 0
        self.extras: tuple[str, ...] = ()  # EXTRA_FIELDS mapped: kept on each record as text

    def _unit_text_ids(self, values: list[Any]) -> np.ndarray:
        """Index into ``unit_texts`` of each cell; each distinct cell resolved once."""
        import numpy as np  # noqa: PLC0415

        index = self._unit_text_index
        try:
            found = list(map(index.__getitem__, values))
        except KeyError:  # cells not seen before: resolve them, then look up again
            for value in set(values) - index.keys():
                self._add_unit_text(value)
            found = list(map(index.__getitem__, values))
        return np.array(found, dtype=np.int32)

    def _add_unit_text(self, value: Any) -> None:
        text = nfc(_cell_text(value))
        self._unit_text_index[value] = len(self.unit_texts)
        self.unit_texts.append(text)
        code = self.resolve_unit(text) if text else None
        if code is None:
            self._unit_of_text.append(-1)
            return
        if code not in self._unit_index:
            self._unit_index[code] = len(self.unit_codes)
            self.unit_codes.append(code)
        self._unit_of_text.append(self._unit_index[code])

    def _online(self, values: list[Any]) -> np.ndarray:
        """Whether each channel cell counts as online; counts rows per channel text."""
        import numpy as np  # noqa: PLC0415

        index = self._channel_index
        try:
            found = list(map(index.__getitem__, values))
        except KeyError:
            for value in set(values) - index.keys():
                text = nfc(_cell_text(value))
                if text not in self._channel_texts:
                    self._channel_texts[text] = len(self._channel_texts)
                    online = self.channels.get(fold(text), False)
                    self._channel_online.append(online)
                    self._channel_postal.append(channel_class(text, online) == POSTAL)
                index[value] = self._channel_texts[text]
            found = list(map(index.__getitem__, values))
        ids = np.array(found, dtype=np.int32)
        self.last_postal = np.array(self._channel_postal, dtype=bool)[ids]
        self._channel_rows = np.bincount(ids, minlength=len(self._channel_texts)) + np.pad(
            self._channel_rows, (0, len(self._channel_texts) - len(self._channel_rows))
        )
        return np.asarray(np.array(self._channel_online, dtype=bool)[ids], dtype=bool)

    @property
    def channel_counts(self) -> dict[str, tuple[int, bool]]:
        """Channel text → (rows, counted as online), blank rows left out."""
        counts = {}
        for text, i in self._channel_texts.items():
            rows = int(self._channel_rows[i]) - (self.blank_rows if text == "" else 0)
            if rows > 0:
                counts[text] = (rows, bool(self._channel_online[i]))
        return counts

    def _day_ordinals(self, values: list[Any], text: bool) -> np.ndarray:
        """Day ordinal of each date cell: 0 when blank, -1 when not a date.

        Cells are reduced to a key first (the first 10 characters of a text, minus the ordinal
        of a date cell), so the few distinct days are parsed once whatever the times of day.
        """
        import numpy as np  # noqa: PLC0415

        if text and all(type(v) is str for v in values[:1]):
            try:
                keys = [v[:10] for v in values]
            except TypeError:  # NaN of a short row
                keys = [v[:10] if type(v) is str else "" for v in values]
        else:
            keys = [
                v[:10]
                if type(v) is str
                else (-v.toordinal() if isinstance(v, (dt.date, dt.datetime)) else v)
                for v in values
            ]
        cache = self._days
        try:
            found = list(map(cache.__getitem__, keys))
        except KeyError:
            for key in set(keys) - cache.keys():
                cache[key] = _day_key_ordinal(key)
            found = list(map(cache.__getitem__, keys))
        return np.array(found, dtype=np.int32)

    def add(self, chunk: _Chunk) -> None:
        import numpy as np  # noqa: PLC0415
        import pandas as pd  # noqa: PLC0415

        columns = chunk.columns
        count = len(columns["id"])
        ids = _texts(columns["id"])
        units = self._unit_text_ids(columns["unit"])
        online = self._online(columns["channel"])
        accounts = _texts(columns["account"]) if self.has_account else None
        days = (
            self._day_ordinals(columns["date"], chunk.text)
            if self.has_date
            else np.zeros(count, dtype=np.int32)
        )
        frame = pd.DataFrame(
            {
                "id": pd.Series(ids, dtype=object),
                "text": units,
                "online": online,
                "account": pd.Series(accounts, dtype=object) if accounts is not None else "",
                "day": days,
                "row": np.arange(chunk.first_row, chunk.first_row + count, dtype=np.int64),
            }
        )
        for name in self.extras:
            frame[name] = pd.Series(_texts(columns[name]), dtype=object)
        if self.has_date:
            # keep the text of bad dates only (for the report), not a million good ones
            kept = np.full(count, None, dtype=object)
            bad = days <= 0
            if bad.any():
                kept[bad] = np.asarray(columns["date"], dtype=object)[bad]
            frame["date_text"] = kept
        frame["postal"] = self.last_postal
        if "" not in ids:  # the usual case: every row has a dossier code, so none is blank
            self.frames.append(frame)
            return
        blank_text = {i for i, t in enumerate(self.unit_texts) if not t}
        blank = (frame["id"] == "") & frame["text"].isin(blank_text)
        if self.has_date:
            blank &= frame["day"] == 0
        blank &= ~online
        if blank.any():
            channel = pd.Series(columns["channel"], dtype=object)
            blank &= channel.isna() | (channel.astype(str).str.strip() == "")
        if blank.any():
            self.blank_rows += int(blank.sum())
            frame = frame[~blank]
        self.frames.append(frame)


_EDGE_SPACE = re.compile(r"\s\x00|\x00\s")


def _day_key_ordinal(key: Any) -> int:
    if isinstance(key, int) and not isinstance(key, bool) and key < 0:
        return -key  # a date cell, already turned into (minus) its ordinal
    if key is None or (isinstance(key, str) and not key.strip()):
        return 0
    if isinstance(key, float) and not math.isfinite(key):
        return 0  # NaN: a missing cell
    day = parse_day(key)
    return day.toordinal() if day is not None else -1


def _texts(values: list[Any]) -> list[str]:
    """NFC text without surrounding spaces; numbers as Excel shows them (no '.0')."""
    try:
        joined = "\x00" + "\x00".join(values) + "\x00"
    except TypeError:  # numbers, dates or empty cells (NaN of a short CSV row, None in xlsx)
        values = [v if type(v) is str else _cell_text(v) for v in values]
        joined = "\x00" + "\x00".join(values) + "\x00"
    if joined.isascii() and not _EDGE_SPACE.search(joined):
        return values  # the usual case: plain ASCII codes, nothing to change
    normalize = unicodedata.normalize
    return [v.strip() if v.isascii() else normalize("NFC", v).strip() for v in values]


def _csv_chunks(
    path: Path,
    header: list[str],
    line: int,
    delimiter: str,
    indexes: dict[str, int],
    chunk_rows: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> Iterator[_Chunk]:
    import pandas as pd  # noqa: PLC0415

    size = os.path.getsize(path)
    used = sorted(set(indexes.values()))
    with path.open("rb") as handle:
        try:
            reader = pd.read_csv(
                handle,
                sep=delimiter,
                header=None,
                skiprows=line + 1,
                usecols=used,
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                encoding=csv_codec(path),
                chunksize=chunk_rows,
                engine="c",
            )
            first_row = line + 2
            for frame in reader:
                if cancel is not None and cancel():
                    raise ImportCancelled
                columns = {
                    name: frame[index].tolist() if index in frame else [""] * len(frame)
                    for name, index in indexes.items()
                }
                yield _Chunk(first_row, columns, text=True)
                first_row += len(frame)
                if progress is not None:
                    progress(min(handle.tell(), size), size)
        except pd.errors.EmptyDataError:
            return  # a header and nothing else
        except UnicodeDecodeError as error:
            raise TableError(
                f"Tệp {path.name} không phải văn bản UTF-8. Trong Excel hãy lưu bằng "
                "«CSV UTF-8 (Comma delimited)»."
            ) from error
        except (pd.errors.ParserError, ValueError) as error:
            raise TableError(f"Tệp {path.name} không đúng dạng CSV: {error}") from error


def _xlsx_chunks(
    indexes: dict[str, int],
    chunk_rows: int,
    progress: Progress | None,
    cancel: Cancel | None,
    opened: tuple[_Header, Iterator[list[Any]], int],
) -> Iterator[_Chunk]:
    header, rows, height = opened
    names = list(indexes)
    positions = [indexes[n] for n in names]
    width = max(positions) + 1
    pick = operator.itemgetter(*positions)
    if len(header.cells) < width:  # never with calamine: every row is as wide as the sheet
        raise TableError("Dòng tiêu đề ngắn hơn các cột đã chọn")
    done = header.line + 1  # rows consumed so far (0-based index of the next row)
    while True:
        picked = list(map(pick, itertools.islice(rows, chunk_rows)))
        if not picked:
            break
        yield _xlsx_chunk(done + 1, names, picked)
        done += len(picked)
        if cancel is not None and cancel():
            raise ImportCancelled
        if progress is not None:
            progress(min(done, height), height)
    if progress is not None:
        progress(height, height)


def _xlsx_chunk(first_row: int, names: list[str], buffer: list[Any]) -> _Chunk:
    if len(names) == 1:
        return _Chunk(first_row, {names[0]: list(buffer)}, text=False)
    columns = {
        name: list(values) for name, values in zip(names, zip(*buffer, strict=True), strict=True)
    }
    return _Chunk(first_row, columns, text=False)


def import_dossiers(
    path: Path,
    mapping: Mapping[str, str] | None,
    resolve_unit: Callable[[str], str | None],
    *,
    period: tuple[dt.date, dt.date] | None = None,
    channels: Mapping[str, bool] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    chunk_rows: int = CHUNK_ROWS,
    max_listed: int = 200,
    postal_in_total: bool = False,
) -> DossierImport:
    """Read a portal export and count dossiers per unit.

    ``mapping``: field → header text (``None``: guessed from the headers). ``resolve_unit`` turns a
    unit cell (NFC text) into a unit code, or None when unknown (see ``UnitMatcher``).
    ``period``: inclusive first and last day; rows outside it are counted and listed, not used.
    ``channels``: channel value → online (default :data:`DEFAULT_CHANNELS`; others not online).
    ``postal_in_total``: count postal dossiers in ``total`` (else they are left out, listed).
    ``progress(done, total)`` is called after each chunk; ``cancel()`` returning True stops the
    import with :class:`ImportCancelled`. Raises TableError or MappingError for unusable files.
    """
    kind = check_file(path)
    opened: tuple[_Header, Iterator[list[Any]], int] | None = None
    if kind == "csv":
        delimiter, header, line = _csv_dialect(path, mapping)
    else:
        xlsx_header, rows = _xlsx_open(path, mapping)
        header, line, delimiter = xlsx_header.cells, xlsx_header.line, ""
        opened = (xlsx_header, rows, _xlsx_height(path))
    if mapping is None:
        mapping = guess_mapping(header)
    mapping = dict(mapping)
    indexes = resolve_mapping(header, mapping, need_date=period is not None)
    reader = _Reader(
        resolve_unit,
        channels if channels is not None else DEFAULT_CHANNELS,
        has_account="account" in indexes,
        has_date="date" in indexes,
    )
    reader.extras = tuple(f for f in EXTRA_FIELDS if f in indexes)
    if kind == "csv":
        chunks = _csv_chunks(path, header, line, delimiter, indexes, chunk_rows, progress, cancel)
    else:
        assert opened is not None
        chunks = _xlsx_chunks(indexes, chunk_rows, progress, cancel, opened)
    for chunk in chunks:
        reader.add(chunk)
        if cancel is not None and cancel():
            raise ImportCancelled
    result = _finish(path, mapping, period, reader, max_listed, postal_in_total)
    if "account" not in indexes:
        result.warnings.append(
            "Tệp không có cột tài khoản nộp: đã tính tổng số hồ sơ và số hồ sơ trực tuyến, không "
            "tính được số tài khoản nộp hồ sơ — tiêu chí phân định đồng hạng không dùng được số "
            "tài khoản."
        )
    return result


def _xlsx_height(path: Path) -> int:
    # The header read has loaded the sheet once already; calamine caches nothing, so estimate
    # the height from the sheet's declared dimension instead of loading it again.
    import re  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as part:
                    head = part.read(4096)
                match = re.search(rb"dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"", head)
                if match and match.group(1):
                    return int(match.group(1))
                return 0
    return 0


def _finish(
    path: Path,
    mapping: dict[str, str],
    period: tuple[dt.date, dt.date] | None,
    reader: _Reader,
    max_listed: int,
    postal_in_total: bool = False,
) -> DossierImport:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    if reader.frames:
        frame = pd.concat(reader.frames, ignore_index=True)
    else:
        frame = pd.DataFrame(
            {
                "id": pd.Series([], dtype=object),
                "text": pd.Series([], dtype=np.int32),
                "online": pd.Series([], dtype=bool),
                "account": pd.Series([], dtype=object),
                "day": pd.Series([], dtype=np.int32),
                "row": pd.Series([], dtype=np.int64),
                **{name: pd.Series([], dtype=object) for name in reader.extras},
                "postal": pd.Series([], dtype=bool),
            }
        )
    reader.frames.clear()
    rows_read = len(frame)
    unit_of_text = np.asarray([*reader._unit_of_text, -1], dtype=np.int32)
    frame["unit"] = unit_of_text[frame["text"].to_numpy()]

    codes = {key: number for number, key in enumerate(REASONS, start=1)}
    reason = np.zeros(len(frame), dtype=np.int8)  # 0: counted, else a code of REASONS
    ids = frame["id"]
    missing = (ids == "").to_numpy()
    reason[missing] = codes[MISSING_ID]
    reason[ids.duplicated(keep="first").to_numpy() & (reason == 0)] = codes[DUPLICATE]
    if reader.has_date:
        day = frame["day"].to_numpy()
        reason[(day <= 0) & (reason == 0)] = codes[BAD_DATE]
        if period is not None:
            start, end = period[0].toordinal(), period[1].toordinal()
            reason[((day < start) | (day > end)) & (reason == 0)] = codes[OUTSIDE_PERIOD]
    reason[(frame["unit"].to_numpy() < 0) & (reason == 0)] = codes[UNKNOWN_UNIT]
    if not postal_in_total:
        reason[frame["postal"].to_numpy(dtype=bool) & (reason == 0)] = codes[POSTAL_LEFT_OUT]

    issue_counts: dict[str, int] = {}
    issues: dict[str, list[RowIssue]] = {}
    unknown_units: dict[str, int] = {}
    counts = np.bincount(reason, minlength=len(REASONS) + 1)
    for key, code in codes.items():
        issue_counts[key] = int(counts[code])
        if not counts[code]:
            continue
        positions = np.flatnonzero(reason == code)
        listed = frame.iloc[positions[:max_listed]]
        issues[key] = [_issue(key, item, reader) for item in listed.itertuples(index=False)]
        if key == UNKNOWN_UNIT:
            texts = np.bincount(frame["text"].to_numpy()[positions])
            unknown_units = {
                (reader.unit_texts[t] or "(trống)"): int(n)
                for t, n in sorted(enumerate(texts), key=lambda tn: -tn[1])
                if n
            }
    has_reason = reason != 0
    valid = frame[~has_reason]
    kept = ["id", "unit", "online", "account", "day", "row", *reader.extras]
    records = valid[kept].reset_index(drop=True)
    units = _aggregate(
        records["unit"].to_numpy(),
        records["online"].to_numpy(),
        records["account"] if reader.has_account else None,
        reader.unit_codes,
    )
    return DossierImport(
        source=path.name,
        mapping=mapping,
        period=period,
        rows_read=rows_read,
        blank_rows=reader.blank_rows,
        units=units,
        records=DossierRecords(records, reader.unit_codes),
        issue_counts=issue_counts,
        issues=issues,
        unknown_units=unknown_units,
        channels=reader.channel_counts,
    )


def _issue(reason: str, item: Any, reader: _Reader) -> RowIssue:
    value = ""
    if reason == UNKNOWN_UNIT:
        value = reader.unit_texts[int(item.text)]
    elif reason == BAD_DATE:
        value = _cell_text(getattr(item, "date_text", ""))
    elif reason == OUTSIDE_PERIOD and item.day > 0:
        value = format_day(dt.date.fromordinal(int(item.day)))
    return RowIssue(int(item.row), reason, str(item.id), value)


def _aggregate(
    unit: np.ndarray,
    online: np.ndarray,
    account: pd.Series | None,
    unit_codes: Sequence[str],
) -> dict[str, UnitDossierStats]:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    size = len(unit_codes)
    totals = np.bincount(unit, minlength=size) if len(unit) else np.zeros(size, dtype=np.int64)
    onlines = (
        np.bincount(unit[online], minlength=size) if len(unit) else np.zeros(size, dtype=np.int64)
    )
    distinct = np.zeros(size, dtype=np.int64)
    without = np.zeros(size, dtype=np.int64)
    top: dict[int, tuple[tuple[str, int], ...]] = {}
    if account is not None and len(unit):
        filed_unit = unit[online]
        filed_account = account.to_numpy()[online]
        blank = filed_account == ""
        without = np.bincount(filed_unit[blank], minlength=size)
        codes, names = pd.factorize(filed_account[~blank])
        if len(codes):
            width = len(names)
            keys, counts = np.unique(
                filed_unit[~blank].astype(np.int64) * width + codes, return_counts=True
            )
            key_unit, key_account = keys // width, keys % width
            distinct = np.bincount(key_unit, minlength=size)
            order = np.lexsort((key_account, -counts, key_unit))
            starts = np.searchsorted(key_unit[order], np.arange(size))
            for index in range(size):
                chosen = order[starts[index] : starts[index] + min(TOP_ACCOUNTS, distinct[index])]
                top[index] = tuple((str(names[key_account[i]]), int(counts[i])) for i in chosen)
    result: dict[str, UnitDossierStats] = {}
    for index, code in enumerate(unit_codes):
        if totals[index]:
            result[code] = UnitDossierStats(
                code=code,
                total=int(totals[index]),
                online=int(onlines[index]),
                accounts=int(distinct[index]),
                online_without_account=int(without[index]),
                top_accounts=top.get(index, ()),
            )
    return result


def summarise(records: Iterable[DossierRecord]) -> dict[str, UnitDossierStats]:
    """Counts per unit from stored dossiers (each code once), e.g. the union of several imports."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    codes: dict[str, int] = {}
    unit: list[int] = []
    online: list[bool] = []
    account: list[str] = []
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            continue
        seen.add(record.id)
        unit.append(codes.setdefault(record.unit, len(codes)))
        online.append(bool(record.online))
        account.append(record.account or "")
    return _aggregate(
        np.asarray(unit, dtype=np.int64),
        np.asarray(online, dtype=bool),
        pd.Series(account, dtype=object),
        list(codes),
    )
