"""A throwaway PostgreSQL cluster for the tests and benchmarks: ``initdb`` + ``pg_ctl`` on a
temporary socket folder (no TCP port), started once, removed at the end.

As root the server runs as the ``postgres`` system user (``runuser``), as PostgreSQL refuses root.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "thidua_admin"


def find_binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (Debian's /usr/lib/postgresql/N/bin, or PATH)."""
    if sys.platform == "win32":
        return None
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    if candidates:
        return candidates[0].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def missing_reason() -> str | None:
    """Why no cluster can be started here, or None."""
    if sys.platform == "win32":
        return "PostgreSQL tests run on Linux only (no initdb/pg_ctl on this machine)"
    if find_binaries() is None:
        return "PostgreSQL binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a «postgres» system user to run the server"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    base: Path
    bindir: Path
    port: int
    durable: bool = False  # fsync as a real server does (benchmarks); off for the tests

    @property
    def socket_dir(self) -> Path:
        return self.base

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        login = user + (f":{password}" if password else "")
        return f"postgresql://{login}@/{database}?host={self.socket_dir}&port={self.port}"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)

    def start(self) -> None:
        data = self.base / "data"
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c max_connections=60"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.base / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.base / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            )
        shutil.rmtree(self.base, ignore_errors=True)


def start_cluster(*, durable: bool = False) -> Cluster:
    """Start a cluster in a new temporary folder (raises RuntimeError with the reason if not)."""
    reason = missing_reason()
    if reason is not None:
        raise RuntimeError(reason)
    bindir = find_binaries()
    assert bindir is not None
    base = Path(tempfile.mkdtemp(prefix="thidua-pg-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    cluster = Cluster(base, bindir, _free_port(), durable)
    try:
        cluster.start()
    except subprocess.CalledProcessError as error:
        log = base / "server.log"
        details = (error.stderr or "") + (log.read_text() if log.exists() else "")
        cluster.stop()
        raise RuntimeError(f"cannot start PostgreSQL: {details}") from error
    return cluster
