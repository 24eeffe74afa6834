"""Signing commune packages (DATA-FORMAT.md section D): HMAC-SHA-256 (Python's ``hmac``) over the
package's content, with a key the district makes for each commune.

The key is handed over once, as a small key file or as a code to type: its 20 random bytes in
base32 (letters and the digits 2–7), in groups of four, followed by a check group made from the
unit code and the key, so that a mistyped character — or a code typed for another unit — is caught
before anything is stored. ``fingerprint`` names a key without revealing it (the district tells
whose key signed a package made in another unit's name).

What is signed is the content as the district reads it back (``canonical``): every value of the
package's information sheet but the signature, the unit's figures and its nominations. An edit of
any of them in Excel breaks the signature; a change of formatting does not.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.exchange.text import nfc

KEY_BYTES = 20  # 160 bits: 32 base32 characters
GROUP = 4
CHECK_CHARS = 4
KEY_FILE_KIND = "Khóa ký gói số liệu — Thi đua DVCTT"
KEY_FILE_SUFFIX = ".txt"
_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
# Characters people type for the ones base32 has (it has no 0, 1, 8 or 9).
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})
_KEY_LINES = {"unit_code": "Mã đơn vị", "unit_name": "Tên đơn vị", "code": "Mã khóa"}


class KeyCodeError(UserError, ValueError):
    """A key code or key file that cannot be used (message in Vietnamese, naming the unit)."""

    title = "Mã khóa không đúng"


def new_secret() -> bytes:
    """A new random key."""
    return secrets.token_bytes(KEY_BYTES)


def fingerprint(secret: bytes) -> str:
    """Sixteen hex digits naming the key (a hash of it: the key cannot be found from them)."""
    return hashlib.sha256(b"thidua-dvctt/khoa|" + secret).hexdigest()[:16]


def _check(unit_code: str, body: str) -> str:
    digest = hashlib.sha256(f"thidua-dvctt/ma-khoa|{unit_code}|{body}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:CHECK_CHARS]


def key_code(unit_code: str, secret: bytes) -> str:
    """The code to type: «ABCD-EFGH-…» (eight groups of the key, then the check group)."""
    body = base64.b32encode(secret).decode("ascii").rstrip("=")
    text = body + _check(unit_code, body)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_key_code(text: str, unit_code: str) -> bytes:
    """The key of a typed code for ``unit_code``. Spaces, dashes and case are ignored, and 0, 1,
    8 read as O, I, B. Raises KeyCodeError when the code is incomplete, has a character that is
    not in codes, or its check group does not match (a typo, or a code of another unit)."""
    cleaned = "".join(c for c in nfc(text).upper() if not c.isspace() and c not in "-–.")
    cleaned = cleaned.translate(_LOOKALIKES)
    wanted = len(key_code(unit_code, bytes(KEY_BYTES)).replace("-", ""))
    odd = sorted({c for c in cleaned if c not in _ALPHABET})
    if odd:
        raise KeyCodeError(
            f"Mã khóa của đơn vị {unit_code} có ký tự không dùng trong mã: {' '.join(odd)} "
            "(mã chỉ có chữ cái A–Z và chữ số 2–7)."
        )
    if len(cleaned) != wanted:
        raise KeyCodeError(
            f"Mã khóa của đơn vị {unit_code} phải có {wanted} ký tự ({wanted // GROUP} nhóm 4 ký "
            f"tự), đã gõ {len(cleaned)}: kiểm tra lại mã Phòng Văn hóa và Thông tin gửi."
        )
    body, check = cleaned[:-CHECK_CHARS], cleaned[-CHECK_CHARS:]
    if not hmac.compare_digest(_check(unit_code, body), check):
        raise KeyCodeError(
            f"Mã khóa không đúng với đơn vị {unit_code}: gõ nhầm một ký tự, hoặc đây là mã của "
            "đơn vị khác. Hãy gõ lại đúng mã Phòng Văn hóa và Thông tin cấp cho đơn vị."
        )
    return base64.b32decode(body + "=" * (-len(body) % 8))


def key_file_text(unit_code: str, unit_name: str, secret: bytes) -> str:
    """What a key file holds: a few lines a person can read (and type from, if need be)."""
    return "\n".join(
        [
            KEY_FILE_KIND,
            f"{_KEY_LINES['unit_code']}: {unit_code}",
            f"{_KEY_LINES['unit_name']}: {unit_name}",
            f"{_KEY_LINES['code']}: {key_code(unit_code, secret)}",
            "",
            "Tệp này do Phòng Văn hóa và Thông tin cấp cho đơn vị để ký gói số liệu gửi Phòng.",
            "Chỉ nạp vào chương trình của đơn vị (Cài đặt → Khóa ký gói), rồi xóa tệp; không gửi",
            "cho người khác: ai có khóa này có thể gửi gói số liệu nhân danh đơn vị.",
            "",
        ]
    )


def read_key_file(data: bytes, name: str) -> tuple[str, str, str]:
    """(unit code, unit name, key code) of a key file's bytes; KeyCodeError when it is not one."""
    try:
        text = nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        text = ""
    found: dict[str, str] = {}
    labels = {label: key for key, label in _KEY_LINES.items()}
    for line in text.splitlines():
        label, sep, value = line.partition(":")
        if sep and label.strip() in labels:
            found.setdefault(labels[label.strip()], value.strip())
    if not text.startswith(KEY_FILE_KIND) or not found.get("unit_code") or not found.get("code"):
        raise KeyCodeError(f"Tệp {name} không phải tệp khóa ký gói số liệu của chương trình.")
    return found["unit_code"], found.get("unit_name", ""), found["code"]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return nfc(value)
    return value


def canonical(
    meta: Mapping[str, str],
    figures: Mapping[str, Any],
    nominations: Sequence[Sequence[Any]] | None,
) -> bytes:
    """The bytes signed: the information sheet's values, the figures and the nominations (in
    their order), as sorted UTF-8 JSON."""
    content = {
        "meta": {k: _plain(v) for k, v in meta.items()},
        "figures": {k: _plain(v) for k, v in figures.items()},
        "nominations": None
        if nominations is None
        else [[_plain(v) for v in row] for row in nominations],
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(secret: bytes, content: bytes) -> str:
    """HMAC-SHA-256 of ``content`` with ``secret``, in hex."""
    return hmac.new(secret, content, hashlib.sha256).hexdigest()


def verify(secret: bytes, content: bytes, signature: str) -> bool:
    """Whether ``signature`` is the HMAC of ``content`` with ``secret`` (constant-time compare)."""
    return hmac.compare_digest(sign(secret, content), signature.strip().lower())


def key_file_path(folder: Path, unit_code: str) -> Path:
    """The default name of a unit's key file in ``folder``."""
    return Path(folder) / f"khoa-ky-goi-{unit_code}{KEY_FILE_SUFFIX}"
