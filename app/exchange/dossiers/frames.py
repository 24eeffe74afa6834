"""Each chunk of columns reduced to a compact frame: low-cardinality cells (unit, channel, date)
resolved once per distinct value, dossier codes and accounts as NFC text."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from app.exchange.dates import parse_day
from app.exchange.dossiers.mapping import POSTAL, channel_class
from app.exchange.dossiers.reading import Chunk, cell_text
from app.exchange.text import fold, nfc

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class Reader:
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
        text = nfc(cell_text(value))
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
                text = nfc(cell_text(value))
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

    def add(self, chunk: Chunk) -> None:
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
_ASCII_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace())  # what \s finds in ASCII


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
        values = [v if type(v) is str else cell_text(v) for v in values]
        joined = "\x00" + "\x00".join(values) + "\x00"
    if joined.isascii() and (
        not any(space in joined for space in _ASCII_SPACES) or not _EDGE_SPACE.search(joined)
    ):
        return values  # the usual case: plain ASCII codes, nothing to change
    distinct = set(values)
    normalize = unicodedata.normalize
    if len(distinct) * 2 > len(values):  # mostly different texts (names): each one converted
        return [v.strip() if v.isascii() else normalize("NFC", v).strip() for v in values]
    # a few texts repeated (procedures, officers): each distinct one converted once
    converted = {v: v.strip() if v.isascii() else normalize("NFC", v).strip() for v in distinct}
    return list(map(converted.__getitem__, values))
