#!/usr/bin/env python3
"""The screenshots of the user guide (docs/huong-dan/anh/), taken from the real program.

    .venv/bin/python scripts/guide_screenshots.py      # offscreen; no display needed

Each picture is ``main.py --screenshot`` of one page, on a fresh database in a temporary folder:
the sample figures and nominations (``--demo``), the award documents made with ``report all``
into the default folder (Documents/Ho so khen thuong), a tie that changes a tier (two communes
whose number of accounts is not given), commune mode, two tabs of Cài đặt (``--tab``: the
commune keys and the data server), and the ranking's «Nộp thay» tab on a portal export with the
owners' columns. Standard library only.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "huong-dan" / "anh"
SAMPLE = ROOT / "resources" / "demo" / "sample-units-2023.csv"
PAGES = ("don-vi", "so-lieu", "xep-hang", "khen-thuong", "nhap-xuat", "van-ban", "cai-dat")
TIED = ("31423", "31405")  # Xã Hòa An, Xã Thạnh Hòa: 100 points each, 2nd and 3rd
COMMUNE = "31399|Xã Tân Bình"
SETTINGS_TABS = {8: "10-khoa-ky-goi", 9: "11-may-chu-du-lieu"}  # tab number (district) → picture


def main_py(db: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def mode(db: Path, value: str) -> None:
    """The mode of use kept beside the database (app.ui.mode), so nothing is asked."""
    (db.parent / "giao-dien.ini").write_text(f"[che-do]\n{db.stem}={value}\n", encoding="utf-8")


def shot(db: Path, page: str, name: str, env: dict[str, str], *extra: str) -> None:
    out = OUT / f"{name}.png"
    main_py(db, *extra, "--screenshot", str(out), "--page", page, env=env)
    smaller(out)
    print(out)


def smaller(path: Path) -> None:
    """256 colours (a window has few): a third of the size, text as sharp (Pillow, which
    ReportLab brings, when it is there)."""
    try:
        from PIL import Image  # noqa: PLC0415
    except ImportError:
        return
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


PROXY_HEADER = ["Số hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Số CCCD/CMND", "Ủy quyền",
                "Cơ quan tiếp nhận", "Hình thức nộp", "Tài khoản nộp", "Ngày tiếp nhận"]  # fmt: skip
PROCEDURES = ("Đăng ký khai sinh", "Chứng thực bản sao", "Đăng ký kết hôn", "Cấp phiếu lý lịch")


def write_proxy_export(path: Path) -> None:
    """Thị trấn Cây Dương's dossiers: the one-stop desk's account filing for 14 owners without
    authorisation (marked), a service account with authorisations, and citizens' own accounts."""
    rows = [PROXY_HEADER]
    filings = [("motcua.caysduong", owner, "") for owner in range(14)]
    filings += [("dichvu.hq", 100 + owner, "Có" if owner < 6 else "") for owner in range(9)]
    filings += [(f"09{owner:08d}", 200 + owner, "") for owner in range(40)]
    for number, (account, owner, authorised) in enumerate(filings, start=1):
        rows.append([
            f"000.00.23.H23-231015-{number:04d}", PROCEDURES[number % 4],
            f"Người dân số {owner}", f"0892{owner:08d}", authorised, "UBND Thị trấn Cây Dương",
            "Trực tuyến toàn trình", account, f"{10 + number % 18:02d}/10/2023",
        ])  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="huong-dan-") as folder:
        base = Path(folder)
        home = base / "canbo"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), LANG="vi_VN.UTF-8")
        env["XDG_DOCUMENTS_DIR"] = str(home / "Documents")
        db = base / "du-lieu" / "thidua.sqlite3"
        db.parent.mkdir(parents=True)
        mode(db, "huyen")
        main_py(db, "init", env=env)
        shot(db, "xep-hang", "03-xep-hang", env, "--demo")
        documents = home / "Documents" / "Ho so khen thuong"
        main_py(db, "report", "all", "--out", str(documents), env=env)
        for number, page in enumerate(PAGES, start=1):
            if page != "xep-hang":
                shot(db, page, f"{number:02d}-{page}", env)
        # Cài đặt's tabs of section 5: the commune keys (one made for Xã Tân Bình), the server
        main_py(db, "package-key", COMMUNE.partition("|")[0], env=env)
        for tab, name in SETTINGS_TABS.items():
            shot(db, "cai-dat", name, env, "--tab", str(tab))

        # a tie that changes a tier: the council settles it
        tie = base / "dong-hang" / "thidua.sqlite3"
        tie.parent.mkdir(parents=True)
        mode(tie, "huyen")
        with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            if row[0] in TIED:
                row[5] = ""  # the number of accounts not given: the tie-break cannot separate
        figures = base / "so-lieu-dong-hang.csv"
        with figures.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        main_py(tie, "import-figures", str(figures), env=env)
        shot(tie, "xep-hang", "08-dong-hang", env)

        # dossiers filed on citizens' behalf: a portal export with the owners' columns
        proxy = base / "nop-thay" / "thidua.sqlite3"
        proxy.parent.mkdir(parents=True)
        mode(proxy, "huyen")
        main_py(proxy, "import-figures", str(SAMPLE), env=env)
        export = base / "ho-so-co-chu-ho-so.csv"
        write_proxy_export(export)
        main_py(proxy, "import-dossiers", str(export), env=env)
        shot(proxy, "xep-hang", "12-nop-thay", env, "--tab", "2")

        # commune mode: Xã Tân Bình's clerk
        mode(db, COMMUNE)
        shot(db, "so-lieu", "09-che-do-xa", env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
