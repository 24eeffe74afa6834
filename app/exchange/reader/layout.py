"""Where the table is on a sheet as offices lay it out: title rows (often merged cells) above the
header, a header of two rows (a group cell over its sub-columns), a row numbering the columns,
total and subtotal rows ("Tổng cộng", "Cộng", "Toàn huyện"), and a signature block below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.text import fold

HEADER_SEARCH_ROWS = 30  # non-blank rows searched for the header
Scorer = Callable[[list[str]], int]  # how many cells of a row are headers we know

_TOTAL = re.compile(
    r"^((tong cong|tong so|tong|toan huyen|toan tinh|toan xa)(\s|:|$)"
    r"|cong(:|$|\s+(toan|khoi|chung|cac|nhom|[ivx]+\b|\d)))"
)
_SIGNATURE = re.compile(
    r"(\bngay\b.*\bthang\b.*\bnam\b|nguoi lap|lap bieu|ky ten|ghi ro ho ten|\bky\b.*\bho ten\b|"
    r"^noi nhan|^kt\b|^tm\b|^tl\b|truong cong an|chu tich|giam doc|thu truong|^xac nhan|"
    r"pho truong|^truong phong|^truong ban|^can bo)"
)
_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[a-z])\s*\)?$")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def is_blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return (
        isinstance(value, str)
        and bool(re.fullmatch(r"\s*[\d.,\s]+\s*", value))
        and any(c.isdigit() for c in value)
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    row: int  # 1-based file row
    why: str  # Vietnamese
    text: str = ""  # what the row says (its first texts)

    def __str__(self) -> str:
        shown = f" «{self.text}»" if self.text else ""
        return f"dòng {self.row}{shown}: {self.why}"


def _texts(cells: Sequence[Any]) -> list[str]:
    return [cell_text(c) for c in cells]


def _first_texts(cells: Sequence[Any], count: int = 2) -> str:
    texts = [t for t in _texts(cells) if t]
    shown = " | ".join(texts[:count])
    return shown if len(shown) <= 60 else shown[:57] + "…"


def find_header(
    rows: Sequence[tuple[int, list[Any]]], scorer: Scorer | None
) -> tuple[int, list[str], int]:
    """(index in ``rows`` of the first data row, the header cells, the header's file row).

    Without a scorer the first row is the header. With one, the best-scoring of the first rows
    (the earliest of equals); a second header row is joined to it when that names more columns
    ("Hồ sơ trực tuyến" over "Toàn trình" and "Một phần").
    """
    if scorer is None or not rows:
        return 1, _texts(rows[0][1]), rows[0][0]
    best, best_score = 0, -1
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = scorer(_texts(cells))
        if score > best_score:
            best, best_score = index, score
    header = _texts(rows[best][1])
    start = best + 1
    if start < len(rows):
        below = rows[start][1]
        if not any(_is_number(c) for c in below):
            joined = join_header_rows(header, _texts(below))
            score = scorer(joined)
            if score > best_score or (score == best_score and _has_group(header, _texts(below))):
                header, start = joined, start + 1
    return start, header, rows[best][0]


def _has_group(top: list[str], bottom: list[str]) -> bool:
    """Whether ``top`` has a group cell: text over two or more sub-columns named below it."""
    for i in range(min(len(top), len(bottom)) - 1):
        if top[i] and not top[i + 1] and bottom[i] and bottom[i + 1]:
            return True
    return False


def join_header_rows(top: list[str], bottom: list[str]) -> list[str]:
    """Each column's header from two rows: a group cell (merged, so only its first column has
    the text) over sub-columns is repeated over them; a cell merged down keeps its text."""
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    joined: list[str] = []
    group = ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            group = upper if lower else ""
        elif not lower:
            group = ""
        head = upper or group
        joined.append(f"{head} {lower}".strip() if lower and head else (lower or upper))
    return joined


def is_column_numbers(cells: Sequence[Any]) -> bool:
    """A row numbering the columns under the header: (1) (2) (3) … or A B 1 2 3."""
    texts = [fold(t) for t in _texts(cells) if t]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.match(t) for t in texts)


def total_label(cells: Sequence[Any]) -> str | None:
    """The text that makes a row a total row ("Tổng cộng", "Cộng", "Toàn huyện"), if any.

    Asked of every row: a text whose first character is plain ASCII other than t, c or _ cannot
    fold to one of those words and is not folded (a unit code, a number, "Xã …")."""
    seen = 0
    for cell in cells:
        text = cell_text(cell)
        if not text:
            continue
        seen += 1
        first = text[0]
        if (not first.isascii() or first in "TtCc_") and _TOTAL.match(fold(text)):
            return text
        if seen == 3:
            break
    return None


def is_signature(cells: Sequence[Any]) -> bool:
    """A row of a signature block: few cells, no number, words of a signature or a date line."""
    texts: list[str] = []
    for cell in cells:  # a data row is told at its third text, without reading the rest
        text = cell_text(cell)
        if text:
            texts.append(text)
            if len(texts) > 2:
                return False
    if not texts or any(_is_number(c) for c in cells if c not in (None, "")):
        return False
    return any(_SIGNATURE.search(fold(t)) for t in texts)


def data_rows(
    rows: Sequence[tuple[int, list[Any]]], start: int, skipped: list[Skipped]
) -> list[tuple[int, list[Any]]]:
    """The rows of the table from ``start``; blank, numbering, total and signature rows are left
    out and listed in ``skipped``."""
    kept: list[tuple[int, list[Any]]] = []
    signing = False
    for position in range(start, len(rows)):
        number, cells = rows[position]
        if position == start and is_column_numbers(cells):
            skipped.append(Skipped(number, "dòng đánh số cột", _first_texts(cells, 4)))
            continue
        if signing:
            if (
                any(_is_number(c) for c in cells if c not in (None, ""))
                and len([c for c in cells if c not in (None, "")]) > 3
            ):
                signing = False
            else:
                skipped.append(Skipped(number, "phần ký tên dưới bảng", _first_texts(cells)))
                continue
        label = total_label(cells)
        if label is not None:
            skipped.append(Skipped(number, "dòng tổng cộng", label))
            continue
        if kept and is_signature(cells):
            signing = True
            skipped.append(Skipped(number, "phần ký tên dưới bảng", _first_texts(cells)))
            continue
        kept.append((number, cells))
    return kept
