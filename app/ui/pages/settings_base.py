"""What the tabs of the Cài đặt page share: the context, a refresh hook, a message line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.errors import as_user_error
from app.ui import style
from app.ui.context import AppContext

log = logging.getLogger("thidua.ui")
T = TypeVar("T")


class SettingsTab(QWidget):
    """A tab: ``refresh()`` reads its data again; ``message`` says what happened (or why not)."""

    TITLE = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.message.hide()

    def scrolling_layout(self, intro: str) -> tuple[QVBoxLayout, QVBoxLayout]:
        """The tab's layout: a wrapped introduction, then a scrolling area that fills the rest.
        Returns (the tab's layout, for buttons and message below; the scrolled layout)."""
        outer = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        outer.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        return outer, layout

    def refresh(self) -> None:
        """Read the tab's data again."""

    def first_focus(self) -> QWidget:
        return self

    def say(self, text: str, *, error: bool = False) -> None:
        style.set_tone(self.message, style.ERROR_TONE if error else style.DONE_TONE, bold=error)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def attempt(self, action: Callable[[], T]) -> tuple[bool, T | None]:
        """Run a user action; a refusal is shown on the message line (nothing was written)."""
        try:
            return True, action()
        except Exception as error:
            refusal = as_user_error(error)
            if refusal is None:
                raise
            log.info("Từ chối: %s", refusal)
            self.say(str(refusal), error=True)
            return False, None
