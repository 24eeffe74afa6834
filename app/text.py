"""Text as the program stores, compares and draws it (Vietnamese from files, keyboards, databases).

- ``nfc``: text from outside (a file cell, a typed field) as it is stored: NFC form (composed
  letters; ReportLab cannot draw decomposed Vietnamese, and "Hòa" typed two ways must compare
  equal), surrounding white space removed.
- ``composed``: the NFC form alone, nothing removed (text to draw keeps its spaces).
- ``fold``: the key headers, names and searches are matched by: no diacritics, lower case,
  single spaces.
- ``slug``: an ASCII file-name part.

Pure standard library: every layer may use it.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s_]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def composed(text: str) -> str:
    """The NFC form of ``text``, white space kept."""
    return unicodedata.normalize("NFC", text)


def nfc(text: str) -> str:
    """NFC form, surrounding white space removed: how text from outside is stored."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Số hồ sơ  Trực tuyến' -> 'so ho so truc tuyen'.

    Underscores count as spaces, so a key such as 'ma_don_vi' folds like 'Mã đơn vị'.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def slug(text: str) -> str:
    """ASCII file-name part: 'Thị trấn Cây Dương' → 'thi-tran-cay-duong'."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-") or "x"
