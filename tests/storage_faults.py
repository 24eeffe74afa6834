"""What the fault-injection tests (test_storage_faults*.py) share: running a command, reading a
database's content without changing it, damaging a page, the sample figures file."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from app.resources import resource_path

SAMPLE = resource_path("demo", "sample-units-2023.csv")
PAGE = 4096


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``main.py ARGV`` in-process: exit status, stdout, stderr."""
    import main

    capsys.readouterr()
    status = main.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def dump(path: Path) -> list[str]:
    """Every row and schema statement of the database (read-only: nothing is written)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        return list(conn.iterdump())


def raw_dump(path: Path) -> bytes:
    """The file's bytes (for a damaged database that cannot be dumped)."""
    return path.read_bytes()


def execute(path: Path, *statements: str) -> None:
    """Run SQL on a database file directly (how an attacker edits a backup)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def root_page(path: Path, table: str) -> int:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        row = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return int(row[0])


def overwrite_page(path: Path, table: str = "unit") -> None:
    """One page of ``table`` overwritten (a bad sector, a crashed copy): the file still opens."""
    execute(path, "PRAGMA journal_mode=DELETE")  # everything in the main file
    page = root_page(path, table)
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE
    for offset in range(start + 8, start + 400):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
