"""Write resources/encodings/tcvn3.json and vni.json: how text typed in the legacy Vietnamese fonts
reads in Unicode. Run from the repository root: ``python3 scripts/legacy_encodings.py``.

Sources (the tables are built here from the structure of each encoding, not copied):
- TCVN3 (ABC, fonts ".VnTime", ".VnArial" …): the 8-bit code VN3 of the Vietnamese standard
  TCVN 5712:1993. Each toned lower-case vowel has one byte; of the capitals only Ă Â Ê Ô Ơ Ư Đ
  have one (capitals with a tone are typed in the upper-case fonts ".VnTimeH", whose bytes are
  those of the lower-case letters).
- VNI (VNI-Windows, fonts "VNI-Times" …): the VNI for Windows code page of VNI Software: a base
  letter followed by a byte for its mark, except a few letters of one byte (ơ ư đ and the toned i).
Both were checked against the conversions of the Unikey converter and public conversion tables
(e.g. the npm package vietnamese-conversion) on the texts of tests/test_legacy_text.py.
The JSON maps what a cell shows (the bytes read as Latin-1, one character each) to Unicode (NFC).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng
# TCVN3: for each vowel, (byte of the bare letter or None, bytes of its five toned forms).
TCVN3_VOWELS = {
    "a": (None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    "ă": (0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    "â": (0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    "e": (None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    "ê": (0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    "i": (None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    "o": (None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    "ô": (0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    "ơ": (0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    "u": (None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    "ư": (0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    "y": (None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
}
TCVN3_OTHERS = {
    0xAE: "đ",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
}

# VNI: the byte after a base letter for each tone (lower case; the capital is the upper-case
# Latin-1 letter), after a, e, o, u, y; after â ê ô (typed base + 0xE2 'â') the tones differ, and
# after ă (base + 0xEA 'ê') too.
VNI_TONES = ("ø", "û", "õ", "ù", "ï")
VNI_HAT_TONES = ("à", "å", "ã", "á", "ä")  # after a circumflex: ầ ẩ ẫ ấ ậ
VNI_BREVE_TONES = ("è", "ú", "ü", "é", "ë")  # after a breve: ằ ẳ ẵ ắ ặ
VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "í": "í",
    "ò": "ị",
    "î": "ỵ",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, (bare, toned) in TCVN3_VOWELS.items():
        if bare is not None:
            table[chr(bare)] = vowel
        for byte, tone in zip(toned, TONES, strict=True):
            table[chr(byte)] = nfc(vowel + tone)
    for byte, letter in TCVN3_OTHERS.items():
        table[chr(byte)] = letter
    return dict(sorted(table.items()))


def vni() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(sequence: str, letter: str) -> None:
        table[sequence] = nfc(letter)
        table[sequence.upper()] = nfc(letter).upper()

    for base in "aeouy":
        for mark, tone in zip(VNI_TONES, TONES, strict=True):
            add(base + mark, base + tone)
    for base in "aeo":
        add(base + "â", base + "\u0302")
        for mark, tone in zip(VNI_HAT_TONES, TONES, strict=True):
            add(base + mark, base + "\u0302" + tone)
    add("aê", "ă")
    for mark, tone in zip(VNI_BREVE_TONES, TONES, strict=True):
        add("a" + mark, "ă" + tone)
    for single, letter in VNI_SINGLE.items():
        add(single, letter)
    for single, base in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in zip(VNI_TONES, TONES, strict=True):
            add(single + mark, base + tone)
    return dict(sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def main() -> None:
    folder = Path("resources/encodings")
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in (("tcvn3", tcvn3()), ("vni", vni())):
        data = {"source": __doc__.split("Sources")[1].strip(), "table": table}
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"{name}: {len(table)} entries")


if __name__ == "__main__":
    main()
