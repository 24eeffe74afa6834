"""Storing the optional columns of a portal dossier export (owner, owner's ID number, authorisation,
procedure, receiving officer) with each dossier, for the evidence of filing on citizens' behalf.

The owner's ID number is never stored: only its HMAC-SHA-256 under this database's own secret
(made once, at random, kept in the ``database_secret`` table), so the same owner is recognised
across imports while the number cannot be read back from the file (Nghị định 13/2023).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import DatabaseSecret

if TYPE_CHECKING:
    import pandas as pd

SECRET_NAME = "owner_hash"
SECRET_BYTES = 32
# The columns of ``dossier`` filled from the export's optional columns, in insert order.
EXTRA_COLUMNS = ("owner", "owner_key", "authorised", "procedure", "officer")


def database_secret(session: Session) -> bytes:
    """The key of the owners' hashes: made once per database, at random, then always the same."""
    value = session.scalar(select(DatabaseSecret.value).where(DatabaseSecret.name == SECRET_NAME))
    if value is None:
        value = secrets.token_bytes(SECRET_BYTES)
        session.add(DatabaseSecret(name=SECRET_NAME, value=value))
        session.flush()
    return bytes(value)


def _texts(frame: pd.DataFrame, name: str) -> list[str | None] | None:
    if name not in frame:
        return None
    # the reader's texts, already NFC and stripped: blank ones stored as NULL
    return [value or None for value in frame[name].tolist()]


def extra_columns(session: Session, frame: pd.DataFrame) -> dict[str, list[Any]]:
    """Column of ``dossier`` → values, as long as ``frame`` (the records of
    ``app.exchange.dossiers``), for the :data:`EXTRA_COLUMNS` the export has (the others are left
    to their default, NULL: binding a million NULLs costs as much as the dossiers' own columns).
    ID numbers are hashed here."""
    from app.exchange.proxy_columns import authorised_flag, keyed_hasher  # noqa: PLC0415

    size = len(frame)
    blank: list[Any] = [None] * size
    owners = _texts(frame, "owner")
    numbers = _texts(frame, "owner_id")
    found: dict[str, list[Any] | None] = dict.fromkeys(EXTRA_COLUMNS)
    if owners is not None or numbers is not None:
        hasher = keyed_hasher(database_secret(session))
        cache: dict[tuple[str | None, str | None], int | None] = {}
        keys: list[Any] = []
        for pair in zip(numbers or blank, owners or blank, strict=True):
            if pair in cache:
                keys.append(cache[pair])
            else:
                keys.append(cache.setdefault(pair, hasher(*pair)))
        found["owner"], found["owner_key"] = owners or blank, keys
    if "authorised" in frame:
        flags: dict[object, bool] = {}
        authorised = []
        for value in frame["authorised"].tolist():
            flag = flags.get(value)
            if flag is None:
                flag = flags[value] = authorised_flag(value)
            authorised.append(int(flag))
        found["authorised"] = authorised
    found["procedure"] = _texts(frame, "procedure")
    found["officer"] = _texts(frame, "officer")
    return {name: values for name, values in found.items() if values is not None}
