"""The window's size and place: as the officer left it (kept when the window closes, beside the
database with the other preferences), else fitted to the screen — 1280 × 800 where there is room,
smaller on a 1366 × 768 laptop, so that the title bar and the status bar are on the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.ui.preferences import app_settings

DEFAULT_SIZE = (1280, 800)
GEOMETRY_KEY = "cua-so/vi-tri"
SCREEN_SHARE = (0.96, 0.92)  # of the screen's free area a first window takes at most


def fitted_size(available: QRect) -> tuple[int, int]:
    """The first size of the window on a screen whose free area (without the task bar) is
    ``available``."""
    width = min(DEFAULT_SIZE[0], int(available.width() * SCREEN_SHARE[0]))
    height = min(DEFAULT_SIZE[1], int(available.height() * SCREEN_SHARE[1]))
    return width, height


def place_window(window: QWidget, db_path: Path) -> None:
    """Where the window was left for this database, else fitted to the screen and centred."""
    saved = app_settings(db_path).value(GEOMETRY_KEY)
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        return  # (Qt moves it back onto a screen that is still there)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*DEFAULT_SIZE)
        return
    available = screen.availableGeometry()
    window.resize(*fitted_size(available))
    frame = window.frameGeometry()
    frame.moveCenter(available.center())
    window.move(frame.topLeft())


def remember_window(window: QWidget, db_path: Path) -> None:
    """Keep the window's size, place and maximised state for the next start."""
    settings = app_settings(db_path)
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.sync()


__all__ = ["DEFAULT_SIZE", "fitted_size", "place_window", "remember_window"]
