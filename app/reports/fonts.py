"""The bundled font family (Liberation Serif 2.x: Times New Roman widths, every Vietnamese letter).

Only the TTFs in ``resources/fonts/`` are used: never a system font, since fonts-liberation 1.x
has the same family name and lacks 93 Vietnamese letters (TECH-NOTES.md).
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resource_path

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


class FontMissingError(RuntimeError):
    """A bundled font file is missing (message in Vietnamese)."""


def register_fonts() -> str:
    """Register the four faces as one family (idempotent); return the family's regular name."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return REGULAR
    for name, filename in _FILES.items():
        path = resource_path("fonts", filename)
        if not path.is_file():
            raise FontMissingError(
                f"Thiếu tệp phông chữ {filename} trong thư mục {path.parent}; "
                "hãy cài lại chương trình."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold in (0, 1):
        for italic in (0, 1):
            face = (REGULAR, ITALIC, BOLD, BOLD_ITALIC)[bold * 2 + italic]
            addMapping(FAMILY, bold, italic, face)
    return REGULAR
