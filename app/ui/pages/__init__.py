"""The pages of the main window, one module each, in navigation order.

Each page keeps its SLUG (``--page``) and TITLE; the window finds them here.
"""

from __future__ import annotations

from app.ui import DEFAULT_PAGE, PAGE_NAMES
from app.ui.pages.awards import AwardsPage
from app.ui.pages.base import Page
from app.ui.pages.documents import DocumentsPage
from app.ui.pages.figures import FiguresPage
from app.ui.pages.import_export import ImportExportPage
from app.ui.pages.ranking import RankingPage
from app.ui.pages.settings import SettingsPage
from app.ui.pages.units import UnitsPage

PAGES: tuple[type[Page], ...] = (
    UnitsPage,
    FiguresPage,
    RankingPage,
    AwardsPage,
    ImportExportPage,
    DocumentsPage,
    SettingsPage,
)
PAGE_SLUGS: tuple[str, ...] = tuple(p.SLUG for p in PAGES)
assert PAGE_SLUGS == PAGE_NAMES, "app.ui.PAGE_NAMES must list the pages in order"

__all__ = ["DEFAULT_PAGE", "PAGES", "PAGE_SLUGS", "Page"]
