"""After the last chunk: rows not counted (and why), duplicates by dossier code, the period, and the
counts per unit (also from stored dossiers, :func:`summarise`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.exchange.dates import format_day
from app.exchange.dossiers.frames import Reader
from app.exchange.dossiers.reading import cell_text
from app.exchange.dossiers.result import (
    BAD_DATE,
    DUPLICATE,
    MISSING_ID,
    OUTSIDE_PERIOD,
    POSTAL_LEFT_OUT,
    REASONS,
    UNKNOWN_UNIT,
    DossierImport,
    DossierRecord,
    DossierRecords,
    RowIssue,
    UnitDossierStats,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


TOP_ACCOUNTS = 5


def finish(
    path: Path,
    mapping: dict[str, str],
    period: tuple[dt.date, dt.date] | None,
    reader: Reader,
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
    kept = ["id", "unit", "online", "account", "day", "row", *reader.extras]
    records = frame.loc[~has_reason, kept].reset_index(drop=True)  # one copy of the kept rows
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


def _issue(reason: str, item: Any, reader: Reader) -> RowIssue:
    value = ""
    if reason == UNKNOWN_UNIT:
        value = reader.unit_texts[int(item.text)]
    elif reason == BAD_DATE:
        value = cell_text(getattr(item, "date_text", ""))
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
            order = np.lexsort((-counts, key_unit))
            starts = np.searchsorted(key_unit[order], np.arange(size))
            for index in range(size):
                block = order[starts[index] : starts[index] + distinct[index]]
                if len(block):
                    top[index] = _busiest(counts[block], names.take(key_account[block]))
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


def _busiest(counts: np.ndarray, names: pd.Index) -> tuple[tuple[str, int], ...]:
    """The TOP_ACCOUNTS busiest accounts of one unit (``counts`` in descending order), equal
    counts in the accounts' text order (as the stored recount orders them); only the accounts tied
    at the last place are compared by text, not the whole list."""
    import heapq  # noqa: PLC0415

    last = int(counts[min(TOP_ACCOUNTS, len(counts)) - 1])
    above = counts > last
    ahead = sorted(zip((-int(n) for n in counts[above]), map(str, names[above]), strict=True))
    tied = heapq.nsmallest(TOP_ACCOUNTS - len(ahead), map(str, names[counts == last]))
    return tuple((name, -n) for n, name in ahead) + tuple((name, last) for name in tied)


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
