#!/usr/bin/env python3
"""Render the program's icon (resources/icons/app.svg, the window's icon) as .ico and .png.

    .venv/bin/python scripts/make_icon.py           # writes resources/icons/app.ico and app.png
    .venv/bin/python scripts/make_icon.py --force   # overwrite them (after app.svg changed)

The .ico goes into the Windows .exe (pyinstaller.spec); the .png is for desktop files and the README.
Qt renders the SVG (offscreen, no window), Pillow (which comes with ReportLab) writes the .ico with
every size Windows asks for. The files are committed; an existing file is kept unless ``--force``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "app.svg"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
PNG_SIZE = 256


def render(size: int) -> bytes:
    """The SVG drawn at size × size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    _app = QGuiApplication.instance() or QGuiApplication(["make_icon"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"không đọc được {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image  # noqa: PLC0415

    force = "--force" in argv
    png, ico = ICONS / "app.png", ICONS / "app.ico"
    if png.exists() and not force:
        print(f"{png} đã có, giữ nguyên (--force để vẽ lại)")
    else:
        png.write_bytes(render(PNG_SIZE))
        print(f"đã ghi {png}")
    if ico.exists() and not force:
        print(f"{ico} đã có, giữ nguyên (--force để vẽ lại)")
    else:
        # Each size drawn from the SVG (sharper than scaling one bitmap down), largest first.
        images = [Image.open(io.BytesIO(render(size))) for size in sorted(ICO_SIZES, reverse=True)]
        images[0].save(
            ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[1:]
        )
        print(f"đã ghi {ico}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
