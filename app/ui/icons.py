"""Icons drawn in code (no image files to ship or lose): flag markers and the application icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.resources import resource_path

# Flag key → (colour, glyph). Keys: the scoring core's flags, plus "tie", "settled", "excluded",
# "pending" and "over_quota" used by the window.
FLAG_STYLES: dict[str, tuple[str, str]] = {
    "below_threshold": ("#c62828", "!"),
    "missing_dossiers": ("#6d6d6d", "?"),
    "missing_eid": ("#6d6d6d", "?"),
    "tie": ("#ef6c00", "="),
    "pending": ("#ef6c00", "="),
    "settled": ("#2e7d32", "✓"),
    "excluded": ("#c62828", "×"),
    "over_quota": ("#c62828", "!"),
}

# Light row backgrounds for the most important flag of a row.
ROW_BACKGROUNDS: dict[str, str] = {
    "tie": "#ffe9c7",
    "pending": "#ffe9c7",
    "below_threshold": "#fde3e1",
    "excluded": "#fde3e1",
    "missing_dossiers": "#ececec",
    "missing_eid": "#ececec",
    "over_quota": "#fde3e1",
}

TIER_COLOURS: dict[str, str] = {
    "nhat": "#d4a017",
    "nhi": "#8c9aa6",
    "ba": "#b0713a",
    "khuyen_khich": "#4f7cac",
    "pending": "#ef6c00",
}


def flag_colour(flag: str) -> QColor:
    return QColor(FLAG_STYLES.get(flag, ("#444444", ""))[0])


@cache
def flag_icon(flag: str, size: int = 16) -> QIcon:
    """A filled circle in the flag's colour with a white glyph."""
    colour, glyph = FLAG_STYLES.get(flag, ("#444444", "•"))
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
