"""What every page shares: its title, its slug (``--page``), the context, a refresh hook and a mode
hook (with a notice line for commune mode)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui import style
from app.ui.context import AppContext, Mode


class Page(QWidget):
    """A page of the main window. Subclasses set SLUG and TITLE, build their widgets in
    ``__init__`` (into ``self.body``), redraw in ``refresh()`` (called on every data change) and
    show or hide their own widgets in ``apply_mode()`` (called when the mode changes)."""

    SLUG = ""
    TITLE = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page-{self.SLUG}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(self.TITLE)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setObjectName("page-title")
        self.heading = heading
        self.body.addWidget(heading)
        self.mode_banner = QLabel()  # what the page is for in commune mode
        self.mode_banner.setObjectName("mode-banner")
        self.mode_banner.setWordWrap(True)
        style.box(self.mode_banner, "info")
        self.mode_banner.hide()
        self.body.addWidget(self.mode_banner)
        self.stale = False
        context.changed.connect(self._data_changed)
        context.mode_changed.connect(self._mode_changed)

    def _data_changed(self) -> None:
        # Hidden pages redraw when next shown: an edit only redraws what the user sees.
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def _mode_changed(self, mode: object) -> None:
        assert isinstance(mode, Mode)
        self.apply_mode(mode)

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the context (ranking, period). Pages with data override this."""

    def apply_mode(self, mode: Mode) -> None:
        """Show what ``mode`` lets this page show (pages with district-only parts override
        this); the redraw follows (``changed``)."""

    def show_mode_banner(self, text: str) -> None:
        """The commune-mode notice under the title ('' hides it)."""
        self.mode_banner.setText(text)
        self.mode_banner.setVisible(bool(text))

    def close_down(self) -> None:
        """Finish background work before the window closes (pages with workers override this)."""

    def first_focus(self) -> QWidget:
        """The widget that takes the keyboard when the page is shown."""
        return self
