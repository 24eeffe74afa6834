"""What every page shares: its title, its slug (``--page``), the context, and a refresh hook."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import AppContext


class Page(QWidget):
    """A page of the main window. Subclasses set SLUG and TITLE, build their widgets in
    ``__init__`` (into ``self.body``), and redraw in ``refresh()`` (called on every data change)."""

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
        self.stale = False
        context.changed.connect(self._data_changed)

    def _data_changed(self) -> None:
        # Hidden pages redraw when next shown: an edit only redraws what the user sees.
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the context (ranking, period). Pages with data override this."""

    def close_down(self) -> None:
        """Finish background work before the window closes (pages with workers override this)."""

    def first_focus(self) -> QWidget:
        """The widget that takes the keyboard when the page is shown."""
        return self


class PlaceholderPage(Page):
    """A page still to be built: its title and a line saying what it will hold."""

    DESCRIPTION = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        note = QLabel(self.DESCRIPTION + "\n\nTrang này đang được xây dựng.")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        note.setObjectName("placeholder-note")
        self.body.addWidget(note, 1)
