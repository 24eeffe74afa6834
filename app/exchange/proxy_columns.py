"""The optional columns of a portal dossier export read for the evidence of filing on citizens'
behalf (owner, owner's ID number, authorisation flag), and the district's file of official
accounts (one-stop-shop staff) per unit.

No database access. Owners' ID numbers leave this module only as the text to be hashed by the
caller (:func:`id_number_key`): spaces and dots removed, upper case.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.exchange.tables import TableError, read_table
from app.exchange.text import fold, nfc
from app.exchange.units import UnitMatcher

# Cells of the «Ủy quyền» column meaning the owner authorised the filer (folded).
_YES = {
    "co",
    "x",
    "1",
    "true",
    "dung",
    "yes",
    "y",
    "v",
    "\u2713",
    "\u2714",
    "uy quyen",
    "co uy quyen",
    "nop uy quyen",
    "duoc uy quyen",
}
_SEPARATORS = re.compile(r"[\s.\-]+")


def authorised_flag(value: object) -> bool:
    """Whether a cell of the «Ủy quyền» column says the dossier was filed with an authorisation
    ('Có', 'x', '1', 'Ủy quyền', '✓'); blank, 'Không', '0' and anything else say it was not."""
    if value is None or value is False:
        return False
    if value is True:
        return True
    text = fold(nfc(str(value))).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text in _YES


def owner_key(secret: bytes, id_number: object, name: object) -> int | None:
    """HMAC-SHA-256 of the owner's ID number under ``secret`` (spaces, dots, dashes removed,
    upper case), else of the folded name — its first 64 bits as a signed integer (compact in the
    index; no collision to fear among a district's owners); None when the row names no owner."""
    number = _SEPARATORS.sub("", nfc(str(id_number or ""))).upper()
    if number:
        message = b"id:" + number.encode()
    else:
        folded = " ".join(fold(nfc(str(name or ""))).split())
        if not folded:
            return None
        message = b"name:" + folded.encode()
    digest = hmac.digest(secret, message, hashlib.sha256)
    return int.from_bytes(digest[:8], "big", signed=True)


def keyed_hasher(secret: bytes) -> Callable[[object, object], int | None]:
    """``owner_key`` with the secret bound (for a million rows)."""

    def key(id_number: object, name: object) -> int | None:
        return owner_key(secret, id_number, name)

    return key


# --- the district's file of official accounts --------------------------------------------------

_UNIT_HEADERS = ("ma don vi", "don vi", "xa", "ten don vi", "co quan", "xa, thi tran")
_ACCOUNT_HEADERS = ("tai khoan", "tai khoan nop", "ten dang nhap", "tai khoan can bo")
_NOTE_HEADERS = ("ghi chu", "can bo", "ho ten", "ho ten can bo", "chuc vu")


@dataclass(frozen=True, slots=True)
class OfficialAccountRow:
    row: int
    unit_code: str
    account: str
    note: str


class OfficialAccountsError(TableError):
    """A file of official accounts that cannot be used; ``problems`` name rows and fields."""

    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(
            f"Tệp tài khoản cán bộ {name} có lỗi, không ghi gì:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
        self.problems = problems


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    folded = [fold(h) for h in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def read_official_accounts(path: Path, matcher: UnitMatcher) -> list[OfficialAccountRow]:
    """Rows of a .csv/.xlsx with a unit column (code or name) and an account column (and an
    optional note). Every problem is collected; raises OfficialAccountsError naming rows."""
    table = read_table(Path(path))
    unit_col = _column(table.header, _UNIT_HEADERS)
    account_col = _column(table.header, _ACCOUNT_HEADERS)
    note_col = _column(table.header, _NOTE_HEADERS)
    missing = [
        label
        for label, col in (("Đơn vị (mã hoặc tên)", unit_col), ("Tài khoản", account_col))
        if col is None
    ]
    if missing:
        shown = ", ".join(f"«{h}»" for h in table.header if h.strip())
        raise OfficialAccountsError(
            Path(path).name, [f"thiếu cột {', '.join(missing)}; các cột của tệp: {shown}"]
        )
    assert unit_col is not None and account_col is not None
    result: list[OfficialAccountRow] = []
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for number, cells in table.rows:

        def cell(index: int | None, cells: list[object] = cells) -> str:
            if index is None or index >= len(cells) or cells[index] is None:
                return ""
            value = cells[index]
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return nfc(str(value)).strip()

        unit_text, account = cell(unit_col), cell(account_col)
        match = matcher.match(unit_text)
        if match.code is None:
            problems.append(f"Dòng {number}, cột Đơn vị «{unit_text}»: {match.message}")
            continue
        if not account:
            problems.append(f"Dòng {number}, cột Tài khoản: để trống")
            continue
        if (match.code, account) in seen:
            continue
        seen.add((match.code, account))
        result.append(OfficialAccountRow(number, match.code, account, cell(note_col)))
    if problems:
        raise OfficialAccountsError(Path(path).name, problems)
    if not result:
        raise OfficialAccountsError(Path(path).name, ["không có dòng tài khoản nào"])
    return result
