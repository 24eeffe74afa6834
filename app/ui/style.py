"""Colours and styles of the window, in one place: what a refusal, a success, a warning, a hint, a
notice and the award tiers look like. Pages say what a label is (``set_tone(label, ERROR)``), never
which colour it takes."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QFrame, QLabel, QWidget

# --- colours -------------------------------------------------------------------------------------

ERROR = "#c62828"  # refused, below the threshold, over the quota
ERROR_DARK = "#b71c1c"
ERROR_BACKGROUND = "#fde3e1"
DONE = "#2e7d32"  # saved, made, ready
DONE_DARK = "#1b5e20"
WARNING = "#ef6c00"  # waits for the council; cancelled
WARNING_DARK = "#7a3e00"
HINT = "#555555"  # explanations under a control
TEXT = "#222222"
MUTED = "#8a8a8a"  # inactive units
CHANGED = "#0d47a1"
HEADING = "#1a237e"
READ_ONLY_BACKGROUND = "#f3f3f3"

# Award tiers: "Nhì" is silver but must stay readable on white, and every tier differs from the
# bars of units without an award (BAR_COLOUR).
TIER_COLOURS: dict[str, str] = {
    "nhat": "#b8860b",
    "nhi": "#546e7a",
    "ba": "#a0522d",
    "khuyen_khich": "#00796b",
    "pending": WARNING,
    "nop_thay": ERROR,  # an account marked as filing on others' behalf (Xếp hạng › Nộp thay)
}
BAR_COLOUR = "#cfd8dc"  # a unit without an award (pale: the awarded bars stand out)
SELECTED_COLOUR = "#1565c0"

# Flag key → (colour, glyph). Keys: the scoring core's flags, plus "tie", "settled", "excluded",
# "pending" and "over_quota" used by the window.
FLAG_STYLES: dict[str, tuple[str, str]] = {
    "below_threshold": (ERROR, "!"),
    "missing_dossiers": ("#6d6d6d", "?"),
    "missing_eid": ("#6d6d6d", "?"),
    "tie": ("#6d6d6d", "="),
    "pending": (WARNING, "="),
    "settled": (DONE, "✓"),
    "excluded": (ERROR, "×"),
    "over_quota": (ERROR, "!"),
}
# Light row backgrounds for the most important flag of a row. A tie inside one tier changes no
# award: it is not coloured (only a tie waiting for the council is).
ROW_BACKGROUNDS: dict[str, str] = {
    "pending": "#ffe9c7",
    "below_threshold": ERROR_BACKGROUND,
    "excluded": ERROR_BACKGROUND,
    "missing_dossiers": "#ececec",
    "missing_eid": "#ececec",
    "over_quota": ERROR_BACKGROUND,
}

# --- tones of a line of text ---------------------------------------------------------------------

PLAIN = ""
TONES = {
    PLAIN: "",
    "error": f"color: {ERROR};",
    "done": f"color: {DONE};",
    "warning": f"color: {WARNING};",
    "hint": f"color: {HINT};",
}
ERROR_TONE, DONE_TONE, WARNING_TONE, HINT_TONE = "error", "done", "warning", "hint"


def set_tone(label: QLabel, tone: str, *, bold: bool = False) -> None:
    """Colour ``label`` as a refusal, a success, a warning, a hint, or plain."""
    label.setStyleSheet(TONES[tone] + (" font-weight: bold;" if bold else ""))


def hint(label: QLabel, *, indent: int = 0) -> QLabel:
    """A grey explanation under or beside a control (wrapped)."""
    label.setWordWrap(True)
    label.setStyleSheet(TONES["hint"] + (f" margin-left: {indent}px;" if indent else ""))
    return label


# --- boxes ---------------------------------------------------------------------------------------

BOXES = {
    # a notice about the mode or what the page is for
    "info": "background: #e8f0fe; border: 1px solid #9ab7e8; padding: 6px;",
    # a refusal or a problem to mend
    "error": f"color: {ERROR_DARK}; background: {ERROR_BACKGROUND}; padding: 6px; "
    "border-radius: 3px;",
    # documents that can be made
    "ready": "background: #edf7ed; border: 1px solid #a5d6a7; padding: 6px;",
    # documents that cannot be made yet
    "blocked": "background: #fdecea; border: 1px solid #e0a8a4; padding: 6px;",
    # a tie the council has to settle
    "tie": f"background: #fff3cd; border: 2px solid {WARNING}; border-radius: 4px;",
    # a period without figures
    "empty": "background: #f5f5f5; border: 1px solid #bdbdbd; border-radius: 4px;",
}


def box(widget: QWidget, kind: str) -> None:
    """Draw ``widget`` (a label or a frame, by its object name when it has one) as a box."""
    selector = type(widget).__name__ if isinstance(widget, (QLabel, QFrame)) else "QWidget"
    name = widget.objectName()
    target = f"{selector}#{name}" if name else selector
    widget.setStyleSheet(f"{target} {{ {BOXES[kind]} }}")


def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


def font(*, bold: bool = False, italic: bool = False) -> QFont:
    made = QFont()
    made.setBold(bold)
    made.setItalic(italic)
    return made


NAVIGATION = (
    "QListWidget#navigation { font-size: 11pt; }QListWidget#navigation::item { padding: 8px 6px; }"
)

# A damaged database (open read-only): the banner above the pages, the status bar's warning.
DAMAGE_BANNER = "QWidget#damageBanner { background: #fdecea; border-bottom: 2px solid #c62828; }"
STORAGE_WARNING = f"QLabel#storageWarning {{ color: {WARNING_DARK}; font-weight: bold; }}"
