"""Finding a unit from the way a file names it: by code, or by name ignoring diacritics, case and
the prefixes "Xã", "Thị trấn", "TT" (DATA-FORMAT.md section C), with the closest names on failure."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.exchange.text import fold, nfc

# Folded prefixes removed from a name before comparing, longest first. Administrative prefixes of
# the portal ("UBND xã …", "Bộ phận một cửa xã …") are stripped too, then the unit kind.
_ORGAN_PREFIXES = (
    "bo phan tiep nhan va tra ket qua",
    "bo phan mot cua",
    "uy ban nhan dan",
    "ubnd",
)
_KIND_PREFIXES = ("thi tran", "xa", "tt", "phuong")
_PUNCT = re.compile(r"[.,;:()\[\]\-–/]+")


def name_key(text: str) -> str:
    """'UBND Thị trấn Cây Dương' -> 'cay duong'; 'TT. Búng Tàu' -> 'bung tau'."""
    key = _PUNCT.sub(" ", fold(text))
    key = " ".join(key.split())
    for prefixes in (_ORGAN_PREFIXES, _KIND_PREFIXES):
        for prefix in prefixes:
            if key == prefix:
                break
            if key.startswith(prefix + " "):
                key = key[len(prefix) + 1 :]
                break
    return key


@dataclass(frozen=True, slots=True)
class KnownUnit:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """``code`` when exactly one unit fits; otherwise ``code`` is None and ``message`` says why."""

    code: str | None
    message: str = ""
    candidates: tuple[KnownUnit, ...] = ()


class UnitMatcher:
    """Matches unit codes and names of a file against the units of a campaign."""

    def __init__(self, units: Iterable[tuple[str, str]]) -> None:
        self.units = [KnownUnit(nfc(code), nfc(name)) for code, name in units]
        self._by_code: dict[str, KnownUnit] = {}
        self._by_folded_code: dict[str, KnownUnit] = {}
        self._by_key: dict[str, list[KnownUnit]] = {}
        for unit in self.units:
            self._by_code[unit.code] = unit
            self._by_folded_code.setdefault(fold(unit.code), unit)
            for key in {name_key(unit.name), fold(unit.name)}:
                if key:
                    bucket = self._by_key.setdefault(key, [])
                    if unit not in bucket:
                        bucket.append(unit)
        self._cache: dict[str, UnitMatch] = {}

    def match(self, text: object) -> UnitMatch:
        raw = "" if text is None else str(text)
        if isinstance(text, float) and text.is_integer():
            raw = str(int(text))  # a code typed as a number in Excel
        found = self._cache.get(raw)
        if found is None:
            found = self._match(raw)
            self._cache[raw] = found
        return found

    def __call__(self, text: object) -> str | None:
        """The unit code, or None (the form a dossier import takes)."""
        return self.match(text).code

    def name_of(self, code: str) -> str:
        unit = self._by_code.get(code)
        return unit.name if unit is not None else ""

    def _match(self, raw: str) -> UnitMatch:
        text = nfc(raw)
        if not text:
            return UnitMatch(None, "thiếu đơn vị")
        unit = self._by_code.get(text) or self._by_folded_code.get(fold(text))
        if unit is not None:
            return UnitMatch(unit.code, candidates=(unit,))
        keys = [fold(text), name_key(text)]
        for key in keys:
            bucket = self._by_key.get(key, [])
            if len(bucket) == 1:
                return UnitMatch(bucket[0].code, candidates=(bucket[0],))
            if len(bucket) > 1:
                names = ", ".join(f"{u.name} ({u.code})" for u in bucket)
                return UnitMatch(
                    None,
                    f"tên đơn vị trùng với nhiều đơn vị: {names}; hãy ghi mã đơn vị",
                    tuple(bucket),
                )
        return UnitMatch(None, self._unknown_message(text), self.closest(text))

    def closest(self, text: str, count: int = 3) -> tuple[KnownUnit, ...]:
        key = name_key(text)
        names = {name_key(u.name): u for u in self.units}
        close = difflib.get_close_matches(key, list(names), n=count, cutoff=0.5)
        return tuple(names[k] for k in close)

    def _unknown_message(self, text: str) -> str:
        close = self.closest(text)
        if close:
            listed = ", ".join(f"{u.name} ({u.code})" for u in close)
            return f"không có đơn vị này trong đợt thi đua; gần giống: {listed}"
        return "không có đơn vị này trong đợt thi đua"
