#!/usr/bin/env python3
"""Smoke test of the built program (PyInstaller bundle), run after scripts/build.

    python3 scripts/smoke_bundle.py                      # dist/ThiDuaDVCTT/ (one folder)
    python3 scripts/smoke_bundle.py --onefile            # dist/ThiDuaDVCTT-<version>[-console]
    python3 scripts/smoke_bundle.py --from-source        # the same checks on `python main.py`

Checks, with the bundled console program (the windowed one for the window):
1. ``--help`` runs and lists the commands;
2. ``score GOLDEN.csv --json`` gives, for every unit and field of ``GOLDEN.expected.json``, the
   golden value (../shared/spec/golden; without it, the same JSON as the program run from source);
3. on a fresh database: ``init``, ``import-figures`` the sample, ``report all`` makes the PDFs, and
   every font in them is embedded (``pdffonts`` when installed, else the PDF's font dictionaries);
4. the file formats: ``export-xlsx`` and ``export-package`` write .xlsx (openpyxl), ``import-package``
   reads it back (calamine), ``import-dossiers`` reads a portal export .csv (pandas);
5. portable mode: with a ``portable`` file beside the program, ``init`` puts the database in
   ``data/`` beside it (then both are removed again);
6. the windowed program opens its main window offscreen, writes ``--screenshot`` and exits 0: once
   on a new database (first start: migrations, seed), then three times on it; the time from launch
   to exit (window shown, drawn to PNG) is the start-up time reported; with ``--demo`` (the sample
   files of resources/demo loaded through the services) on the awards page.

A step whose command the program does not have yet (``report``, ``--screenshot``) is skipped with a
note. Standard library only. Exits 0 when every step passed; prints ``smoke: N passed, N failed``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "ThiDuaDVCTT"
GOLDEN_DIR = ROOT.parent / "shared" / "spec" / "golden"
GOLDEN_CASES = ("sample-units-2023", "edge-cases")
SAMPLE_FALLBACK = ROOT / "resources" / "demo" / "sample-units-2023.csv"
EXPECTED_PDFS = ("to-trinh.pdf", "bien-ban.pdf", "bang-diem.pdf", "giay-khen.pdf")
STANDARD_14 = re.compile(rb"/BaseFont\s*/(Helvetica|Times|Courier|Symbol|ZapfDingbats)")
BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
TIMEOUT = 120


class StepFailedError(Exception):
    """A check failed; the message says what was expected and what came."""


class StepSkippedError(Exception):
    """A step the program cannot do yet (a command it does not have)."""


def say(message: str) -> None:
    print(f"[smoke] {message}", flush=True)


def exe_suffix() -> str:
    return ".exe" if os.name == "nt" else ""


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def venv_python() -> Path:
    venv = ROOT / ".venv"
    return venv / "Scripts" / "python.exe" if os.name == "nt" else venv / "bin" / "python"


class Program:
    """How to run the program: the bundled executables, or ``python main.py``."""

    def __init__(self, console: list[str], gui: list[str], frozen: bool, folder: Path | None):
        self.console = console
        self.gui = gui
        self.frozen = frozen
        self.folder = folder  # where the executables are (portable mode), None from source

    @classmethod
    def bundle(cls, dist: Path, onefile: bool) -> Program:
        if onefile:
            stem = f"{APP_NAME}-{project_version()}"
            console, gui = dist / f"{stem}-console{exe_suffix()}", dist / f"{stem}{exe_suffix()}"
        else:
            folder = dist / APP_NAME
            console = folder / f"{APP_NAME}-console{exe_suffix()}"
            gui = folder / f"{APP_NAME}{exe_suffix()}"
        for path in (console, gui):
            if not path.is_file():
                raise SystemExit(f"[smoke] không thấy {path}: hãy chạy scripts/build trước")
        return cls([str(console)], [str(gui)], frozen=True, folder=console.parent)

    @classmethod
    def source(cls) -> Program:
        python = venv_python() if venv_python().exists() else Path(sys.executable)
        command = [str(python), str(ROOT / "main.py")]
        return cls(command, command, frozen=False, folder=None)


def run(
    command: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
        check=False,
    )


def expect_ok(result: subprocess.CompletedProcess[str], what: str) -> str:
    if result.returncode != 0:
        raise StepFailedError(
            f"{what}: mã thoát {result.returncode}\n--- stdout\n{result.stdout[-3000:]}"
            f"\n--- stderr\n{result.stderr[-3000:]}"
        )
    return result.stdout


def program_env() -> dict[str, str]:
    """No window system needed; UTF-8 everywhere; never the user's own data folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONPATH", None)
    return env


# --- the steps -------------------------------------------------------------------------------------


def step_help(program: Program, work: Path, state: dict[str, str]) -> str:
    started = time.perf_counter()
    out = expect_ok(run([*program.console, "--help"], env=program_env()), "--help")
    elapsed = time.perf_counter() - started
    state["help"] = out
    if "score" not in out:
        raise StepFailedError(f"--help không liệt kê lệnh score:\n{out}")
    return f"{elapsed:.2f} s"


def compare_golden(actual: list[dict[str, object]], expected: list[dict[str, object]]) -> list[str]:
    problems = []
    by_code = {str(unit.get("code")): unit for unit in actual}
    if [u.get("code") for u in actual] != [u.get("code") for u in expected]:
        problems.append(
            "thứ tự đơn vị khác: "
            f"{[u.get('code') for u in actual]} ≠ {[u.get('code') for u in expected]}"
        )
    for unit in expected:
        code = str(unit["code"])
        got = by_code.get(code)
        if got is None:
            problems.append(f"thiếu đơn vị {code}")
            continue
        for field, value in unit.items():
            if got.get(field) != value:
                problems.append(f"{code}.{field}: {got.get(field)!r} ≠ {value!r}")
    return problems


def step_score(program: Program, work: Path, state: dict[str, str]) -> str:
    env = program_env()
    golden = Path(state.get("golden", GOLDEN_DIR))
    if golden.is_dir():
        checked = []
        for case in GOLDEN_CASES:
            csv_file = golden / f"{case}.csv"
            expected_file = golden / f"{case}.expected.json"
            if not (csv_file.is_file() and expected_file.is_file()):
                continue
            out = expect_ok(
                run([*program.console, "score", str(csv_file), "--json"], env=env), case
            )
            problems = compare_golden(
                json.loads(out), json.loads(expected_file.read_text(encoding="utf-8"))
            )
            if problems:
                raise StepFailedError(f"{case}: khác kết quả mẫu:\n  " + "\n  ".join(problems[:20]))
            checked.append(case)
        if not checked:
            raise StepFailedError(f"không có ca mẫu nào trong {golden}")
        state["sample"] = str(golden / f"{GOLDEN_CASES[0]}.csv")
        return "golden: " + ", ".join(checked)
    # No shared/ (a hosted CI runner): the bundle must print what the source program prints.
    if not SAMPLE_FALLBACK.is_file():
        raise StepSkippedError(f"không có {golden} cũng không có {SAMPLE_FALLBACK}")
    state["sample"] = str(SAMPLE_FALLBACK)
    command = ["score", str(SAMPLE_FALLBACK), "--json"]
    bundled = json.loads(expect_ok(run([*program.console, *command], env=env), "score"))
    source = json.loads(expect_ok(run([*Program.source().console, *command], env=env), "source"))
    if bundled != source:
        raise StepFailedError("score --json của gói khác của mã nguồn")
    return f"= mã nguồn ({SAMPLE_FALLBACK.name}, không có {golden})"


def fonts_problems(pdf: Path) -> list[str]:
    """Fonts of ``pdf`` that are not embedded."""
    pdffonts = shutil.which("pdffonts")
    if pdffonts is not None:
        out = expect_ok(run([pdffonts, str(pdf)]), f"pdffonts {pdf.name}")
        lines = out.splitlines()[2:]
        # columns: name type encoding emb sub uni object ID; "emb" is the 5th from the end
        bad = [line for line in lines if line.split() and line.split()[-5] != "yes"]
        return [f"{pdf.name}: {line.strip()}" for line in bad] + (
            [f"{pdf.name}: không có phông nào"] if not lines else []
        )
    data = pdf.read_bytes()
    names = BASE_FONT.findall(data)
    problems = [
        f"{pdf.name}: phông chuẩn không nhúng {m.group(0)!r}" for m in STANDARD_14.finditer(data)
    ]
    problems += [
        f"{pdf.name}: {name.decode(errors='replace')} không phải tập con nhúng"
        for name in names
        if not re.match(rb"[A-Z]{6}\+", name)
    ]
    if not names or b"/FontFile" not in data:
        problems.append(f"{pdf.name}: không thấy phông nhúng")
    return problems


def step_reports(program: Program, work: Path, state: dict[str, str]) -> str:
    help_text = state.get("help", "")
    if not re.search(r"^\s+report\s", help_text, re.MULTILINE):
        raise StepSkippedError("chương trình chưa có lệnh report")
    if "sample" not in state:
        raise StepSkippedError("không có tệp số liệu mẫu")
    env = program_env()
    db = work / "reports" / "thidua.sqlite3"
    out_dir = work / "reports" / "out"
    base = [*program.console, "--db", str(db)]
    expect_ok(run([*base, "init"], env=env), "init")
    expect_ok(run([*base, "import-figures", state["sample"]], env=env), "import-figures")
    started = time.perf_counter()
    expect_ok(run([*base, "report", "all", "--out", str(out_dir)], env=env), "report all")
    elapsed = time.perf_counter() - started
    pdfs = sorted(out_dir.rglob("*.pdf"))
    missing = [name for name in EXPECTED_PDFS if not (out_dir / name).is_file()]
    if missing:
        raise StepFailedError(f"report all không tạo {missing}; có: {[p.name for p in pdfs]}")
    problems = []
    for pdf in pdfs:
        if not pdf.read_bytes().startswith(b"%PDF-"):
            problems.append(f"{pdf.name}: không phải PDF")
        problems += fonts_problems(pdf)
    if problems:
        raise StepFailedError("\n  ".join(["phông chữ:", *problems[:20]]))
    how = "pdffonts" if shutil.which("pdffonts") else "từ điển phông"
    return f"{len(pdfs)} PDF, phông nhúng hết ({how}); report all {elapsed:.2f} s"


DOSSIER_ROWS = [
    ("Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp", "Tài khoản nộp", "Ngày tiếp nhận"),
    ("H-0001", "Thị trấn Cây Dương", "Trực tuyến", "0001", "15/10/2023 08:30"),
    ("H-0002", "Thị trấn Cây Dương", "Trực tiếp", "", "16/10/2023"),
    ("H-0003", "Thị trấn Cây Dương", "Trực tuyến toàn trình", "0002", "17/10/2023"),
]


def is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def step_exchange(program: Program, work: Path, state: dict[str, str]) -> str:
    """The bundled file libraries: openpyxl writes .xlsx, calamine reads it, pandas reads a CSV."""
    help_text = state.get("help", "")
    needed = ("export-xlsx", "package-key", "export-package", "import-package", "import-dossiers")
    missing = [name for name in needed if not re.search(rf"^\s+{name}\s", help_text, re.MULTILINE)]
    if missing:
        raise StepSkippedError(f"chương trình chưa có lệnh {', '.join(missing)}")
    env = program_env()
    db = work / "exchange" / "thidua.sqlite3"
    base = [*program.console, "--db", str(db)]
    expect_ok(run([*base, "init"], env=env), "init")
    if "sample" in state:
        expect_ok(run([*base, "import-figures", state["sample"]], env=env), "import-figures")
    table = work / "exchange" / "bang-diem.xlsx"
    expect_ok(run([*base, "export-xlsx", str(table)], env=env), "export-xlsx")
    package = work / "exchange" / "goi-31396.xlsx"
    # The unit's key first, so the package is signed (hmac) and its signature checked on import.
    expect_ok(run([*base, "package-key", "31396"], env=env), "package-key")
    expect_ok(
        run([*base, "export-package", "--unit", "31396", str(package)], env=env), "export-package"
    )
    for path in (table, package):
        if not is_xlsx(path):
            raise StepFailedError(f"{path.name} không phải tệp .xlsx")
    expect_ok(run([*base, "import-package", "--yes", str(package)], env=env), "import-package")
    dossiers = work / "exchange" / "ho-so.csv"
    with dossiers.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(DOSSIER_ROWS)
    expect_ok(run([*base, "import-dossiers", str(dossiers)], env=env), "import-dossiers")
    return "export-xlsx, package-key, export-package (signed) → import-package (.xlsx), import-dossiers (.csv)"


def step_portable(program: Program, work: Path, state: dict[str, str]) -> str:
    if not program.frozen or program.folder is None:
        raise StepSkippedError("chỉ có ý nghĩa với chương trình đã đóng gói")
    marker = program.folder / "portable"
    data = program.folder / "data"
    if marker.exists() or data.exists():
        raise StepSkippedError(f"{marker} hoặc {data} đã có sẵn: không đụng vào")
    try:
        marker.write_text("", encoding="utf-8")
        expect_ok(run([*program.console, "init"], env=program_env(), cwd=work), "init (portable)")
        db = data / "thidua.sqlite3"
        if not db.is_file():
            found = sorted(str(p) for p in data.rglob("*")) if data.exists() else []
            raise StepFailedError(f"chế độ portable: không có {db} (có: {found})")
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)
    return f"cơ sở dữ liệu ở {db.relative_to(program.folder)} cạnh chương trình"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if not head.startswith(b"\x89PNG\r\n\x1a\n"):
        raise StepFailedError(f"{path} không phải ảnh PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def screenshot_run(command: list[str], db: Path, shot: Path) -> float:
    """Launch the window with ``--screenshot``; the seconds from launch to exit."""
    started = time.perf_counter()
    result = run([*command, "--db", str(db), "--screenshot", str(shot)], env=program_env())
    elapsed = time.perf_counter() - started
    expect_ok(result, "--screenshot")
    if not shot.is_file():
        raise StepFailedError(f"--screenshot không ghi {shot}")
    width, height = png_size(shot)
    if width < 200 or height < 200:
        raise StepFailedError(f"ảnh cửa sổ quá nhỏ: {width}×{height}")
    return elapsed


def step_window(program: Program, work: Path, state: dict[str, str]) -> str:
    if "--screenshot" not in state.get("help", ""):
        raise StepSkippedError("chương trình chưa có tùy chọn --screenshot")
    db = work / "gui" / "thidua.sqlite3"
    # First start: creates the database (migrations, seed). Then ordinary starts on it.
    first = screenshot_run(program.gui, db, work / "window-first.png")
    times = [screenshot_run(program.gui, db, work / f"window-{i}.png") for i in range(3)]
    state["window"] = f"{min(times):.2f}"
    demo = ""
    if "--demo" in state.get("help", ""):  # the demo files of resources/demo, through the services
        command = [*program.gui, "--demo", "--page", "khen-thuong"]
        screenshot_run(command, work / "gui" / "demo.sqlite3", work / "window-demo.png")
        demo = "; --demo (trang Khen thưởng) được"
    return (
        f"khởi động → cửa sổ → ảnh PNG → thoát: {min(times):.2f} s nhanh nhất, "
        f"{statistics.median(times):.2f} s trung vị ({len(times)} lần); "
        f"lần đầu (tạo cơ sở dữ liệu) {first:.2f} s{demo}"
    )


STEPS: list[tuple[str, Callable[[Program, Path, dict[str, str]], str]]] = [
    ("help", step_help),
    ("score (golden)", step_score),
    ("report all (embedded fonts)", step_reports),
    ("exchange (.xlsx, .csv)", step_exchange),
    ("portable", step_portable),
    ("window (--screenshot)", step_window),
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="folder of the build")
    parser.add_argument("--onefile", action="store_true", help="test the one-file build")
    parser.add_argument("--from-source", action="store_true", help="test `python main.py`")
    parser.add_argument(
        "--golden",
        type=Path,
        default=GOLDEN_DIR,
        help="folder of the golden cases (*.csv + *.json)",
    )
    args = parser.parse_args(argv)
    program = Program.source() if args.from_source else Program.bundle(args.dist, args.onefile)
    say(f"chương trình: {' '.join(program.console)}")
    passed = failed = skipped = 0
    state: dict[str, str] = {"golden": str(args.golden)}
    with tempfile.TemporaryDirectory(prefix="thidua-smoke-") as temp:
        work = Path(temp)
        for name, step in STEPS:
            try:
                detail = step(program, work, state)
            except StepSkippedError as skip:
                skipped += 1
                say(f"SKIP {name}: {skip}")
            except (StepFailedError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
                failed += 1
                say(f"FAIL {name}: {error}")
            else:
                passed += 1
                say(f"ok   {name}: {detail}")
    summary = f"smoke: {passed} passed, {failed} failed"
    print(summary + (f", {skipped} skipped" if skipped else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
