#!/usr/bin/env python3
"""Set up the project's own virtual environment, then run the program or the checks.

    python3 scripts/dev.py run [ARGS...]    # set up .venv/ and start the program (ARGS go to main.py)
    python3 scripts/dev.py test [PYTEST...] # set up .venv/ and run ruff, mypy and pytest

Standard library only: it must work on a fresh clone, on Linux and on Windows (``py scripts\\dev.py``).
On Linux it also installs, with apt-get, the system libraries Qt needs when they are missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"

# Shared library (as ldconfig names it) -> Debian package providing it. Qt's xcb and offscreen
# plugins load these; the PDF tools are used by the tests of the award documents.
LINUX_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
}
# Programs the tests use -> Debian package.
LINUX_TEST_TOOLS = {
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "soffice": "libreoffice-writer-nogui",  # the .docx files opened and converted in the tests
}


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def missing_linux_packages(for_tests: bool) -> list[str]:
    try:
        known = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        known = ""
    packages = {pkg for lib, pkg in LINUX_LIBS.items() if lib not in known}
    if for_tests:
        packages |= {pkg for tool, pkg in LINUX_TEST_TOOLS.items() if shutil.which(tool) is None}
    return sorted(packages)


def ensure_system_packages(for_tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    packages = missing_linux_packages(for_tests)
    if not packages:
        return
    apt = shutil.which("apt-get")
    if apt is None:
        say("thiếu thư viện hệ thống (cài bằng trình quản lý gói): " + " ".join(packages))
        return
    prefix: list[str] = [] if os.geteuid() == 0 else ["sudo"]
    say("cài thư viện hệ thống Qt cần: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, apt, "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*prefix, apt, "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_venv(lock: Path) -> Path:
    python = venv_python()
    if not python.exists():
        say(f"tạo môi trường ảo {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = VENV / f".installed-{lock.name}"
    if not stamp.exists() or stamp.read_text().strip() != digest:
        say(f"cài các gói theo {lock.name}")
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                "-r",
                str(lock),
            ],
            check=True,
        )
        stamp.write_text(digest)
    return python


def run_program(args: list[str]) -> int:
    ensure_system_packages(for_tests=False)
    python = ensure_venv(RUNTIME_LOCK)
    return subprocess.call([str(python), str(ROOT / "main.py"), *args], cwd=ROOT)


def run_checks(pytest_args: list[str]) -> int:
    ensure_system_packages(for_tests=True)
    python = ensure_venv(DEV_LOCK)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    steps = [
        ("ruff check", [str(python), "-m", "ruff", "check", "."]),
        ("ruff format", [str(python), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
        ("pytest", [str(python), "-m", "pytest", *pytest_args]),
    ]
    for name, command in steps:
        say(name)
        status = subprocess.call(command, cwd=ROOT, env=env)
        if status != 0:
            say(f"{name} thất bại (mã {status})")
            return status
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        return run_program(rest)
    return run_checks(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
