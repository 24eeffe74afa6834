"""Text normalisation shared by every importer."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s_]+")


def nfc(text: str) -> str:
    """NFC form, surrounding spaces removed (ReportLab cannot draw decomposed Vietnamese)."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Số hồ sơ  Trực tuyến' -> 'so ho so truc tuyen'.

    Underscores count as spaces, so a key such as 'ma_don_vi' folds like 'Mã đơn vị'.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()
