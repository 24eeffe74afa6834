"""The pages of the main window, one module each, in navigation order.

To fill in a page, replace its module's class (keep SLUG and TITLE): the window finds it here.
"""

from __future__ import annotations

from app.ui import DEFAULT_PAGE, PAGE_NAMES
from app.ui.pages.awards import AwardsPage
from app.ui.pages.base import Page, PlaceholderPage
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

__all__ = ["DEFAULT_PAGE", "PAGES", "PAGE_SLUGS", "Page", "PlaceholderPage"]
