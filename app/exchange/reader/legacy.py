"""Text typed in the legacy Vietnamese fonts — TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times") —
recognised by its characters and converted to Unicode (DATA-FORMAT.md G).

A cell typed in such a font holds, once read, Latin-1 characters that Vietnamese does not use
("X· Hßa An", "Xaõ Hoøa An"). The tables are data: ``resources/encodings/tcvn3.json`` and
``vni.json`` (written by ``scripts/legacy_encodings.py``, which documents their source).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from app.resources import resource_path

TCVN3 = "TCVN3"
VNI = "VNI"
NAMES = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Times)"}

# Latin-1 letters that Vietnamese uses; every other Latin-1 character in a name is suspect.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_FOREIGN = {chr(c) for c in range(0xA1, 0x100)} - _VIETNAMESE_LATIN1 - set("×÷°±²³¹º¼½¾·«»§©®")
_FOREIGN |= set("·«»§©®¼½¾¹")  # punctuation-like, but the commonest TCVN3 letters
# Letters only Unicode Vietnamese has (outside Latin-1): a cell with one is Unicode already.
_UNICODE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
# A VNI mark after a vowel where Vietnamese never writes that pair ("aø", "eâ", "oâ", "aù").
_VNI_PAIR = re.compile("[aAeEoOyY][øùûõïëäåüØÙÛÕÏËÄÅÜ]|[aAeE][âêáàãéèúÂÊÁÀÃÉÈÚ]|[oO][âÂ]")


@cache
def table(kind: str) -> dict[str, str]:
    """What a cell shows → Unicode, longest sequences first."""
    path = resource_path("encodings", f"{kind.lower()}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, str] = data["table"]
    return dict(sorted(entries.items(), key=lambda kv: -len(kv[0])))


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in table(kind)))


def convert(text: str, kind: str) -> str:
    """``text`` typed in the legacy font ``kind`` (TCVN3 or VNI), in Unicode (NFC)."""
    mapping = table(kind)
    converted = _pattern(kind).sub(lambda m: mapping[m.group(0)], text)
    return unicodedata.normalize("NFC", converted)


def suspect(text: str) -> bool:
    """Whether a text may be typed in a legacy font: it has Latin-1 letters Vietnamese does not
    use, or a vowel followed by a VNI mark, and no letter only Unicode Vietnamese has."""
    if text.isascii() or _UNICODE_ONLY.search(text):
        return False
    if any(c in _FOREIGN for c in text):
        return True
    return _VNI_PAIR.search(text) is not None


def foreign(text: str) -> int:
    """Characters of ``text`` Vietnamese does not use (left after a conversion: a wrong guess)."""
    return sum(c in _FOREIGN for c in text)


def detect(texts: Iterable[str]) -> str | None:
    """TCVN3, VNI or None for the texts of a file. VNI when marks follow vowels as only VNI writes
    them and its conversion leaves no more foreign characters than TCVN3's; TCVN3 when its
    conversion removes foreign characters."""
    suspects = [t for t in texts if suspect(t)]
    if not suspects:
        return None
    sample = "\n".join(suspects[:2000])
    left = {kind: foreign(convert(sample, kind)) for kind in (TCVN3, VNI)}
    pairs = len(_VNI_PAIR.findall(sample))
    if pairs and left[VNI] <= left[TCVN3]:
        return VNI
    if left[TCVN3] < foreign(sample):
        return TCVN3
    return VNI if pairs else None


def convert_cell(value: object, kind: str | None) -> object:
    """A cell of a file whose legacy font is ``kind``, converted (Unicode cells kept)."""
    if kind is None or not isinstance(value, str) or value.isascii():
        return value
    if _UNICODE_ONLY.search(value):
        return value  # typed in Unicode (a header of the template, a pasted name)
    # In a file typed in a legacy font, letters that look like Vietnamese are its codes too
    # ("Trùc tiÕp" is "Trực tiếp" in TCVN3).
    return convert(value, kind)
