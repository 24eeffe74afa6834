"""Icons drawn in code (no image files to ship or lose): flag markers and the application icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.resources import resource_path
from app.ui.style import FLAG_STYLES, TEXT


def flag_colour(flag: str) -> str:
    return FLAG_STYLES.get(flag, (TEXT, ""))[0]


@cache
def flag_icon(flag: str, size: int = 16) -> QIcon:
    """A filled circle in the flag's colour with a white glyph."""
    colour, glyph = FLAG_STYLES.get(flag, (TEXT, "•"))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.7))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


@cache
def app_icon() -> QIcon:
    """The program's icon (resources/icons/app.svg, or a drawn one when SVG cannot be read)."""
    path = resource_path("icons", "app.svg")
    icon = QIcon(str(path)) if path.exists() else QIcon()
    if not icon.isNull() and not icon.pixmap(32, 32).isNull():
        return icon
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    painter.setBrush(QColor("#ffd54f"))
    for index, height in enumerate((18, 30, 42)):
        painter.drawRect(QRectF(12 + index * 15, 52 - height, 11, height))
    painter.end()
    return QIcon(pixmap)
